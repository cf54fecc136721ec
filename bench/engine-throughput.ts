/**
 * Engine throughput: a one-service-task process, instances created with
 * CreateProcessInstanceWithResult at a fixed number in flight, on the embedded engine with
 * durable commits (PostgreSQL with fsync on, engine in its own process), against
 * `bpmn-engine` running the same model in memory in this same run. For each worker mode and
 * each number in flight it prints completed process instances per second, p50 and p99
 * create→complete latency, and the ratios to bpmn-engine at the same number in flight; for the
 * embedded engine also what each instance costs whatever the machine's load: CPU time of the
 * engine process (its `GET /engine/v1/stats`) and of PostgreSQL (from /proc), and the log
 * batches (one INSERT and commit each) and records written per instance.
 *
 * Worker modes (BENCH_MODES, comma-separated; default `push,poll`):
 *   push      the SDK's job-push worker (streamJobs: StreamActivatedJobs)
 *   poll      the SDK's ordinary polling worker (createWorker: ActivateJobs, long polling),
 *             its defaults except maxJobsToActivate = instances in flight
 *   poll:MS   the same with pollInterval MS (the SDK polls every 300 ms by default)
 *
 *   npm run bench:engine                                  (push and poll, 32 and 128 in flight)
 *   BENCH_MODES=poll BENCH_CONCURRENCY=32 npm run bench:engine          (one quick configuration)
 *   BENCH_MODES=push,poll,poll:10 BENCH_INSTANCES=5000 npm run bench:engine
 *
 * BENCH_CONCURRENCY: instances in flight, comma-separated (default 32,128); BENCH_INSTANCES:
 * measured instances per configuration (default 3000); BENCH_WARMUP (default 300). Each
 * configuration gets a fresh database and engine process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { Engine } from 'bpmn-engine';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../platform';
import { costPerInstance, readCost, type CostPerInstance } from './support/cost';
import { startEngineProcess } from './support/engine-process';
import { progress, summarise } from './support/stats';
import { parseModes, startWorker, type WorkerMode } from './support/workers';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 3000);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '32,128').split(',').map(Number);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const MODES = parseModes(process.env.BENCH_MODES ?? 'push,poll');
const MODEL = path.join(__dirname, 'models', 'one-task.bpmn');

type Result = ReturnType<typeof summarise> & { cost?: CostPerInstance };

/** Runs `total` instances with at most `concurrency` in flight; returns each one's latency. */
async function drive(label: string, total: number, concurrency: number, run: () => Promise<void>) {
  const latencies: number[] = [];
  let started = 0;
  let done = 0;
  const begin = Date.now();
  const lane = async () => {
    while (started < total) {
      started++;
      const t0 = performance.now();
      await run();
      latencies.push(performance.now() - t0);
      done++;
      if (done % 250 === 0 || done === total) progress(label, done, total);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return summarise(latencies, Date.now() - begin);
}

type Postgres = Awaited<ReturnType<typeof startEmbeddedPostgres>>;

async function benchEmbeddedEngine(pg: Postgres, database: string, mode: WorkerMode, n: number) {
  await ensureDatabase(pg.adminUrl, database);
  const engine = await startEngineProcess(withDatabase(pg.adminUrl, database));
  const zeebe = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${engine.grpcPort}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
  } as never).getZeebeGrpcApiClient();
  try {
    await zeebe.deployResource({ processFilename: MODEL });
    const worker = await startWorker(zeebe, mode, n);
    const create = async () => {
      await zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'one-task',
        variables: { n: 1 },
      });
    };
    const label = `${mode.name}, ${n} in flight`;
    await drive(`${label} warm-up`, WARMUP, n, create);
    const before = await readCost(engine.restPort, pg.pid);
    const result: Result = await drive(label, INSTANCES, n, create);
    result.cost = costPerInstance(before, await readCost(engine.restPort, pg.pid), INSTANCES);
    await worker.close();
    return result;
  } finally {
    await zeebe.close();
    await engine.stop();
  }
}

async function benchBpmnEngine(n: number) {
  const source = fs.readFileSync(MODEL, 'utf8');
  // The service task's work is an asynchronous no-op, like the worker above.
  const asyncService = (activity: { type: string; behaviour: Record<string, unknown> }) => {
    if (activity.type !== 'bpmn:ServiceTask') return;
    activity.behaviour.Service = function Service() {
      return {
        execute: (_message: unknown, next: (error: null, output: unknown) => void) =>
          setImmediate(next, null, { done: true }),
      };
    };
  };
  const extensions = { asyncService } as unknown as ConstructorParameters<
    typeof Engine
  >[0] extends infer O
    ? O extends { extensions?: infer E }
      ? E
      : never
    : never;
  const run = () =>
    new Promise<void>((resolve, reject) => {
      const engine = new Engine({ name: 'one-task', source, extensions });
      engine.once('end', () => resolve());
      engine.once('error', reject);
      void engine.execute({ variables: { n: 1 } });
    });
  await drive(`bpmn-engine, ${n} in flight warm-up`, WARMUP, n, run);
  return drive(`bpmn-engine, ${n} in flight`, INSTANCES, n, run);
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function report(results: Array<{ n: number; name: string; r: Result; peer: Result }>) {
  const row = (cells: string[]) =>
    console.log(
      cells.map((c, i) => (i === 1 ? c.padEnd(44) : c.padStart(i === 0 ? 4 : 8))).join(' '),
    );
  console.log('');
  row(['n', 'engine', 'PI/s', 'p50 ms', 'p99 ms', 'PI/s x', 'p99 x', 'eng ms', 'pg ms', 'batches']);
  for (const { n, name, r, peer } of results) {
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
    const isPeer = r === peer;
    row([
      String(n),
      name,
      r.perSecond.toFixed(0),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      isPeer ? '' : ratio(r.perSecond, peer.perSecond),
      isPeer ? '' : ratio(r.p99, peer.p99),
      r.cost ? r.cost.engineCpuMs.toFixed(2) : '',
      r.cost ? r.cost.postgresCpuMs.toFixed(2) : '',
      r.cost ? r.cost.logBatches.toFixed(2) : '',
    ]);
  }
  console.log(
    'n: instances in flight; x: ratio to bpmn-engine at the same n (in memory, in process)',
  );
  console.log(
    'per completed instance: eng ms / pg ms CPU time of the engine process / of PostgreSQL, batches committed to the log',
  );
  const records = results.find((r) => r.r.cost)?.r.cost?.records;
  if (records !== undefined) console.log(`records written per instance: ${records.toFixed(1)}`);
}

async function main() {
  console.log(
    `engine throughput: ${INSTANCES} instances per configuration, ${LEVELS.join('/')} in flight, ${os.cpus().length} cores, load ${load()}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-bench-'));
  fs.chmodSync(dir, 0o755);
  const ours: Array<{ n: number; mode: WorkerMode; r: Result }> = [];
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pgdata'),
    port: 54000 + (process.pid % 1000),
    durability: 'durable',
  });
  try {
    for (const n of LEVELS)
      for (const mode of MODES)
        ours.push({ n, mode, r: await benchEmbeddedEngine(pg, `bench_${ours.length}`, mode, n) });
  } finally {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const results: Array<{ n: number; name: string; r: Result; peer: Result }> = [];
  for (const n of LEVELS) {
    const peer = await benchBpmnEngine(n);
    results.push({ n, name: 'bpmn-engine 25 (in memory)', r: peer, peer });
    for (const { mode, r } of ours.filter((o) => o.n === n))
      results.push({ n, name: `embedded, ${mode.name}`, r, peer });
  }
  report(results);
  console.log(`load average at the end: ${load()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
