/**
 * Types for the untyped parts of the BPMN tool chain. bpmn-moddle ships element types but none
 * for its `BpmnModdle` class, and bpmnlint ships none for its entry point; we declare only what
 * the engine calls.
 */

declare module 'bpmn-moddle' {
  export interface ModdleWarning {
    message: string;
    element?: { id?: unknown };
  }

  export interface ParseOutput {
    rootElement: unknown;
    warnings: ModdleWarning[];
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ParseOutput>;
  }
}

declare module 'bpmnlint' {
  export interface LintReport {
    id?: string;
    message: string;
    category: string;
  }

  export interface Resolver {
    resolveRule(pkg: string, ruleName: string): unknown;
    resolveConfig(pkg: string, configName: string): unknown;
  }

  export class Linter {
    constructor(options: { resolver: Resolver; config?: Record<string, unknown> });
    lint(root: unknown, config?: Record<string, unknown>): Promise<Record<string, LintReport[]>>;
  }
}
