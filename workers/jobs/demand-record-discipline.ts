import { optionalText } from '../job-errors';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { actorName, actorUserId, lockDemand } from '../support/demand-store';
import { addHistory } from '../support/history';
import { appendLedger } from '../support/ledger';

interface Variables {
  demandCode: string;
  actor?: string;
  disciplineFinding?: string | null;
  disciplineNote?: string | null;
}

/** Step 8: the discipline inspectors' finding on a complaint against a unit or its staff. */
export const demandRecordDiscipline = defineJob<Variables>({
  type: 'demand-record-discipline',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const v = job.variables;
        const demand = await lockDemand(trx, v.demandCode);
        const finding = optionalText(v.disciplineFinding);
        await appendLedger(trx, demand, {
          tier: 'district',
          unitCode: demand.district_code,
          type: 'discipline_reviewed',
          at: now,
          actorUserId: await actorUserId(trx, v.actor),
          payload: { finding },
          dedupeKey: `${job.elementInstanceKey}:discipline`,
        });
        await addHistory(trx, demand, {
          at: now,
          actor: actorName(v.actor),
          action: 'discipline.reviewed',
          detail: { finding, note: optionalText(v.disciplineNote) },
          dedupeKey: `${job.elementInstanceKey}:discipline`,
        });
        return completed();
      }),
    ),
});
