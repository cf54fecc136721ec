import type { Knex } from 'knex';
import {
  rankUnits,
  yellowReasons,
  type Period,
  type RankingPolicy,
  type UnitResult,
} from '../../domain/rankings';
import { recordLadder, type LadderEntry } from './ladder-store';
import { rankingFacts } from './ranking-facts';
import { storedKind } from './stored-kind';
import { replaceYellowWarnings } from './warning-store';

export interface RankingRun {
  results: UnitResult[];
  ladder: LadderEntry[];
  warnings: Array<{ unitCode: string; reason: string }>;
}

/**
 * Computes the period's rankings as of `now` and writes them: `unit_rankings` (the period's rows
 * replaced: ranked units only), the ladder of the black-listed units and the period's yellow
 * warnings. Idempotent: the same period computed again at the same time writes the same rows,
 * and two computations of one period never interleave (an advisory lock per period).
 */
export async function computeRankings(
  trx: Knex.Transaction,
  period: Period,
  policy: RankingPolicy,
  now: Date,
): Promise<RankingRun> {
  const kind = storedKind(period.kind);
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [
    `unit-ranking:${kind}:${period.period}`,
  ]);
  const results = rankUnits(await rankingFacts(trx, period), policy, now);
  await trx('unit_rankings').where({ period_kind: kind, period: period.period }).delete();
  const ranked = results.filter((r) => r.rank !== null);
  if (ranked.length > 0) {
    await trx('unit_rankings').insert(
      ranked.map((r) => ({
        unit_code: r.unit.code,
        period: period.period,
        period_kind: kind,
        response_rate: r.rates.response,
        resolution_rate: r.rates.resolution,
        satisfaction_rate: r.rates.satisfaction,
        on_time_rate: r.rates.onTime,
        score: r.score,
        rank: r.rank,
        ranking_group: r.group,
        counts: JSON.stringify(r.counts),
        list: r.list,
        computed_at: now,
      })),
    );
  }
  const blackListed = ranked.filter((r) => r.list === 'black').map((r) => r.unit.code);
  const ladder = await recordLadder(trx, period, blackListed, policy, now);
  const warnings = results.flatMap((r) =>
    yellowReasons(r, period, policy).map((reason) => ({ unitCode: r.unit.code, reason })),
  );
  await replaceYellowWarnings(trx, period, warnings, now);
  return { results, ladder, warnings };
}
