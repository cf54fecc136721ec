import pg from 'pg';
import { RecordLog } from '../../engine/log/record-log';
import { verifyChain } from '../../engine/log/verify-chain';
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { deploy } from './elements-helpers';

/**
 * Follow-up commands deferred behind other commands (Zeebe's maxCommandsInBatch) are already
 * in the log, as in Zeebe, where the partition processes its log after a restart from where
 * it stopped: a stop or a crash between two goes of a looping instance must not leave the
 * instance half-way, nor run any of its commands twice.
 */
describe('liveness: deferred follow-up commands survive a stop and a crash', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);
  let db: pg.Pool;

  beforeAll(async () => {
    await deploy(engine.zeebe, 'loop-gateway.bpmn');
    db = new pg.Pool({ connectionString: engine.databaseUrl, max: 2 });
    db.on('error', () => undefined);
  });
  afterAll(() => db?.end());

  /** Rounds of the loop done so far (the completions of its `count` throw event). */
  async function roundsDone(processInstanceKey: string): Promise<number> {
    const { rows } = await db.query<{ count: string }>(
      `SELECT count(*) AS count FROM engine.records
        WHERE process_instance_key = $1 AND record_type = 'EVENT' AND value_type = 'PROCESS_INSTANCE'
          AND intent = 'ELEMENT_COMPLETED' AND value::jsonb ->> 'elementId' = 'count'`,
      [processInstanceKey],
    );
    return Number(rows[0]!.count);
  }

  async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('a long loop stopped (SIGTERM) and then killed (SIGKILL) between goes continues after each restart and completes with every round counted once', async () => {
    const rounds = 2_000; // about 4,000 commands: forty goes of 100
    const created = await engine.zeebe.createProcessInstance({
      bpmnProcessId: 'loop-gateway',
      variables: { count: 0, limit: rounds },
    });
    const key = created.processInstanceKey;

    // A graceful stop: the deferred commands are named by the snapshot taken on the way out.
    await until('some rounds', async () => (await roundsDone(key)) > 150);
    await engine.restart('SIGTERM');
    expect(engine.output()).toMatch(/taking up [1-9]\d* deferred follow-up commands/);

    // A crash: the deferred commands are found in the log, unnamed by any later record.
    const beforeCrash = await roundsDone(key);
    expect(beforeCrash).toBeLessThan(rounds);
    await until('more rounds', async () => (await roundsDone(key)) > beforeCrash + 150);
    await engine.restart('SIGKILL');
    expect(engine.output()).toMatch(/taking up [1-9]\d* deferred follow-up commands/);

    const completed = await records.waitFor(
      {
        processInstanceKey: key,
        valueType: 'PROCESS_INSTANCE',
        intent: 'ELEMENT_COMPLETED',
        elementId: 'loop-gateway',
      },
      1,
      120_000,
    );
    expect(completed).toHaveLength(1);
    const activations = await records.query({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATING',
      elementId: 'count',
    });
    expect(activations).toHaveLength(rounds);
    expect(new Set(activations.map((r) => r.key)).size).toBe(rounds);
    expect(await roundsDone(key)).toBe(rounds);
    const variables = await records.query({ processInstanceKey: key, valueType: 'VARIABLE' });
    expect(JSON.parse(variables[variables.length - 1]!.value.value as string)).toBe(rounds);
    // No command of the instance is left without a record naming it as its source.
    const { rows } = await db.query<{ count: string }>(
      `SELECT count(*) AS count FROM engine.records c
        WHERE c.process_instance_key = $1 AND c.record_type = 'COMMAND'
          AND NOT EXISTS (SELECT 1 FROM engine.records r WHERE r.source_position = c.position)`,
      [key],
    );
    expect(Number(rows[0]!.count)).toBe(0);

    const log = await RecordLog.open(engine.databaseUrl);
    try {
      expect((await verifyChain(log)).ok).toBe(true);
    } finally {
      await log.close();
    }
  }, 240_000);
});
