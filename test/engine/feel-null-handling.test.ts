/**
 * FEEL's null handling wherever the engine evaluates FEEL, as Camunda 8.8 documents it
 * (FEEL → Language guide → Error handling; Built-in functions → Boolean → `is defined()`;
 * Concepts → Incidents): a missing variable or context entry evaluates to null; since FEEL 1.17
 * `is defined(value)` is false for null and for what does not exist; a condition that gives no
 * boolean raises an incident.
 */
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { processXml } from './fixtures';
import {
  activate,
  activatableNow,
  startInstance,
  uniqueRun,
  type Variables,
} from './elements-helpers';
import { startWithTask, userTaskProcess } from './user-tasks-helpers';
import { deployProcess } from './rest-helpers';

const HOUR = 3_600_000;

/** The SDK's variables type leaves out null, which JSON (and Zeebe) allow. */
const withNulls = (variables: Record<string, unknown>) => variables as Variables;

/** An XML attribute value: FEEL strings carry double quotes. */
const attr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

const serviceTask = (id: string, type: string, extensions = '') =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${attr(type)}" />${extensions}</bpmn:extensionElements></bpmn:serviceTask>`;

const input = (source: string, target: string) =>
  `<zeebe:input source="${attr(source)}" target="${target}" />`;

/** start → task `probe` (job type `=type`) with input mappings → end. */
const PROBE = processXml(
  'null-probe',
  `<bpmn:startEvent id="start" />
   ${serviceTask(
     'probe',
     '=type',
     `<zeebe:ioMapping>
        ${input('=is defined(missing)', 'missingDefined')}
        ${input('=is defined(nothing)', 'nullDefined')}
        ${input('=is defined(order.missing)', 'entryDefined')}
        ${input('=is defined(order.id)', 'idDefined')}
        ${input('=is defined(0)', 'zeroDefined')}
        ${input('=missing', 'missingValue')}
        ${input('=missing = null', 'missingIsNull')}
        ${input('=order.missing.deeper', 'deepValue')}
      </zeebe:ioMapping>`,
   )}
   <bpmn:endEvent id="end" />
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="probe" />
   <bpmn:sequenceFlow id="f2" sourceRef="probe" targetRef="end" />`,
);

/** An exclusive gateway guarded by is defined(), and one that compares a missing variable. */
const ROUTING = processXml(
  'null-routing',
  `<bpmn:startEvent id="start" />
   <bpmn:exclusiveGateway id="guarded" />
   ${serviceTask('withApproval', '="approved-" + type')}
   ${serviceTask('withoutApproval', '="unapproved-" + type')}
   <bpmn:exclusiveGateway id="compare" />
   ${serviceTask('large', '="large-" + type')}
   ${serviceTask('small', '="small-" + type')}
   <bpmn:endEvent id="end1" /><bpmn:endEvent id="end2" />
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="guarded" />
   <bpmn:sequenceFlow id="toApproved" sourceRef="guarded" targetRef="withApproval">
     <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=is defined(approval)</bpmn:conditionExpression>
   </bpmn:sequenceFlow>
   <bpmn:sequenceFlow id="toUnapproved" sourceRef="guarded" targetRef="withoutApproval">
     <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=not(is defined(approval))</bpmn:conditionExpression>
   </bpmn:sequenceFlow>
   <bpmn:sequenceFlow id="f2" sourceRef="withApproval" targetRef="end1" />
   <bpmn:sequenceFlow id="f3" sourceRef="withoutApproval" targetRef="compare" />
   <bpmn:sequenceFlow id="toLarge" sourceRef="compare" targetRef="large">
     <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=amount &gt; 100</bpmn:conditionExpression>
   </bpmn:sequenceFlow>
   <bpmn:sequenceFlow id="toSmall" sourceRef="compare" targetRef="small">
     <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=amount &lt;= 100</bpmn:conditionExpression>
   </bpmn:sequenceFlow>
   <bpmn:sequenceFlow id="f4" sourceRef="large" targetRef="end2" />
   <bpmn:sequenceFlow id="f5" sourceRef="small" targetRef="end2" />`,
);

/** A task whose output mapping reads an entry the job result may not have, then `after`. */
const OUTPUT = processXml(
  'null-output',
  `<bpmn:startEvent id="start" />
   ${serviceTask(
     'fetch',
     '="fetch-" + type',
     `<zeebe:ioMapping><zeebe:output source="=response.receipt" target="receipt" /></zeebe:ioMapping>`,
   )}
   ${serviceTask('after', '="after-" + type')}
   <bpmn:endEvent id="end" />
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fetch" />
   <bpmn:sequenceFlow id="f2" sourceRef="fetch" targetRef="after" />
   <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end" />`,
);

/** A timer whose duration falls back when the variable does not exist. */
const TIMER = processXml(
  'null-timer',
  `<bpmn:startEvent id="start" />
   <bpmn:intermediateCatchEvent id="wait">
     <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">=if is defined(wait) then wait else "PT1H"</bpmn:timeDuration></bpmn:timerEventDefinition>
   </bpmn:intermediateCatchEvent>
   ${serviceTask('after', '="after-" + type')}
   <bpmn:endEvent id="end" />
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
   <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after" />
   <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end" />`,
);

/** A FEEL script task that reports what is defined. */
const SCRIPT = processXml(
  'null-script',
  `<bpmn:startEvent id="start" />
   <bpmn:scriptTask id="check"><bpmn:extensionElements>
     <zeebe:script expression="={missing: is defined(missing), present: is defined(present), empty: is defined(empty)}" resultVariable="defined" />
   </bpmn:extensionElements></bpmn:scriptTask>
   ${serviceTask('after', '="after-" + type')}
   <bpmn:endEvent id="end" />
   <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
   <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="after" />
   <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end" />`,
);

describe('FEEL null handling (Camunda 8.8)', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);
  const start = Date.parse('2026-09-28T01:00:00Z');

  beforeAll(async () => {
    await engine.setClock(start);
    for (const [name, xml] of [
      ['null-probe.bpmn', PROBE],
      ['null-routing.bpmn', ROUTING],
      ['null-output.bpmn', OUTPUT],
      ['null-timer.bpmn', TIMER],
      ['null-script.bpmn', SCRIPT],
    ] as const) {
      await engine.zeebe.deployResource({ process: Buffer.from(xml), name });
    }
    await deployProcess(
      engine.restUrl,
      'null-assignee',
      userTaskProcess(
        'null-assignee',
        `<zeebe:assignmentDefinition assignee="=if is defined(owner) then owner else &quot;dispatcher&quot;" />`,
      ),
    );
  });

  it('is defined() is false for a variable or a context entry that does not exist, and a missing variable evaluates to null (input mappings)', async () => {
    const type = uniqueRun();
    await startInstance(
      engine.zeebe,
      'null-probe',
      withNulls({ type, nothing: null, order: { id: 'o-1' } }),
    );
    const [job] = await activate(engine.zeebe, type);
    expect(job!.variables).toEqual(
      expect.objectContaining({
        missingDefined: false,
        entryDefined: false,
        idDefined: true,
        zeroDefined: true,
        missingValue: null,
        missingIsNull: true,
        deepValue: null,
      }),
    );
  });

  it('is defined(null) is false: since FEEL 1.17 the function is a null check (Camunda 8.8 "is defined()" breaking change)', async () => {
    const type = uniqueRun();
    await startInstance(
      engine.zeebe,
      'null-probe',
      withNulls({ type, nothing: null, order: { id: 'o-2' } }),
    );
    const [job] = await activate(engine.zeebe, type);
    expect(job!.variables).toEqual(expect.objectContaining({ nothing: null, nullDefined: false }));
  });

  it('a sequence-flow condition using is defined() routes on a missing variable instead of failing', async () => {
    const type = uniqueRun();
    const key = await startInstance(engine.zeebe, 'null-routing', { type, amount: 5 });
    const [job] = await activate(engine.zeebe, `unapproved-${type}`);
    expect(job!.processInstanceKey).toBe(key);
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
    expect((await activate(engine.zeebe, `small-${type}`))[0]!.processInstanceKey).toBe(key);

    const approved = await startInstance(engine.zeebe, 'null-routing', { type, approval: 'ok' });
    const [other] = await activate(engine.zeebe, `approved-${type}`);
    expect(other!.processInstanceKey).toBe(approved);
  });

  it('a condition comparing a missing variable evaluates to null and raises an EXTRACT_VALUE_ERROR incident (a condition must give true or false)', async () => {
    const type = uniqueRun();
    const key = await startInstance(engine.zeebe, 'null-routing', { type });
    const [job] = await activate(engine.zeebe, `unapproved-${type}`);
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
    const incident = await records.incident(key);
    expect(incident.errorType).toBe('EXTRACT_VALUE_ERROR');
    expect(incident.elementId).toBe('compare');
    expect(incident.errorMessage).toContain(
      "Expected result of the expression 'amount > 100' to be 'BOOLEAN', but was 'NULL'.",
    );
    expect(await activatableNow(engine.zeebe, `large-${type}`)).toEqual([]);
    expect(await activatableNow(engine.zeebe, `small-${type}`)).toEqual([]);
  });

  it('an output mapping whose source does not exist sets its target to null, without an incident', async () => {
    const type = uniqueRun();
    const key = await startInstance(engine.zeebe, 'null-output', { type });
    const [job] = await activate(engine.zeebe, `fetch-${type}`);
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: { response: { status: 'ok' } } });
    const [after] = await activate(engine.zeebe, `after-${type}`);
    expect(after!.variables).toEqual({ type, receipt: null });
    expect(await records.query({ valueType: 'INCIDENT', processInstanceKey: key })).toEqual([]);
  });

  it('a timer expression can fall back with is defined() when the variable does not exist', async () => {
    const type = uniqueRun();
    const key = await startInstance(engine.zeebe, 'null-timer', { type });
    await records.waitFor({ processInstanceKey: key, valueType: 'TIMER', intent: 'CREATED' });
    await engine.setClock(start + HOUR - 1_000);
    expect(await activatableNow(engine.zeebe, `after-${type}`)).toEqual([]);
    await engine.setClock(start + HOUR);
    expect((await activate(engine.zeebe, `after-${type}`))[0]!.processInstanceKey).toBe(key);
    await engine.setClock(start);
  });

  it('a user task assignee expression can fall back with is defined() when the variable does not exist', async () => {
    const { task } = await startWithTask(engine.restUrl, 'null-assignee', {});
    expect(task.assignee).toBe('dispatcher');
    const { task: owned } = await startWithTask(engine.restUrl, 'null-assignee', { owner: 'li' });
    expect(owned.assignee).toBe('li');
  });

  it('a FEEL script task tells a missing or null variable from a present one with is defined()', async () => {
    const type = uniqueRun();
    await startInstance(engine.zeebe, 'null-script', withNulls({ type, present: 0, empty: null }));
    const [after] = await activate(engine.zeebe, `after-${type}`);
    expect((after!.variables as Record<string, unknown>).defined).toEqual({
      missing: false,
      present: true,
      empty: false,
    });
  });
});
