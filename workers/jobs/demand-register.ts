import { defineJob } from '../job-types';
import { answer, completed, once } from '../job-outcome';
import { lockDemand, updateDemand } from '../support/demand-store';
import { addHistory } from '../support/history';
import { appendLedger } from '../support/ledger';
import { notify, recipient } from '../support/outbox';
import { beijingIso } from '../support/time';

interface Variables {
  demandCode: string;
  channel: string;
}

/**
 * Step 1: binds this process instance to the demand. A second instance of the same demand (a
 * start retried after the engine had already created one) outputs `duplicateInstance` and ends.
 */
export const demandRegister = defineJob<Variables>({
  type: 'demand-register',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const demand = await lockDemand(trx, job.variables.demandCode);
        const bound = demand.process_instance_key;
        if (bound !== null && String(bound) !== job.processInstanceKey) {
          return completed({ duplicateInstance: true });
        }
        await updateDemand(
          trx,
          demand,
          { process_instance_key: job.processInstanceKey, status: 'screening' },
          now,
        );
        await appendLedger(trx, demand, {
          tier: 'district',
          unitCode: demand.district_code,
          type: 'received',
          at: now,
          payload: { channel: job.variables.channel ?? null },
          dedupeKey: `${job.elementInstanceKey}:received`,
        });
        await addHistory(trx, demand, {
          at: now,
          actor: 'system',
          action: 'registered',
          detail: { processInstanceKey: job.processInstanceKey },
          dedupeKey: `${job.elementInstanceKey}:registered`,
        });
        await notify(trx, job.elementInstanceKey, {
          template: 'demand_received',
          to: recipient.citizen(demand.code),
          payload: { demandCode: demand.code, receivedAt: beijingIso(demand.received_at) },
        });
        return completed({ duplicateInstance: false });
      }),
    ),
});
