import type { BpmnElementType, BpmnEventType, ExecutableProcess } from '../bpmn/model';

/** Zeebe's ProcessInstanceRecord value: what every PROCESS_INSTANCE record carries. */
export interface ProcessInstanceValue {
  bpmnElementType: BpmnElementType;
  elementId: string;
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  processInstanceKey: string;
  flowScopeKey: string;
  bpmnEventType: BpmnEventType;
  parentProcessInstanceKey: string;
  parentElementInstanceKey: string;
  tenantId: string;
}

export type ElementState =
  | 'ELEMENT_ACTIVATING'
  | 'ELEMENT_ACTIVATED'
  | 'ELEMENT_COMPLETING'
  | 'ELEMENT_COMPLETED'
  | 'ELEMENT_TERMINATING'
  | 'ELEMENT_TERMINATED';

/** What an interrupting event does once the element it interrupts has terminated. */
export interface PendingTrigger {
  /** The boundary or end event to activate next, in the terminated element's flow scope. */
  elementId: string;
  flowScopeKey: string;
  variables?: Record<string, unknown>;
}

/** Counters of a multi-instance body, kept by the appliers of its inner instances' events. */
export interface MultiInstanceProgress {
  started: number;
  completed: number;
  terminated: number;
}

export interface ElementInstance {
  key: string;
  state: ElementState;
  value: ProcessInstanceValue;
  /** Sequence flows taken inside this scope whose target has not been activated yet. */
  activeFlows: number;
  /** Per sequence flow taken inside this scope: how many are in transit (target not activated). */
  flowsInTransit?: Record<string, number>;
  /** Per joining gateway: how many times each incoming flow was taken and not yet consumed. */
  takenFlows?: Record<string, Record<string, number>>;
  jobKey?: string;
  /** How many execution listeners of the current phase (start, then end) have completed. */
  executionListenerIndex?: number;
  calledChildKey?: string;
  pendingTrigger?: PendingTrigger;
  multiInstance?: MultiInstanceProgress;
  incidentKey?: string;
  /** An ad-hoc sub-process whose worker fulfilled its completion condition: it ends when empty. */
  adHocCompletionFulfilled?: boolean;
}

/**
 * The result an ad-hoc sub-process's job worker completes its job with (Camunda 8.8 REST
 * `result` of type `adHocSubProcess`): elements to activate, or the completion condition met.
 */
export interface AdHocJobResult {
  type: 'adHocSubProcess';
  activateElements: { elementId: string; variables: Record<string, unknown> }[];
  isCompletionConditionFulfilled: boolean;
  isCancelRemainingInstances: boolean;
}

export interface DeployedProcess {
  key: string;
  bpmnProcessId: string;
  version: number;
  resourceName: string;
  checksum: string;
  deploymentKey: string;
  xml: string;
  executable: ExecutableProcess;
}

export interface DeployedForm {
  key: string;
  formId: string;
  version: number;
  resourceName: string;
  checksum: string;
  deploymentKey: string;
  schema: string;
}

/**
 * Zeebe's job states, plus BACKOFF: a failed job waiting for its retry back-off (Zeebe keeps
 * such a job FAILED and reports it so). ERROR_THROWN: a BPMN error was thrown for it and
 * nothing caught it (an incident waits).
 */
export type JobState = 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'BACKOFF' | 'ERROR_THROWN';

export interface Job {
  key: string;
  type: string;
  state: JobState;
  retries: number;
  /** Epoch ms at which an activated job times out (0 when not activated). */
  deadline: number;
  /** Epoch ms at which a failed job with a back-off becomes activatable again. */
  recurAt: number;
  worker: string;
  errorMessage: string;
  customHeaders: Record<string, string>;
  elementInstanceKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionKey: string;
  processDefinitionVersion: number;
  elementId: string;
  tenantId: string;
  /** Zeebe's JobKind; absent on older records means BPMN_ELEMENT. */
  jobKind?: 'BPMN_ELEMENT' | 'EXECUTION_LISTENER' | 'TASK_LISTENER';
  /** Execution listener jobs: START or END; task listener jobs: ASSIGNING or COMPLETING. */
  listenerEventType?: ListenerEventType;
}

export type IncidentErrorType =
  | 'UNKNOWN'
  | 'IO_MAPPING_ERROR'
  | 'JOB_NO_RETRIES'
  | 'EXECUTION_LISTENER_NO_RETRIES'
  | 'TASK_LISTENER_NO_RETRIES'
  | 'CONDITION_ERROR'
  | 'EXTRACT_VALUE_ERROR'
  | 'CALLED_ELEMENT_ERROR'
  | 'CALLED_DECISION_ERROR'
  | 'DECISION_EVALUATION_ERROR'
  | 'UNHANDLED_ERROR_EVENT'
  | 'MESSAGE_SIZE_EXCEEDED'
  | 'FORM_NOT_FOUND';

export interface Incident {
  key: string;
  errorType: IncidentErrorType;
  errorMessage: string;
  bpmnProcessId: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  elementId: string;
  elementInstanceKey: string;
  jobKey: string;
  variableScopeKey: string;
  tenantId: string;
}

export interface VariableEntry {
  key: string;
  value: unknown;
}

/** Zeebe's TimerRecord value: a timer waiting for its due date. */
export interface Timer {
  key: string;
  /** The instance waiting (catch event, or activity with a boundary timer); '-1' for a timer start event. */
  elementInstanceKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  /** The timer event the timer belongs to. */
  targetElementId: string;
  dueDate: number;
  /** Firings still to come, this one included; -1 repeats forever. */
  repetitions: number;
  tenantId: string;
}

export type ListenerEventType =
  | 'UNSPECIFIED'
  | 'START'
  | 'END'
  | 'CREATING'
  | 'ASSIGNING'
  | 'UPDATING'
  | 'COMPLETING'
  | 'CANCELING';
