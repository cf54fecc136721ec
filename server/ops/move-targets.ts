import { BpmnModdle } from 'bpmn-moddle';

/** An element a stuck instance can be moved to. */
export interface MoveTarget {
  elementId: string;
  name: string | null;
}

interface ModdleNode {
  $type: string;
  id?: string;
  name?: string;
  flowElements?: ModdleNode[];
  rootElements?: ModdleNode[];
}

/** Where a modification cannot start: events only a trigger starts, and flows. */
const NOT_ACTIVATABLE = new Set(['bpmn:StartEvent', 'bpmn:BoundaryEvent', 'bpmn:SequenceFlow']);

const isTaskOrEvent = (node: ModdleNode) =>
  !NOT_ACTIVATABLE.has(node.$type) &&
  (node.$type.endsWith('Task') ||
    node.$type.endsWith('Event') ||
    node.$type === 'bpmn:CallActivity' ||
    node.$type === 'bpmn:SubProcess');

function scopeHolding(nodes: ModdleNode[] | undefined, id: string): ModdleNode[] | undefined {
  if (!nodes) return undefined;
  if (nodes.some((node) => node.id === id)) return nodes;
  for (const node of nodes) {
    const found = scopeHolding(node.flowElements, id);
    if (found) return found;
  }
  return undefined;
}

/**
 * The tasks and events an incident's instance can be moved to: those in the same flow scope
 * as the stuck element (the process, or its sub-process), which the engine activates there
 * without entering or leaving a scope. The stuck element itself is among them (run it anew).
 */
export async function moveTargetsOf(xml: string, stuckElementId: string): Promise<MoveTarget[]> {
  const { rootElement } = (await new BpmnModdle().fromXML(xml)) as unknown as {
    rootElement: ModdleNode;
  };
  for (const process of rootElement.rootElements ?? []) {
    if (process.$type !== 'bpmn:Process') continue;
    const scope = scopeHolding(process.flowElements, stuckElementId);
    if (!scope) continue;
    return scope
      .filter(isTaskOrEvent)
      .map((node) => ({ elementId: String(node.id), name: node.name ?? null }));
  }
  return [];
}
