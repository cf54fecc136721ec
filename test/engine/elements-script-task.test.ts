/**
 * Script tasks as Camunda 8.8 documents them (BPMN → Script tasks): with `zeebe:script` the
 * engine evaluates the FEEL expression itself, in the task's scope after its input mappings,
 * stores the result in `resultVariable` (merged into the process instance, or local to the
 * task when output mappings decide what leaves) and continues; a failed evaluation raises an
 * incident and resolving it evaluates again. With `zeebe:taskDefinition` it is job-based.
 */
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { processXml } from './fixtures';
import { activate, activatableNow, startInstance, uniqueRun } from './elements-helpers';

/** An XML attribute value: FEEL strings carry double quotes. */
const attr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** start → script task `script` (its extension elements as given) → task `after-<type>` → end. */
function scriptProcess(id: string, extensions: string): string {
  return processXml(
    id,
    `<bpmn:startEvent id="start" />
     <bpmn:scriptTask id="script"><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:scriptTask>
     <bpmn:serviceTask id="after"><bpmn:extensionElements><zeebe:taskDefinition type="=&quot;after-&quot; + type" /></bpmn:extensionElements></bpmn:serviceTask>
     <bpmn:endEvent id="end" />
     <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="script" />
     <bpmn:sequenceFlow id="f2" sourceRef="script" targetRef="after" />
     <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end" />`,
  );
}

const script = (expression: string, resultVariable: string) =>
  `<zeebe:script expression="${attr(expression)}" resultVariable="${resultVariable}" />`;

describe('script tasks (Camunda 8.8)', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  async function deployXml(name: string, xml: string) {
    await engine.zeebe.deployResource({ process: Buffer.from(xml), name: `${name}.bpmn` });
  }

  beforeAll(async () => {
    await engine.setClock(Date.parse('2026-09-28T01:00:00Z'));
    await deployXml('script-sum', scriptProcess('script-sum', script('=a + b', 'sum')));
    await deployXml(
      'script-mapped',
      scriptProcess(
        'script-mapped',
        `${script('=price * quantity', 'total')}
         <zeebe:ioMapping>
           <zeebe:input source="=order.price" target="price" />
           <zeebe:output source="=total" target="orderTotal" />
         </zeebe:ioMapping>`,
      ),
    );
    await deployXml(
      'script-failing',
      scriptProcess(
        'script-failing',
        `${script('=assert(limit, limit != null, "limit is required") * 2', 'doubled')}
         <zeebe:ioMapping><zeebe:input source="=raw" target="limit" /></zeebe:ioMapping>`,
      ),
    );
    await deployXml(
      'script-values',
      scriptProcess(
        'script-values',
        script(
          '={items: [a, b], label: "n-" + string(a), due: date("2026-10-01") + duration("P1D"), at: now()}',
          'result',
        ),
      ),
    );
    await deployXml(
      'script-job',
      processXml(
        'script-job',
        `<bpmn:startEvent id="start" />
         <bpmn:scriptTask id="script"><bpmn:extensionElements><zeebe:taskDefinition type="=type" /></bpmn:extensionElements></bpmn:scriptTask>
         <bpmn:endEvent id="end" />
         <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="script" />
         <bpmn:sequenceFlow id="f2" sourceRef="script" targetRef="end" />`,
      ),
    );
  });

  it('a FEEL script task stores its result in resultVariable, merged into the process instance without output mappings, and completes without a job (Camunda 8.8 script task)', async () => {
    const type = uniqueRun();
    const key = await startInstance(engine.zeebe, 'script-sum', { type, a: 2, b: 3 });
    const [after] = await activate(engine.zeebe, `after-${type}`);
    expect(after!.processInstanceKey).toBe(key);
    expect(after!.variables).toEqual({ type, a: 2, b: 3, sum: 5 });
    expect(await records.variables(key)).toEqual(expect.objectContaining({ sum: 5 }));
    expect(await records.intents(key, 'script')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
    expect(await records.query({ valueType: 'JOB', processInstanceKey: key })).toHaveLength(1);
  });

  it('the expression sees the input mappings; with output mappings resultVariable stays local to the task and only the mapped targets propagate', async () => {
    const type = uniqueRun();
    const key = await startInstance(engine.zeebe, 'script-mapped', {
      type,
      order: { price: 4 },
      quantity: 3,
    });
    const [after] = await activate(engine.zeebe, `after-${type}`);
    expect(after!.variables).toEqual({ type, order: { price: 4 }, quantity: 3, orderTotal: 12 });
    const [scriptKey] = await records.elementKeys(key, 'script');
    expect(await records.variables(scriptKey!)).toEqual({ price: 4, total: 12 });
  });

  it('a failed evaluation raises an EXTRACT_VALUE_ERROR incident; resolving it applies the input mappings again and evaluates again', async () => {
    const type = uniqueRun();
    const key = await startInstance(engine.zeebe, 'script-failing', { type });
    const incident = await records.incident(key);
    expect(incident.errorType).toBe('EXTRACT_VALUE_ERROR');
    expect(incident.elementId).toBe('script');
    expect(incident.errorMessage).toContain('limit is required');
    expect(await records.intents(key, 'script')).toEqual(['ELEMENT_ACTIVATING']);
    expect(await activatableNow(engine.zeebe, `after-${type}`)).toEqual([]);

    // The task's local `limit` is null; only mapping `raw` again gives the script a value.
    await engine.zeebe.setVariables({
      elementInstanceKey: key,
      variables: { raw: 21 },
      local: false,
    });
    await engine.zeebe.resolveIncident({ incidentKey: incident.key });
    const [after] = await activate(engine.zeebe, `after-${type}`);
    expect(after!.variables).toEqual({ type, raw: 21, doubled: 42 });
  });

  it('the result may be any FEEL value: a context becomes an object, lists arrays, temporal values ISO text, now() the engine clock', async () => {
    const type = uniqueRun();
    await startInstance(engine.zeebe, 'script-values', { type, a: 1, b: 2 });
    const [after] = await activate(engine.zeebe, `after-${type}`);
    expect((after!.variables as Record<string, unknown>).result).toEqual({
      items: [1, 2],
      label: 'n-1',
      due: '2026-10-02',
      at: '2026-09-28T01:00:00Z',
    });
  });

  it('a script task with zeebe:taskDefinition stays job-based (job worker implementation)', async () => {
    const type = uniqueRun();
    const key = await startInstance(engine.zeebe, 'script-job', { type });
    const [job] = await activate(engine.zeebe, type);
    expect(job!.processInstanceKey).toBe(key);
    expect(job!.elementId).toBe('script');
    expect(await records.intents(key, 'script')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
    ]);
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
  });

  it('a zeebe:script whose expression is a static value is rejected at deployment, as Zeebe requires an expression', async () => {
    const xml = scriptProcess('script-static', script('a + b', 'sum'));
    await expect(
      engine.zeebe.deployResource({ process: Buffer.from(xml), name: 'script-static.bpmn' }),
    ).rejects.toThrow(
      "Element 'script': Expected expression but found static value 'a + b'. An expression must start with '=' (e.g. '=a + b').",
    );
  });
});
