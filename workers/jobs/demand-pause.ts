import { JobInputError, optionalText } from '../job-errors';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { clockOf } from '../support/clock-store';
import { currentLedger } from '../support/current-ledger';
import { actorName, lockDemand, requiredActorUserId, updateDemand } from '../support/demand-store';
import { addHistory } from '../support/history';
import { appendLedger } from '../support/ledger';

interface Variables {
  demandCode: string;
  actor?: string;
  pauseReason?: string | null;
}

/**
 * Step 10: the resolution clock stops while the handler waits (for the citizen, say): status
 * `paused`, a `clock_pauses` row saying why and who asked. `demand-schedule` (`mode=resume`)
 * adds the paused days.
 */
export const demandPause = defineJob<Variables>({
  type: 'demand-pause',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const v = job.variables;
        const demand = await lockDemand(trx, v.demandCode);
        const clock = await clockOf(trx, demand, 'resolution');
        if (!clock) throw new JobInputError('no resolution clock to pause');
        const requester = await requiredActorUserId(trx, v.actor, 'pausing the clock');
        const reason = optionalText(v.pauseReason) ?? '等待群众补充材料';
        const open = await trx('clock_pauses')
          .where({ clock_id: clock.id })
          .whereNull('resumed_at')
          .first('id');
        if (!open) {
          await trx('clock_pauses').insert({
            clock_id: clock.id,
            reason,
            paused_at: now,
            requested_by_user_id: requester,
          });
        }
        await trx('demand_clocks')
          .where({ id: clock.id })
          .update({ state: 'paused', stopped_at: null });
        await updateDemand(trx, demand, { status: 'paused' }, now);
        await appendLedger(trx, demand, {
          ...(await currentLedger(trx, demand)),
          type: 'paused',
          at: now,
          actorUserId: requester,
          payload: { reason },
          dedupeKey: `${job.elementInstanceKey}:paused`,
        });
        await addHistory(trx, demand, {
          at: now,
          actor: actorName(v.actor),
          action: 'clock.paused',
          detail: { reason },
          dedupeKey: `${job.elementInstanceKey}:paused`,
        });
        return completed();
      }),
    ),
});
