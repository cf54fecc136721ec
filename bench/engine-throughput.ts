/**
 * Engine throughput: a one-service-task process, N instances with a worker, on the embedded
 * engine with durable commits (PostgreSQL with fsync on), against `bpmn-engine` running the
 * same model in memory in this same run. Prints completed process instances per second, p50
 * and p99 create→complete latency, and the ratio between the two engines.
 *
 *   npm run bench:engine                      (defaults: 5000 instances, 32 in flight)
 *   BENCH_INSTANCES=20000 BENCH_CONCURRENCY=400 npm run bench:engine
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { Engine } from 'bpmn-engine';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../platform';
import { startEngineProcess } from './support/engine-process';
import { progress, summarise } from './support/stats';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);
const MODEL = path.join(__dirname, 'models', 'one-task.bpmn');

/** Runs `total` jobs with at most `concurrency` in flight; returns each one's latency. */
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

async function benchEmbeddedEngine() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-bench-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pgdata'),
    port: 54000 + (process.pid % 1000),
    durability: 'durable',
  });
  await ensureDatabase(pg.adminUrl, 'bench');
  const engine = await startEngineProcess(withDatabase(pg.adminUrl, 'bench'));
  const zeebe = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${engine.grpcPort}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    ZEEBE_CLIENT_LOG_LEVEL: 'ERROR',
  } as never).getZeebeGrpcApiClient();
  try {
    await zeebe.deployResource({ processFilename: MODEL });
    const worker = await zeebe.streamJobs({
      type: 'work',
      worker: 'bench',
      timeout: 30_000,
      tenantIds: [],
      taskHandler: (job) => job.complete({ done: true }),
    });
    const create = async () => {
      await zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'one-task',
        variables: { n: 1 },
      });
    };
    await drive('embedded engine warm-up', WARMUP, CONCURRENCY, create);
    const result = await drive('embedded engine', INSTANCES, CONCURRENCY, create);
    await worker.close();
    return result;
  } finally {
    await zeebe.close();
    await engine.stop();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function benchBpmnEngine() {
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
  await drive('bpmn-engine warm-up', WARMUP, CONCURRENCY, run);
  return drive('bpmn-engine', INSTANCES, CONCURRENCY, run);
}

async function main() {
  console.log(
    `engine throughput: ${INSTANCES} instances, ${CONCURRENCY} in flight, ${os.cpus().length} cores`,
  );
  const ours = await benchEmbeddedEngine();
  const peer = await benchBpmnEngine();
  const row = (name: string, r: typeof ours) =>
    `${name.padEnd(34)} ${r.perSecond.toFixed(0).padStart(7)} PI/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms`;
  console.log(row('embedded engine (durable, gRPC)', ours));
  console.log(row('bpmn-engine (in memory, in process)', peer));
  console.log(
    `ratio embedded/bpmn-engine: throughput ${(ours.perSecond / peer.perSecond).toFixed(2)}x, p99 ${(ours.p99 / peer.p99).toFixed(2)}x`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
