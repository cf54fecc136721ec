import { JobInputError, optionalText } from '../job-errors';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { actorName, lockDemand, updateDemand } from '../support/demand-store';
import { joinGroupOf } from '../support/duplicate-group';
import { addHistory } from '../support/history';
import { appendLedger } from '../support/ledger';
import { notify, recipient } from '../support/outbox';

interface Variables {
  demandCode: string;
  actor?: string;
  duplicateOfCode?: string | null;
  suggestion?: { duplicateOf?: string | null } | null;
}

/**
 * Step 4: a repeat without new facts joins the original's group (status `merged`) and the
 * citizen is told how far the original has come.
 */
export const demandMerge = defineJob<Variables>({
  type: 'demand-merge',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const v = job.variables;
        const demand = await lockDemand(trx, v.demandCode);
        const originalCode =
          optionalText(v.duplicateOfCode) ?? optionalText(v.suggestion?.duplicateOf);
        if (!originalCode) throw new JobInputError('a repeat needs duplicateOfCode');
        const original = await joinGroupOf(trx, demand, originalCode, now);
        await updateDemand(trx, demand, { status: 'merged' }, now);
        await appendLedger(trx, demand, {
          tier: 'district',
          unitCode: demand.district_code,
          type: 'merged',
          at: now,
          payload: { originalCode },
          dedupeKey: `${job.elementInstanceKey}:merged`,
        });
        await addHistory(trx, demand, {
          at: now,
          actor: actorName(v.actor),
          action: 'merged',
          detail: { originalCode, groupId: original.duplicate_group_id },
          dedupeKey: `${job.elementInstanceKey}:merged`,
        });
        await notify(trx, job.elementInstanceKey, {
          template: 'demand_merged',
          to: recipient.citizen(demand.code),
          payload: { demandCode: demand.code, originalCode, originalStatus: original.status },
        });
        return completed();
      }),
    ),
});
