/**
 * The executable form of a deployed BPMN process: what the processors run. Parsed once at
 * deployment from the XML (bpmn-moddle + zeebe-bpmn-moddle) and kept in the engine's state,
 * so running an instance never touches XML. Element and event type names are Zeebe's
 * (`BpmnElementType`, `BpmnEventType`), because they appear in records and APIs.
 */

export type BpmnElementType =
  | 'PROCESS'
  | 'SUB_PROCESS'
  | 'EVENT_SUB_PROCESS'
  | 'AD_HOC_SUB_PROCESS'
  /** The scope Zeebe creates around each element an ad-hoc sub-process activates. */
  | 'AD_HOC_SUB_PROCESS_INNER_INSTANCE'
  | 'START_EVENT'
  | 'INTERMEDIATE_CATCH_EVENT'
  | 'INTERMEDIATE_THROW_EVENT'
  | 'BOUNDARY_EVENT'
  | 'END_EVENT'
  | 'SERVICE_TASK'
  | 'SEND_TASK'
  | 'SCRIPT_TASK'
  | 'BUSINESS_RULE_TASK'
  | 'USER_TASK'
  | 'RECEIVE_TASK'
  | 'MANUAL_TASK'
  | 'TASK'
  | 'EXCLUSIVE_GATEWAY'
  | 'PARALLEL_GATEWAY'
  | 'INCLUSIVE_GATEWAY'
  | 'EVENT_BASED_GATEWAY'
  | 'SEQUENCE_FLOW'
  | 'MULTI_INSTANCE_BODY'
  | 'CALL_ACTIVITY';

export type BpmnEventType =
  | 'UNSPECIFIED'
  | 'NONE'
  | 'TIMER'
  | 'MESSAGE'
  | 'ERROR'
  | 'SIGNAL'
  | 'ESCALATION'
  | 'TERMINATE'
  | 'LINK'
  | 'COMPENSATION'
  | 'CONDITIONAL';

/**
 * An expression attribute as Zeebe reads it: text starting with `=` is FEEL, anything else is
 * a static value. Parsed once; evaluation happens in the element's scope at run time.
 */
export type Expression = { kind: 'static'; value: string } | { kind: 'feel'; source: string };

/** A `zeebe:input` / `zeebe:output` mapping: `source` is an expression, `target` a variable path. */
export interface VariableMapping {
  source: Expression;
  /** Dotted path, e.g. `order.total`: nested targets create or merge into context variables. */
  target: string;
}

export interface SequenceFlow {
  id: string;
  sourceId: string;
  targetId: string;
  /** FEEL condition (`conditionExpression`), only meaningful on gateway outgoing flows. */
  condition?: Expression;
}

export interface JobDefinition {
  type: Expression;
  /** Default `3`, as in Zeebe. */
  retries: Expression;
  headers: Record<string, string>;
  /**
   * Headers whose value is FEEL, evaluated when the job is created (job-based user tasks carry
   * their assignment and schedule this way). `list` values become JSON array text, `date`
   * values must be ISO 8601 date-times, as Zeebe checks them.
   */
  dynamicHeaders?: Record<string, DynamicHeader>;
}

export interface DynamicHeader {
  expression: Expression;
  format: 'text' | 'list' | 'date';
}

/** A `zeebe:executionListener`: a job of `type` created when the element starts or ends. */
export interface ExecutionListener {
  eventType: 'start' | 'end';
  type: Expression;
  retries: Expression;
}

export interface LoopCharacteristics {
  isSequential: boolean;
  inputCollection: Expression;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: Expression;
  completionCondition?: Expression;
}

/**
 * Which version of a linked process, decision or form an element uses (Camunda docs, "Choosing
 * the resource binding type"): the latest one, the one deployed together with the calling
 * process, or the latest one carrying `versionTag`.
 */
export type BindingType = 'latest' | 'deployment' | 'versionTag';

export interface ResourceBinding {
  bindingType: BindingType;
  /** Set exactly when `bindingType` is `versionTag`. */
  versionTag?: string;
}

export interface CalledElement extends ResourceBinding {
  processId: Expression;
  propagateAllChildVariables: boolean;
  /** Zeebe's default is `true`: the child sees all parent variables unless told otherwise. */
  propagateAllParentVariables: boolean;
}

export interface FlowElement {
  id: string;
  name?: string;
  elementType: BpmnElementType;
  eventType: BpmnEventType;
  /** Id of the containing process, sub-process or event sub-process. */
  flowScopeId: string;
  incoming: string[];
  outgoing: string[];
  inputMappings: VariableMapping[];
  outputMappings: VariableMapping[];
  /** Ids of boundary events attached to this activity. */
  boundaryEventIds: string[];
  job?: JobDefinition;
  /** Start and end execution listeners, in model order. */
  executionListeners?: ExecutionListener[];
  /** Exclusive and inclusive gateways. */
  defaultFlowId?: string;
  calledElement?: CalledElement;
  /**
   * Business rule tasks with `zeebe:calledDecision`: the decision (version by binding) evaluated at
   * activation, and the variable its result is set to before the output mappings apply.
   */
  calledDecision?: { decisionId: Expression; resultVariable: string } & ResourceBinding;
  /**
   * Script tasks with `zeebe:script`: the FEEL expression evaluated at activation, and the
   * variable its result is set to before the output mappings apply.
   */
  script?: { expression: Expression; resultVariable: string };
  loop?: LoopCharacteristics;
  /** Error end events (the thrown code) and error boundary events (the caught code; absent = catch all). */
  errorCode?: Expression;
  /**
   * Escalation throw and end events (the thrown code, FEEL allowed) and escalation catch events
   * (the caught code; absent = catch all).
   */
  escalationCode?: Expression;
  /** Boundary events. */
  attachedToId?: string;
  /** Boundary events and event sub-process start events. Default true. */
  interrupting?: boolean;
  /** Link throw and catch events. */
  linkName?: string;
  /** Compensation handlers (isForCompensation): started only by a thrown compensation. */
  isForCompensation?: boolean;
  /** Compensation boundary events: the associated handler's id. */
  compensationHandlerId?: string;
  /** Compensation throw and end events: the one activity to compensate (absent: all of the scope). */
  compensationActivityRef?: string;
  /** Timer events: which of timeDuration, timeDate or timeCycle, and its expression. */
  timer?: TimerDefinition;
  /** Message events and receive tasks: the bpmn:message name and its zeebe:subscription key. */
  message?: MessageDefinition;
  /** Signal events: the bpmn:signal name (may be FEEL, evaluated when subscribing or throwing). */
  signalName?: Expression;
  /** Camunda user tasks (`zeebe:userTask`): what the task is created with at activation. */
  userTask?: UserTaskDefinition;
  /** Ad-hoc sub-processes (`bpmn:adHocSubProcess` with `zeebe:adHoc`). */
  adHoc?: AdHocDefinition;
  /** Containers (sub-process, event sub-process): their child element ids, and their none start event. */
  childIds?: string[];
  noneStartEventId?: string;
}

/**
 * An ad-hoc sub-process as Camunda 8.8 documents it ("Ad-hoc sub-processes"): which inner
 * elements it activates on entry, when it completes, and the output it collects.
 */
export interface AdHocDefinition {
  /** `zeebe:adHoc activeElementsCollection`: a list of inner element ids (absent: none). */
  activeElementsCollection?: Expression;
  /** `bpmn:completionCondition`, evaluated whenever an inner flow completes. */
  completionCondition?: Expression;
  /** `cancelRemainingInstances` (default true): the completion terminates what still runs. */
  cancelRemainingInstances: boolean;
  /** `zeebe:adHoc outputCollection` / `outputElement`: each inner flow's output, collected. */
  outputCollection?: string;
  outputElement?: Expression;
  /** The inner elements that can be activated: those without incoming sequence flows. */
  activityIds: string[];
  /** Their metadata, the value of the `adHocSubProcessElements` variable. */
  activities: AdHocActivityMetadata[];
  /** The id inner instances carry in records: `<id>#innerInstance`, as Zeebe names them. */
  innerInstanceId: string;
}

/** What one activatable inner element tells a worker (empty fields left out, as in Zeebe). */
export interface AdHocActivityMetadata {
  elementId: string;
  elementName?: string;
  documentation?: string;
  properties?: Record<string, string>;
}

/**
 * A Camunda user task's extension elements (Camunda docs, "User tasks"). Every attribute may
 * be FEEL, evaluated in the task's scope on activation; an absent one is simply not set.
 */
export interface UserTaskDefinition {
  /** `zeebe:assignmentDefinition assignee`: one user id. */
  assignee?: Expression;
  /** Static: comma-separated ids; FEEL: a list of strings. */
  candidateGroups?: Expression;
  candidateUsers?: Expression;
  /** `zeebe:taskSchedule`: ISO 8601 date-times (FEEL may return a date and time). */
  dueDate?: Expression;
  followUpDate?: Expression;
  /** `zeebe:priorityDefinition priority`: 0–100; Zeebe's default is 50. */
  priority?: Expression;
  /** `zeebe:formDefinition formId`: a deployed Camunda form of that id is linked. */
  formId?: string;
  /** Which version of the form `formId` links (absent: the latest). */
  formBinding?: ResourceBinding;
  /** `zeebe:formDefinition externalReference`: a custom form's address, passed on as is. */
  externalReference?: Expression;
  /** `zeebe:taskListeners`, in model order (Camunda 8.8, "User task listeners"). */
  taskListeners?: TaskListener[];
}

/** A job-based user task listener; `type` and `retries` may be FEEL (retries default to 3). */
export interface TaskListener {
  eventType: 'creating' | 'assigning' | 'updating' | 'completing' | 'canceling';
  type: Expression;
  retries: Expression;
}

export interface MessageDefinition {
  /** May be FEEL (evaluated when the subscription opens). Absent: a model error. */
  name?: Expression;
  /** Required except on message start events, whose instances are not yet there to ask. */
  correlationKey?: Expression;
}

export interface TimerDefinition {
  kind: 'duration' | 'date' | 'cycle';
  expression: Expression;
}

export interface ExecutableProcess {
  bpmnProcessId: string;
  name?: string;
  /** `zeebe:versionTag value`: a label the process's versions can be bound to. */
  versionTag?: string;
  /** The process's own none start event. */
  noneStartEventId: string;
  elements: Record<string, FlowElement>;
  sequenceFlows: Record<string, SequenceFlow>;
}
