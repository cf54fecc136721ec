import { JobInputError, optionalText } from '../job-errors';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { actorName, lockDemand, updateDemand } from '../support/demand-store';
import { joinGroupOf } from '../support/duplicate-group';
import { addHistory } from '../support/history';
import { recordTriageDecisions } from '../support/triage-decisions';

interface Variables {
  demandCode: string;
  actor?: string;
  screeningOutcome?: string;
  screeningReasonCode?: string | null;
  screeningExplanation?: string | null;
  emergencyNumber?: string | null;
  duplicateOfCode?: string | null;
  reviewOutcome?: string;
  reviewReasonCode?: string | null;
  reviewExplanation?: string | null;
  scope?: string | null;
  matter?: string | null;
  accusedUnitCode?: string | null;
  category?: string | null;
  domain?: string | null;
}

/**
 * Steps 3 and 5: the first screening (header `stage=first`) and the township's review
 * (`stage=review`) written to the demand and its history. A valid repeat with new facts joins
 * the original's group here and goes on.
 */
export const demandRecordScreening = defineJob<Variables, { stage: string }>({
  type: 'demand-record-screening',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const v = job.variables;
        const demand = await lockDemand(trx, v.demandCode);
        const decided = {
          ...(optionalText(v.category) ? { category: v.category } : {}),
          ...(optionalText(v.domain) ? { domain: v.domain } : {}),
        };
        if (job.customHeaders.stage === 'first') {
          const outcome = v.screeningOutcome;
          const duplicateOf = optionalText(v.duplicateOfCode);
          await updateDemand(
            trx,
            demand,
            {
              ...decided,
              screening_outcome: outcome ?? null,
              screening_reason_code: optionalText(v.screeningReasonCode),
              screening_explanation: optionalText(v.screeningExplanation),
              ...(outcome === 'valid' ? { status: 'reviewing' } : {}),
            },
            now,
          );
          if (outcome === 'valid' && duplicateOf) await joinGroupOf(trx, demand, duplicateOf, now);
          await recordTriageDecisions(
            trx,
            demand,
            'first',
            {
              outcome: optionalText(outcome),
              reasonCode: optionalText(v.screeningReasonCode),
              ...decided,
            },
            actorName(v.actor),
            now,
          );
          await addHistory(trx, demand, {
            at: now,
            actor: actorName(v.actor),
            action: 'screening.first',
            detail: {
              outcome: outcome ?? null,
              reasonCode: optionalText(v.screeningReasonCode),
              explanation: optionalText(v.screeningExplanation),
              ...decided,
              duplicateOfCode: duplicateOf,
              emergencyNumber: optionalText(v.emergencyNumber),
            },
            dedupeKey: `${job.elementInstanceKey}:screening.first`,
          });
        } else if (job.customHeaders.stage === 'review') {
          const outcome = v.reviewOutcome;
          const reasonable = outcome === 'reasonable' || outcome === 'partly_reasonable';
          await updateDemand(
            trx,
            demand,
            {
              ...decided,
              accused_unit_code: optionalText(v.accusedUnitCode),
              ...(reasonable ? { status: 'dispatching' } : {}),
            },
            now,
          );
          await addHistory(trx, demand, {
            at: now,
            actor: actorName(v.actor),
            action: 'screening.review',
            detail: {
              outcome: outcome ?? null,
              reasonCode: optionalText(v.reviewReasonCode),
              explanation: optionalText(v.reviewExplanation),
              scope: optionalText(v.scope),
              matter: optionalText(v.matter),
              accusedUnitCode: optionalText(v.accusedUnitCode),
              ...decided,
            },
            dedupeKey: `${job.elementInstanceKey}:screening.review`,
          });
          if (reasonable) {
            const tier = optionalText(v.scope);
            await recordTriageDecisions(
              trx,
              demand,
              'review',
              { ...(tier ? { tier } : {}), ...decided },
              actorName(v.actor),
              now,
            );
          }
        } else {
          throw new JobInputError(`header stage is ${JSON.stringify(job.customHeaders.stage)}`);
        }
        return completed();
      }),
    ),
});
