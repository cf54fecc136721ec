/**
 * Call activities as Camunda 8.8 documents them (docs.camunda.io → BPMN → Call activities;
 * Concepts → Variables, Incidents; BPMN → Error events).
 */
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { activate, deploy, startInstance, uniqueRun } from './elements-helpers';

describe('call activity', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  beforeAll(async () => {
    await deploy(
      engine.zeebe,
      'call-child.bpmn',
      'call-parent.bpmn',
      'call-parent-isolated.bpmn',
      'call-parent-no-child-variables.bpmn',
      'call-parent-missing.bpmn',
      'call-child-error.bpmn',
      'call-parent-catch.bpmn',
    );
  });

  it('the called process gets all variables visible at the call activity by default, and its variables come back when it completes', async () => {
    const run = uniqueRun();
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'call-parent',
      variables: { run, base: 1, other: 'x' },
      requestTimeout: 20_000,
    });
    const [job] = await activate(engine.zeebe, `child-${run}`);
    // The input mapping's result (local to the call activity) is copied too.
    expect(job!.variables).toEqual({ run, base: 1, other: 'x', fromInput: 2 });
    expect(job!.bpmnProcessId).toBe('call-child');
    const parentKey = await records.createdInstance('call-parent', { run });
    expect(job!.processInstanceKey).not.toBe(parentKey);
    expect(await records.childInstances(parentKey)).toEqual([job!.processInstanceKey]);

    await engine.zeebe.completeJob({ jobKey: job!.key, variables: { childResult: 'r', base: 10 } });
    const result = await completion;
    // All child variables are merged from the call activity's scope: `fromInput` exists there
    // (input mapping), so it stays local to the call activity and is gone with it.
    expect(result.variables).toEqual({ run, base: 10, other: 'x', childResult: 'r' });
  });

  it('with propagateAllParentVariables=false the called process gets only the input-mapped variables, and with output mappings only the mapped variables come back', async () => {
    const run = uniqueRun();
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'call-parent-isolated',
      variables: { run, base: 1, secret: 's' },
      requestTimeout: 20_000,
    });
    const [job] = await activate(engine.zeebe, `child-${run}`);
    expect(job!.variables).toEqual({ run, given: 1 });

    await engine.zeebe.completeJob({
      jobKey: job!.key,
      variables: { childResult: 'r', noise: true },
    });
    expect((await completion).variables).toEqual({ run, base: 1, secret: 's', picked: 'r' });
  });

  it('with propagateAllChildVariables=false and no output mappings the called process variables are not propagated', async () => {
    const run = uniqueRun();
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'call-parent-no-child-variables',
      variables: { run },
      requestTimeout: 20_000,
    });
    const [job] = await activate(engine.zeebe, `child-${run}`);
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: { childResult: 'r' } });
    expect((await completion).variables).toEqual({ run });
  });

  it('a called process that is not deployed raises a CALLED_ELEMENT_ERROR incident; deploying it and resolving the incident continues', async () => {
    const run = uniqueRun();
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'call-parent-missing',
      variables: { run, suffix: 'child' },
      requestTimeout: 20_000,
    });
    const processInstanceKey = await records.createdInstance('call-parent-missing', { run });
    const incident = await records.incident(processInstanceKey);
    expect(incident).toMatchObject({
      errorType: 'CALLED_ELEMENT_ERROR',
      errorMessage:
        "Expected process with BPMN process id 'call-late-child' to be deployed, but not found.",
      elementId: 'callMissing',
    });
    expect(await records.childInstances(processInstanceKey)).toEqual([]);

    await deploy(engine.zeebe, 'call-late-child.bpmn');
    await engine.zeebe.resolveIncident({ incidentKey: incident.key });
    expect((await completion).variables).toEqual({ run, suffix: 'child', childRan: true });
  });

  it('canceling the parent process instance terminates the called process instance', async () => {
    const run = uniqueRun();
    const parentKey = await startInstance(engine.zeebe, 'call-parent', { run, base: 1 });
    const [job] = await activate(engine.zeebe, `child-${run}`);
    const childKey = job!.processInstanceKey;

    await engine.zeebe.cancelProcessInstance(parentKey);

    expect(await records.intents(childKey, 'call-child')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_TERMINATING',
      'ELEMENT_TERMINATED',
    ]);
    expect(await records.intents(childKey, 'childWork')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(parentKey, 'callChild')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(parentKey, 'call-parent')).toContain('ELEMENT_TERMINATED');
    // The child's job is gone: a late completion is refused.
    await expect(engine.zeebe.completeJob({ jobKey: job!.key, variables: {} })).rejects.toThrow(
      /NOT_FOUND/,
    );
  });

  it('an error thrown in a called process is caught by an error boundary event on the call activity, which terminates the called process', async () => {
    const run = uniqueRun();
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'call-parent-catch',
      variables: { run },
      requestTimeout: 20_000,
    });
    const [waiting] = await activate(engine.zeebe, `child-wait-${run}`);
    const [failing] = await activate(engine.zeebe, `child-fail-${run}`);
    const childKey = failing!.processInstanceKey;

    await engine.zeebe.completeJob({ jobKey: failing!.key, variables: { childNote: 'x' } });

    const result = await completion;
    // The child was terminated, not completed: its variables do not come back.
    expect(result.variables).toEqual({ run, recovered: true });
    expect(await records.intents(childKey, 'call-child-error')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(childKey, 'childWait')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(result.processInstanceKey, 'childFailedCaught')).toContain(
      'ELEMENT_COMPLETED',
    );
    await expect(engine.zeebe.completeJob({ jobKey: waiting!.key, variables: {} })).rejects.toThrow(
      /NOT_FOUND/,
    );
  });
});
