// Libraries without their own type declarations, typed as far as the modeler uses them.

declare module '@camunda/linting' {
  export interface LintReport {
    id: string;
    name?: string;
    message: string;
    category: 'error' | 'warn' | 'info' | 'rule-error';
    rule?: string;
  }
  export class Linter {
    constructor(options?: { modeler?: 'desktop' | 'web'; type?: 'cloud' | 'platform' });
    lint(contents: string | object): Promise<LintReport[]>;
  }
}

declare module '@camunda/linting/modeler' {
  const lintingModule: Record<string, unknown>;
  export default lintingModule;
}

declare module 'bpmn-js-differ' {
  export interface DiffEntry {
    $type: string;
    id: string;
    name?: string;
    $parent?: DiffEntry;
  }
  export interface DiffResult {
    _added: Record<string, DiffEntry>;
    _removed: Record<string, DiffEntry>;
    _layoutChanged: Record<string, DiffEntry>;
    _changed: Record<
      string,
      { model: DiffEntry; attrs: Record<string, { oldValue: unknown; newValue: unknown }> }
    >;
  }
  export function diff(oldDefinitions: object, newDefinitions: object): DiffResult;
}

declare module '@camunda/linting/assets/linting.css';
declare module 'camunda-bpmn-js/dist/assets/camunda-cloud-modeler.css';
declare module 'camunda-bpmn-js/dist/assets/camunda-cloud-navigated-viewer.css';

declare module 'dmn-js/lib/Modeler' {
  export interface DmnView {
    id: string;
    type: 'drd' | 'decisionTable' | 'literalExpression' | 'boxedExpression';
    element: { id: string; name?: string };
  }
  export interface DmnViewer {
    get<T = unknown>(name: string): T;
  }
  export default class DmnModeler {
    constructor(options: { container: HTMLElement; [option: string]: unknown });
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
    getViews(): DmnView[];
    getActiveView(): DmnView | undefined;
    getActiveViewer(): DmnViewer | undefined;
    open(view: DmnView): Promise<unknown>;
    on(event: string, callback: (...args: unknown[]) => void): void;
    destroy(): void;
  }
}

declare module 'dmn-js/dist/assets/diagram-js.css';
declare module 'dmn-js/dist/assets/dmn-js-shared.css';
declare module 'dmn-js/dist/assets/dmn-js-drd.css';
declare module 'dmn-js/dist/assets/dmn-js-decision-table.css';
declare module 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
declare module 'dmn-js/dist/assets/dmn-js-literal-expression.css';
declare module 'dmn-js/dist/assets/dmn-font/css/dmn.css';
