import { optionalText } from '../job-errors';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { actorName, lockDemand, updateDemand } from '../support/demand-store';
import { addHistory } from '../support/history';
import { appendLedger } from '../support/ledger';
import { notify, recipient } from '../support/outbox';

interface Variables {
  demandCode: string;
  actor?: string;
  screeningOutcome?: string;
  screeningReasonCode?: string | null;
  screeningExplanation?: string | null;
  reviewOutcome?: string;
  reviewReasonCode?: string | null;
  reviewExplanation?: string | null;
}

/**
 * Step 4/5: a demand screened out or judged unreasonable is closed with its reason explained to
 * the citizen, never silently: `diverted` when it belongs to a court or another legal channel,
 * otherwise `closed_invalid`.
 */
export const demandClose = defineJob<Variables>({
  type: 'demand-close',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const v = job.variables;
        const demand = await lockDemand(trx, v.demandCode);
        const byReview = v.reviewOutcome === 'unreasonable';
        const outcome = byReview ? 'unreasonable' : (v.screeningOutcome ?? null);
        const reasonCode = optionalText(byReview ? v.reviewReasonCode : v.screeningReasonCode);
        const explanation =
          optionalText(byReview ? v.reviewExplanation : v.screeningExplanation) ??
          optionalText(v.screeningExplanation) ??
          '经审核，该诉求不予受理。';
        const status =
          !byReview && outcome === 'divert_legal_channel' ? 'diverted' : 'closed_invalid';
        await updateDemand(trx, demand, { status, screening_explanation: explanation }, now);
        await appendLedger(trx, demand, {
          tier: 'district',
          unitCode: demand.district_code,
          type: 'closed',
          at: now,
          payload: { status, outcome, reasonCode },
          dedupeKey: `${job.elementInstanceKey}:closed`,
        });
        await addHistory(trx, demand, {
          at: now,
          actor: actorName(v.actor),
          action: 'closed_explained',
          detail: { status, outcome, reasonCode, explanation },
          dedupeKey: `${job.elementInstanceKey}:closed`,
        });
        await notify(trx, job.elementInstanceKey, {
          template: 'demand_closed_explained',
          to: recipient.citizen(demand.code),
          payload: { demandCode: demand.code, status, outcome, reasonCode, explanation },
        });
        return completed();
      }),
    ),
});
