import type { Camunda8 } from '@camunda8/sdk';
import type { Knex } from 'knex';
import type { Log } from '../../platform';
import { DEMAND_PROCESS_ID, loadStartVariables } from './start-variables';

export interface ProcessStarterOptions {
  knex: Knex;
  /** The Camunda client; the starter uses its (cached) gRPC client. */
  camunda: Pick<Camunda8, 'getZeebeGrpcApiClient'>;
  log: Log;
  /** Default `demand-handling`. */
  bpmnProcessId?: string;
  /** How often the outbox is looked at when nothing wakes the starter. Default 1000 ms. */
  pollIntervalMs?: number;
  /** First retry delay after a failed start; doubles per attempt. Default 1000 ms. */
  backoffBaseMs?: number;
  /** Longest retry delay. Default 60000 ms. */
  backoffMaxMs?: number;
  /**
   * How long a claimed row is left to this starter before another may take it (a starter that
   * died mid-call). Default 300000 ms: longer than the client's own retries of one call.
   */
  leaseMs?: number;
  /** How long `stop()` waits for a call in flight. Default 10000 ms. */
  stopWaitMs?: number;
}

export interface ProcessStarter {
  /** Look at the outbox now (intake calls this after storing a demand). */
  wake(): void;
  /** Stops polling. Call before closing the Camunda client and the database. */
  stop(): Promise<void>;
}

interface ClaimedRow {
  id: string;
  demand_id: string;
  attempts: number;
}

/**
 * Starts the `demand-handling` instance of every demand in `process_start_outbox`, which intake
 * writes in the demand's own transaction: a demand answered 201 gets its process even when the
 * engine was down, once the engine answers again.
 *
 * Each row is claimed with a lease (so several server processes can run starters), the
 * instance is created through `@camunda8/sdk`, and its key is stored with a conditional update
 * (`WHERE process_instance_key IS NULL`) in the transaction that marks the row done. Failures
 * (engine unreachable, process not deployed yet) are retried with exponential back-off.
 *
 * At-least-once, not exactly-once: if the starter dies between the engine creating the
 * instance and the database storing its key, the lease expires and the demand is started a
 * second time. The `demand-register` worker binds the first instance to the demand and ends
 * any other at once (`duplicateInstance`), so the demand still runs through one process.
 */
export function startProcessStarter(options: ProcessStarterOptions): ProcessStarter {
  const { knex, log } = options;
  const bpmnProcessId = options.bpmnProcessId ?? DEMAND_PROCESS_ID;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const backoffBaseMs = options.backoffBaseMs ?? 1000;
  const backoffMaxMs = options.backoffMaxMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 300_000;
  const stopWaitMs = options.stopWaitMs ?? 10_000;
  const zeebe = options.camunda.getZeebeGrpcApiClient();

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let wakeAgain = false;

  async function claimNext(): Promise<ClaimedRow | undefined> {
    const { rows } = await knex.raw<{ rows: ClaimedRow[] }>(
      `UPDATE process_start_outbox
          SET attempts = attempts + 1,
              next_attempt_at = now() + make_interval(secs => ?)
        WHERE id = (SELECT id FROM process_start_outbox
                     WHERE started_at IS NULL AND next_attempt_at <= now()
                     ORDER BY next_attempt_at, id
                     LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id, demand_id, attempts`,
      [leaseMs / 1000],
    );
    return rows[0];
  }

  async function markStarted(row: ClaimedRow, demandId: string, key: string): Promise<boolean> {
    return knex.transaction(async (trx) => {
      const bound = await trx('demands')
        .where({ id: demandId })
        .whereNull('process_instance_key')
        .update({ process_instance_key: key, updated_at: trx.fn.now() });
      await trx('process_start_outbox')
        .where({ id: row.id })
        .update({
          started_at: trx.fn.now(),
          process_instance_key: key,
          last_error: bound === 1 ? null : 'the demand already had a process instance',
        });
      return bound === 1;
    });
  }

  async function retryLater(row: ClaimedRow, reason: string): Promise<number> {
    const delay = Math.min(backoffMaxMs, backoffBaseMs * 2 ** Math.min(row.attempts - 1, 30));
    await knex('process_start_outbox')
      .where({ id: row.id })
      .update({
        next_attempt_at: knex.raw('now() + make_interval(secs => ?)', [delay / 1000]),
        last_error: reason.slice(0, 1000),
      });
    return delay;
  }

  /** Starts one claimed demand; false when the engine failed (the rest can wait). */
  async function start(row: ClaimedRow): Promise<boolean> {
    const demand = await loadStartVariables(knex, row.demand_id);
    if (!demand) throw new Error(`outbox row ${row.id} names a missing demand`);
    const code = demand.variables.demandCode;
    if (demand.processInstanceKey !== null) {
      // Bound already (by hand, or a start whose row update was lost): nothing to create.
      await markStarted(row, row.demand_id, demand.processInstanceKey);
      return true;
    }
    let key: string | undefined;
    try {
      const created = await zeebe.createProcessInstance({
        bpmnProcessId,
        // The SDK's variable type has no null, but Zeebe variables may be null (JSON null),
        // and the contract's optional codes are exactly that.
        variables: demand.variables as never,
      });
      // The client answers null when it was closed while retrying.
      key = created?.processInstanceKey;
    } catch (error) {
      const delay = await retryLater(row, (error as Error).message);
      log(
        `starting the process of ${code} failed (attempt ${row.attempts}); retrying in ` +
          `${Math.round(delay / 1000)} s: ${(error as Error).message}`,
      );
      return false;
    }
    if (!key) {
      await retryLater(row, 'the engine client was closed');
      return false;
    }
    const bound = await markStarted(row, row.demand_id, key);
    if (!bound) {
      log(
        `${code} already had a process instance; the extra instance ${key} ends itself at registration`,
      );
    }
    return true;
  }

  async function pass(): Promise<void> {
    do {
      wakeAgain = false;
      while (!stopped) {
        const row = await claimNext();
        if (!row) break;
        if (!(await start(row))) break;
      }
    } while (wakeAgain && !stopped);
  }

  function schedule(delay: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref?.();
  }

  function tick(): void {
    if (running) {
      wakeAgain = true;
      return;
    }
    running = pass()
      .catch((error: unknown) => log(`process starter pass failed: ${(error as Error).message}`))
      .finally(() => {
        running = undefined;
        schedule(pollIntervalMs);
      });
  }

  tick();
  return {
    wake: () => {
      if (!stopped) tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (running) {
        let waited: NodeJS.Timeout | undefined;
        await Promise.race([
          running,
          new Promise<void>((resolve) => {
            waited = setTimeout(resolve, stopWaitMs);
          }),
        ]);
        clearTimeout(waited);
      }
    },
  };
}
