import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { lockDemand, updateDemand } from '../support/demand-store';
import { addHistory } from '../support/history';

interface Variables {
  demandCode: string;
}

/**
 * `four-party-signoff` begins: status `signoff` and the next round (one after the last signed
 * or refused), output as `signoffRound` for the four `demand-record-signoff` jobs.
 */
export const demandSignoffStart = defineJob<Variables>({
  type: 'demand-signoff-start',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const demand = await lockDemand(trx, job.variables.demandCode);
        const [row] = (await trx('sign_offs')
          .where({ demand_id: demand.id })
          .max('round as round')) as [{ round: number | null }];
        const signoffRound = (row?.round ?? 0) + 1;
        await updateDemand(trx, demand, { status: 'signoff' }, now);
        await addHistory(trx, demand, {
          at: now,
          actor: 'system',
          action: 'signoff.started',
          detail: { round: signoffRound },
          dedupeKey: `${job.elementInstanceKey}:signoff`,
        });
        return completed({ signoffRound });
      }),
    ),
});
