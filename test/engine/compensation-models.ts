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
  /** A compensable task of this type on a parallel branch (`Side`, handler `Undo_side`). */
  alongside?: string;
  /** The first task is a parallel multi-instance activity over `items`. */
  multiInstance?: boolean;
  /** The tasks run inside an embedded sub-process `Sub`; the compensation is thrown after it. */
  inSubProcess?: boolean;
}

const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';

const job = (type: string) =>
  `<bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements>`;

/** A service task with a compensation boundary event and its associated handler. */
function compensable(id: string, suffix: string, type: string, loop = ''): string[] {
  return [
    `<bpmn:serviceTask id="${id}">${job(type)}${loop}</bpmn:serviceTask>`,
    `<bpmn:boundaryEvent id="Comp_${suffix}" attachedToRef="${id}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>`,
    `<bpmn:serviceTask id="Undo_${suffix}" isForCompensation="true">${job(`undo-${type}`)}</bpmn:serviceTask>`,
    `<bpmn:association id="Assoc_${suffix}" associationDirection="One" sourceRef="Comp_${suffix}" targetRef="Undo_${suffix}" />`,
  ];
}

/** A path of elements joined by sequence flows. */
class Path {
  parts: string[] = [];
  constructor(public previous: string) {}
  to(id: string, ...elements: string[]): void {
    this.parts.push(
      `<bpmn:sequenceFlow id="f_${this.previous}_${id}" sourceRef="${this.previous}" targetRef="${id}" />`,
      ...elements,
    );
    this.previous = id;
  }
}

export function compensationModel(model: CompensationModel): string {
  const outer = new Path('start');
  outer.parts.push('<bpmn:startEvent id="start" />');
  if (model.alongside) {
    outer.to('Fork', '<bpmn:parallelGateway id="Fork" />');
    outer.to('Side', ...compensable('Side', 'side', model.alongside));
    outer.to('SideEnd', '<bpmn:endEvent id="SideEnd" />');
    outer.previous = 'Fork';
  }
  const inner = model.inSubProcess ? new Path('subStart') : outer;
  const loop =
    '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>';
  model.tasks.forEach((type, i) => {
    const marker = i === 0 && model.multiInstance ? loop : '';
    inner.to(`Task_${i}`, ...compensable(`Task_${i}`, `${i}`, type, marker));
  });
  if (model.inSubProcess) {
    inner.to('subEnd', '<bpmn:endEvent id="subEnd" />');
    outer.to(
      'Sub',
      `<bpmn:subProcess id="Sub"><bpmn:startEvent id="subStart" />${inner.parts.join('')}</bpmn:subProcess>`,
    );
  }
  const ref = model.activityRef === undefined ? '' : ` activityRef="Task_${model.activityRef}"`;
  const definition = `<bpmn:compensateEventDefinition${ref} />`;
  if (model.after === 'end') {
    outer.to('Compensate', `<bpmn:endEvent id="Compensate">${definition}</bpmn:endEvent>`);
  } else {
    outer.to(
      'Compensate',
      `<bpmn:intermediateThrowEvent id="Compensate">${definition}</bpmn:intermediateThrowEvent>`,
    );
    outer.to(
      'After',
      `<bpmn:serviceTask id="After">${job(model.after.throwThen)}</bpmn:serviceTask>`,
    );
    outer.to('end', '<bpmn:endEvent id="end" />');
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="D_${model.id}" targetNamespace="t">
  <bpmn:process id="${model.id}" isExecutable="true">
    ${outer.parts.join('\n    ')}
  </bpmn:process>
</bpmn:definitions>`;
}
