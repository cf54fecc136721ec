import type { Knex } from 'knex';
import {
  ladderStep,
  listingCount,
  type LadderStep,
  type Period,
  type RankingPolicy,
} from '../../domain/rankings';
import { storedKind } from './stored-kind';

export interface LadderEntry {
  unitCode: string;
  count: number;
  step: LadderStep;
}

/**
 * Records the black-listed units of a period on the ladder, replacing the period's rows of an
 * earlier computation: a unit listed again in a recomputation keeps one row for the period, a
 * unit no longer listed loses it.
 */
export async function recordLadder(
  trx: Knex.Transaction,
  period: Period,
  blackListed: readonly string[],
  policy: RankingPolicy,
  recordedAt: Date,
): Promise<LadderEntry[]> {
  const kind = storedKind(period.kind);
  await trx('unit_ladder').where({ period_kind: kind, period: period.period }).delete();
  const entries: LadderEntry[] = [];
  for (const unitCode of blackListed) {
    const earlier = await trx('unit_ladder')
      .where({ unit_code: unitCode, period_kind: kind })
      .pluck<string[]>('period');
    const count = listingCount([...earlier, period.period], period, policy);
    const step = ladderStep(count, policy);
    if (!step) continue;
    await trx('unit_ladder').insert({
      unit_code: unitCode,
      period_kind: kind,
      period: period.period,
      listing_count: count,
      step,
      recorded_at: recordedAt,
    });
    entries.push({ unitCode, count, step });
  }
  return entries;
}
