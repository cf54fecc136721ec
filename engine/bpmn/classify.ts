/**
 * What a BPMN element is, in Zeebe's names (`BpmnElementType`, `BpmnEventType`) and in words
 * for deploy rejections. Shared by the model mapping (parse.ts) and the support check.
 */
import type { BpmnElementType, BpmnEventType } from './model';
import { children, extension, is, type ModdleElement } from './moddle';

/** Checked in order: sub-types (transaction, ad-hoc) before their super-type (sub-process). */
const ELEMENT_TYPES: [string, BpmnElementType | undefined][] = [
  ['bpmn:Process', 'PROCESS'],
  ['bpmn:Transaction', undefined],
  ['bpmn:AdHocSubProcess', 'AD_HOC_SUB_PROCESS'],
  ['bpmn:StartEvent', 'START_EVENT'],
  ['bpmn:IntermediateCatchEvent', 'INTERMEDIATE_CATCH_EVENT'],
  ['bpmn:IntermediateThrowEvent', 'INTERMEDIATE_THROW_EVENT'],
  ['bpmn:BoundaryEvent', 'BOUNDARY_EVENT'],
  ['bpmn:EndEvent', 'END_EVENT'],
  ['bpmn:ServiceTask', 'SERVICE_TASK'],
  ['bpmn:SendTask', 'SEND_TASK'],
  ['bpmn:ScriptTask', 'SCRIPT_TASK'],
  ['bpmn:BusinessRuleTask', 'BUSINESS_RULE_TASK'],
  ['bpmn:UserTask', 'USER_TASK'],
  ['bpmn:ReceiveTask', 'RECEIVE_TASK'],
  ['bpmn:ManualTask', 'MANUAL_TASK'],
  ['bpmn:ExclusiveGateway', 'EXCLUSIVE_GATEWAY'],
  ['bpmn:ParallelGateway', 'PARALLEL_GATEWAY'],
  ['bpmn:InclusiveGateway', 'INCLUSIVE_GATEWAY'],
  ['bpmn:EventBasedGateway', 'EVENT_BASED_GATEWAY'],
  ['bpmn:CallActivity', 'CALL_ACTIVITY'],
  ['bpmn:SequenceFlow', 'SEQUENCE_FLOW'],
];

/** Zeebe's element type, or undefined for elements Zeebe has no type for (transaction, complex gateway, …). */
export function elementTypeOf(element: ModdleElement): BpmnElementType | undefined {
  if (element.$type === 'bpmn:Task') return 'TASK';
  if (is(element, 'bpmn:SubProcess') && !is(element, 'bpmn:Transaction')) {
    if (is(element, 'bpmn:AdHocSubProcess')) return 'AD_HOC_SUB_PROCESS';
    return element.triggeredByEvent === true ? 'EVENT_SUB_PROCESS' : 'SUB_PROCESS';
  }
  return ELEMENT_TYPES.find(([type]) => is(element, type))?.[1];
}

const EVENT_TYPES: Record<string, BpmnEventType> = {
  'bpmn:TimerEventDefinition': 'TIMER',
  'bpmn:MessageEventDefinition': 'MESSAGE',
  'bpmn:ErrorEventDefinition': 'ERROR',
  'bpmn:SignalEventDefinition': 'SIGNAL',
  'bpmn:EscalationEventDefinition': 'ESCALATION',
  'bpmn:TerminateEventDefinition': 'TERMINATE',
  'bpmn:LinkEventDefinition': 'LINK',
  'bpmn:CompensateEventDefinition': 'COMPENSATION',
  'bpmn:ConditionalEventDefinition': 'CONDITIONAL',
};

/** An event without definitions is NONE; non-events, and events Zeebe cannot type, are UNSPECIFIED. */
export function eventTypeOf(element: ModdleElement): BpmnEventType {
  if (!is(element, 'bpmn:Event')) return 'UNSPECIFIED';
  const definitions = children(element, 'eventDefinitions');
  if (definitions.length === 0) return 'NONE';
  if (definitions.length > 1) return 'UNSPECIFIED';
  return EVENT_TYPES[definitions[0]?.$type ?? ''] ?? 'UNSPECIFIED';
}

/** The kind of an event in words: `timer`, `none`, `multiple`, `cancel`. */
function eventKind(element: ModdleElement): string {
  const definitions = children(element, 'eventDefinitions');
  if (definitions.length > 1) return 'multiple';
  const definition = definitions[0];
  if (!definition) return 'none';
  const type = EVENT_TYPES[definition.$type];
  if (type === 'COMPENSATION') return 'compensation';
  return type
    ? type.toLowerCase()
    : definition.$type.replace(/^bpmn:(\w+)EventDefinition$/, '$1').toLowerCase();
}

const TASK_LABELS: [string, string][] = [
  ['bpmn:ServiceTask', 'service task'],
  ['bpmn:SendTask', 'send task'],
  ['bpmn:ReceiveTask', 'receive task'],
  ['bpmn:ManualTask', 'manual task'],
  ['bpmn:CallActivity', 'call activity'],
  ['bpmn:ExclusiveGateway', 'exclusive gateway'],
  ['bpmn:ParallelGateway', 'parallel gateway'],
  ['bpmn:InclusiveGateway', 'inclusive gateway'],
  ['bpmn:EventBasedGateway', 'event-based gateway'],
  ['bpmn:ComplexGateway', 'complex gateway'],
  ['bpmn:Transaction', 'transaction sub-process'],
  ['bpmn:AdHocSubProcess', 'ad-hoc sub-process'],
];

/**
 * The element in words, as the support table names it: `intermediate timer catch event`,
 * `job-based user task`, `event sub-process`. Variants the engine treats differently get
 * different words, so the table can allow one and reject the other.
 */
export function describe(element: ModdleElement): string {
  if (is(element, 'bpmn:Event')) return describeEvent(element);
  if (is(element, 'bpmn:ScriptTask')) {
    return hasZeebe(element, 'zeebe:Script') ? 'script task with zeebe:script' : 'script task';
  }
  if (is(element, 'bpmn:BusinessRuleTask')) {
    return hasZeebe(element, 'zeebe:CalledDecision')
      ? 'business rule task with zeebe:calledDecision'
      : 'business rule task';
  }
  if (is(element, 'bpmn:UserTask')) {
    return hasZeebe(element, 'zeebe:UserTask') ? 'user task' : 'job-based user task';
  }
  if (is(element, 'bpmn:AdHocSubProcess') && hasZeebe(element, 'zeebe:TaskDefinition')) {
    return 'ad-hoc sub-process with a job worker implementation';
  }
  const label = TASK_LABELS.find(([type]) => is(element, type))?.[1];
  if (label) return label;
  if (element.$type === 'bpmn:Task') return 'task';
  if (is(element, 'bpmn:SubProcess')) {
    return element.triggeredByEvent === true ? 'event sub-process' : 'embedded sub-process';
  }
  return element.$type;
}

function describeEvent(element: ModdleElement): string {
  const kind = eventKind(element);
  if (is(element, 'bpmn:StartEvent')) {
    const parent = element.$parent;
    if (parent && is(parent, 'bpmn:SubProcess') && parent.triggeredByEvent === true) {
      const prefix = element.isInterrupting === false ? 'non-interrupting ' : '';
      return `${prefix}${kind} start event of an event sub-process`;
    }
    return `${kind} start event`;
  }
  if (is(element, 'bpmn:EndEvent')) return `${kind} end event`;
  if (is(element, 'bpmn:IntermediateCatchEvent')) return `intermediate ${kind} catch event`;
  if (is(element, 'bpmn:IntermediateThrowEvent')) return `intermediate ${kind} throw event`;
  if (is(element, 'bpmn:BoundaryEvent')) {
    return `${element.cancelActivity === false ? 'non-interrupting ' : ''}${kind} boundary event`;
  }
  return `${kind} ${element.$type}`;
}

function hasZeebe(element: ModdleElement, type: string): boolean {
  return extension(element, type) !== undefined;
}
