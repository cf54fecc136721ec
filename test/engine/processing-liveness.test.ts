import pg from 'pg';
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { deploy, uniqueRun } from './elements-helpers';
import { deployProcess, get, post, taskProcess } from './rest-helpers';

/**
 * Liveness of the processing loop. Zeebe processes a command with at most
 * `maxCommandsInBatch` (100) commands in one go and writes the remaining follow-up commands to
 * its log, behind the commands already there: an instance that loops without a wait state
 * never stops the other instances of the partition, and canceling it ends the loop.
 */
describe('liveness: a looping instance does not hold the engine (Zeebe maxCommandsInBatch)', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);
  let db: pg.Pool;

  beforeAll(async () => {
    await deploy(engine.zeebe, 'loop-gateway.bpmn', 'loop-throw-events.bpmn');
    db = new pg.Pool({ connectionString: engine.databaseUrl, max: 2 });
    db.on('error', () => undefined);
  });
  afterAll(() => db?.end());

  async function recordsOf(processInstanceKey: string): Promise<number> {
    const { rows } = await db.query<{ count: string }>(
      'SELECT count(*) AS count FROM engine.records WHERE process_instance_key = $1',
      [processInstanceKey],
    );
    return Number(rows[0]!.count);
  }

  async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  const deferredCommands = async () =>
    (await get<{ processing: { deferredCommands: number } }>(`${engine.restUrl}/engine/v1/stats`))
      .body.processing.deferredCommands;

  /** Runs `count` instances of a one-service-task process with a worker, each to its result. */
  async function serviceTaskInstancesComplete(count: number): Promise<number[]> {
    const run = uniqueRun();
    await deployProcess(
      engine.restUrl,
      `task-${run}`,
      taskProcess(`task-${run}`, { jobType: run }),
    );
    const worker = engine.zeebe.createWorker({
      taskType: run,
      taskHandler: (job) => job.complete({ done: (job.variables as { i: number }).i }),
    });
    try {
      const results = await Promise.all(
        Array.from({ length: count }, (_, i) =>
          engine.zeebe.createProcessInstanceWithResult({
            bpmnProcessId: `task-${run}`,
            variables: { i },
            requestTimeout: 20_000,
          }),
        ),
      );
      return results.map((r) => (r.variables as { done: number }).done);
    } finally {
      await worker.close();
    }
  }

  it('while an instance loops forever through an exclusive gateway and a none throw event, service-task instances with a worker complete; CancelProcessInstance over gRPC ends the loop', async () => {
    const looping = await engine.zeebe.createProcessInstance({
      bpmnProcessId: 'loop-gateway',
      variables: { count: 0, limit: 0 },
    });
    const key = looping.processInstanceKey;
    // Far beyond one go of 100 commands: the loop was deferred many times already.
    await until('the loop to run', async () => (await recordsOf(key)) > 2_000);

    expect(await serviceTaskInstancesComplete(5)).toEqual([0, 1, 2, 3, 4]);

    const during = await recordsOf(key);
    await until('the loop to go on', async () => (await recordsOf(key)) > during);
    await engine.zeebe.cancelProcessInstance(key);
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_TERMINATED',
      elementId: 'loop-gateway',
    });
    // The follow-up still waiting when the instance was canceled is rejected; nothing else runs.
    await until(
      'the deferred follow-ups to be taken up',
      async () => (await deferredCommands()) === 0,
    );
    const after = await recordsOf(key);
    expect(await serviceTaskInstancesComplete(1)).toEqual([0]);
    expect(await recordsOf(key)).toBe(after);
  });

  it('a loop through intermediate throw events is canceled over REST (POST /v2/process-instances/{key}/cancellation) and stops, while other instances complete', async () => {
    const looping = await engine.zeebe.createProcessInstance({
      bpmnProcessId: 'loop-throw-events',
      variables: { count: 0 },
    });
    const key = looping.processInstanceKey;
    await until('the loop to run', async () => (await recordsOf(key)) > 2_000);
    expect(await serviceTaskInstancesComplete(3)).toEqual([0, 1, 2]);

    const canceled = await post(`${engine.restUrl}/v2/process-instances/${key}/cancellation`);
    expect(canceled.status).toBe(204);
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_TERMINATED',
      elementId: 'loop-throw-events',
    });
    await until(
      'the deferred follow-ups to be taken up',
      async () => (await deferredCommands()) === 0,
    );
    const after = await recordsOf(key);
    expect(await serviceTaskInstancesComplete(1)).toEqual([0]);
    expect(await recordsOf(key)).toBe(after);
  });

  it('a long loop without a wait state completes with every round counted, in one instance completion', async () => {
    const rounds = 1_000; // about 2,000 commands: twenty goes of 100
    const created = await engine.zeebe.createProcessInstance({
      bpmnProcessId: 'loop-gateway',
      variables: { count: 0, limit: rounds },
    });
    const key = created.processInstanceKey;
    const completed = await records.waitFor(
      {
        processInstanceKey: key,
        valueType: 'PROCESS_INSTANCE',
        intent: 'ELEMENT_COMPLETED',
        elementId: 'loop-gateway',
      },
      1,
      20_000,
    );
    expect(completed).toHaveLength(1);
    const counted = await records.query({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: 'count',
    });
    expect(counted).toHaveLength(rounds);
    const variables = await records.query({ processInstanceKey: key, valueType: 'VARIABLE' });
    expect(JSON.parse(variables[variables.length - 1]!.value.value as string)).toBe(rounds);
  });
});
