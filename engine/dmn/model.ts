/**
 * The executable form of a deployed DMN decision: parsed once at deployment (dmn-moddle) and
 * kept in the engine's state, so evaluating never touches XML. Names follow Zeebe's records
 * (`DecisionRecord`, `EvaluatedDecisionValue`) because they appear in APIs.
 */

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER';
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface TableInput {
  id: string;
  name: string;
  /** FEEL expression over the evaluation's variables. */
  expression: string;
}

export interface TableOutput {
  id: string;
  /** The output's key in a multi-output result (context). */
  name: string;
  /** PRIORITY: the allowed values, highest priority first (FEEL list items). */
  priorities: string[];
}

export interface TableRule {
  id: string;
  /** One FEEL unary test per input; `-` or empty means "any value". */
  inputEntries: string[];
  /** One FEEL expression per output. */
  outputEntries: string[];
}

export type DecisionLogic =
  | {
      kind: 'table';
      hitPolicy: HitPolicy;
      aggregation?: Aggregation;
      inputs: TableInput[];
      outputs: TableOutput[];
      rules: TableRule[];
    }
  | { kind: 'literal'; expression: string; variableName: string };

export interface ExecutableDecision {
  decisionId: string;
  name: string;
  /** `zeebe:versionTag value` of the decision: a label business rule tasks can bind to. */
  versionTag?: string;
  /** Ids of the decisions this one requires (informationRequirement), evaluated first. */
  requires: string[];
  logic: DecisionLogic;
}

/** A DMN file: its decision requirements graph (DRG), deployed as one unit. */
export interface ExecutableDrg {
  decisionRequirementsId: string;
  name: string;
  decisions: ExecutableDecision[];
}

/** Zeebe's EvaluatedDecision, as the gRPC and REST responses report it. */
export interface EvaluatedDecision {
  decisionId: string;
  decisionName: string;
  decisionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  /** JSON text of the decision's result. */
  decisionOutput: string;
  evaluatedInputs: Array<{ inputId: string; inputName: string; inputValue: string }>;
  matchedRules: Array<{
    ruleId: string;
    ruleIndex: number;
    evaluatedOutputs: Array<{ outputId: string; outputName: string; outputValue: string }>;
  }>;
}

export type DecisionOutcome =
  | { ok: true; output: unknown; evaluated: EvaluatedDecision[] }
  | { ok: false; failedDecisionId: string; message: string; evaluated: EvaluatedDecision[] };
