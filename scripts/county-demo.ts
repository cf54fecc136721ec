/**
 * One month of a county district at the scale of seed 000, through the real engine and
 * workers: channels submit each day's demands over HTTP, staff work their task lists through
 * the staff API as the month's script decides, citizens answer on the public page, and the
 * clock moves day by day so warnings, reminders, supervision and escalation fire as they
 * would. Ends with the month's ledgers, rates, red and black lists and triage's agreement.
 *
 *   npm run demo                         (the full month: 16,564 demands over 30 days)
 *   npm run demo -- --scale 0.02         (or DEMO_SCALE=0.02; DEMO_DAYS / --days the days)
 *   npm run demo -- --demands 20 --days 3   (a number of demands instead of a scale)
 *   npm run demo -- --keep               (keep the temporary database folder)
 *
 * Its own embedded PostgreSQL in a temporary folder: the data of `npm start` is never touched.
 * Measured on the shared 2-core machine (2026-12-03), scale 0.02 (331 demands): 250 s for the
 * month (was 577 s, which also left 65 demands stuck: completions refused right after their
 * claim were dropped instead of tried again); CPU per demand engine 172 ms (was 234), server and
 * workers 620 ms (was 789); 1,961 tasks and answers (was 1,581). The time is now mostly the
 * staff's rounds of looks, about 17 a day whatever the number of demands: a step of a demand
 * needs a look after the previous one; each round reads the task lists (9,759 list pages in
 * the month, 64 ms each; 1,802 claims, 66 ms; 1,913 completions, 105 ms). The end prints these
 * numbers for the run (`staff: …`). Scale 0.1 (1,656 demands): 10.3 min (was 18.6 min), CPU per
 * demand engine 124 ms, server and workers 261 ms; the full month at that rate: about 1.7 h.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { processCpuMs } from '../bench/support/cpu';
import { loadRankingPolicy, parsePeriod } from '../domain/rankings';
import { CookieSession, http } from '../test/system/lifecycle/http-session';
import { computeRankings } from '../workers/rankings';
import { demoStaffUnits, demoVillages } from './demo/demo-org';
import { startDemoSystem, type DemoSystem } from './demo/demo-system';
import { MONTH_DEMANDS, planMonth, type PlannedDemand } from './demo/month-plan';
import {
  ledgerLines,
  openTaskLines,
  rankingLines,
  rateLines,
  triageLines,
} from './demo/month-summary';
import { createStaff, StaffDesk } from './demo/staff-desk';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** 2027-03-01 00:00 in Beijing: a month that starts on a Monday with no public holiday. */
const MONTH_START = Date.UTC(2027, 1, 28, 16);
const MONTH = '2027-03';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string' },
    days: { type: 'string' },
    demands: { type: 'string' },
    concurrency: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const SCALE = Number(args.scale ?? process.env.DEMO_SCALE ?? 1);
/** A number of demands instead of a scale (DEMO_DEMANDS, --demands). */
const DEMANDS = args.demands ?? process.env.DEMO_DEMANDS;
const DAYS = Number(args.days ?? process.env.DEMO_DAYS ?? 30);
const CONCURRENCY = Number(args.concurrency ?? process.env.DEMO_CONCURRENCY ?? 8);
/** Rounds of everyone finding nothing to do that end a day. */
const QUIET_ROUNDS = 2;

/** DEMO_TRACE=1: a line per day on stderr (intake and staff time). */
const trace = (line: string) => {
  if (process.env.DEMO_TRACE) process.stderr.write(`\n${line}\n`);
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function submitDay(system: DemoSystem, demands: PlannedDemand[], errors: string[]) {
  let next = 0;
  const channel = async () => {
    while (next < demands.length) {
      const demand = demands[next++]!;
      const submittedAt = MONTH_START + (demand.day - 1) * DAY + 8 * HOUR + demand.minute * 60_000;
      for (let attempt = 0; ; attempt++) {
        const answer = await http(`${system.baseUrl}/api/demands`, {
          method: 'POST',
          headers: { authorization: `Bearer ${system.channelKeys.get(demand.channel)}` },
          body: {
            externalId: demand.externalId,
            submittedAt: new Date(submittedAt).toISOString(),
            citizen: { ...demand.citizen, anonymous: false },
            content: demand.content,
            location: { address: '示范区', unitCode: demoVillages[demand.village]!.grid },
          },
        });
        if (answer.status === 201 || answer.status === 200) {
          demand.code = answer.body.code as string;
          break;
        }
        if (answer.status !== 0 && answer.status < 500) {
          errors.push(`intake of ${demand.externalId}: ${answer.status} ${answer.text}`);
          break;
        }
        if (attempt > 20) throw new Error(`intake keeps failing: ${answer.text}`);
        await pause(200);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, channel));
}

async function main() {
  const started = performance.now();
  const count = DEMANDS ? Number(DEMANDS) : Math.max(1, Math.round(MONTH_DEMANDS * SCALE));
  const planned = planMonth(count, DAYS, demoVillages.length);
  console.log(
    `county demo: ${planned.length} demands over ${DAYS} days (scale ${SCALE}), ` +
      `${demoVillages.length} villages, ${CONCURRENCY} calls in flight`,
  );
  const system = await startDemoSystem({ start: MONTH_START, keep: args.keep, log: console.log });
  const setupMs = performance.now() - started;
  const errors: string[] = [];
  const cpu0 = { engine: processCpuMs(system.enginePid), server: processCpuMs(system.serverPid) };
  const byCode = new Map<string, PlannedDemand>();
  const codeOf = (index: number) => planned[index]?.code;
  try {
    const accounts = await createStaff(system.knex, demoStaffUnits());
    const desk = new StaffDesk(system.baseUrl, accounts, byCode, codeOf, CONCURRENCY);
    const bar = new cliProgress.SingleBar(
      {
        format:
          'day {day}/{days} |{bar}| {value}/{total} demands ended | {open} open | {tasks} tasks done',
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(planned.length, 0, { day: 0, days: DAYS, open: 0, tasks: 0 });
    let tasks = 0;
    let rounds = 0;
    const progress = async (day: number) => {
      const [row] = (
        await system.knex.raw<{ rows: { ended: string; open: string }[] }>(
          `SELECT count(*) FILTER (WHERE status IN ('archived', 'diverted', 'merged', 'closed_invalid')) AS ended,
                  count(*) FILTER (WHERE status NOT IN ('archived', 'diverted', 'merged', 'closed_invalid')) AS open
             FROM demands`,
        )
      ).rows;
      bar.update(Number(row!.ended), { day, open: Number(row!.open), tasks });
    };
    for (let day = 1; day <= DAYS; day++) {
      await system.setClock(MONTH_START + (day - 1) * DAY + 18 * HOUR);
      const todays = planned.filter((p) => p.day === day);
      const dayStarted = performance.now();
      await submitDay(system, todays, errors);
      for (const demand of todays) if (demand.code) byCode.set(demand.code, demand);
      const intakeMs = performance.now() - dayStarted;
      const roundsBefore = rounds;
      // Staff work until everyone's list holds nothing more for today, several looks in a
      // row; between those looks, every third round, only the busy accounts look.
      for (let quiet = 0, everyone = true; quiet < QUIET_ROUNDS; rounds++) {
        const acted =
          (await desk.round(day, everyone)) +
          (await desk.citizensAnswer(system.knex, system.baseUrl));
        tasks += acted;
        await progress(day);
        if (acted > 0) {
          quiet = 0;
          everyone = (rounds - roundsBefore) % 3 === 2;
        } else if (everyone) {
          quiet += 1;
          await pause(300);
        } else everyone = true;
      }
      trace(
        `day ${day}: ${todays.length} demands in ${(intakeMs / 1000).toFixed(1)} s, ` +
          `${rounds - roundsBefore} rounds of staff work in ${((performance.now() - dayStarted - intakeMs) / 1000).toFixed(1)} s`,
      );
    }
    bar.stop();
    const end = MONTH_START + DAYS * DAY;
    await system.setClock(end);
    const period = parsePeriod('month', MONTH)!;
    await system.knex.transaction((trx) =>
      computeRankings(trx, period, loadRankingPolicy(), new Date(end)),
    );
    const cpu1 = { engine: processCpuMs(system.enginePid), server: processCpuMs(system.serverPid) };
    const runMs = performance.now() - started - setupMs;
    errors.push(...desk.errors);
    await summarise(system, planned, accounts, end, errors);
    const n = planned.length;
    console.log(
      `wall time ${(runMs / 1000).toFixed(1)} s for the month (+ ${(setupMs / 1000).toFixed(1)} s ` +
        `start-up): ${(runMs / n).toFixed(0)} ms per demand; the full month (${MONTH_DEMANDS}) at ` +
        `this rate: ${(((runMs / n) * MONTH_DEMANDS) / 60_000).toFixed(0)} min`,
    );
    console.log(
      `CPU per demand: engine ${((cpu1.engine - cpu0.engine) / n).toFixed(0)} ms, server and ` +
        `workers ${((cpu1.server - cpu0.server) / n).toFixed(0)} ms (PostgreSQL and this ` +
        `script not counted); ${tasks} tasks and answers`,
    );
    console.log(
      `staff: ${rounds} rounds of looks; ` +
        [...desk.callTimes]
          .map(([kind, t]) => `${t.count} ${kind}s answered in ${(t.ms / t.count).toFixed(0)} ms`)
          .join(', '),
    );
  } finally {
    await system.stop();
  }
  if (errors.length > 0) process.exitCode = 1;
}

async function summarise(
  system: DemoSystem,
  planned: PlannedDemand[],
  accounts: Awaited<ReturnType<typeof createStaff>>,
  end: number,
  errors: string[],
) {
  console.log('\n== ledgers (demands led at each tier)');
  for (const line of await ledgerLines(system.knex)) console.log(`  ${line}`);
  console.log('== rates');
  for (const line of await rateLines(system.knex, new Date(end))) console.log(`  ${line}`);
  for (const line of await openTaskLines(system.engineRestPort)) console.log(`  ${line}`);
  console.log('== red and black lists (GET /api/rankings)');
  const leader = accounts.find((a) => a.role === 'principal_leader')!;
  const session = new CookieSession(() => system.baseUrl);
  const login = await session.request('POST', '/api/session', leader);
  session.csrfToken = login.body?.csrfToken as string;
  const rankings = await session.request('GET', `/api/rankings?period=${MONTH}`);
  if (rankings.status === 200)
    for (const line of rankingLines(rankings.body)) console.log(`  ${line}`);
  else errors.push(`GET /api/rankings: ${rankings.status} ${rankings.text}`);
  console.log('== triage');
  for (const line of await triageLines(system.knex, planned)) console.log(`  ${line}`);
  if (errors.length > 0) {
    console.log(`== ${errors.length} problems`);
    for (const line of errors.slice(0, 20)) console.log(`  ${line}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
