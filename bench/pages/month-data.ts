/**
 * The county month written into a running system's database in bulk: the 16,564 demands of
 * scripts/demo/month-plan.ts (seed 000's shares of channels, screening, tiers, lagging
 * villages, unsatisfied citizens) with everything the workers would have written by the
 * month's end (month-rows.ts), then the month's red and black lists computed by the ranking
 * job's own function. A progress bar counts the demands written.
 */
import cliProgress from 'cli-progress';
import type { Knex } from 'knex';
import { planMonth } from '../../scripts/demo/month-plan';
import { computeMonthRanking } from '../../test/browser/oversight-data';
import { fixturePii } from '../../test/api/staff-fixtures';
import { demandRows, type DemandRows, type MonthClock, type MonthPlace } from './month-rows';

const CHUNK = 500;

export interface LoadedMonth {
  demands: number;
  ledgerEvents: number;
  /** Codes of demands by their lead tier (the newest of each tier last). */
  codesByTier: Map<string, string[]>;
  /** A demand with its citizen's phone, for the citizen's lookup. */
  lookup: { code: string; phone: string };
}

async function insertChunk(trx: Knex.Transaction, chunk: DemandRows[]): Promise<number> {
  const ids = (await trx('demands')
    .insert(chunk.map((rows) => rows.demand))
    .returning('id')) as { id: string }[];
  const withId = <T extends Record<string, unknown>>(rows: T[], index: number) =>
    rows.map((row) => ({ ...row, demand_id: ids[index]!.id }));
  const assignments = chunk.flatMap((rows, i) =>
    withId(rows.assignment ? [rows.assignment] : [], i),
  );
  const clocks = chunk.flatMap((rows, i) => withId(rows.clock ? [rows.clock] : [], i));
  const ledger = chunk.flatMap((rows, i) => withId(rows.ledger, i));
  const history = chunk.flatMap((rows, i) => withId(rows.history, i));
  const feedback = chunk.flatMap((rows, i) => withId(rows.feedback, i));
  if (assignments.length) await trx('assignments').insert(assignments);
  if (clocks.length) await trx('demand_clocks').insert(clocks);
  if (ledger.length) await trx.batchInsert('ledger_events', ledger, 2000);
  if (history.length) await trx.batchInsert('demand_history', history, 2000);
  if (feedback.length) await trx('return_visits').insert(feedback);
  return ledger.length;
}

export async function loadMonth(
  knex: Knex,
  options: {
    dataKey: Buffer;
    place: MonthPlace;
    clock: MonthClock;
    month: string;
    count: number;
    /** Past the month's deadlines, as the ranking run on the 1st sees it. */
    rankedAsOf: Date;
  },
): Promise<LoadedMonth> {
  const { place, clock } = options;
  const pii = fixturePii(options.dataKey);
  const plan = planMonth(options.count, clock.days, place.villages.length);
  const perDay = new Map<number, number>();
  const codesByTier = new Map<string, string[]>();
  const bar = new cliProgress.SingleBar(
    {
      format: 'month data   [{bar}] {value}/{total} demands  {duration}s',
      // Logged every 10 s when the output is a file, not a terminal.
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(plan.length, 0);
  let ledgerEvents = 0;
  for (let from = 0; from < plan.length; from += CHUNK) {
    const chunk = plan.slice(from, from + CHUNK).map((planned) => {
      const seq = (perDay.get(planned.day) ?? 0) + 1;
      perDay.set(planned.day, seq);
      const code = `${place.district}-${clock.codeDay(planned.day)}-${String(seq).padStart(5, '0')}`;
      planned.code = code;
      if (planned.screening === 'valid') {
        const codes = codesByTier.get(planned.tier) ?? [];
        codes.push(code);
        codesByTier.set(planned.tier, codes);
      }
      return demandRows(planned, code, place, clock, pii);
    });
    ledgerEvents += await knex.transaction((trx) => insertChunk(trx, chunk));
    bar.update(Math.min(plan.length, from + CHUNK));
  }
  bar.stop();
  await knex.raw('ANALYZE');
  await computeMonthRanking(knex, options.month, options.rankedAsOf);
  const citizen = plan.find((p) => p.screening === 'valid' && p.village === 0)!;
  return {
    demands: plan.length,
    ledgerEvents,
    codesByTier,
    lookup: { code: citizen.code!, phone: citizen.citizen.phone },
  };
}
