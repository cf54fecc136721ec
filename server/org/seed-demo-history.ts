import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { generateDemoHistory, monthsBefore } from '../../domain/forecast';
import type { OrgTreeFile } from '../../domain/org';
import { API_TIME_ZONE } from '../http/time';

/** Two years of past months: enough for a yearly rhythm to be seen and back-tested. */
export const DEMO_HISTORY_MONTHS = 24;
const DEMO_HISTORY_SEED = 12345;
const BATCH = 1000;

/**
 * Writes the demo district's past: monthly demand counts per township and domain for the 24
 * Beijing months before `now`'s month (`demand_monthly_counts`, source `history`), so the
 * dashboards and the forecast have something to show on a fresh demo. Returns the rows written.
 */
export async function seedDemoHistory(
  trx: Knex | Knex.Transaction,
  tree: OrgTreeFile,
  now: Date,
): Promise<number> {
  const current = DateTime.fromJSDate(now).setZone(API_TIME_ZONE).toFormat('yyyy-MM');
  const rows = generateDemoHistory({
    townships: (tree.children ?? []).map((t) => ({ code: t.code, kind: t.kind })),
    months: monthsBefore(current, DEMO_HISTORY_MONTHS),
    seed: DEMO_HISTORY_SEED,
  }).map((row) => ({
    district_code: tree.code,
    township_code: row.townshipCode,
    domain: row.domain,
    month: row.month,
    count: row.count,
    source: 'history',
  }));
  for (let i = 0; i < rows.length; i += BATCH) {
    await trx('demand_monthly_counts').insert(rows.slice(i, i + BATCH));
  }
  return rows.length;
}
