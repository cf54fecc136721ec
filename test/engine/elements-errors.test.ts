/**
 * BPMN errors as Camunda 8.8 documents them (docs.camunda.io → BPMN → Error events; gRPC
 * ThrowError; Concepts → Incidents): catching by code, catch-all, precedence, error variables,
 * errors from error end events, multi-instance activities, and unhandled errors.
 */
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { activate, deploy, startInstance, uniqueRun, type Variables } from './elements-helpers';

describe('error events', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  beforeAll(async () => {
    await deploy(
      engine.zeebe,
      'error-boundary.bpmn',
      'error-boundary-mapped.bpmn',
      'error-uncaught.bpmn',
      'error-subprocess.bpmn',
      'error-end-uncaught.bpmn',
      'error-multi-instance.bpmn',
    );
  });

  /** Starts `bpmnProcessId`, waits for its job, throws the error; resolves with the result. */
  async function throwFromWorker(
    bpmnProcessId: string,
    jobPrefix: string,
    error: { errorCode: string; errorMessage?: string; variables?: Variables },
  ) {
    const run = uniqueRun();
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId,
      variables: { run },
      requestTimeout: 20_000,
    });
    const [job] = await activate(engine.zeebe, `${jobPrefix}-${run}`);
    await engine.zeebe.throwError({ jobKey: job!.key, ...error });
    return { run, job: job!, result: await completion };
  }

  it('an error thrown by a job worker is caught by the error boundary event with its code, which takes precedence over a catch-all one', async () => {
    const { run, job, result } = await throwFromWorker('error-boundary', 'pay', {
      errorCode: 'DECLINED',
    });
    expect(result.variables).toEqual({ run, handledBy: 'declined' });
    expect(await records.intents(result.processInstanceKey, 'pay')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_TERMINATING',
      'ELEMENT_TERMINATED',
    ]);
    expect(await records.intents(result.processInstanceKey, 'anyError')).toEqual([]);
    // ThrowError disabled the job: it can no longer be completed.
    await expect(engine.zeebe.completeJob({ jobKey: job.key, variables: {} })).rejects.toThrow(
      /NOT_FOUND/,
    );
  });

  it('an error whose code no boundary event names is caught by the catch-all error boundary event', async () => {
    const { run, result } = await throwFromWorker('error-boundary', 'pay', {
      errorCode: 'SOMETHING_ELSE',
    });
    expect(result.variables).toEqual({ run, handledBy: 'any' });
  });

  it('the variables of a thrown error reach the scope of the catching event', async () => {
    const { run, result } = await throwFromWorker('error-boundary', 'pay', {
      errorCode: 'DECLINED',
      errorMessage: 'card expired',
      variables: { reason: 'expired', attempt: 2 },
    });
    expect(result.variables).toEqual({ run, reason: 'expired', attempt: 2, handledBy: 'declined' });
  });

  it('with output mappings on the error catch event, only the mapped error variables are merged', async () => {
    const { run, result } = await throwFromWorker('error-boundary-mapped', 'pay-mapped', {
      errorCode: 'DECLINED',
      variables: { reason: 'expired', attempt: 2 },
    });
    expect(result.variables).toEqual({ run, declineReason: 'expired' });
  });

  it('an error end event inside a sub-process is caught by an error boundary event on the sub-process, which terminates the sub-process and its other paths', async () => {
    const run = uniqueRun();
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'error-subprocess',
      variables: { run, amount: 5000 },
      requestTimeout: 20_000,
    });
    // The quick path throws in the same step that entered the slow check's task.
    const result = await completion;
    const key = result.processInstanceKey;
    expect(result.variables).toEqual({ run, amount: 5000, rejected: true });
    expect(await records.intents(key, 'checkFailedEnd')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_TERMINATING',
      'ELEMENT_TERMINATED',
    ]);
    expect(await records.intents(key, 'slowCheck')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(key, 'checks')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(key, 'accepted')).toEqual([]);
    const jobs = await records.query({ valueType: 'JOB', processInstanceKey: key });
    expect(jobs.map((r) => r.intent)).toEqual(['CREATED', 'CANCELED']);
  });

  it('an error thrown by a job inside a sub-process propagates outward to the error boundary event of the sub-process', async () => {
    const run = uniqueRun();
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'error-subprocess',
      variables: { run, amount: 1 },
      requestTimeout: 20_000,
    });
    const [slow] = await activate(engine.zeebe, `slow-check-${run}`);
    await engine.zeebe.throwError({
      jobKey: slow!.key,
      errorCode: 'CHECK_FAILED',
      variables: { failedCheck: 'slow' },
    });
    const result = await completion;
    expect(result.variables).toEqual({ run, amount: 1, failedCheck: 'slow', rejected: true });
    expect(await records.intents(result.processInstanceKey, 'checks')).toContain(
      'ELEMENT_TERMINATED',
    );
  });

  it('an error boundary event on a multi-instance activity catches an inner instance’s error and terminates all inner instances without an output collection', async () => {
    const run = uniqueRun();
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'error-multi-instance',
      variables: { run, items: [1, 2, 3] },
      requestTimeout: 20_000,
    });
    const jobs = await activate(engine.zeebe, `mi-error-${run}`, 3);
    await engine.zeebe.completeJob({ jobKey: jobs[0]!.key, variables: { result: 'done' } });
    await engine.zeebe.throwError({ jobKey: jobs[1]!.key, errorCode: 'ANY' });

    const result = await completion;
    expect(result.variables).toEqual({ run, items: [1, 2, 3] });
    const terminated = await records.query({
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_TERMINATED',
      processInstanceKey: result.processInstanceKey,
      elementId: 'work',
    });
    expect(terminated.map((r) => r.value.bpmnElementType).sort()).toEqual([
      'MULTI_INSTANCE_BODY',
      'SERVICE_TASK',
      'SERVICE_TASK',
    ]);
    expect(await records.intents(result.processInstanceKey, 'failed')).toContain(
      'ELEMENT_COMPLETED',
    );
  });

  it('an error no catch event matches raises an UNHANDLED_ERROR_EVENT incident on the task, naming the error events available; resolving it re-enables the job', async () => {
    const run = uniqueRun();
    const processInstanceKey = await startInstance(engine.zeebe, 'error-uncaught', { run });
    const [guarded] = await activate(engine.zeebe, `guarded-${run}`);
    await engine.zeebe.throwError({
      jobKey: guarded!.key,
      errorCode: 'UNKNOWN',
      errorMessage: 'boom',
    });
    const incident = await records.incident(processInstanceKey);
    expect(incident).toMatchObject({
      errorType: 'UNHANDLED_ERROR_EVENT',
      errorMessage:
        "Expected to throw an error event with the code 'UNKNOWN' with message 'boom', but it was not caught. Available error events are [KNOWN]",
      elementId: 'guarded',
      elementInstanceKey: guarded!.elementInstanceKey,
      jobKey: guarded!.key,
    });

    await engine.zeebe.resolveIncident({ incidentKey: incident.key });
    const [again] = await activate(engine.zeebe, `guarded-${run}`);
    expect(again!.key).toBe(guarded!.key);
    await engine.zeebe.completeJob({ jobKey: again!.key, variables: {} });
    expect(await records.intents(processInstanceKey, 'guarded')).toContain('ELEMENT_COMPLETED');
  });

  it('an error thrown where no error catch event exists names none in its incident', async () => {
    const run = uniqueRun();
    const processInstanceKey = await startInstance(engine.zeebe, 'error-uncaught', { run });
    const [unguarded] = await activate(engine.zeebe, `unguarded-${run}`);
    await engine.zeebe.throwError({ jobKey: unguarded!.key, errorCode: 'OOPS' });
    const incident = await records.incident(processInstanceKey);
    expect(incident).toMatchObject({
      errorType: 'UNHANDLED_ERROR_EVENT',
      errorMessage:
        "Expected to throw an error event with the code 'OOPS', but it was not caught. No error events are available in the scope.",
      elementId: 'unguarded',
    });
  });

  it('an uncaught error end event raises an UNHANDLED_ERROR_EVENT incident on the end event, with the code its expression evaluated to', async () => {
    const processInstanceKey = await startInstance(engine.zeebe, 'error-end-uncaught', {
      reason: 'late',
    });
    const incident = await records.incident(processInstanceKey);
    expect(incident).toMatchObject({
      errorType: 'UNHANDLED_ERROR_EVENT',
      errorMessage:
        "Expected to throw an error event with the code 'NOPE-late', but it was not caught. No error events are available in the scope.",
      elementId: 'fail',
      jobKey: '-1',
    });
  });
});
