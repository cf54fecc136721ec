import type { BpmnElementType, ExecutableProcess } from './model';

/** One start instruction of a process instance creation: start before this element. */
export interface StartInstruction {
  elementId: string;
}

/**
 * Elements an instance cannot start at (Camunda docs, "Process instance creation" → start
 * instructions share the limitations of process instance modification): start events, boundary
 * events and sequence flows; the process itself is no element to start before either.
 */
const UNSUPPORTED: ReadonlySet<BpmnElementType> = new Set<BpmnElementType>([
  'START_EVENT',
  'BOUNDARY_EVENT',
  'SEQUENCE_FLOW',
  'PROCESS',
]);

const SUPPORTED: BpmnElementType[] = [
  'SUB_PROCESS',
  'EVENT_SUB_PROCESS',
  'INTERMEDIATE_CATCH_EVENT',
  'INTERMEDIATE_THROW_EVENT',
  'END_EVENT',
  'SERVICE_TASK',
  'SEND_TASK',
  'SCRIPT_TASK',
  'BUSINESS_RULE_TASK',
  'USER_TASK',
  'RECEIVE_TASK',
  'MANUAL_TASK',
  'TASK',
  'EXCLUSIVE_GATEWAY',
  'PARALLEL_GATEWAY',
  'INCLUSIVE_GATEWAY',
  'EVENT_BASED_GATEWAY',
  'MULTI_INSTANCE_BODY',
  'CALL_ACTIVITY',
];

const PREFIX = 'Expected to create instance of process with start instructions but';

/**
 * Why `instructions` cannot start an instance of `process`, worded and ordered as Zeebe checks
 * them (all INVALID_ARGUMENT), or undefined when every instruction can be carried out.
 */
export function startInstructionProblem(
  process: ExecutableProcess,
  instructions: StartInstruction[],
): string | undefined {
  const ids = instructions.map((instruction) => instruction.elementId);
  const missing = ids.find((id) => typeOf(process, id) === undefined);
  if (missing !== undefined) return `${PREFIX} no element found with id '${missing}'.`;
  const nested = ids.find((id) => isInsideMultiInstance(process, id));
  if (nested !== undefined)
    return `${PREFIX} the element with id '${nested}' is inside a multi-instance subprocess. The creation of elements inside a multi-instance subprocess is not supported.`;
  const unsupported = ids.find((id) => UNSUPPORTED.has(typeOf(process, id)!));
  if (unsupported !== undefined)
    return `${PREFIX} the element with id '${unsupported}' targets unsupported element type '${typeOf(process, unsupported)}'. Supported element types are: [${SUPPORTED.join(', ')}]`;
  const afterGateway = ids.find((id) => followsEventBasedGateway(process, id));
  if (afterGateway !== undefined)
    return `${PREFIX} the element with id '${afterGateway}' belongs to an event-based gateway. The creation of elements belonging to an event-based gateway is not supported.`;
  return undefined;
}

function typeOf(process: ExecutableProcess, id: string): BpmnElementType | undefined {
  if (process.sequenceFlows[id]) return 'SEQUENCE_FLOW';
  return process.elements[id]?.elementType;
}

/** The container an element or sequence flow is directly inside. */
function flowScopeIdOf(process: ExecutableProcess, id: string): string | undefined {
  const flow = process.sequenceFlows[id];
  return flow ? process.elements[flow.sourceId]?.flowScopeId : process.elements[id]?.flowScopeId;
}

function isInsideMultiInstance(process: ExecutableProcess, id: string): boolean {
  for (let scope = flowScopeIdOf(process, id); scope;) {
    const container = process.elements[scope];
    if (!container || container.elementType === 'PROCESS') return false;
    if (container.loop) return true;
    scope = container.flowScopeId;
  }
  return false;
}

function followsEventBasedGateway(process: ExecutableProcess, id: string): boolean {
  const element = process.elements[id];
  return (element?.incoming ?? []).some((flowId) => {
    const source = process.elements[process.sequenceFlows[flowId]?.sourceId ?? ''];
    return source?.elementType === 'EVENT_BASED_GATEWAY';
  });
}

/**
 * The containers (sub-processes, event sub-processes) around `elementId`, outermost first,
 * without the process: the scopes an instance must have before the element can start in it.
 */
export function flowScopesOf(process: ExecutableProcess, elementId: string): string[] {
  const scopes: string[] = [];
  for (let scope = process.elements[elementId]?.flowScopeId; scope;) {
    const container = process.elements[scope];
    if (!container || container.elementType === 'PROCESS') break;
    scopes.unshift(container.id);
    scope = container.flowScopeId;
  }
  return scopes;
}
