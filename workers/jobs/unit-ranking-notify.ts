import { notifyFraudWarnings } from '../data-fraud';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { kindOf, periodOf } from '../rankings/job-period';
import { storedKind } from '../rankings/stored-kind';
import { notify, recipient } from '../support/outbox';

interface Variables {
  rankingPeriod?: string;
}

interface ListedRow {
  unit_code: string;
  unit_name: string;
  list: 'red' | 'black';
  rank: number;
  score: string;
  listing_count: number | null;
  step: string | null;
}

/**
 * Tells the units on the period's red or black list, and those given a yellow warning or a red
 * one for data fraud, through the notification outbox (in-app to the unit, for its head): the
 * black list with the step of the ladder it reached (提醒, 约谈, 问责审查).
 */
export const unitRankingNotify = defineJob<Variables, { kind: string }>({
  type: 'unit-ranking-notify',
  handle: async (job, { knex, now }) => {
    const kind = kindOf(job.customHeaders.kind);
    const period = periodOf(kind, job.variables.rankingPeriod, now);
    const stored = storedKind(kind);
    return answer(
      job,
      await once(knex, job, async (trx) => {
        const listed = (await trx('unit_rankings as r')
          .join('org_units as u', 'u.code', 'r.unit_code')
          .leftJoin('unit_ladder as l', function () {
            this.on('l.unit_code', 'r.unit_code')
              .andOn('l.period_kind', 'r.period_kind')
              .andOn('l.period', 'r.period');
          })
          .where({ 'r.period_kind': stored, 'r.period': period.period })
          .whereIn('r.list', ['red', 'black'])
          .orderBy(['r.list', 'r.rank', 'r.unit_code'])
          .select(
            'r.unit_code',
            'u.name as unit_name',
            'r.list',
            'r.rank',
            'r.score',
            'l.listing_count',
            'l.step',
          )) as ListedRow[];
        for (const row of listed) {
          await notify(trx, job.elementInstanceKey, {
            template: 'unit_ranking_listed',
            to: recipient.unit(row.unit_code),
            payload: {
              period: period.period,
              periodKind: kind,
              unitName: row.unit_name,
              list: row.list,
              rank: row.rank,
              score: Number(row.score),
              ladderStep: row.step,
              listingCount: row.listing_count,
            },
          });
        }
        const warnings = (await trx('unit_warnings as w')
          .join('org_units as u', 'u.code', 'w.unit_code')
          .where({ 'w.level': 'yellow', 'w.period_kind': stored, 'w.period': period.period })
          .whereNull('w.lifted_at')
          .orderBy('w.id')
          .select('w.id', 'w.unit_code', 'u.name as unit_name', 'w.reason')) as Array<{
          id: string;
          unit_code: string;
          unit_name: string;
          reason: string;
        }>;
        // One message per unit, listing every reason it was warned for.
        const byUnit = new Map<string, { name: string; reasons: string[] }>();
        for (const w of warnings) {
          const entry = byUnit.get(w.unit_code) ?? { name: w.unit_name, reasons: [] };
          entry.reasons.push(w.reason);
          byUnit.set(w.unit_code, entry);
        }
        for (const [unitCode, { name, reasons }] of byUnit) {
          await notify(trx, job.elementInstanceKey, {
            template: 'unit_warning',
            to: recipient.unit(unitCode),
            payload: {
              period: period.period,
              periodKind: kind,
              unitName: name,
              level: 'yellow',
              reason: reasons.join('；'),
            },
          });
        }
        const fraudWarned = await notifyFraudWarnings(trx, job.elementInstanceKey, period);
        return completed({
          notifiedUnits: new Set([
            ...listed.map((r) => r.unit_code),
            ...byUnit.keys(),
            ...fraudWarned,
          ]).size,
        });
      }),
    );
  },
});
