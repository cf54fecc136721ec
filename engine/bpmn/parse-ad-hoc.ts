/**
 * Ad-hoc sub-processes (Camunda 8.8, "Ad-hoc sub-processes"): `bpmn:adHocSubProcess` with its
 * `zeebe:adHoc` extension, its completion condition and `cancelRemainingInstances`. The inner
 * elements that can be activated — those without incoming sequence flows — are known only once
 * the flows are linked, so `completeAdHocSubProcesses` runs after parse.ts has linked them.
 */
import { toExpression } from './expression';
import type { AdHocActivityMetadata, AdHocDefinition, FlowElement } from './model';
import { child, children, extension, idOf, is, text } from './moddle';
import type { BpmnProblem, ModdleElement } from './moddle';

const INNER_INSTANCE_POSTFIX = '#innerInstance';

export function adHocOf(element: ModdleElement): AdHocDefinition | undefined {
  if (!is(element, 'bpmn:AdHocSubProcess')) return undefined;
  const zeebeAdHoc = extension(element, 'zeebe:AdHoc');
  const id = idOf(element);
  const result: AdHocDefinition = {
    // bpmn-moddle knows the attribute's BPMN default (true); absent means true.
    cancelRemainingInstances: element.cancelRemainingInstances !== false,
    activityIds: [],
    // Every inner flow node for now; narrowed to the activatable ones once flows are linked.
    activities: children(element, 'flowElements')
      .filter((inner) => is(inner, 'bpmn:FlowNode'))
      .map(activityMetadataOf),
    innerInstanceId: `${id}${INNER_INSTANCE_POSTFIX}`,
  };
  const active = text(zeebeAdHoc, 'activeElementsCollection');
  if (active) result.activeElementsCollection = toExpression(active);
  const condition = text(child(element, 'completionCondition'), 'body')?.trim();
  if (condition) result.completionCondition = toExpression(condition);
  const outputCollection = text(zeebeAdHoc, 'outputCollection');
  if (outputCollection) result.outputCollection = outputCollection;
  const outputElement = text(zeebeAdHoc, 'outputElement');
  if (outputElement) result.outputElement = toExpression(outputElement);
  return result;
}

/** The metadata of an inner element, as Zeebe writes it (empty fields left out). */
function activityMetadataOf(element: ModdleElement): AdHocActivityMetadata {
  const metadata: AdHocActivityMetadata = { elementId: idOf(element) };
  const name = text(element, 'name');
  if (name) metadata.elementName = name;
  const documentation = children(element, 'documentation')
    .map((doc) => text(doc, 'text') ?? '')
    .join('\n');
  if (documentation) metadata.documentation = documentation;
  const properties: Record<string, string> = {};
  for (const property of children(extension(element, 'zeebe:Properties'), 'properties')) {
    const key = text(property, 'name');
    if (key !== undefined) properties[key] = text(property, 'value') ?? '';
  }
  if (Object.keys(properties).length > 0) metadata.properties = properties;
  return metadata;
}

/**
 * After linking: each ad-hoc sub-process learns its activatable elements, gets the element its
 * inner instances run as, and is checked against the documented constraint the Modeler's rules
 * leave out (no start or end events; "at least one activity" is the linter's).
 */
export function completeAdHocSubProcesses(
  elements: Record<string, FlowElement>,
  problems: BpmnProblem[],
): void {
  for (const adHocSubProcess of Object.values(elements)) {
    const adHoc = adHocSubProcess.adHoc;
    if (!adHoc) continue;
    const inner = (adHocSubProcess.childIds ?? []).map((id) => elements[id]!);
    const id = adHocSubProcess.id;
    if (inner.some((e) => e.elementType === 'START_EVENT' || e.elementType === 'END_EVENT')) {
      problems.push({
        elementId: id,
        message: `Element '${id}': an ad-hoc sub-process must not contain start events or end events`,
      });
    }
    adHoc.activityIds = inner
      .filter((e) => e.incoming.length === 0 && e.elementType !== 'BOUNDARY_EVENT')
      .filter((e) => !e.isForCompensation)
      .map((e) => e.id);
    adHoc.activities = adHoc.activities.filter((a) => adHoc.activityIds.includes(a.elementId));
    elements[adHoc.innerInstanceId] = {
      id: adHoc.innerInstanceId,
      elementType: 'AD_HOC_SUB_PROCESS_INNER_INSTANCE',
      eventType: 'UNSPECIFIED',
      flowScopeId: id,
      incoming: [],
      outgoing: [],
      inputMappings: [],
      outputMappings: [],
      boundaryEventIds: [],
    };
  }
}
