import { BpmnModdle } from 'bpmn-moddle';

/** One instruction of Camunda 8.8's migration: the source element moves to the target element. */
export interface MappingInstruction {
  sourceElementId: string;
  targetElementId: string;
}

interface ModdleNode {
  $type: string;
  id?: string;
  flowElements?: ModdleNode[];
  rootElements?: ModdleNode[];
  eventDefinitions?: ModdleNode[];
  isExecutable?: boolean;
}

/** Elements that never stay active: nothing of a running instance waits on them. */
const NEVER_ACTIVE = new Set(['bpmn:SequenceFlow', 'bpmn:StartEvent']);

/**
 * Element id → its kind: the BPMN type plus the event definitions, so a timer boundary event
 * and a message boundary event with the same id count as different (the engine refuses to map
 * one to the other).
 */
async function elementKinds(xml: string): Promise<Map<string, string>> {
  const { rootElement } = (await new BpmnModdle().fromXML(xml)) as unknown as {
    rootElement: ModdleNode;
  };
  const kinds = new Map<string, string>();
  const visit = (elements: ModdleNode[] | undefined) => {
    for (const element of elements ?? []) {
      if (element.id && !NEVER_ACTIVE.has(element.$type)) {
        const events = (element.eventDefinitions ?? []).map((d) => d.$type).sort();
        kinds.set(element.id, [element.$type, ...events].join('+'));
      }
      visit(element.flowElements);
    }
  };
  const processes = (rootElement.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
  for (const process of processes) visit(process.flowElements);
  return kinds;
}

/**
 * The default mapping between two versions of a process: every element id found in both, of
 * the same kind, maps to itself. Elements renamed or retyped are left out, so an instance
 * waiting on one of them is refused rather than moved somewhere unintended.
 */
export async function sameIdMapping(
  sourceXml: string,
  targetXml: string,
): Promise<MappingInstruction[]> {
  const [source, target] = await Promise.all([elementKinds(sourceXml), elementKinds(targetXml)]);
  return [...source]
    .filter(([id, kind]) => target.get(id) === kind)
    .map(([id]) => ({ sourceElementId: id, targetElementId: id }))
    .sort((a, b) => a.sourceElementId.localeCompare(b.sourceElementId));
}
