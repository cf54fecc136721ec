/**
 * Source and target models for the process instance migration tests: small processes built
 * from element snippets, with sequence flows along a path of element ids.
 */
import { processXml } from './fixtures';

export const service = (id: string, type: string, extra = '') =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements>${extra}</bpmn:serviceTask>`;

export const userTask = (id: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>`;

export const timerBoundary = (id: string, attachedTo: string, duration: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"><bpmn:timerEventDefinition><bpmn:timeDuration>${duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`;

export const messageBoundary = (id: string, attachedTo: string, messageRef: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"><bpmn:messageEventDefinition messageRef="${messageRef}" /></bpmn:boundaryEvent>`;

export const message = (id: string, name: string) =>
  `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>`;

export const multiInstanceService = (
  id: string,
  type: string,
  { sequential = false, collection = '=[1,2]' } = {},
) =>
  service(
    id,
    type,
    `<bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="${collection}" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>`,
  );

export const timerCatch = (id: string, duration: string) =>
  `<bpmn:intermediateCatchEvent id="${id}"><bpmn:timerEventDefinition><bpmn:timeDuration>${duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;

export const messageCatch = (id: string, messageRef: string) =>
  `<bpmn:intermediateCatchEvent id="${id}"><bpmn:messageEventDefinition messageRef="${messageRef}" /></bpmn:intermediateCatchEvent>`;

/** An event sub-process `id` started by `start` (an event definition), running `body` to its end. */
export const eventSubProcess = (
  id: string,
  startId: string,
  definition: string,
  elements: string[],
  path: string[],
  interrupting = true,
) =>
  `<bpmn:subProcess id="${id}" triggeredByEvent="true"><bpmn:startEvent id="${startId}" isInterrupting="${interrupting}">${definition}</bpmn:startEvent>${elements.join('')}<bpmn:endEvent id="${id}_end" />${flows([startId, ...path, `${id}_end`])}</bpmn:subProcess>`;

export const timerDefinition = (duration: string) =>
  `<bpmn:timerEventDefinition><bpmn:timeDuration>${duration}</bpmn:timeDuration></bpmn:timerEventDefinition>`;

export const messageDefinition = (messageRef: string) =>
  `<bpmn:messageEventDefinition messageRef="${messageRef}" />`;

/** Sequence flows along each path of element ids (flow ids derived from both ends). */
export function flows(...paths: string[][]): string {
  return paths
    .flatMap((path) =>
      path
        .slice(1)
        .map(
          (target, i) =>
            `<bpmn:sequenceFlow id="f_${path[i]}_${target}" sourceRef="${path[i]}" targetRef="${target}" />`,
        ),
    )
    .join('');
}

/** A sub-process `id` holding `body`. */
export const subProcess = (id: string, body: string) =>
  `<bpmn:subProcess id="${id}">${body}</bpmn:subProcess>`;

/** start → the elements → end, plus any extra content (boundary events and their flows). */
export function model(
  processId: string,
  elements: string[],
  path: string[],
  extra = '',
  head = '',
) {
  return processXml(
    processId,
    `<bpmn:startEvent id="start" />${elements.join('')}<bpmn:endEvent id="end" />${flows(['start', ...path, 'end'])}${extra}`,
    head,
  );
}
