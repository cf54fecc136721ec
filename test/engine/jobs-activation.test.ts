import * as grpc from '@grpc/grpc-js';
import { useEngine } from '../support/engine';
import {
  asApi,
  Code,
  deployTasks,
  eventually,
  grpcError,
  rawGateway,
  useZeebeNode,
  type Job,
  type ZeebeApi,
} from './clients-support';

/**
 * Job activation as Camunda 8.8 documents it ("Job workers", zeebe.proto ActivateJobs and
 * StreamActivatedJobs), through both official clients.
 */
describe('job activation', () => {
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
    it('ActivateJobs hands out at most maxJobsToActivate jobs', async () => {
      const { processId, types } = await deployTasks(client());
      for (let i = 0; i < 3; i++)
        await client().createProcessInstance({ bpmnProcessId: processId, variables: { i } });
      const first = await client().activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 2,
      });
      expect(first).toHaveLength(2);
      const rest = await activatableNow(types[0]!);
      expect(rest).toHaveLength(1);
      const keys = new Set([...first, ...rest].map((j) => j.key));
      expect(keys.size).toBe(3);
    });

    it('ActivateJobs: fetchVariable limits the job variables to those named', async () => {
      const { processId, types } = await deployTasks(client());
      await client().createProcessInstance({
        bpmnProcessId: processId,
        variables: { a: 1, b: 'two', c: { three: 3 } },
      });
      const [job] = await client().activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
        fetchVariable: ['a', 'c', 'missing'],
      });
      expect(job!.variables).toEqual({ a: 1, c: { three: 3 } });
    });

    it('ActivateJobs without fetchVariable hands out every variable visible from the task', async () => {
      const { processId, types } = await deployTasks(client());
      await client().createProcessInstance({
        bpmnProcessId: processId,
        variables: { a: 1, b: 'two' },
      });
      const [job] = await client().activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
      });
      expect(job!.variables).toEqual({ a: 1, b: 'two' });
    });

    it('an activated job names the worker, its task and instance, and its deadline is now + timeout (engine clock)', async () => {
      const now = Date.UTC(2030, 4, 6, 7, 8, 9);
      await engine.setClock(now);
      const { processId, types, processDefinitionKey } = await deployTasks(client(), [
        { retries: 5 },
      ]);
      const created = await client().createProcessInstance({
        bpmnProcessId: processId,
        variables: {},
      });
      const [job] = await client().activateJobs({
        type: types[0]!,
        worker: 'worker-7',
        timeout: 45_000,
        maxJobsToActivate: 1,
      });
      expect(job).toMatchObject({
        type: types[0],
        worker: 'worker-7',
        retries: 5,
        bpmnProcessId: processId,
        processInstanceKey: created.processInstanceKey,
        elementId: 'task1',
      });
      expect((job as unknown as { processDefinitionKey: string }).processDefinitionKey).toBe(
        processDefinitionKey,
      );
      expect(Number(job!.deadline)).toBe(now + 45_000);
    });

    it('an activated job is not handed out again while its deadline has not passed', async () => {
      await engine.setClock(Date.UTC(2030, 0, 1));
      const { processId, types } = await deployTasks(client());
      await client().createProcessInstance({ bpmnProcessId: processId, variables: {} });
      const [job] = await client().activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
      });
      expect(job).toBeDefined();
      await engine.setClock(Date.UTC(2030, 0, 1) + 59_999);
      expect(await activatableNow(types[0]!)).toEqual([]);
    });

    it('ActivateJobs long polling: a waiting request returns as soon as a job is created', async () => {
      const { processId, types } = await deployTasks(client());
      const started = Date.now();
      let answered = false;
      const waiting = client()
        .activateJobs({
          type: types[0]!,
          worker: 'w',
          timeout: 60_000,
          maxJobsToActivate: 5,
          requestTimeout: 20_000,
        })
        .finally(() => (answered = true));
      // Let the request reach the gateway; with no job yet, it must still be waiting then.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toBe(false);
      const created = await client().createProcessInstance({
        bpmnProcessId: processId,
        variables: {},
      });
      const jobs = await waiting;
      expect(jobs.map((j) => j.processInstanceKey)).toEqual([created.processInstanceKey]);
      expect(Date.now() - started).toBeLessThan(10_000);
    });
  });

  // zeebe-node's activateJobs resolves only when a response message arrives, and Zeebe's
  // gateway ends an empty long poll without one: the rules about empty polls are checked with
  // the SDK, which resolves on the end of the stream.
  describe('with @camunda8/sdk', () => {
    it('ActivateJobs long polling: with no jobs the request waits up to requestTimeout, then returns none', async () => {
      const { types } = await deployTasks(asApi(engine.zeebe));
      const started = Date.now();
      const jobs = await asApi(engine.zeebe).activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: 1_000,
      });
      const waited = Date.now() - started;
      expect(jobs).toEqual([]);
      expect(waited).toBeGreaterThanOrEqual(900);
      expect(waited).toBeLessThan(5_000);
    });

    it('ActivateJobs: requestTimeout < 0 disables long polling and returns at once', async () => {
      const { types } = await deployTasks(asApi(engine.zeebe));
      const started = Date.now();
      const jobs = await asApi(engine.zeebe).activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: -1,
      });
      expect(jobs).toEqual([]);
      expect(Date.now() - started).toBeLessThan(800);
    });

    it('waiting ActivateJobs requests are answered in the order they came (Camunda 8.8 long polling)', async () => {
      const { processId, types } = await deployTasks(asApi(engine.zeebe));
      // One connection and uncompressed messages: the gateway gets the requests in the order
      // they are sent (the SDK gzips each message, and decompression may finish out of order).
      const gateway = rawGateway(engine.port);
      const waitFor = (worker: string) =>
        new Promise<Array<{ worker: string; processInstanceKey: string }>>((resolve, reject) => {
          const jobs: Array<{ worker: string; processInstanceKey: string }> = [];
          const stream = gateway.client.ActivateJobs!({
            type: types[0],
            worker,
            timeout: 60_000,
            maxJobsToActivate: 1,
            requestTimeout: 20_000,
          }) as grpc.ClientReadableStream<{ jobs: typeof jobs }>;
          stream.on('data', (response) => jobs.push(...response.jobs));
          stream.on('error', reject);
          stream.on('end', () => resolve(jobs));
        });
      try {
        const first = waitFor('first');
        const second = waitFor('second');
        const create = () =>
          engine.zeebe.createProcessInstance({ bpmnProcessId: processId, variables: {} });
        const a = await create();
        const firstJobs = await first;
        const b = await create();
        const secondJobs = await second;
        expect(firstJobs.map((j) => [j.worker, j.processInstanceKey])).toEqual([
          ['first', a.processInstanceKey],
        ]);
        expect(secondJobs.map((j) => [j.worker, j.processInstanceKey])).toEqual([
          ['second', b.processInstanceKey],
        ]);
      } finally {
        gateway.close();
      }
    });

    it('ActivateJobs rejects maxJobsToActivate < 1, timeout < 1 and a blank type with INVALID_ARGUMENT', async () => {
      const gateway = rawGateway(engine.port);
      const activate = (request: Record<string, unknown>) =>
        new Promise<void>((resolve, reject) => {
          const stream = gateway.client.ActivateJobs!(
            request,
          ) as grpc.ClientReadableStream<unknown>;
          stream.on('data', () => undefined);
          stream.on('error', reject);
          stream.on('end', () => resolve());
        });
      const valid = {
        type: 't',
        worker: 'w',
        timeout: 1000,
        maxJobsToActivate: 1,
        requestTimeout: -1,
      };
      try {
        for (const invalid of [
          { maxJobsToActivate: 0 },
          { timeout: 0 },
          { timeout: -5 },
          { type: '' },
        ]) {
          const error = await grpcError(activate({ ...valid, ...invalid }));
          expect(error.code).toBe(Code.INVALID_ARGUMENT);
          expect(error.details).toMatch(
            /^Command 'ACTIVATE' rejected with code 'INVALID_ARGUMENT'/,
          );
        }
        await expect(activate(valid)).resolves.toBeUndefined();
      } finally {
        gateway.close();
      }
    });

    it('StreamActivatedJobs: a job stream receives the jobs created after it opened, without polling', async () => {
      const { processId, types } = await deployTasks(asApi(engine.zeebe));
      const received: Job[] = [];
      const stream = await engine.zeebe.streamJobs({
        type: types[0]!,
        worker: 'streamer',
        tenantIds: ['<default>'],
        timeout: 30_000,
        pollInterval: -1, // no sidecar polls: only the push can deliver
        taskHandler: (job) => {
          received.push(job as unknown as Job);
          return job.forward();
        },
      });
      try {
        const created = await engine.zeebe.createProcessInstance({
          bpmnProcessId: processId,
          variables: { pushed: true },
        });
        const job = await eventually(async () => received[0], 'a pushed job');
        expect(job).toMatchObject({
          processInstanceKey: created.processInstanceKey,
          worker: 'streamer',
          variables: { pushed: true },
        });
        // The pushed job is activated: nobody else gets it, and its worker can complete it.
        expect(await activatableNow(types[0]!)).toEqual([]);
        await engine.zeebe.completeJob({ jobKey: job.key, variables: {} });
      } finally {
        stream.close();
      }
    });

    it('StreamActivatedJobs: jobs already activatable when the stream opens are not pushed; polling gets them', async () => {
      const { processId, types } = await deployTasks(asApi(engine.zeebe));
      const before = await engine.zeebe.createProcessInstance({
        bpmnProcessId: processId,
        variables: {},
      });
      const gateway = rawGateway(engine.port);
      const pushed: Array<{ key: string; processInstanceKey: string }> = [];
      const stream = gateway.client.StreamActivatedJobs!({
        type: types[0],
        worker: 'raw',
        timeout: 30_000,
      }) as grpc.ClientReadableStream<{ key: string; processInstanceKey: string }>;
      stream.on('data', (job) => pushed.push(job));
      stream.on('error', () => undefined); // cancelled at the end
      try {
        // The gateway answers with headers once the stream is registered.
        await new Promise((resolve) => stream.once('metadata', resolve));
        const after = await engine.zeebe.createProcessInstance({
          bpmnProcessId: processId,
          variables: {},
        });
        await eventually(async () => (pushed.length > 0 ? true : undefined), 'a pushed job');
        expect(pushed.map((j) => j.processInstanceKey)).toEqual([after.processInstanceKey]);
        const polled = await activatableNow(types[0]!);
        expect(polled.map((j) => j.processInstanceKey)).toEqual([before.processInstanceKey]);
      } finally {
        stream.cancel();
        gateway.close();
      }
    });

    it('StreamActivatedJobs: a pushed job that times out is pushed again when it becomes activatable', async () => {
      const start = Date.UTC(2030, 2, 3);
      await engine.setClock(start);
      const { processId, types } = await deployTasks(asApi(engine.zeebe));
      const received: Job[] = [];
      const stream = await engine.zeebe.streamJobs({
        type: types[0]!,
        worker: 'streamer',
        tenantIds: ['<default>'],
        timeout: 10_000,
        pollInterval: -1,
        taskHandler: (job) => {
          received.push(job as unknown as Job);
          return job.forward();
        },
      });
      try {
        await engine.zeebe.createProcessInstance({ bpmnProcessId: processId, variables: {} });
        const first = await eventually(async () => received[0], 'the first push');
        expect(Number(first.deadline)).toBe(start + 10_000);
        await engine.setClock(start + 10_001);
        const second = await eventually(async () => received[1], 'the second push');
        expect(second.key).toBe(first.key);
        expect(Number(second.deadline)).toBe(start + 10_001 + 10_000);
      } finally {
        stream.close();
      }
    });
  });
});
