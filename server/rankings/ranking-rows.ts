import type { Knex } from 'knex';
import type { Period } from '../../domain/rankings';
import type { RankingAudience } from './ranking-access';

export interface RankingRow {
  unit_code: string;
  unit_name: string;
  unit_tier: string;
  district_code: string | null;
  district_name: string | null;
  ranking_group: string | null;
  response_rate: string | null;
  resolution_rate: string | null;
  satisfaction_rate: string | null;
  on_time_rate: string | null;
  counts: Record<string, number>;
  score: string;
  rank: number;
  list: 'red' | 'black' | 'none';
}

export interface LadderRow {
  unit_code: string;
  period: string;
  listing_count: number;
  step: string;
}

export interface WarningRow {
  unit_code: string;
  level: 'yellow' | 'red';
  reason: string;
  issued_at: Date;
  /** `data_fraud` for the findings of the ranking's data-fraud check, else null. */
  reason_code: string | null;
  signal: string | null;
  evidence: { demandCodes: string[]; count: number; of: number } | null;
  period: string | null;
}

/** The district of a unit: itself, its parent (a department, a township) or grandparent. */
export const DISTRICT_SQL = `CASE WHEN u.tier = 'district' THEN u.code
                           WHEN p1.tier = 'district' THEN p1.code
                           WHEN p2.tier = 'district' THEN p2.code
                           WHEN p3.tier = 'district' THEN p3.code END`;

/** The period's ranking rows the audience may see, by group and rank. */
export async function rankingRows(
  knex: Knex,
  storedKind: string,
  period: Period,
  audience: RankingAudience,
): Promise<RankingRow[]> {
  const query = knex
    .with('placed', (q) =>
      q
        .from('unit_rankings as r')
        .join('org_units as u', 'u.code', 'r.unit_code')
        .leftJoin('org_units as p1', 'p1.code', 'u.parent_code')
        .leftJoin('org_units as p2', 'p2.code', 'p1.parent_code')
        .leftJoin('org_units as p3', 'p3.code', 'p2.parent_code')
        .where({ 'r.period_kind': storedKind, 'r.period': period.period })
        .select('r.*', 'u.name as unit_name', 'u.tier as unit_tier')
        .select(knex.raw(`${DISTRICT_SQL} AS district_code`)),
    )
    .from('placed')
    .leftJoin('org_units as d', 'd.code', 'placed.district_code')
    .select('placed.*', 'd.name as district_name')
    .orderBy([
      { column: 'placed.district_code' },
      { column: 'placed.ranking_group' },
      { column: 'placed.rank' },
      { column: 'placed.unit_code' },
    ]);
  if (audience.kind !== 'all') query.where('placed.district_code', audience.districtCode);
  if (audience.kind === 'group') query.whereIn('placed.unit_tier', [...audience.tiers]);
  return (await query) as RankingRow[];
}

/** Each unit's ladder as of the period: its latest black listing up to and including it. */
export async function ladderRows(
  knex: Knex,
  storedKind: string,
  period: Period,
  unitCodes: readonly string[],
): Promise<Map<string, LadderRow>> {
  const rows = (await knex('unit_ladder')
    .distinctOn('unit_code')
    .whereIn('unit_code', [...unitCodes])
    .where({ period_kind: storedKind })
    .where('period', '<=', period.period)
    .orderBy([{ column: 'unit_code' }, { column: 'period', order: 'desc' }])
    .select('unit_code', 'period', 'listing_count', 'step')) as LadderRow[];
  return new Map(rows.map((row) => [row.unit_code, row]));
}

/**
 * The warnings that belong to the period: the yellow ones its ranking raised, the red ones for
 * data fraud its ranking found (issued after it ended, not lifted), and red ones in force
 * during it (issued before its end, not lifted before its start).
 */
export async function warningRows(
  knex: Knex,
  storedKind: string,
  period: Period,
  unitCodes: readonly string[],
): Promise<WarningRow[]> {
  return (await knex('unit_warnings')
    .whereIn('unit_code', [...unitCodes])
    .where((q) =>
      q
        .where({ level: 'yellow', period_kind: storedKind, period: period.period })
        .whereNull('lifted_at')
        .orWhere((found) =>
          found
            .where({ level: 'red', period_kind: storedKind, period: period.period })
            .whereNotNull('signal')
            .whereNull('lifted_at'),
        )
        .orWhere((red) =>
          red
            .where({ level: 'red' })
            .where('issued_at', '<', period.end)
            .where((lifted) =>
              lifted.whereNull('lifted_at').orWhere('lifted_at', '>=', period.start),
            ),
        ),
    )
    .orderBy(['unit_code', 'issued_at', 'id'])
    .select(
      'unit_code',
      'level',
      'reason',
      'issued_at',
      'reason_code',
      'signal',
      'evidence',
      'period',
    )) as WarningRow[];
}
