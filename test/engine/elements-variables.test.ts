/**
 * Variable scopes, propagation and input/output mappings as Camunda 8.8 documents them
 * (docs.camunda.io → Concepts → Variables; BPMN → embedded subprocesses, service tasks;
 * Concepts → Expressions, Incidents).
 */
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { activate, activatableNow, deploy, startInstance, uniqueRun } from './elements-helpers';

describe('variables and mappings', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  beforeAll(async () => {
    await deploy(
      engine.zeebe,
      'subprocess-scope.bpmn',
      'task-mappings.bpmn',
      'input-mapping-failure.bpmn',
      'job-type-expression.bpmn',
      'now-mapping.bpmn',
    );
  });

  it('a variable created by an input mapping of an embedded sub-process is local to it and not visible after it unless output-mapped', async () => {
    const run = uniqueRun();
    const order = { id: 'o-1' };
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'subprocess-scope',
      variables: { run, order },
      requestTimeout: 20_000,
    });
    const [check] = await activate(engine.zeebe, `check-${run}`);
    expect(check!.variables).toEqual({ run, order, orderId: 'o-1' });
    const processInstanceKey = check!.processInstanceKey;
    const [reviewKey] = await records.elementKeys(processInstanceKey, 'review');
    expect(await records.variables(reviewKey!)).toEqual({ orderId: 'o-1' });

    await engine.zeebe.completeJob({ jobKey: check!.key, variables: {} });
    const [after] = await activate(engine.zeebe, `after-${run}`);
    expect(after!.variables).toEqual({ run, order, reviewOf: 'o-1-reviewed' });

    await engine.zeebe.completeJob({ jobKey: after!.key, variables: {} });
    expect((await completion).variables).toEqual({ run, order, reviewOf: 'o-1-reviewed' });
  });

  it('job completion variables propagate to the nearest scope that has the variable, else to the root scope', async () => {
    const run = uniqueRun();
    const order = { id: 'o-2' };
    const processInstanceKey = await startInstance(engine.zeebe, 'subprocess-scope', {
      run,
      order,
    });
    const [check] = await activate(engine.zeebe, `check-${run}`);
    const [reviewKey] = await records.elementKeys(processInstanceKey, 'review');

    await engine.zeebe.completeJob({
      jobKey: check!.key,
      variables: { orderId: 'o-2-fixed', verdict: 'ok' },
    });
    const updates = await records.query({
      valueType: 'VARIABLE',
      processInstanceKey,
    });
    const scopeOf = (name: string) =>
      updates.filter((r) => r.value.name === name).map((r) => [r.intent, r.value.scopeKey]);
    // orderId exists in the sub-process scope: it is updated there, not created at the root.
    expect(scopeOf('orderId')).toEqual([
      ['CREATED', reviewKey],
      ['UPDATED', reviewKey],
    ]);
    // verdict exists nowhere: it is created in the root scope.
    expect(scopeOf('verdict')).toEqual([['CREATED', processInstanceKey]]);

    const [after] = await activate(engine.zeebe, `after-${run}`);
    expect(after!.variables).toEqual({ run, order, verdict: 'ok', reviewOf: 'o-2-fixed-reviewed' });
  });

  it('with output mappings, the job variables become local to the task and only the mapped targets propagate; a nested target merges into the existing object', async () => {
    const run = uniqueRun();
    const start = { run, order: { id: 'o-3', total: 0 }, customer: 'Li Lei', iban: 'CN01' };
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'task-mappings',
      variables: start,
      requestTimeout: 20_000,
    });
    const [job] = await activate(engine.zeebe, `charge-${run}`);
    // Input mappings with nested targets build one object.
    expect(job!.variables).toMatchObject({ sender: { name: 'Li Lei', iban: 'CN01' } });

    await engine.zeebe.completeJob({
      jobKey: job!.key,
      variables: { response: { status: 'paid', total: 42 }, receipt: 'r-1' },
    });
    const result = await completion;
    expect(result.variables).toEqual({
      run,
      order: { id: 'o-3', total: 42 },
      customer: 'Li Lei',
      iban: 'CN01',
      paymentStatus: 'paid',
    });
    const [taskKey] = await records.elementKeys(job!.processInstanceKey, 'charge');
    expect(await records.variables(taskKey!)).toEqual({
      sender: { name: 'Li Lei', iban: 'CN01' },
      response: { status: 'paid', total: 42 },
      receipt: 'r-1',
    });
  });

  it('an input mapping whose FEEL evaluation fails raises an IO_MAPPING_ERROR incident with the evaluation message; setting the variable and resolving continues', async () => {
    const run = uniqueRun();
    const processInstanceKey = await startInstance(engine.zeebe, 'input-mapping-failure', { run });
    const incident = await records.incident(processInstanceKey);
    expect(incident.errorType).toBe('IO_MAPPING_ERROR');
    expect(incident.errorMessage).toContain('amount is required');
    expect(incident.elementId).toBe('guarded');
    expect(await records.intents(processInstanceKey, 'guarded')).toEqual(['ELEMENT_ACTIVATING']);
    expect(await activatableNow(engine.zeebe, `guarded-${run}`)).toEqual([]);

    await engine.zeebe.setVariables({
      elementInstanceKey: processInstanceKey,
      variables: { amount: 7 },
      local: false,
    });
    await engine.zeebe.resolveIncident({ incidentKey: incident.key });
    const [job] = await activate(engine.zeebe, `guarded-${run}`);
    expect(job!.variables).toEqual({ run, amount: 7, checkedAmount: 7 });
  });

  it('a job type and retries given as FEEL expressions are evaluated when the task is entered', async () => {
    const kind = uniqueRun();
    const processInstanceKey = await startInstance(engine.zeebe, 'job-type-expression', {
      kind,
      tries: 5,
    });
    const [job] = await activate(engine.zeebe, `type-${kind}`);
    expect(job!.processInstanceKey).toBe(processInstanceKey);
    expect(job!.retries).toBe(5);
  });

  it('a job type expression that does not evaluate to a string raises an EXTRACT_VALUE_ERROR incident', async () => {
    const processInstanceKey = await startInstance(engine.zeebe, 'job-type-expression', {
      tries: 1,
    });
    const incident = await records.incident(processInstanceKey);
    expect(incident.errorType).toBe('EXTRACT_VALUE_ERROR');
    expect(incident.errorMessage).toContain(
      `Expected result of the expression '"type-" + kind' to be 'STRING', but was 'NULL'.`,
    );
    expect(
      await records.query({ valueType: 'JOB', intent: 'CREATED', processInstanceKey }),
    ).toEqual([]);
  });

  it('now() in an input mapping is the engine clock, pinned by PUT /v2/clock', async () => {
    const pinned = Date.parse('2026-10-01T08:30:00+08:00');
    await engine.setClock(pinned);
    try {
      const run = uniqueRun();
      const completion = engine.zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'now-mapping',
        variables: { run },
        requestTimeout: 20_000,
      });
      const [job] = await activate(engine.zeebe, `stamp-${run}`);
      expect(
        Date.parse(String((job!.variables as { now?: unknown }).now).replace(/\[.*\]$/, '')),
      ).toBe(pinned);
      await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
      await completion;
    } finally {
      await engine.resetClock();
    }
  });
});
