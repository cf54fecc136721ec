import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { computeRankings } from '../rankings';
import { currentPolicy, kindOf, periodOf } from '../rankings/job-period';

interface Variables {
  /** Optional: recompute this period (`2026-03`, `2026-W10`) instead of the one just ended. */
  rankingPeriod?: string;
}

/**
 * The red and black lists (红黑榜) of the period that just ended (`kind=week|month`), with the
 * ladder of the black-listed units and the yellow warnings, written in one transaction.
 */
export const unitRankingCompute = defineJob<Variables, { kind: string }>({
  type: 'unit-ranking-compute',
  handle: async (job, { knex, now }) => {
    const kind = kindOf(job.customHeaders.kind);
    const period = periodOf(kind, job.variables.rankingPeriod, now);
    const policy = currentPolicy();
    return answer(
      job,
      await once(knex, job, async (trx) => {
        const run = await computeRankings(trx, period, policy, now);
        return completed({
          rankingKind: kind,
          rankingPeriod: period.period,
          rankedUnits: run.results.filter((r) => r.rank !== null).length,
          redListed: run.results.filter((r) => r.list === 'red').length,
          blackListed: run.results.filter((r) => r.list === 'black').length,
          yellowWarnings: run.warnings.length,
        });
      }),
    );
  },
});
