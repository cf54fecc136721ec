import { JobInputError, optionalText } from '../job-errors';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { clockOf, stopClock } from '../support/clock-store';
import { currentLedger } from '../support/current-ledger';
import {
  actorName,
  actorUserId,
  lockDemand,
  requiredActorUserId,
  updateDemand,
} from '../support/demand-store';
import { addHistory } from '../support/history';
import { appendLedger } from '../support/ledger';

interface Variables {
  demandCode: string;
  actor?: string;
  handleAction?: string;
  handleNote?: string | null;
  result?: string | null;
  evidence?: unknown;
  pauseReason?: string | null;
  extensionDays?: number | null;
  extensionReason?: string | null;
  objectionReason?: string | null;
}

/** The ledger event of each action; pausing and extending are told by their own steps. */
const LEDGER_EVENTS: Record<string, string | undefined> = {
  accept: 'accepted',
  progress: 'progress',
  object: 'objected',
  resolve: 'resolved',
};

/**
 * Step 9: what the handler did (`handleAction`) in the history and the ledger. Acceptance names
 * the person carrying the case; an extension request waits for approval in `clock_extensions`;
 * resolving records the result and stops the resolution clock (met or breached).
 */
export const demandRecordHandling = defineJob<Variables>({
  type: 'demand-record-handling',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const v = job.variables;
        const action = v.handleAction ?? '';
        if (!['accept', 'progress', 'pause', 'extend', 'object', 'resolve'].includes(action)) {
          throw new JobInputError(`handleAction is ${JSON.stringify(v.handleAction ?? null)}`);
        }
        const demand = await lockDemand(trx, v.demandCode);
        const userId = await actorUserId(trx, v.actor);
        if (action === 'accept' && userId) {
          await trx('assignments')
            .where({ demand_id: demand.id, role: 'lead', status: 'active' })
            .update({ handler_user_id: userId });
        }
        if (action === 'extend') {
          const days = v.extensionDays;
          if (typeof days !== 'number' || !Number.isInteger(days) || days <= 0) {
            throw new JobInputError('an extension request needs extensionDays > 0');
          }
          const clock = await clockOf(trx, demand, 'resolution');
          if (!clock) throw new JobInputError('no resolution clock to extend');
          const requester = await requiredActorUserId(trx, v.actor, 'requesting an extension');
          // A newer request replaces one never decided (refused requests leave none pending).
          await trx('clock_extensions')
            .where({ clock_id: clock.id, state: 'pending' })
            .update({ state: 'rejected' });
          await trx('clock_extensions').insert({
            clock_id: clock.id,
            extra_working_days: days,
            reason: optionalText(v.extensionReason) ?? optionalText(v.handleNote) ?? '申请延期',
            requested_by_user_id: requester,
            requested_at: now,
          });
        }
        if (action === 'resolve') {
          await updateDemand(
            trx,
            demand,
            { result: optionalText(v.result) ?? optionalText(v.handleNote), resolved_at: now },
            now,
          );
          await stopClock(trx, await clockOf(trx, demand, 'resolution'), now);
        }
        const event = LEDGER_EVENTS[action];
        if (event) {
          await appendLedger(trx, demand, {
            ...(await currentLedger(trx, demand)),
            type: event,
            at: now,
            actorUserId: userId,
            payload: {
              note: optionalText(v.handleNote),
              ...(action === 'object' ? { reason: optionalText(v.objectionReason) } : {}),
            },
            dedupeKey: `${job.elementInstanceKey}:${event}`,
          });
        }
        await addHistory(trx, demand, {
          at: now,
          actor: actorName(v.actor),
          action: `handling.${action}`,
          detail: {
            note: optionalText(v.handleNote),
            ...(action === 'resolve'
              ? { result: optionalText(v.result), evidence: v.evidence ?? null }
              : {}),
            ...(action === 'pause' ? { reason: optionalText(v.pauseReason) } : {}),
            ...(action === 'extend'
              ? { days: v.extensionDays, reason: optionalText(v.extensionReason) }
              : {}),
            ...(action === 'object' ? { reason: optionalText(v.objectionReason) } : {}),
          },
          dedupeKey: `${job.elementInstanceKey}:handling`,
        });
        return completed();
      }),
    ),
});
