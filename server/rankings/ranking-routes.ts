import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import {
  loadRankingPolicy,
  parsePeriod,
  periodJustEnded,
  type PeriodKind,
} from '../../domain/rankings';
import { storedKind } from '../../workers/rankings';
import { staffOf, type StaffGuards } from '../auth';
import { single } from '../demands';
import { auditAs, invalidInput, isoWithOffset, jsonBody, route, type FieldError } from '../http';
import { raiseRedWarningHandler } from './red-warning-route';
import { rankingAudience, seesDetailsOf } from './ranking-access';
import { rankedPeriods } from './ranking-periods';
import { ladderRows, rankingRows, warningRows, type RankingRow } from './ranking-rows';

export interface RankingRoutesOptions {
  knex: Knex;
  guards: StaffGuards;
  clock: () => Date;
  /** Default `100kb`, as the other JSON routes. */
  jsonBodyLimit?: string;
}

const rate = (value: string | null) => (value === null ? null : Number(value));

/**
 * `GET /rankings?period=&kind=month|week` (server/README.md): the period's ranked units by
 * comparable group, with rates, counts, score, rank, list, ladder and warnings. Without
 * `period`, the period that ended last; `kind` defaults to `month`.
 */
export function rankingRouter(options: RankingRoutesOptions): Router {
  const { knex, guards, clock } = options;
  const router = Router();

  const read = async (req: Request, res: Response) => {
    const errors: FieldError[] = [];
    const query = req.query as Record<string, unknown>;
    const kindParam = single(query, 'kind', errors) ?? 'month';
    const periodParam = single(query, 'period', errors);
    if (kindParam !== 'month' && kindParam !== 'week') {
      errors.push({ field: 'kind', message: 'One of month, week.' });
    }
    const kind = kindParam as PeriodKind;
    const period =
      errors.length > 0
        ? undefined
        : periodParam === undefined
          ? periodJustEnded(kind, clock())
          : parsePeriod(kind, periodParam);
    if (errors.length === 0 && !period) {
      errors.push({
        field: 'period',
        message: kind === 'month' ? 'A month such as 2026-03.' : 'An ISO week such as 2026-W10.',
      });
    }
    if (errors.length > 0 || !period) throw invalidInput(errors);

    const policy = loadRankingPolicy();
    const audience = await rankingAudience(knex, staffOf(res), policy.groups);
    const stored = storedKind(kind);
    const rows = await rankingRows(knex, stored, period, audience);
    const detailed = rows.map((r) => r.unit_code).filter((code) => seesDetailsOf(audience, code));
    const ladders = await ladderRows(knex, stored, period, detailed);
    const warnings = await warningRows(knex, stored, period, detailed);

    const unitOf = (row: RankingRow) => {
      const ladder = ladders.get(row.unit_code);
      const details = seesDetailsOf(audience, row.unit_code);
      return {
        unit: { code: row.unit_code, name: row.unit_name },
        rates: {
          response: rate(row.response_rate),
          resolution: rate(row.resolution_rate),
          satisfaction: rate(row.satisfaction_rate),
          onTime: rate(row.on_time_rate),
        },
        counts: row.counts,
        score: Number(row.score),
        rank: row.rank,
        list: row.list,
        ladder: !details
          ? null
          : ladder
            ? { count: ladder.listing_count, step: ladder.step, period: ladder.period }
            : { count: 0, step: null, period: null },
        warnings: !details
          ? null
          : warnings
              .filter((w) => w.unit_code === row.unit_code)
              .map((w) => ({
                level: w.level,
                reason: w.reason,
                issuedAt: isoWithOffset(w.issued_at),
                reasonCode: w.reason_code,
                // What the data-fraud check found: the signal, the period and the evidence.
                finding: w.signal
                  ? { signal: w.signal, period: w.period, evidence: w.evidence }
                  : null,
              })),
      };
    };
    const groups: Array<{
      group: string;
      district: { code: string; name: string } | null;
      units: ReturnType<typeof unitOf>[];
    }> = [];
    for (const row of rows) {
      const group = row.ranking_group ?? row.unit_tier;
      let last = groups.at(-1);
      if (!last || last.group !== group || last.district?.code !== row.district_code) {
        last = {
          group,
          district: row.district_code
            ? { code: row.district_code, name: row.district_name! }
            : null,
          units: [],
        };
        groups.push(last);
      }
      last.units.push(unitOf(row));
    }
    res.json({ period: period.period, kind, groups });
  };

  /** `GET /rankings/periods?kind=`: the periods that have a ranking, newest first. */
  const periods = async (req: Request, res: Response) => {
    const errors: FieldError[] = [];
    const kind = single(req.query as Record<string, unknown>, 'kind', errors) ?? 'month';
    if (kind !== 'month' && kind !== 'week') {
      errors.push({ field: 'kind', message: 'One of month, week.' });
    }
    if (errors.length > 0) throw invalidInput(errors);
    const audience = await rankingAudience(knex, staffOf(res), loadRankingPolicy().groups);
    const items = await rankedPeriods(
      knex,
      kind as PeriodKind,
      storedKind(kind as PeriodKind),
      audience,
    );
    res.json({ items });
  };

  route(router, '/rankings', { get: [guards.requireStaff, read] });
  route(router, '/rankings/periods', { get: [guards.requireStaff, periods] });
  route(router, '/rankings/warnings', {
    post: [
      auditAs('unit.warning.red', 'unit'),
      guards.requireStaff,
      guards.requireCsrf,
      ...jsonBody(options.jsonBodyLimit ?? '100kb'),
      raiseRedWarningHandler(knex, clock),
    ],
  });
  return router;
}
