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
