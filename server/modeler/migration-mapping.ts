import { BpmnModdle } from 'bpmn-moddle';

/** One instruction of Camunda 8.8's migration: the source element moves to the target element. */
export interface MappingInstruction {
  sourceElementId: string;
  targetElementId: string;
}

interface ModdleNode {
  $type: string;
  id?: string;
  name?: string;
  body?: string;
  flowElements?: ModdleNode[];
  rootElements?: ModdleNode[];
  eventDefinitions?: ModdleNode[];
  incoming?: ModdleNode[];
  sourceRef?: ModdleNode;
  targetRef?: ModdleNode;
  timeDate?: ModdleNode;
  timeDuration?: ModdleNode;
  timeCycle?: ModdleNode;
  messageRef?: ModdleNode;
  signalRef?: ModdleNode;
}

/** Elements that never stay active: nothing of a running instance waits on them. */
const NEVER_ACTIVE = new Set(['bpmn:SequenceFlow', 'bpmn:StartEvent']);
const JOINING = new Set(['bpmn:ParallelGateway', 'bpmn:InclusiveGateway']);

/** An element of a version as the mapping of a migration offers it. */
export interface MigrationElement {
  elementId: string;
  name: string | null;
  /**
   * The BPMN type with its event definitions (`bpmn:BoundaryEvent+bpmn:TimerEventDefinition`):
   * the engine maps an element only to one of the same type.
   */
  type: string;
}

/** An element's kind, and for a catch event held by another element what triggers it. */
interface Kind extends MigrationElement {
  kind: string;
  trigger?: string;
}

/** What triggers an event: its timer expression, message or signal name. */
function triggerOf(element: ModdleNode): string {
  return (element.eventDefinitions ?? [])
    .map((d) =>
      [
        d.$type,
        d.timeDate?.body,
        d.timeDuration?.body,
        d.timeCycle?.body,
        d.messageRef?.name,
        d.signalRef?.name,
      ].join('|'),
    )
    .join(';');
}

/**
 * A catch event whose subscription another element holds: a boundary event (its activity) or an
 * event after an event-based gateway (the gateway). Never itself the element an instance waits on.
 */
function isHeldCatchEvent(element: ModdleNode): boolean {
  if (element.$type === 'bpmn:BoundaryEvent') return true;
  const incoming = element.incoming ?? [];
  return (
    element.$type === 'bpmn:IntermediateCatchEvent' &&
    incoming.length > 0 &&
    incoming.every((flow) => flow.sourceRef?.$type === 'bpmn:EventBasedGateway')
  );
}

const describe = (element: ModdleNode, type: string): MigrationElement => ({
  elementId: element.id!,
  name: element.name?.trim() || null,
  type,
});

/**
 * Element id → its kind: the BPMN type plus the event definitions, so a timer boundary event
 * and a message boundary event with the same id count as different (the engine refuses to map
 * one to the other). The incoming flows of joining gateways count too, with the gateway they
 * lead to: a join still waiting for a flow moves only with its taken flows mapped.
 */
async function elementKinds(xml: string): Promise<Map<string, Kind>> {
  const { rootElement } = (await new BpmnModdle().fromXML(xml)) as unknown as {
    rootElement: ModdleNode;
  };
  const kinds = new Map<string, Kind>();
  const visit = (elements: ModdleNode[] | undefined) => {
    for (const element of elements ?? []) {
      if (!element.id) continue;
      if (element.$type === 'bpmn:SequenceFlow') {
        const target = element.targetRef;
        if (target && JOINING.has(target.$type) && (target.incoming ?? []).length > 1) {
          kinds.set(element.id, {
            ...describe(element, element.$type),
            kind: `bpmn:SequenceFlow->${target.id}`,
          });
        }
      } else if (!NEVER_ACTIVE.has(element.$type)) {
        const events = (element.eventDefinitions ?? []).map((d) => d.$type).sort();
        const type = [element.$type, ...events].join('+');
        kinds.set(element.id, {
          ...describe(element, type),
          kind: type,
          trigger: isHeldCatchEvent(element) ? triggerOf(element) : undefined,
        });
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
 * waiting on one of them is refused rather than moved somewhere unintended. A boundary event or
 * an event after an event-based gateway whose trigger changed (a new timer expression, another
 * message) is left out too: the engine then closes the old subscription and opens the target's,
 * so the changed timer is the one that fires for the running demands (Camunda 8.8, "Dealing
 * with catch events"); mapped, it would keep its old due date.
 */
export async function sameIdMapping(
  sourceXml: string,
  targetXml: string,
): Promise<MappingInstruction[]> {
  return (await proposeMapping(sourceXml, targetXml)).mappingInstructions;
}

export interface MappingProposal {
  mappingInstructions: MappingInstruction[];
  /** What a running instance can wait on, and the incoming flows of joining gateways. */
  sourceElements: MigrationElement[];
  targetElements: MigrationElement[];
}

const listed = (kinds: Map<string, Kind>): MigrationElement[] =>
  [...kinds.values()].map(({ elementId, name, type }) => ({ elementId, name, type }));

/** The same-id mapping with both versions' elements, for a process owner to edit it. */
export async function proposeMapping(
  sourceXml: string,
  targetXml: string,
): Promise<MappingProposal> {
  const [source, target] = await Promise.all([elementKinds(sourceXml), elementKinds(targetXml)]);
  const mappingInstructions = [...source]
    .filter(([id, { kind, trigger }]) => {
      const other = target.get(id);
      return other?.kind === kind && other.trigger === trigger;
    })
    .map(([id]) => ({ sourceElementId: id, targetElementId: id }))
    .sort((a, b) => a.sourceElementId.localeCompare(b.sourceElementId));
  return { mappingInstructions, sourceElements: listed(source), targetElements: listed(target) };
}
