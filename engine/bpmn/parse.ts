/**
 * BPMN XML → `ExecutableProcess` (model.ts): one per executable process of the file. This only
 * maps; whether the engine can run what it mapped is decided by validate.ts before deployment.
 */
import { toExpression } from './expression';
import type { ExecutableProcess, FlowElement, SequenceFlow } from './model';
import { completeAdHocSubProcesses } from './parse-ad-hoc';
import { mapElement } from './parse-element';
import { checkListenerPlacement, executionListenersOf } from './parse-listeners';
import {
  child,
  children,
  extension,
  idOf,
  is,
  readDefinitions,
  text,
  type BpmnProblem,
  type ModdleElement,
} from './moddle';

export type ParseResult =
  | { ok: true; processes: ExecutableProcess[]; definitions: ModdleElement }
  | { ok: false; problems: BpmnProblem[]; definitions?: ModdleElement };

export async function parseBpmn(xml: string, resourceName: string): Promise<ParseResult> {
  const { definitions, problems } = await readDefinitions(xml);
  if (!definitions || problems.length > 0) {
    return definitions ? { ok: false, problems, definitions } : { ok: false, problems };
  }
  const mapped = mapProcesses(definitions, resourceName);
  return mapped.problems.length > 0
    ? { ok: false, problems: mapped.problems, definitions }
    : { ok: true, processes: mapped.processes, definitions };
}

/** Maps the executable processes; non-executable ones (e.g. other pools) are ignored, as Zeebe does. */
export function mapProcesses(
  definitions: ModdleElement,
  resourceName: string,
): { processes: ExecutableProcess[]; problems: BpmnProblem[] } {
  const problems: BpmnProblem[] = [];
  const executable = children(definitions, 'rootElements').filter(
    (element) => is(element, 'bpmn:Process') && element.isExecutable === true,
  );
  if (executable.length === 0) {
    problems.push({
      message: `Expected '${resourceName}' to contain at least one executable process, but none found`,
    });
  }
  const processes = executable.map((process) => mapProcess(process, problems));
  return { processes, problems };
}

function mapProcess(process: ModdleElement, problems: BpmnProblem[]): ExecutableProcess {
  const bpmnProcessId = idOf(process);
  const elements: Record<string, FlowElement> = {};
  const sequenceFlows: Record<string, SequenceFlow> = {};
  // The process is an element too (as in Zeebe): records of the instance itself name it.
  const root: FlowElement = {
    id: bpmnProcessId,
    elementType: 'PROCESS',
    eventType: 'UNSPECIFIED',
    flowScopeId: '',
    incoming: [],
    outgoing: [],
    inputMappings: [],
    outputMappings: [],
    boundaryEventIds: [],
  };
  const name = text(process, 'name');
  if (name !== undefined) root.name = name;
  const listeners = executionListenersOf(process);
  if (listeners.length > 0) {
    root.executionListeners = listeners;
    checkListenerPlacement(root, problems);
  }
  elements[bpmnProcessId] = root;

  const walk = (container: ModdleElement, scope: FlowElement): void => {
    scope.childIds = [];
    for (const element of children(container, 'flowElements')) {
      if (is(element, 'bpmn:SequenceFlow')) {
        sequenceFlows[idOf(element)] = mapSequenceFlow(element);
      } else if (is(element, 'bpmn:FlowNode')) {
        const mapped = mapElement(element, scope.id, problems);
        if (!mapped) continue;
        elements[mapped.id] = mapped;
        scope.childIds.push(mapped.id);
        if (is(element, 'bpmn:FlowElementsContainer')) walk(element, mapped);
      }
    }
    const start = scope.childIds
      .map((id) => elements[id])
      .find((element) => element?.elementType === 'START_EVENT' && element.eventType === 'NONE');
    if (start) scope.noneStartEventId = start.id;
  };
  walk(process, root);
  link(elements, sequenceFlows);
  completeAdHocSubProcesses(elements, problems);
  problems.push(...checkEventBasedGateways(elements, sequenceFlows));

  // A process starts at its none start event (CreateProcessInstance) or at a timer start event.
  const hasStart = (root.childIds ?? []).some((id) => elements[id]?.elementType === 'START_EVENT');
  if (!hasStart) {
    problems.push({
      elementId: bpmnProcessId,
      message: `Element '${bpmnProcessId}': the process must have a start event`,
    });
  }
  const result: ExecutableProcess = {
    bpmnProcessId,
    noneStartEventId: root.noneStartEventId ?? '',
    elements,
    sequenceFlows,
  };
  if (name !== undefined) result.name = name;
  const versionTag = text(extension(process, 'zeebe:VersionTag'), 'value');
  if (versionTag) result.versionTag = versionTag;
  return result;
}

function mapSequenceFlow(flow: ModdleElement): SequenceFlow {
  const mapped: SequenceFlow = {
    id: idOf(flow),
    sourceId: idOf(child(flow, 'sourceRef') ?? flow),
    targetId: idOf(child(flow, 'targetRef') ?? flow),
  };
  const condition = text(child(flow, 'conditionExpression'), 'body')?.trim();
  if (condition) mapped.condition = toExpression(condition);
  return mapped;
}

/**
 * Incoming and outgoing flows come from the flows' sourceRef/targetRef in document order (the
 * order an exclusive gateway tries its conditions), not from the optional <incoming> tags.
 */
function link(elements: Record<string, FlowElement>, flows: Record<string, SequenceFlow>): void {
  for (const flow of Object.values(flows)) {
    elements[flow.sourceId]?.outgoing.push(flow.id);
    elements[flow.targetId]?.incoming.push(flow.id);
  }
  for (const element of Object.values(elements)) {
    if (element.attachedToId) elements[element.attachedToId]?.boundaryEventIds.push(element.id);
  }
}

/**
 * Zeebe's rule: an event-based gateway has at least two outgoing flows, each to an
 * intermediate timer, message or signal catch event (receive tasks are not supported there).
 */
function checkEventBasedGateways(
  elements: Record<string, FlowElement>,
  flows: Record<string, SequenceFlow>,
): BpmnProblem[] {
  const problems: BpmnProblem[] = [];
  for (const gateway of Object.values(elements)) {
    if (gateway.elementType !== 'EVENT_BASED_GATEWAY') continue;
    const targets = gateway.outgoing.map((id) => elements[flows[id]!.targetId]);
    const valid = targets.every(
      (t) =>
        t?.elementType === 'INTERMEDIATE_CATCH_EVENT' &&
        ['TIMER', 'MESSAGE', 'SIGNAL'].includes(t.eventType),
    );
    if (targets.length < 2 || !valid) {
      problems.push({
        elementId: gateway.id,
        message: `Element '${gateway.id}': Event-based gateway must have at least 2 outgoing sequence flows, each to an intermediate timer, message or signal catch event`,
      });
    }
  }
  return problems;
}
