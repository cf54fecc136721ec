/**
 * The server and the job workers SIGKILLed at random moments while demands run through their
 * whole life with the engine clock moving: afterwards every demand is in the state its script
 * implies, with no ledger event, notification, supervision order, sign-off, return visit or
 * archive entry missing or doubled, every intake answered 201 exists, and the archive chain
 * verifies.
 *
 * The engine runs as its own process; `server/main.ts` (app, workers, notification delivery,
 * process starter) runs against it as a child, and a second child runs only the job workers
 * (fixtures/workers-only.ts); each has its own killer that SIGKILLs it at random moments and
 * starts it again. Jobs a killed worker held are handed out again once the engine clock passes their 60 s timeout: the
 * clock moves two minutes every two seconds while the run goes on. `CRASH_DEMANDS` sets the
 * number of demands, `CRASH_SEED` the seed of the kinds and the kill moments (logged).
 */
import type { Knex } from 'knex';
import { mulberry32 } from '../../domain/org/seeded-random';
import { createKnex } from '../../platform';
import { verifyArchiveChain } from '../../workers';
import { createTestDatabase, dropTestDatabase } from '../support/database';
import { spawnEngine, stopEngine, type EngineProcess } from '../support/engine';
import { ends, expectedFor, type Kind } from './lifecycle/demand-scripts';
import { EngineClock } from './lifecycle/engine-clock';
import { LifecycleDriver } from './lifecycle/lifecycle-driver';
import {
  prepareDistrict,
  serverChild,
  workersChild,
  type Killable,
  type ServerChild,
} from './lifecycle/lifecycle-system';
import { tallyDemands } from './lifecycle/lifecycle-tally';
import { startKiller } from './lifecycle/process-killer';

const DEMANDS = Number(process.env.CRASH_DEMANDS ?? 30);
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const MINUTE = 60_000;
/**
 * The engine starts at the server's time (`server/main.ts` runs on the machine's clock and
 * stamps intake with it; deadlines count from that), then only moves forward.
 */
const START = Math.ceil(Date.now() / MINUTE) * MINUTE;
/** How long the run may go without a demand moving on before it is declared stuck. */
const STALL_MS = 240_000;

jest.setTimeout(60 * 60_000);

describe('SIGKILL of the server and workers during the whole life of many demands', () => {
  let database: { name: string; url: string };
  let engine: EngineProcess;
  let knex: Knex;
  let child: ServerChild | undefined;
  let workers: Killable | undefined;
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    process.stdout.write(`[crash] ${line}\n`);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    engine = await spawnEngine(database.url);
    knex = createKnex(database.url, { poolMax: 4 });
  }, 120_000);

  afterAll(async () => {
    await child?.stop('SIGKILL');
    await workers?.stop('SIGKILL');
    child?.dispose();
    await knex?.destroy();
    if (engine) await stopEngine(engine);
    if (database) await dropTestDatabase(database.name);
  }, 60_000);

  it(`${DEMANDS} demands end as their scripts say, each effect exactly once`, async () => {
    log(
      `seed ${SEED} (CRASH_SEED=${SEED} repeats the kinds and the kill moments), ${DEMANDS} demands`,
    );
    const clock = new EngineClock(engine.restPort, START);
    await clock.init();
    const { staff, channelKey } = await prepareDistrict(knex);
    child = await serverChild({
      databaseUrl: database.url,
      grpcPort: engine.grpcPort,
      restPort: engine.restPort,
      env: { PROCESS_START_LEASE_SECONDS: '5' },
    });
    const server = child;
    // The first start deploys the models; the kills begin once it is up.
    await server.start().waitForHealth();
    await server.stop('SIGKILL');

    let holdOverdue = true;
    const driver = new LifecycleDriver({
      baseUrl: () => server.baseUrl,
      knex,
      channelKey,
      staff,
      runTag: `crash-${SEED}`,
      holdOverdue: () => holdOverdue,
      log,
    });
    driver.plan(DEMANDS, mulberry32(SEED));
    workers = workersChild({
      databaseUrl: database.url,
      grpcPort: engine.grpcPort,
      restPort: engine.restPort,
    });
    const killers = [
      startKiller(server, mulberry32(SEED ^ 0x5eed), 'server', log),
      startKiller(workers, mulberry32(SEED ^ 0x3a11), 'workers', log),
    ];
    const stopKillers = async () => {
      const [serverKills, workerKills] = await Promise.all(killers.map((k) => k.stop()));
      return { serverKills: serverKills!, workerKills: workerKills! };
    };
    const ticker = setInterval(() => void clock.advance(2 * MINUTE).catch(() => undefined), 2000);
    driver.start();

    const codesOf = (kind?: Kind) =>
      driver.demands.filter((d) => d.code && (!kind || d.kind === kind)).map((d) => d.code!);
    /** Polls `count` until it reaches `target`, failing on script errors or a long standstill. */
    const progress = async (what: string, count: () => Promise<number>, target: number) => {
      let last = -1;
      let movedAt = Date.now();
      for (;;) {
        if (driver.errors.length > 0) throw new Error(driver.errors.join('\n'));
        const now = await count();
        if (now >= target) return;
        if (now !== last) {
          last = now;
          movedAt = Date.now();
          log(`${what}: ${now}/${target}`);
        } else if (Date.now() - movedAt > STALL_MS) {
          throw new Error(`${what} stuck at ${now}/${target}\n${server.output().slice(-5000)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    };
    const inStatus = async (codes: string[], status: (code: string) => string) => {
      const rows = await knex('demands').whereIn('code', codes).select('code', 'status');
      return rows.filter((r) => r.status === status(r.code)).length;
    };
    const kindOf = (code: string) => driver.byCode.get(code)!.kind;
    const withRows = async (codes: string[], sql: string) => {
      const { rows } = await knex.raw<{ rows: { n: string }[] }>(sql, [codes]);
      return Number(rows[0]!.n);
    };

    try {
      await driver.submitAll(6);
      expect(driver.errors).toEqual([]);
      const overdue = codesOf('overdue');
      const others = codesOf().filter((code) => kindOf(code) !== 'overdue');

      // Everything but the overdue demands runs to its end; those wait accepted, unresolved.
      await progress(
        'demands at their end',
        () => inStatus(others, (c) => ends[kindOf(c)]),
        others.length,
      );
      const accepted = `SELECT count(DISTINCT d.id) AS n FROM demands d
          JOIN ledger_events e ON e.demand_id = d.id AND e.event_type = 'accepted'
         WHERE d.code = ANY(?)`;
      await progress('overdue demands accepted', () => withRows(overdue, accepted), overdue.length);

      // The clock passes their warning time, then their resolution deadline.
      const dues = await knex('demand_clocks as c')
        .join('demands as d', 'd.id', 'c.demand_id')
        .whereIn('d.code', overdue)
        .where('c.kind', 'resolution')
        .pluck('c.due_at');
      expect(dues).toHaveLength(overdue.length);
      const times = dues.map((due: Date) => due.getTime());
      if (overdue.length > 0) {
        await clock.moveTo(Math.min(...times) - MINUTE);
        log(`clock moved to ${new Date(clock.now).toISOString()} (before the deadline)`);
        const warned = `SELECT count(DISTINCT o.payload->>'demandCode') AS n FROM notification_outbox o
           WHERE o.template = 'deadline_warning' AND o.payload->>'demandCode' = ANY(?)`;
        await progress('overdue demands warned', () => withRows(overdue, warned), overdue.length);
        await clock.moveTo(Math.max(...times) + MINUTE);
        log(`clock moved to ${new Date(clock.now).toISOString()} (past the deadline)`);
        const supervised = `SELECT count(DISTINCT s.demand_id) AS n FROM supervision_orders s
           JOIN demands d ON d.id = s.demand_id WHERE d.code = ANY(?)`;
        await progress(
          'overdue demands supervised',
          () => withRows(overdue, supervised),
          overdue.length,
        );
      }
      holdOverdue = false;
      await progress(
        'overdue demands at their end',
        () => inStatus(overdue, () => 'archived'),
        overdue.length,
      );

      // Settle: the last start stays up until the engine has no instance left running.
      const { serverKills, workerKills } = await stopKillers();
      log(`${serverKills} kills of the server, ${workerKills} of the workers`);
      await server.current()!.waitForHealth();
      const active = async () => {
        const res = await fetch(`http://127.0.0.1:${engine.restPort}/v2/process-instances/search`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ filter: { state: 'ACTIVE' }, page: { limit: 1 } }),
        });
        const body = (await res.json()) as { page: { totalItems: number } };
        return body.page.totalItems;
      };
      await progress('instances ended', async () => -(await active()), 0);
      expect(serverKills).toBeGreaterThan(0);
      expect(workerKills).toBeGreaterThan(0);
    } finally {
      clearInterval(ticker);
      await stopKillers();
      await driver.stop();
    }
    expect(driver.errors).toEqual([]);

    // Every intake answered 201 exists, once.
    const created = driver.demands.filter((d) => d.created).map((d) => d.code!);
    log(`${created.length} intakes answered 201, ${driver.demands.length} demands in all`);
    const stored = await knex('demands').whereIn('code', created).pluck('code');
    expect(new Set(stored)).toEqual(new Set(created));
    const perTicket = await knex('demands')
      .where('channel_ticket_id', 'like', `crash-${SEED}-%`)
      .groupBy('channel_ticket_id')
      .havingRaw('count(*) > 1')
      .pluck('channel_ticket_id');
    expect(perTicket).toEqual([]);

    // Each demand: its end and every effect as many times as its script implies.
    const tallies = await tallyDemands(knex, codesOf());
    const wrong: unknown[] = [];
    for (const demand of driver.demands) {
      const tally = tallies.get(demand.code!);
      const { coAssigned, ...actual } = tally ?? { coAssigned: {} };
      const expected = expectedFor(demand.kind, demand.code!);
      const doubledCo = Object.entries(coAssigned).filter(([, n]) => n !== 1);
      if (
        !tally ||
        JSON.stringify(sorted(actual)) !== JSON.stringify(sorted(expected)) ||
        doubledCo.length
      ) {
        wrong.push({ code: demand.code, kind: demand.kind, expected, actual, doubledCo });
      }
    }
    expect(wrong).toEqual([]);
    const chain = await verifyArchiveChain(knex);
    expect(chain).toEqual(expect.objectContaining({ ok: true }));
    const archived = driver.demands.filter((d) => ends[d.kind] === 'archived').length;
    expect(await knex('archive_entries').count<{ n: string }[]>('* as n')).toEqual([
      { n: String(archived) },
    ]);
  });
});

/** The object with its keys (and its nested objects' keys) in order, for comparison. */
function sorted(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
  );
}
