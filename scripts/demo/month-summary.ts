/**
 * What the month left behind, read back from the database and the API: the tiers' ledgers,
 * resolution, on-time and satisfaction rates, the month's red and black lists, and how often
 * triage's suggestion agreed with what staff decided.
 */
import type { Knex } from 'knex';
import type { PlannedDemand } from './month-plan';

const pct = (part: number, whole: number) =>
  whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`;

async function rows<T>(knex: Knex, sql: string, bindings: unknown[] = []): Promise<T[]> {
  return (await knex.raw<{ rows: T[] }>(sql, bindings as never)).rows;
}

/** Demands in each tier's ledger: led there (assigned, escalated to, handed to the city). */
export async function ledgerLines(knex: Knex): Promise<string[]> {
  const byTier = await rows<{ tier: string; demands: string; entries: string }>(
    knex,
    `SELECT tier, count(DISTINCT demand_id) FILTER (WHERE event_type IN
                  ('assigned', 'escalated', 'redispatched', 'city_handover')) AS demands,
            count(*) AS entries
       FROM ledger_events GROUP BY tier ORDER BY tier`,
  );
  return byTier.map(
    (r) => `${r.tier.padEnd(9)} ${r.demands.padStart(6)} demands led  (${r.entries} ledger events)`,
  );
}

/** Rates as of `now`, the simulated end of the month. */
export async function rateLines(knex: Knex, now: Date): Promise<string[]> {
  const [counts] = await rows<Record<string, string>>(
    knex,
    `SELECT count(*) AS demands,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ledger_events e
                              WHERE e.demand_id = d.id AND e.event_type = 'assigned')) AS handled,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ledger_events e
                              WHERE e.demand_id = d.id AND e.event_type = 'resolved')) AS resolved,
            count(*) FILTER (WHERE status = 'archived') AS archived
       FROM demands d`,
  );
  const [clocks] = await rows<Record<string, string>>(
    knex,
    `SELECT count(*) FILTER (WHERE stopped_at IS NOT NULL AND stopped_at <= due_at) AS on_time,
            count(*) FILTER (WHERE stopped_at IS NOT NULL AND stopped_at > due_at) AS late,
            count(*) FILTER (WHERE stopped_at IS NULL AND due_at < ?) AS overdue_open,
            count(*) FILTER (WHERE stopped_at IS NULL AND due_at >= ?) AS open
       FROM demand_clocks WHERE kind = 'resolution'`,
    [now, now],
  );
  const [visits] = await rows<Record<string, string>>(
    knex,
    `SELECT count(*) AS answers,
            count(*) FILTER (WHERE satisfaction IN ('satisfied', 'basically_satisfied')) AS satisfied,
            count(*) FILTER (WHERE method <> 'phone' AND method <> 'on_site') AS online
       FROM return_visits`,
  );
  const statuses = await rows<{ status: string; n: string }>(
    knex,
    'SELECT status, count(*) AS n FROM demands GROUP BY status ORDER BY count(*) DESC',
  );
  const c = (k: string, from: Record<string, string> | undefined) => Number(from?.[k] ?? 0);
  const stopped = c('on_time', clocks) + c('late', clocks);
  return [
    `demands ${c('demands', counts)}; statuses: ${statuses.map((s) => `${s.status} ${s.n}`).join(', ')}`,
    `handled (assigned to a unit) ${c('handled', counts)}; resolved ${c('resolved', counts)} = ` +
      `resolution rate ${pct(c('resolved', counts), c('handled', counts))}; archived ${c('archived', counts)}`,
    `on time: ${c('on_time', clocks)} of ${stopped} resolved = ${pct(c('on_time', clocks), stopped)}; ` +
      `still open: ${c('open', clocks)} within the deadline, ${c('overdue_open', clocks)} overdue`,
    `satisfaction: ${c('satisfied', visits)} of ${c('answers', visits)} answers satisfied or basically ` +
      `satisfied = ${pct(c('satisfied', visits), c('answers', visits))}`,
  ];
}

interface RankedUnit {
  unit: { code: string; name: string };
  rates: Record<string, number | null>;
  score: number;
  rank: number;
  list: string | null;
}

/** The red and black lists of GET /api/rankings's answer. */
export function rankingLines(answer: {
  period: string;
  groups: { group: string; units: RankedUnit[] }[];
}): string[] {
  const lines = [`rankings ${answer.period}:`];
  for (const group of answer.groups) {
    const rate = (u: RankedUnit, k: string) =>
      u.rates[k] === null || u.rates[k] === undefined ? '–' : `${(100 * u.rates[k]!).toFixed(0)}%`;
    const show = (u: RankedUnit) =>
      `${u.unit.name} (#${u.rank}, score ${u.score.toFixed(1)}, resolved ${rate(u, 'resolution')}, ` +
      `on time ${rate(u, 'onTime')}, satisfied ${rate(u, 'satisfaction')})`;
    const red = group.units.filter((u) => u.list === 'red');
    const black = group.units.filter((u) => u.list === 'black');
    lines.push(`  ${group.group}: ${group.units.length} units ranked`);
    lines.push(`    red list:   ${red.map(show).join('; ') || '—'}`);
    lines.push(`    black list: ${black.map(show).join('; ') || '—'}`);
  }
  return lines;
}

/** Triage's stored suggestion against the script's decision, field by field. */
export async function triageLines(knex: Knex, planned: PlannedDemand[]): Promise<string[]> {
  const stored = await rows<{ code: string; suggestion: Record<string, unknown> | null }>(
    knex,
    'SELECT code, suggestion FROM demands',
  );
  const byCode = new Map(planned.filter((p) => p.code).map((p) => [p.code!, p]));
  const tally = { outcome: [0, 0], category: [0, 0], domain: [0, 0], tier: [0, 0] };
  const agree = (field: keyof typeof tally, yes: boolean) => {
    tally[field][0]! += yes ? 1 : 0;
    tally[field][1]! += 1;
  };
  for (const { code, suggestion } of stored) {
    const demand = byCode.get(code);
    if (!demand || !suggestion) continue;
    agree('outcome', (suggestion.outcome ?? 'valid') === demand.screening);
    if (demand.screening !== 'valid') continue;
    agree('category', suggestion.category === demand.category);
    agree('domain', suggestion.domain === demand.domain);
    if (demand.review !== 'unreasonable') agree('tier', suggestion.tier === demand.tier);
  }
  return Object.entries(tally).map(
    ([field, [yes, all]]) =>
      `triage ${field.padEnd(8)} agreed with staff on ${yes} of ${all} = ${pct(yes!, all!)}`,
  );
}

/** The user tasks still open in the engine at the month's end, by step and group. */
export async function openTaskLines(restPort: number): Promise<string[]> {
  const open = new Map<string, number>();
  for (let from = 0; ; from += 1000) {
    const res = await fetch(`http://127.0.0.1:${restPort}/v2/user-tasks/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filter: { state: 'CREATED' }, page: { from, limit: 1000 } }),
    });
    const { items } = (await res.json()) as {
      items: { elementId: string; candidateGroups?: string[] }[];
    };
    for (const task of items) {
      const group = (task.candidateGroups ?? []).map((g) => g.split(':')[0]).join(',');
      const key = `${task.elementId} (${group})`;
      open.set(key, (open.get(key) ?? 0) + 1);
    }
    if (items.length < 1000) break;
  }
  const sorted = [...open].sort((a, b) => b[1] - a[1]);
  return [`open tasks: ${sorted.map(([key, n]) => `${key} ${n}`).join(', ') || 'none'}`];
}
