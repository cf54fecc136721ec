/**
 * Demands per second through the whole system as `npm start` runs it: the server with its job
 * workers (`server/main.ts`) as one process, the engine as another, PostgreSQL with fsync on.
 * Two runs on the same system:
 *
 * - full: a 12345 channel submits demands over HTTP while scripted staff complete every user
 *   task through the staff API (screening, review, accept, resolve, four sign-offs) and the
 *   citizen answers satisfied on the public page, until every demand is archived;
 * - automated: the same intake with no staff: until every demand's first user task (初审)
 *   exists, i.e. the parts the system does alone (intake, process start, registration).
 *
 * Prints demands/s, p50/p99 of `POST /api/demands`, and the CPU time per demand of the engine
 * process and of the server process, whose ratio is the engine's share of the work; the full run
 * is the peer of the automated one (ratios, as the other benches: absolute numbers on a shared
 * machine are noise).
 *
 *   npm run bench:lifecycle                      (defaults: 100 demands per run, 8 intakes at a time)
 *   BENCH_DEMANDS=300 BENCH_CONCURRENCY=16 npm run bench:lifecycle
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../domain/org/seeded-random';
import { migrateToLatest } from '../migrations';
import {
  createKnex,
  ensureDatabase,
  freePort,
  startEmbeddedPostgres,
  withDatabase,
} from '../platform';
import { LifecycleDriver } from '../test/system/lifecycle/lifecycle-driver';
import { prepareDistrict, serverChild } from '../test/system/lifecycle/lifecycle-system';
import { processCpuMs } from './support/cpu';
import { startEngineProcess } from './support/engine-process';
import { summarise } from './support/stats';

const DEMANDS = Number(process.env.BENCH_DEMANDS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

interface RunResult {
  name: string;
  demands: number;
  perSecond: number;
  intakeP50: number;
  intakeP99: number;
  engineCpu: number;
  serverCpu: number;
}

async function main() {
  console.log(
    `lifecycle: ${DEMANDS} demands per run, ${CONCURRENCY} intakes in flight, ${os.cpus().length} cores`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-bench-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pgdata'),
    port: await freePort(),
    durability: 'durable',
  });
  const databaseUrl = withDatabase(pg.adminUrl, 'lifecycle');
  await ensureDatabase(pg.adminUrl, 'lifecycle');
  const knex = createKnex(databaseUrl, { poolMax: 4 });
  const results: RunResult[] = [];
  let engine: Awaited<ReturnType<typeof startEngineProcess>> | undefined;
  let server: Awaited<ReturnType<typeof serverChild>> | undefined;
  try {
    await migrateToLatest(knex);
    const { staff, channelKey } = await prepareDistrict(knex);
    engine = await startEngineProcess(databaseUrl);
    server = await serverChild({
      databaseUrl,
      grpcPort: engine.grpcPort,
      restPort: engine.restPort,
    });
    const system = server.start();
    await system.waitForHealth();
    const cpu = () => ({
      engine: processCpuMs(engine!.child.pid!),
      server: processCpuMs(system.app.pid!),
    });
    const baseUrl = server.baseUrl;

    // Full: staff and citizens take every demand to the archive.
    const full = new LifecycleDriver({
      baseUrl: () => baseUrl,
      knex,
      channelKey,
      staff,
      runTag: 'full',
    });
    full.plan(DEMANDS, mulberry32(1), 'archived');
    full.start();
    results.push(
      await measure('full (staff via API, to archived)', full, cpu, async (codes) =>
        Number(
          (
            await knex('demands')
              .whereIn('code', codes)
              .where('status', 'archived')
              .count<{ n: string }[]>('* as n')
          )[0]!.n,
        ),
      ),
    );
    await full.stop();
    if (full.errors.length > 0) throw new Error(full.errors.join('\n'));

    // Automated: nobody works the tasks; done when each demand's 初审 task exists.
    const automated = new LifecycleDriver({
      baseUrl: () => baseUrl,
      knex,
      channelKey,
      staff,
      runTag: 'auto',
    });
    automated.plan(DEMANDS, mulberry32(2), 'archived');
    results.push(
      await measure('automated (intake → first user task)', automated, cpu, async () => {
        const res = await fetch(`http://127.0.0.1:${engine!.restPort}/v2/user-tasks/search`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            filter: { elementId: 'screen-first', state: 'CREATED' },
            page: { limit: 1 },
          }),
        });
        return ((await res.json()) as { page: { totalItems: number } }).page.totalItems;
      }),
    );
  } finally {
    await server?.stop('SIGTERM');
    server?.dispose();
    await engine?.stop();
    await knex.destroy();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  print(results);
}

/** Submits the driver's demands and polls `done` (over the demands' codes) until all are. */
async function measure(
  name: string,
  driver: LifecycleDriver,
  cpu: () => { engine: number; server: number },
  done: (codes: string[]) => Promise<number>,
): Promise<RunResult> {
  const cpu0 = cpu();
  const started = performance.now();
  await driver.submitAll(CONCURRENCY);
  if (driver.errors.length > 0) throw new Error(driver.errors.join('\n'));
  const codes = driver.demands.map((d) => d.code!);
  for (;;) {
    const count = await done(codes);
    process.stderr.write(`\r${name}: ${count}/${codes.length}`);
    if (count >= codes.length) break;
    if (driver.errors.length > 0) throw new Error(driver.errors.join('\n'));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  process.stderr.write('\n');
  const elapsed = performance.now() - started;
  const cpu1 = cpu();
  const intake = summarise(driver.intakeLatencies, elapsed);
  return {
    name,
    demands: codes.length,
    perSecond: (codes.length * 1000) / elapsed,
    intakeP50: intake.p50,
    intakeP99: intake.p99,
    engineCpu: (cpu1.engine - cpu0.engine) / codes.length,
    serverCpu: (cpu1.server - cpu0.server) / codes.length,
  };
}

function print(results: RunResult[]) {
  console.log(
    '| run | demands | demands/s | intake p50 | intake p99 | CPU/demand, engine | CPU/demand, server + workers | engine share of CPU |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const share = r.engineCpu / (r.engineCpu + r.serverCpu);
    console.log(
      `| ${r.name} | ${r.demands} | ${r.perSecond.toFixed(2)} | ${r.intakeP50.toFixed(0)} ms | ${r.intakeP99.toFixed(0)} ms | ` +
        `${r.engineCpu.toFixed(0)} ms | ${r.serverCpu.toFixed(0)} ms | ${(share * 100).toFixed(0)} % |`,
    );
  }
  const [full, automated] = results;
  if (full && automated) {
    console.log(
      `full/automated: throughput ${(full.perSecond / automated.perSecond).toFixed(2)}x, ` +
        `intake p99 ${(full.intakeP99 / automated.intakeP99).toFixed(2)}x, ` +
        `engine CPU per demand ${(full.engineCpu / automated.engineCpu).toFixed(2)}x, ` +
        `server CPU per demand ${(full.serverCpu / automated.serverCpu).toFixed(2)}x`,
    );
  }
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
