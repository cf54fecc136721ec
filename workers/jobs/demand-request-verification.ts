import { optionalText } from '../job-errors';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { startClock } from '../support/clock-store';
import { addDays, readPolicy } from '../support/deadlines';
import { lockDemand, updateDemand } from '../support/demand-store';
import { addHistory } from '../support/history';
import { notify, recipient } from '../support/outbox';
import { beijingIso } from '../support/time';

interface Variables {
  demandCode: string;
  policy: unknown;
  result?: string | null;
}

/**
 * Step 11: the citizen is asked whether the result satisfies them (status
 * `awaiting_verification`); after `verificationDue` a return visit asks instead.
 */
export const demandRequestVerification = defineJob<Variables>({
  type: 'demand-request-verification',
  handle: async (job, { knex, now, calendar }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const policy = readPolicy(job.variables.policy);
        const demand = await lockDemand(trx, job.variables.demandCode);
        const due = addDays(calendar, now, policy.verificationDays, policy.dayKind);
        await startClock(trx, demand, {
          kind: 'verification',
          startedAt: now,
          dueAt: due,
          warnAt: null,
          days: policy.verificationDays,
        });
        await updateDemand(trx, demand, { status: 'awaiting_verification' }, now);
        const verificationDue = beijingIso(due);
        await addHistory(trx, demand, {
          at: now,
          actor: 'system',
          action: 'verification.requested',
          detail: { verificationDue },
          dedupeKey: `${job.elementInstanceKey}:verification`,
        });
        await notify(trx, job.elementInstanceKey, {
          template: 'verification_request',
          to: recipient.citizen(demand.code),
          payload: {
            demandCode: demand.code,
            verificationDue,
            result: optionalText(job.variables.result),
          },
        });
        return completed({ verificationDue });
      }),
    ),
});
