import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { currentSpotCheckPolicy, spotCheckPeriodOf } from '../spot-checks/job-period';
import { sampleMonth } from '../spot-checks/sampling';

interface Variables {
  /** Optional: sample this month (`2026-10`) instead of the one just ended. */
  spotCheckPeriod?: string;
}

/**
 * 抽取回访样本: samples the demands archived in the month that just ended, per lead unit, by
 * the spot-check policy, and stores them in `spot_checks`; outputs the list the visits run over.
 */
export const spotCheckSample = defineJob<Variables>({
  type: 'spot-check-sample',
  handle: async (job, { knex, now }) => {
    const period = spotCheckPeriodOf(job.variables.spotCheckPeriod, now);
    const policy = currentSpotCheckPolicy();
    return answer(
      job,
      await once(knex, job, async (trx) => {
        const spotChecks = await sampleMonth(trx, period, policy, now);
        return completed({
          spotCheckPeriod: period.period,
          spotChecks: spotChecks.map((check) => ({ ...check })),
          sampledCount: spotChecks.length,
        });
      }),
    );
  },
});
