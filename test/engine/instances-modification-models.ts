/** The BPMN models of the process instance modification tests. */
const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">`;

/** A service task whose job type is `<prefix>-<run>` (the instance's `run` variable). */
const task = (id: string, prefix: string, extra = '') =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="=&quot;${prefix}-&quot; + run" />${extra}</bpmn:extensionElements></bpmn:serviceTask>`;
const flow = (id: string, from: string, to: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;

/**
 * start → A → Wait (message `mod-go`, key `run`) → Sub (subStart → B (input mapping bInput =
 * note) → subEnd; a timer boundary event Late, P1D) → C → end; an event subprocess Esp
 * (message start `mod-esp`) → E → end.
 */
export const MODIFY = `${HEADER}
  <bpmn:message id="GoMsg" name="mod-go"><bpmn:extensionElements><zeebe:subscription correlationKey="=run" /></bpmn:extensionElements></bpmn:message>
  <bpmn:message id="EspMsg" name="mod-esp"><bpmn:extensionElements><zeebe:subscription correlationKey="=run" /></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="mod-main" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${task('A', 'a')}
    <bpmn:intermediateCatchEvent id="Wait"><bpmn:messageEventDefinition id="WaitDef" messageRef="GoMsg" /></bpmn:intermediateCatchEvent>
    <bpmn:subProcess id="Sub">
      <bpmn:startEvent id="subStart" />
      ${task('B', 'b', '<zeebe:ioMapping><zeebe:input source="=note" target="bInput" /></zeebe:ioMapping>')}
      <bpmn:endEvent id="subEnd" />
      ${flow('s1', 'subStart', 'B')}${flow('s2', 'B', 'subEnd')}
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="Late" attachedToRef="Sub"><bpmn:timerEventDefinition id="LateDef"><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    ${task('C', 'c')}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="lateEnd" />
    ${flow('f1', 'start', 'A')}${flow('f2', 'A', 'Wait')}${flow('f3', 'Wait', 'Sub')}${flow('f4', 'Sub', 'C')}
    ${flow('f5', 'C', 'end')}${flow('f6', 'Late', 'lateEnd')}
    <bpmn:subProcess id="Esp" triggeredByEvent="true">
      <bpmn:startEvent id="EspStart" isInterrupting="false"><bpmn:messageEventDefinition id="EspDef" messageRef="EspMsg" /></bpmn:startEvent>
      ${task('E', 'e')}
      <bpmn:endEvent id="EspEnd" />
      ${flow('e1', 'EspStart', 'E')}${flow('e2', 'E', 'EspEnd')}
    </bpmn:subProcess>
  </bpmn:process>
</bpmn:definitions>`;

/** start → MiSub (parallel multi-instance over `items`: miStart → Inner → miEnd) → Gw (event-based) → Tick (timer) | Msg → end. */
export const LIMITS = `${HEADER}
  <bpmn:message id="LimMsg" name="mod-lim"><bpmn:extensionElements><zeebe:subscription correlationKey="=run" /></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="mod-limits" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:subProcess id="MiSub">
      <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
      <bpmn:startEvent id="miStart" />
      ${task('Inner', 'inner')}
      <bpmn:endEvent id="miEnd" />
      ${flow('m1', 'miStart', 'Inner')}${flow('m2', 'Inner', 'miEnd')}
    </bpmn:subProcess>
    <bpmn:eventBasedGateway id="Gw" />
    <bpmn:intermediateCatchEvent id="Tick"><bpmn:timerEventDefinition id="TickDef"><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="Msg"><bpmn:messageEventDefinition id="MsgDef" messageRef="LimMsg" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="end2" />
    ${flow('f1', 'start', 'MiSub')}${flow('f2', 'MiSub', 'Gw')}${flow('f3', 'Gw', 'Tick')}${flow('f4', 'Gw', 'Msg')}
    ${flow('f5', 'Tick', 'end')}${flow('f6', 'Msg', 'end2')}
  </bpmn:process>
</bpmn:definitions>`;

/** A called process: start → T → end. */
export const CHILD = `${HEADER}
  <bpmn:process id="mod-child" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${task('T', 't')}
    <bpmn:endEvent id="end" />
    ${flow('f1', 'start', 'T')}${flow('f2', 'T', 'end')}
  </bpmn:process>
</bpmn:definitions>`;
