import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { currentDataFraudPolicy, detectAndRecordDataFraud } from '../data-fraud';
import { computeRankings } from '../rankings';
import { currentPolicy, kindOf, periodOf } from '../rankings/job-period';

interface Variables {
  /** Optional: recompute this period (`2026-03`, `2026-W10`) instead of the one just ended. */
  rankingPeriod?: string;
}

/**
 * The red and black lists (红黑榜) of the period that just ended (`kind=week|month`), with the
 * ladder of the black-listed units, the yellow warnings and the red warnings for data fraud
 * (数据造假, `processes/data-fraud-policy.json`), written in one transaction.
 */
export const unitRankingCompute = defineJob<Variables, { kind: string }>({
  type: 'unit-ranking-compute',
  handle: async (job, { knex, now }) => {
    const kind = kindOf(job.customHeaders.kind);
    const period = periodOf(kind, job.variables.rankingPeriod, now);
    const policy = currentPolicy();
    const fraudPolicy = currentDataFraudPolicy();
    return answer(
      job,
      await once(knex, job, async (trx) => {
        const run = await computeRankings(trx, period, policy, now);
        const fraud = await detectAndRecordDataFraud(trx, period, fraudPolicy, now);
        return completed({
          rankingKind: kind,
          rankingPeriod: period.period,
          rankedUnits: run.results.filter((r) => r.rank !== null).length,
          redListed: run.results.filter((r) => r.list === 'red').length,
          blackListed: run.results.filter((r) => r.list === 'black').length,
          yellowWarnings: run.warnings.length,
          dataFraudWarnings: fraud.recorded.length,
        });
      }),
    );
  },
});
