import { useEngine } from '../support/engine';
import {
  asApi,
  Code,
  deployTasks,
  grpcError,
  incidentOf,
  processIntents,
  readRecords,
  useZeebeNode,
  type ZeebeApi,
} from './clients-support';

/**
 * What happens to a job after activation, as Camunda 8.8 documents it ("Job workers":
 * completing or failing jobs, retries and back-off, timeouts; "Incidents"; zeebe.proto),
 * through both official clients. Time moves on the engine clock (`PUT /v2/clock`), never by
 * sleeping.
 */
describe('job lifecycle', () => {
  const zeebeNode = useZeebeNode(() => engine.port);
  const engine = useEngine();
  afterEach(() => engine.resetClock());

  /** Whatever is activatable right now (no long polling), taken with the SDK. */
  const activatableNow = (type: string) =>
    asApi(engine.zeebe).activateJobs({
      type,
      worker: 'probe',
      timeout: 60_000,
      maxJobsToActivate: 100,
      requestTimeout: -1,
    });

  const clients: Array<[string, () => ZeebeApi]> = [
    ['@camunda8/sdk', () => asApi(engine.zeebe)],
    ['zeebe-node', () => asApi(zeebeNode())],
  ];

  describe.each(clients)('with %s', (_name, client) => {
    /** Deploys `tasks`, starts one instance and activates its first job. */
    async function startAndActivate(
      tasks: Parameters<typeof deployTasks>[1] = [{}],
      variables: Record<string, unknown> = {},
      timeout = 60_000,
    ) {
      const deployed = await deployTasks(client(), tasks);
      const instance = await client().createProcessInstance({
        bpmnProcessId: deployed.processId,
        variables,
      });
      const [job] = await client().activateJobs({
        type: deployed.types[0]!,
        worker: 'first-worker',
        timeout,
        maxJobsToActivate: 1,
      });
      if (!job) throw new Error('no job activated');
      return { ...deployed, processInstanceKey: instance.processInstanceKey, job };
    }

    it('CompleteJob completes the task: its variables reach the process and the next task', async () => {
      const { types, job, processInstanceKey } = await startAndActivate([{}, {}], { n: 1 });
      await client().completeJob({ jobKey: job.key, variables: { result: 'done', n: 2 } });
      const [next] = await client().activateJobs({
        type: types[1]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
      });
      expect(next!.processInstanceKey).toBe(processInstanceKey);
      expect(next!.variables).toEqual({ result: 'done', n: 2 });
    });

    it('CompleteJob of a job that was already completed is rejected with NOT_FOUND', async () => {
      const { job } = await startAndActivate();
      await client().completeJob({ jobKey: job.key, variables: {} });
      const error = await grpcError(client().completeJob({ jobKey: job.key, variables: {} }));
      expect(error.code).toBe(Code.NOT_FOUND);
      expect(error.details).toContain(
        `Expected to complete job with key '${job.key}', but no such job was found`,
      );
    });

    it('CompleteJob of an unknown job key is rejected with NOT_FOUND', async () => {
      const error = await grpcError(
        client().completeJob({ jobKey: '2251799813999999', variables: {} }),
      );
      expect(error.code).toBe(Code.NOT_FOUND);
    });

    it('FailJob with retries left: the job is activatable again with the retries the worker set, and the error message is recorded', async () => {
      const { types, job } = await startAndActivate([{ retries: 3 }]);
      await client().failJob({ jobKey: job.key, retries: 2, errorMessage: 'flaky backend' });
      const [again] = await client().activateJobs({
        type: types[0]!,
        worker: 'second-worker',
        timeout: 60_000,
        maxJobsToActivate: 1,
      });
      expect(again!.key).toBe(job.key);
      expect(again!.retries).toBe(2);
      const [failed] = await readRecords(engine.databaseUrl, {
        valueType: 'JOB',
        intent: 'FAILED',
        key: job.key,
      });
      expect(failed!.value).toMatchObject({ retries: 2, errorMessage: 'flaky backend' });
    });

    it('FailJob with retryBackOff: the job is activatable again only once the back-off has passed on the engine clock', async () => {
      const start = Date.UTC(2030, 6, 1, 9);
      await engine.setClock(start);
      const { types, job } = await startAndActivate();
      await client().failJob({
        jobKey: job.key,
        retries: 1,
        errorMessage: 'try later',
        retryBackOff: 30_000,
      });
      expect(await activatableNow(types[0]!)).toEqual([]);
      await engine.setClock(start + 29_999);
      expect(await activatableNow(types[0]!)).toEqual([]);
      await engine.setClock(start + 30_000);
      const [again] = await client().activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
      });
      expect(again!.key).toBe(job.key);
      expect(again!.retries).toBe(1);
    });

    it('FailJob with no retries left raises a JOB_NO_RETRIES incident carrying the error message, and the job is not activatable', async () => {
      const { types, job, processInstanceKey } = await startAndActivate();
      await client().failJob({ jobKey: job.key, retries: 0, errorMessage: 'gave up' });
      const incident = await incidentOf(engine.databaseUrl, processInstanceKey);
      expect(incident).toMatchObject({
        errorType: 'JOB_NO_RETRIES',
        errorMessage: 'gave up',
        jobKey: job.key,
        elementId: 'task1',
        elementInstanceKey: job.elementInstanceKey,
      });
      expect(await activatableNow(types[0]!)).toEqual([]);
    });

    it('FailJob with no retries left and no message: the incident says "No more retries left."', async () => {
      const { job, processInstanceKey } = await startAndActivate();
      await client().failJob({ jobKey: job.key, retries: 0, errorMessage: '' });
      const incident = await incidentOf(engine.databaseUrl, processInstanceKey);
      expect(incident).toMatchObject({
        errorType: 'JOB_NO_RETRIES',
        errorMessage: 'No more retries left.',
      });
    });

    it('a failed job without retries cannot be completed: INVALID_STATE (FAILED_PRECONDITION)', async () => {
      const { job } = await startAndActivate();
      await client().failJob({ jobKey: job.key, retries: 0, errorMessage: 'gave up' });
      const error = await grpcError(client().completeJob({ jobKey: job.key, variables: {} }));
      expect(error.code).toBe(Code.FAILED_PRECONDITION);
      expect(error.details).toContain("but it is in state 'FAILED'");
    });

    it('ResolveIncident before the job retries are updated is rejected (INVALID_STATE)', async () => {
      const { job, processInstanceKey } = await startAndActivate();
      await client().failJob({ jobKey: job.key, retries: 0, errorMessage: 'gave up' });
      const incident = await incidentOf(engine.databaseUrl, processInstanceKey);
      const error = await grpcError(client().resolveIncident({ incidentKey: incident.key }));
      expect(error.code).toBe(Code.FAILED_PRECONDITION);
      expect(error.details).toContain('has no retries left');
    });

    it('UpdateJobRetries then ResolveIncident: the job is activatable again and the process continues', async () => {
      const { types, job, processInstanceKey } = await startAndActivate([{}, {}]);
      await client().failJob({ jobKey: job.key, retries: 0, errorMessage: 'gave up' });
      const incident = await incidentOf(engine.databaseUrl, processInstanceKey);
      await client().updateJobRetries({ jobKey: job.key, retries: 4 });
      // Updating the retries alone does not bring the job back: the incident holds it.
      expect(await activatableNow(types[0]!)).toEqual([]);
      await client().resolveIncident({ incidentKey: incident.key });
      const [again] = await client().activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
      });
      expect(again).toMatchObject({ key: job.key, retries: 4 });
      await client().completeJob({ jobKey: again!.key, variables: { fixed: true } });
      const [next] = await client().activateJobs({
        type: types[1]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
      });
      expect(next!.variables).toEqual({ fixed: true });
      await client().completeJob({ jobKey: next!.key, variables: {} });
      expect(await processIntents(engine.databaseUrl, processInstanceKey)).toContain(
        'ELEMENT_COMPLETED',
      );
    });

    it('ResolveIncident of an unknown incident is rejected with NOT_FOUND', async () => {
      const error = await grpcError(client().resolveIncident({ incidentKey: '2251799813999998' }));
      expect(error.code).toBe(Code.NOT_FOUND);
    });

    it('UpdateJobRetries rejects retries < 1 with INVALID_ARGUMENT and an unknown job with NOT_FOUND', async () => {
      const { job } = await startAndActivate();
      const invalid = await grpcError(client().updateJobRetries({ jobKey: job.key, retries: 0 }));
      expect(invalid.code).toBe(Code.INVALID_ARGUMENT);
      const unknown = await grpcError(
        client().updateJobRetries({ jobKey: '2251799813999997', retries: 1 }),
      );
      expect(unknown.code).toBe(Code.NOT_FOUND);
    });

    it('a job whose timeout elapsed on the engine clock is activatable again with its retries; the first worker completing it late gets NOT_FOUND', async () => {
      const start = Date.UTC(2030, 8, 9, 10);
      await engine.setClock(start);
      const { types, job } = await startAndActivate([{ retries: 3 }], {}, 10_000);
      expect(Number(job.deadline)).toBe(start + 10_000);
      await engine.setClock(start + 10_000);
      expect(await activatableNow(types[0]!)).toEqual([]); // the deadline itself is still valid
      await engine.setClock(start + 10_001);
      const [again] = await client().activateJobs({
        type: types[0]!,
        worker: 'second-worker',
        timeout: 10_000,
        maxJobsToActivate: 1,
      });
      expect(again).toMatchObject({ key: job.key, worker: 'second-worker', retries: 3 });
      expect(Number(again!.deadline)).toBe(start + 10_001 + 10_000);
      await client().completeJob({ jobKey: again!.key, variables: {} });
      const late = await grpcError(client().completeJob({ jobKey: job.key, variables: {} }));
      expect(late.code).toBe(Code.NOT_FOUND);
      const timedOut = await readRecords(engine.databaseUrl, {
        valueType: 'JOB',
        intent: 'TIMED_OUT',
        key: job.key,
      });
      expect(timedOut).toHaveLength(1);
    });

    it('ThrowError without a catching error boundary event raises an UNHANDLED_ERROR_EVENT incident', async () => {
      const { types, job, processInstanceKey } = await startAndActivate();
      await client().throwError({
        jobKey: job.key,
        errorCode: 'NOT_CAUGHT',
        errorMessage: 'nobody listens',
      });
      const incident = await incidentOf(engine.databaseUrl, processInstanceKey);
      expect(incident).toMatchObject({
        errorType: 'UNHANDLED_ERROR_EVENT',
        jobKey: job.key,
        elementId: 'task1',
      });
      expect(String(incident.errorMessage)).toContain("'NOT_CAUGHT'");
      expect(await activatableNow(types[0]!)).toEqual([]);
    });

    it('ThrowError caught by an error boundary event leaves the task through the boundary; the job is gone', async () => {
      const { job, processInstanceKey } = await startAndActivate([{ catchErrorCode: 'REJECTED' }]);
      await client().throwError({ jobKey: job.key, errorCode: 'REJECTED', errorMessage: 'no' });
      const intents = await processIntents(engine.databaseUrl, processInstanceKey);
      expect(intents).toContain('ELEMENT_COMPLETED');
      const events = await readRecords(engine.databaseUrl, {
        valueType: 'PROCESS_INSTANCE',
        recordType: 'EVENT',
        processInstanceKey,
      });
      expect(
        events.some(
          (e) => e.value.elementId === 'errorEnd_task1' && e.intent === 'ELEMENT_COMPLETED',
        ),
      ).toBe(true);
      const error = await grpcError(client().completeJob({ jobKey: job.key, variables: {} }));
      expect(error.code).toBe(Code.NOT_FOUND);
    });
  });

  // zeebe-node 8.3 has no updateJobTimeout (added to the protocol in 8.5), and its failJob
  // sends no variables.
  describe('with @camunda8/sdk', () => {
    it('FailJob variables are set as local variables of the task: the retry sees them, the next task does not', async () => {
      const sdk = asApi(engine.zeebe);
      const { processId, types } = await deployTasks(sdk, [{}, {}]);
      await sdk.createProcessInstance({ bpmnProcessId: processId, variables: { keep: true } });
      const [job] = await sdk.activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
      });
      await sdk.failJob({
        jobKey: job!.key,
        retries: 2,
        retryBackOff: 0,
        errorMessage: 'again',
        variables: { attempt: 1 },
      });
      const [again] = await sdk.activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
      });
      expect(again!.variables).toEqual({ keep: true, attempt: 1 });
      await sdk.completeJob({ jobKey: again!.key, variables: {} });
      const [next] = await sdk.activateJobs({
        type: types[1]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
      });
      expect(next!.variables).toEqual({ keep: true });
    });

    it('UpdateJobTimeout sets the deadline to now + the new timeout: the job does not time out at the old deadline', async () => {
      const start = Date.UTC(2031, 1, 2, 3);
      await engine.setClock(start);
      const { processId, types } = await deployTasks(asApi(engine.zeebe));
      await engine.zeebe.createProcessInstance({ bpmnProcessId: processId, variables: {} });
      const [job] = await asApi(engine.zeebe).activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 10_000,
        maxJobsToActivate: 1,
      });
      await engine.setClock(start + 5_000);
      await engine.zeebe.updateJobTimeout({ jobKey: job!.key, timeout: 60_000 });
      await engine.setClock(start + 10_001);
      expect(await activatableNow(types[0]!)).toEqual([]);
      await engine.setClock(start + 65_001);
      const [again] = await activatableNow(types[0]!);
      expect(again?.key).toBe(job!.key);
      const [updated] = await readRecords(engine.databaseUrl, {
        valueType: 'JOB',
        intent: 'TIMEOUT_UPDATED',
        key: job!.key,
      });
      expect(updated!.value.deadline).toBe(start + 65_000);
    });

    it('UpdateJobTimeout of a job that is not activated is rejected (INVALID_STATE)', async () => {
      const { processId, types } = await deployTasks(asApi(engine.zeebe));
      await engine.zeebe.createProcessInstance({ bpmnProcessId: processId, variables: {} });
      const [job] = await activatableNow(types[0]!);
      await engine.zeebe.failJob({
        jobKey: job!.key,
        retries: 1,
        errorMessage: 'x',
        retryBackOff: 0,
      });
      const error = await grpcError(
        engine.zeebe.updateJobTimeout({ jobKey: job!.key, timeout: 60_000 }),
      );
      expect(error.code).toBe(Code.FAILED_PRECONDITION);
      const unknown = await grpcError(
        engine.zeebe.updateJobTimeout({ jobKey: '2251799813999996', timeout: 60_000 }),
      );
      expect(unknown.code).toBe(Code.NOT_FOUND);
    });
  });
});
