import { JobInputError, optionalText } from '../job-errors';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { clockOf, reopenClock, stopClock } from '../support/clock-store';
import { currentLedger } from '../support/current-ledger';
import { actorName, actorUserId, lockDemand, updateDemand } from '../support/demand-store';
import { addHistory } from '../support/history';
import { appendLedger } from '../support/ledger';

interface Variables {
  demandCode: string;
  actor?: string;
  satisfaction?: string;
  feedbackComment?: string | null;
  verificationMethod?: string | null;
}

const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'];

/**
 * Step 11: the citizen's answer (by message from the public page, or the return visit) as a
 * `return_visits` row; unsatisfied sends the demand back to handling with its clock running
 * again. Outputs `unsatisfiedCount`, this answer included.
 */
export const demandRecordVerification = defineJob<Variables>({
  type: 'demand-record-verification',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const v = job.variables;
        const satisfaction = v.satisfaction ?? '';
        if (!SATISFACTIONS.includes(satisfaction)) {
          throw new JobInputError(`satisfaction is ${JSON.stringify(v.satisfaction ?? null)}`);
        }
        const demand = await lockDemand(trx, v.demandCode);
        const method = optionalText(v.verificationMethod) ?? 'phone';
        const byCitizen = method === 'citizen_web';
        const visitor = byCitizen ? null : await actorUserId(trx, v.actor);
        const unsatisfied = satisfaction === 'unsatisfied';
        const unsatisfiedCount = demand.unsatisfied_count + (unsatisfied ? 1 : 0);
        await trx('return_visits').insert({
          demand_id: demand.id,
          method,
          satisfaction,
          comment: optionalText(v.feedbackComment),
          visited_at: now,
          visitor_user_id: visitor,
          dedupe_key: `${job.elementInstanceKey}:visit`,
        });
        await stopClock(trx, await clockOf(trx, demand, 'verification'), now);
        if (unsatisfied) await reopenClock(trx, await clockOf(trx, demand, 'resolution'));
        await updateDemand(
          trx,
          demand,
          {
            satisfaction,
            unsatisfied_count: unsatisfiedCount,
            ...(unsatisfied ? { status: 'handling' } : {}),
          },
          now,
        );
        await appendLedger(trx, demand, {
          ...(await currentLedger(trx, demand)),
          type: unsatisfied ? 'unsatisfied' : 'verified',
          at: now,
          actorUserId: visitor,
          payload: { satisfaction, method },
          dedupeKey: `${job.elementInstanceKey}:verification`,
        });
        await addHistory(trx, demand, {
          at: now,
          actor: byCitizen ? 'citizen' : actorName(v.actor),
          action: 'verification.recorded',
          detail: {
            satisfaction,
            method,
            comment: optionalText(v.feedbackComment),
            unsatisfiedCount,
          },
          dedupeKey: `${job.elementInstanceKey}:verification`,
        });
        return completed({ unsatisfiedCount });
      }),
    ),
});
