import { compileResources, readDefinitions, validateDeployment } from '../../engine/bpmn';
import type { CompileResult } from '../../engine/bpmn';
import { fixture, processXml } from './fixtures';

function errorsOf(result: CompileResult): string[] {
  return result.ok ? [] : result.errors;
}

const serviceTask = (id: string, type = 'work'): string =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements>
     <zeebe:taskDefinition type="${type}" /></bpmn:extensionElements></bpmn:serviceTask>`;

describe('compileResources: what the engine deploys', () => {
  it('deploys the supported elements of part 1', async () => {
    const result = await compileResources([
      { name: 'order-flow.bpmn', content: Buffer.from(fixture('order-flow.bpmn')) },
      { name: 'containers.bpmn', content: fixture('containers.bpmn') },
      { name: 'tasks.bpmn', content: fixture('tasks-runnable.bpmn') },
    ]);
    expect(errorsOf(result)).toEqual([]);
    expect(
      result.ok && result.processes.map((p) => [p.resourceName, p.process.bpmnProcessId]),
    ).toEqual([
      ['order-flow.bpmn', 'order-flow'],
      ['containers.bpmn', 'containers'],
      ['tasks.bpmn', 'tasks'],
    ]);
    expect(result.ok && result.processes[0]?.xml).toBe(fixture('order-flow.bpmn'));
  });

  it('deploys forms under the id of their schema', async () => {
    const result = await compileResources([
      { name: 'approve.form', content: fixture('approve.form') },
    ]);
    expect(result).toEqual({
      ok: true,
      processes: [],
      forms: [
        { resourceName: 'approve.form', formId: 'approve-form', content: fixture('approve.form') },
      ],
      drgs: [],
    });
  });

  it('deploys an ad-hoc sub-process: its activatable elements are the inner elements without incoming flows', async () => {
    const xml = processXml(
      'p',
      `<bpmn:startEvent id="Start" />
       <bpmn:adHocSubProcess id="Tools" cancelRemainingInstances="false">
         <bpmn:extensionElements>
           <zeebe:adHoc activeElementsCollection="=tools" outputCollection="results" outputElement="=result" />
         </bpmn:extensionElements>
         ${serviceTask('Search')}${serviceTask('Check')}<bpmn:task id="Note" />
         <bpmn:sequenceFlow id="F" sourceRef="Search" targetRef="Check" />
         <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=done</bpmn:completionCondition>
       </bpmn:adHocSubProcess>
       <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Tools" />`,
    );
    const result = await compileResources([{ name: 'p.bpmn', content: xml }]);
    expect(errorsOf(result)).toEqual([]);
    const tools = result.ok ? result.processes[0]!.process.elements.Tools : undefined;
    expect(tools?.elementType).toBe('AD_HOC_SUB_PROCESS');
    expect(tools?.adHoc).toEqual({
      activeElementsCollection: { kind: 'feel', source: 'tools' },
      completionCondition: { kind: 'feel', source: 'done' },
      cancelRemainingInstances: false,
      outputCollection: 'results',
      outputElement: { kind: 'feel', source: 'result' },
      activityIds: ['Search', 'Note'],
      activities: [{ elementId: 'Search' }, { elementId: 'Note' }],
      innerInstanceId: 'Tools#innerInstance',
    });
  });

  it('accepts .xml as a BPMN resource and a leading byte-order mark', async () => {
    const xml = processXml('p', '<bpmn:startEvent id="Start" />');
    const result = await compileResources([{ name: 'p.xml', content: `\uFEFF${xml}` }]);
    expect(errorsOf(result)).toEqual([]);
  });
});

describe('compileResources: what the engine rejects', () => {
  it('rejects every unsupported element, naming the element and what it is', async () => {
    const errors = errorsOf(
      await compileResources([{ name: 'unsupported.bpmn', content: fixture('unsupported.bpmn') }]),
    );
    const unsupported = (id: string, what: string): string =>
      `'unsupported.bpmn': Element '${id}' (${what}) is not supported by the embedded engine yet`;
    expect(errors).toEqual([
      unsupported('On_timeout_start', 'non-interrupting error start event of an event sub-process'),
    ]);
  });

  it('deploys all or nothing: one bad resource rejects the whole request', async () => {
    const result = await compileResources([
      { name: 'order-flow.bpmn', content: fixture('order-flow.bpmn') },
      { name: 'unsupported.bpmn', content: fixture('unsupported.bpmn') },
    ]);
    expect(result.ok).toBe(false);
  });

  it.each([
    [
      'a transaction',
      '<bpmn:transaction id="Tx"><bpmn:startEvent id="Tx_start" /></bpmn:transaction>',
      'Tx',
      'transaction sub-process',
    ],
    [
      'a standard loop',
      '<bpmn:task id="Again"><bpmn:standardLoopCharacteristics /></bpmn:task>',
      'Again',
      'standard loop',
    ],
    ['a transaction sub-process', '<bpmn:transaction id="Tx" />', 'Tx', 'transaction sub-process'],
    [
      'an event sub-process inside an ad-hoc sub-process',
      `<bpmn:adHocSubProcess id="Tools"><bpmn:task id="Tool" />
         <bpmn:subProcess id="OnSignal" triggeredByEvent="true">
           <bpmn:startEvent id="Signalled"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
         </bpmn:subProcess></bpmn:adHocSubProcess>`,
      'OnSignal',
      'event sub-process inside an ad-hoc sub-process',
    ],
    [
      'a conditional flow leaving a task',
      `<bpmn:task id="T" /><bpmn:endEvent id="E" />
       <bpmn:sequenceFlow id="F" sourceRef="T" targetRef="E">
         <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=x</bpmn:conditionExpression>
       </bpmn:sequenceFlow>`,
      'F',
      'conditional sequence flow leaving a task',
    ],
  ])('rejects %s', async (_what, body, id, feature) => {
    const xml = processXml('p', `<bpmn:startEvent id="Start" />${body}`);
    const errors = errorsOf(await compileResources([{ name: 'p.bpmn', content: xml }]));
    expect(errors).toContain(
      `'p.bpmn': Element '${id}' (${feature}) is not supported by the embedded engine yet`,
    );
  });

  it.each([
    [
      'start or end events',
      '<bpmn:startEvent id="Inner" /><bpmn:task id="Tool" />',
      'an ad-hoc sub-process must not contain start events or end events',
    ],
    [
      'no activity',
      '<bpmn:intermediateThrowEvent id="Inner" />',
      'Element of type <bpmn:AdHocSubProcess> must contain at least one activity',
    ],
  ])('rejects an ad-hoc sub-process with %s', async (_what, inner, message) => {
    const xml = processXml(
      'p',
      `<bpmn:startEvent id="Start" /><bpmn:adHocSubProcess id="Tools">${inner}</bpmn:adHocSubProcess>`,
    );
    const errors = errorsOf(await compileResources([{ name: 'p.bpmn', content: xml }]));
    expect(errors).toContain(`'p.bpmn': Element 'Tools': ${message}`);
  });

  it('reports the Camunda 8.8 linter errors with the element id', async () => {
    const xml = processXml('p', '<bpmn:startEvent id="Start" /><bpmn:serviceTask id="Task_1" />');
    const errors = errorsOf(await compileResources([{ name: 'resource.bpmn', content: xml }]));
    expect(errors).toEqual([
      "'resource.bpmn': Element 'Task_1': Element of type <bpmn:ServiceTask> must have one extension element of type <zeebe:TaskDefinition>",
    ]);
  });

  it('deploys message throw and end events with a task definition as job workers (Camunda 8.8, "Message events")', async () => {
    const xml = processXml(
      'p',
      `<bpmn:startEvent id="Start" />
       <bpmn:intermediateThrowEvent id="Notify"><bpmn:extensionElements>
         <zeebe:taskDefinition type="notify" retries="5" />
         <zeebe:taskHeaders><zeebe:header key="topic" value="orders" /></zeebe:taskHeaders>
       </bpmn:extensionElements><bpmn:messageEventDefinition id="NotifyDef" /></bpmn:intermediateThrowEvent>
       <bpmn:endEvent id="Published"><bpmn:extensionElements>
         <zeebe:taskDefinition type="publish" />
       </bpmn:extensionElements><bpmn:messageEventDefinition id="PublishedDef" /></bpmn:endEvent>
       <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Notify" />
       <bpmn:sequenceFlow id="F2" sourceRef="Notify" targetRef="Published" />`,
    );
    const result = await compileResources([{ name: 'p.bpmn', content: xml }]);
    expect(errorsOf(result)).toEqual([]);
    const elements = result.ok ? result.processes[0]!.process.elements : {};
    expect(elements.Notify).toMatchObject({
      elementType: 'INTERMEDIATE_THROW_EVENT',
      eventType: 'MESSAGE',
      job: {
        type: { kind: 'static', value: 'notify' },
        retries: { kind: 'static', value: '5' },
        headers: { topic: 'orders' },
      },
    });
    expect(elements.Published).toMatchObject({
      elementType: 'END_EVENT',
      eventType: 'MESSAGE',
      job: { type: { kind: 'static', value: 'publish' } },
    });
  });

  it('rejects message throw and end events without a task definition, as the Camunda 8.8 deployment rules do', async () => {
    const xml = processXml(
      'p',
      `<bpmn:startEvent id="Start" />
       <bpmn:intermediateThrowEvent id="Notify"><bpmn:messageEventDefinition id="NotifyDef" /></bpmn:intermediateThrowEvent>
       <bpmn:endEvent id="Published"><bpmn:messageEventDefinition id="PublishedDef" /></bpmn:endEvent>
       <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Notify" />
       <bpmn:sequenceFlow id="F2" sourceRef="Notify" targetRef="Published" />`,
    );
    const errors = errorsOf(await compileResources([{ name: 'p.bpmn', content: xml }]));
    expect(errors).toEqual([
      "'p.bpmn': Element 'Notify': Element of type <bpmn:IntermediateThrowEvent> must have one extension element of type <zeebe:TaskDefinition>",
      "'p.bpmn': Element 'Published': Element of type <bpmn:EndEvent> must have one extension element of type <zeebe:TaskDefinition>",
    ]);
  });

  it('reports FEEL syntax errors the linter finds', async () => {
    const xml = processXml('p', `<bpmn:startEvent id="Start" />${serviceTask('Task_1', '=x +')}`);
    const errors = errorsOf(await compileResources([{ name: 'feel.bpmn', content: xml }]));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^'feel\.bpmn': Element 'Task_1': /);
  });

  it('duplicate process ids within one deployment are an error', async () => {
    const xml = processXml('same', '<bpmn:startEvent id="Start" />');
    const errors = errorsOf(
      await compileResources([
        { name: 'p2.bpmn', content: xml },
        { name: 'p3.bpmn', content: xml },
      ]),
    );
    expect(errors).toEqual(["Duplicated process id in resources 'p2.bpmn' and 'p3.bpmn'"]);
  });

  it('duplicate form ids within one deployment are an error', async () => {
    const errors = errorsOf(
      await compileResources([
        { name: 'a.form', content: fixture('approve.form') },
        { name: 'b.form', content: fixture('approve.form') },
      ]),
    );
    expect(errors).toEqual([
      "Expected the form ids to be unique within a deployment but found a duplicated id 'approve-form' in the resources 'a.form' and 'b.form'.",
    ]);
  });

  it('XML parse errors name the resource', async () => {
    const errors = errorsOf(
      await compileResources([{ name: 'bad.bpmn', content: '<bpmn:definitions' }]),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^'bad\.bpmn': Failed to parse the XML: /);
  });

  it('unknown BPMN elements are parse errors', async () => {
    const xml = processXml('p', '<bpmn:startEvent id="Start" /><bpmn:fooTask id="Foo" />');
    const errors = errorsOf(await compileResources([{ name: 'foo.bpmn', content: xml }]));
    expect(errors[0]).toMatch(
      /^'foo\.bpmn': Failed to parse the XML: unparsable content <bpmn:fooTask>/,
    );
  });

  it('a file without an executable process is an error', async () => {
    const xml = processXml('p', '<bpmn:startEvent id="Start" />').replace(
      'isExecutable="true"',
      'isExecutable="false"',
    );
    const errors = errorsOf(await compileResources([{ name: 'draft.bpmn', content: xml }]));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.startsWith("'draft.bpmn': "))).toBe(true);
  });

  it('a DMN without decisions is an error; other file types are rejected', async () => {
    const errors = errorsOf(
      await compileResources([
        {
          name: 'discount.dmn',
          content: '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" />',
        },
        { name: 'notes.txt', content: 'hello' },
      ]),
    );
    expect(errors).toEqual([
      "'discount.dmn': Expected the DMN to contain at least one decision",
      "'notes.txt': Expected a resource of type BPMN (.bpmn, .xml), DMN (.dmn) or form (.form)",
    ]);
  });

  it('a form without an id, or not JSON, is an error', async () => {
    const errors = errorsOf(
      await compileResources([
        { name: 'a.form', content: '{"components": []}' },
        { name: 'b.form', content: 'not json' },
      ]),
    );
    expect(errors).toEqual([
      "'a.form': Expected the form to have an id, but none found",
      "'b.form': Failed to parse the form: the content is not valid JSON",
    ]);
  });

  it('an empty deployment is an error', async () => {
    expect(errorsOf(await compileResources([]))).toEqual([
      'Expected to deploy at least one resource, but none given',
    ]);
  });
});

describe('validateDeployment', () => {
  it('accepts Camunda user tasks (zeebe:userTask)', async () => {
    const read = await readDefinitions(fixture('tasks.bpmn'));
    if (!read.definitions) throw new Error('fixture must parse');
    expect(await validateDeployment(read.definitions)).toEqual([]);
  });

  it('returns no problems for a supported model and problems with element ids otherwise', async () => {
    const good = await readDefinitions(fixture('tasks-runnable.bpmn'));
    const bad = await readDefinitions(fixture('unsupported.bpmn'));
    if (!good.definitions || !bad.definitions) throw new Error('fixtures must parse');
    expect(await validateDeployment(good.definitions)).toEqual([]);
    const problems = await validateDeployment(bad.definitions);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.elementId)).toBe(true);
  });
});
