/**
 * Small compensation models for compensation.test.ts, written out as BPMN XML: a chain of
 * service tasks (each with a compensation boundary event associated with its own handler task)
 * followed by a compensation throw or end event.
 */
export interface CompensationModel {
  id: string;
  /** Job types of the compensable tasks, in flow order; each handler's type is `undo-<type>`. */
  tasks: string[];
  /** After the tasks: a compensation throw event then a task of this type, or a compensation end event. */
  after: { throwThen: string } | 'end';
  /** The throw/end event's activityRef: the index of one task. */
  activityRef?: number;
}

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';

const job = (type: string) =>
  `<bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements>`;

export function compensationModel(model: CompensationModel): string {
  const parts: string[] = ['<bpmn:startEvent id="start" />'];
  let previous = 'start';
  const flow = (to: string) => {
    parts.push(
      `<bpmn:sequenceFlow id="f_${previous}_${to}" sourceRef="${previous}" targetRef="${to}" />`,
    );
    previous = to;
  };
  model.tasks.forEach((type, i) => {
    const task = `Task_${i}`;
    flow(task);
    parts.push(`<bpmn:serviceTask id="${task}">${job(type)}</bpmn:serviceTask>`);
    parts.push(
      `<bpmn:boundaryEvent id="Comp_${i}" attachedToRef="${task}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>`,
      `<bpmn:serviceTask id="Undo_${i}" isForCompensation="true">${job(`undo-${type}`)}</bpmn:serviceTask>`,
      `<bpmn:association id="Assoc_${i}" associationDirection="One" sourceRef="Comp_${i}" targetRef="Undo_${i}" />`,
    );
  });
  const ref = model.activityRef === undefined ? '' : ` activityRef="Task_${model.activityRef}"`;
  const definition = `<bpmn:compensateEventDefinition${ref} />`;
  if (model.after === 'end') {
    flow('Compensate');
    parts.push(`<bpmn:endEvent id="Compensate">${definition}</bpmn:endEvent>`);
  } else {
    flow('Compensate');
    parts.push(
      `<bpmn:intermediateThrowEvent id="Compensate">${definition}</bpmn:intermediateThrowEvent>`,
    );
    flow('After');
    parts.push(`<bpmn:serviceTask id="After">${job(model.after.throwThen)}</bpmn:serviceTask>`);
    flow('end');
    parts.push('<bpmn:endEvent id="end" />');
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="D_${model.id}" targetNamespace="t">
  <bpmn:process id="${model.id}" isExecutable="true">
    ${parts.join('\n    ')}
  </bpmn:process>
</bpmn:definitions>`;
}
