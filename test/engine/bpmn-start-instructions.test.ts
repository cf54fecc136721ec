import { parseBpmn, type ExecutableProcess } from '../../engine/bpmn';
import { flowScopesOf, startInstructionProblem } from '../../engine/bpmn/start-instructions';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="nested" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:subProcess id="Outer">
      <bpmn:startEvent id="outerStart" />
      <bpmn:subProcess id="Inner">
        <bpmn:startEvent id="innerStart" />
        <bpmn:manualTask id="Deep" />
        <bpmn:sequenceFlow id="i1" sourceRef="innerStart" targetRef="Deep" />
      </bpmn:subProcess>
      <bpmn:sequenceFlow id="o1" sourceRef="outerStart" targetRef="Inner" />
    </bpmn:subProcess>
    <bpmn:subProcess id="Loop">
      <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
      <bpmn:startEvent id="loopStart" />
      <bpmn:subProcess id="LoopInner">
        <bpmn:startEvent id="loopInnerStart" />
        <bpmn:manualTask id="LoopDeep" />
        <bpmn:sequenceFlow id="l2" sourceRef="loopInnerStart" targetRef="LoopDeep" />
      </bpmn:subProcess>
      <bpmn:sequenceFlow id="l1" sourceRef="loopStart" targetRef="LoopInner" />
    </bpmn:subProcess>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Outer" />
    <bpmn:sequenceFlow id="f2" sourceRef="Outer" targetRef="Loop" />
  </bpmn:process>
</bpmn:definitions>`;

/** The pure part of start instructions (Camunda 8.8 docs, "Process instance creation"). */
describe('start instructions: flow scopes and limitations', () => {
  let process: ExecutableProcess;
  beforeAll(async () => {
    const parsed = await parseBpmn(XML, 'nested.bpmn');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    process = parsed.processes[0]!;
  });

  it('an element nested in sub-processes needs its containers, outermost first, the process excluded', () => {
    expect(flowScopesOf(process, 'Deep')).toEqual(['Outer', 'Inner']);
    expect(flowScopesOf(process, 'Outer')).toEqual([]);
  });

  it('an element anywhere below a multi-instance sub-process is refused, the multi-instance sub-process itself is not (Camunda 8.8 modification limitations)', () => {
    expect(startInstructionProblem(process, [{ elementId: 'LoopDeep' }])).toMatch(
      /'LoopDeep' is inside a multi-instance subprocess/,
    );
    expect(startInstructionProblem(process, [{ elementId: 'l2' }])).toMatch(
      /'l2' is inside a multi-instance subprocess/,
    );
    expect(startInstructionProblem(process, [{ elementId: 'Loop' }])).toBeUndefined();
    expect(startInstructionProblem(process, [{ elementId: 'Deep' }])).toBeUndefined();
  });

  it('the process itself is not an element an instance can start before', () => {
    expect(startInstructionProblem(process, [{ elementId: 'nested' }])).toMatch(
      /unsupported element type 'PROCESS'/,
    );
  });
});
