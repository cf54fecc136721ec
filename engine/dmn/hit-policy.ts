/**
 * Hit policies (DMN 1.3 §8.2.11), as dmn-scala applies them: which matched rules count and
 * how their outputs combine into the decision's result.
 */
import type { DecisionLogic } from './model';

export interface Match {
  ruleId: string;
  /** 1-based, as Zeebe reports it. */
  ruleIndex: number;
  outputs: unknown[];
}

type Table = Extract<DecisionLogic, { kind: 'table' }>;

export type HitResult =
  { ok: true; output: unknown; matched: Match[] } | { ok: false; message: string };

export function applyHitPolicy(
  table: Table,
  matches: Match[],
  feel: (source: string) => unknown,
): HitResult {
  // One output → its value; several → a context keyed by the output names.
  const value = (m: Match): unknown =>
    table.outputs.length === 1
      ? m.outputs[0]
      : Object.fromEntries(table.outputs.map((o, i) => [o.name, m.outputs[i] ?? null]));
  const single = (m: Match | undefined): HitResult =>
    m ? { ok: true, output: value(m), matched: [m] } : { ok: true, output: null, matched: [] };
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matches.length > 1) {
        const ids = matches.map((m) => `'${m.ruleId}'`).join(', ');
        return {
          ok: false,
          message: `multiple rules matched for hit policy 'UNIQUE', only one is allowed: ${ids}`,
        };
      }
      return single(matches[0]);
    case 'FIRST':
      return single(matches[0]);
    case 'ANY': {
      const distinct = new Set(matches.map((m) => JSON.stringify(value(m))));
      if (distinct.size > 1) {
        return {
          ok: false,
          message: `the matched rules of hit policy 'ANY' have different outputs: ${[...distinct].join(', ')}`,
        };
      }
      return single(matches[0]);
    }
    case 'PRIORITY':
      return single(byPriority(table, matches, feel)[0]);
    case 'RULE ORDER':
      return { ok: true, output: matches.map(value), matched: matches };
    case 'COLLECT':
      return collect(table, matches, value);
  }
}

/** Higher priority = earlier in the output's `outputValues`; ties keep rule order. */
function byPriority(table: Table, matches: Match[], feel: (source: string) => unknown): Match[] {
  const orders = table.outputs.map((o) => o.priorities.map((p) => JSON.stringify(feel(p))));
  const rank = (m: Match): number[] =>
    orders.map((order, i) => {
      const at = order.indexOf(JSON.stringify(m.outputs[i] ?? null));
      return at < 0 ? order.length : at;
    });
  return [...matches].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
    return a.ruleIndex - b.ruleIndex;
  });
}

function collect(table: Table, matches: Match[], value: (m: Match) => unknown): HitResult {
  if (!table.aggregation) return { ok: true, output: matches.map(value), matched: matches };
  if (table.aggregation === 'COUNT') return { ok: true, output: matches.length, matched: matches };
  if (table.outputs.length > 1) {
    return { ok: false, message: `the aggregation '${table.aggregation}' needs a single output` };
  }
  const numbers = matches.map((m) => m.outputs[0]);
  if (numbers.some((n) => typeof n !== 'number')) {
    return {
      ok: false,
      message: `the aggregation '${table.aggregation}' applies to numbers only, but got ${JSON.stringify(numbers)}`,
    };
  }
  const ns = numbers as number[];
  if (ns.length === 0) return { ok: true, output: null, matched: matches };
  const output =
    table.aggregation === 'SUM'
      ? ns.reduce((a, b) => a + b, 0)
      : table.aggregation === 'MIN'
        ? Math.min(...ns)
        : Math.max(...ns);
  return { ok: true, output, matched: matches };
}
