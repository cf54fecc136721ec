/**
 * In-process or child process: how `npm start` should run the embedded engine. The same
 * one-service-task process, driven the way the system drives it — an SDK job worker
 * (`createWorker`, long-polling activation) completes the jobs and an SDK client creates
 * instances and waits for their result — with the engine once inside the client's Node
 * process and once in a process of its own. Prints completed instances/s and p50/p99
 * create→complete latency for both, and their ratio.
 *
 *   node --import tsx bench/engine-embedding.ts
 *   BENCH_INSTANCES=3000 BENCH_CONCURRENCY=32 node --import tsx bench/engine-embedding.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { startEngine } from '../engine';
import { ensureDatabase, freePort, startEmbeddedPostgres, withDatabase } from '../platform';
import { startEngineProcess } from './support/engine-process';
import { drive } from './support/drive';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const MODEL = path.join(__dirname, 'models', 'one-task.bpmn');

type Result = Awaited<ReturnType<typeof drive>>;

async function run(label: string, grpcPort: number): Promise<Result> {
  const zeebe = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${grpcPort}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    ZEEBE_CLIENT_LOG_LEVEL: 'ERROR',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'ERROR' },
  } as never).getZeebeGrpcApiClient();
  try {
    await zeebe.deployResource({ processFilename: MODEL });
    const worker = zeebe.createWorker({
      taskType: 'work',
      maxJobsToActivate: CONCURRENCY * 2,
      pollInterval: 1,
      taskHandler: (job) => job.complete({ done: true }),
    });
    const create = async () => {
      await zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'one-task', variables: {} });
    };
    await drive(`${label} warm-up`, WARMUP, CONCURRENCY, create);
    const result = await drive(label, INSTANCES, CONCURRENCY, create);
    await worker.close();
    return result;
  } finally {
    await zeebe.close();
  }
}

async function main() {
  console.log(
    `engine embedding: ${INSTANCES} instances, ${CONCURRENCY} in flight, ${os.cpus().length} cores`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-bench-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pgdata'),
    port: await freePort(),
    durability: 'durable',
  });
  const results: Array<[string, Result]> = [];
  try {
    // Each mode gets its own database, so neither replays the other's log.
    await ensureDatabase(pg.adminUrl, 'inprocess');
    const engine = await startEngine({
      databaseUrl: withDatabase(pg.adminUrl, 'inprocess'),
      grpcPort: 0,
      restPort: 0,
    });
    try {
      results.push(['in process', await run('in process', engine.grpcPort)]);
    } finally {
      await engine.stop();
    }
    await ensureDatabase(pg.adminUrl, 'child');
    const child = await startEngineProcess(withDatabase(pg.adminUrl, 'child'));
    try {
      results.push(['child process', await run('child process', child.grpcPort)]);
    } finally {
      await child.stop();
    }
  } finally {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const [name, r] of results) {
    console.log(
      `${name.padEnd(14)} ${r.perSecond.toFixed(0).padStart(6)} PI/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms`,
    );
  }
  const [inProcess, child] = [results[0]![1], results[1]![1]];
  console.log(
    `child/in-process: throughput ${(child.perSecond / inProcess.perSecond).toFixed(2)}x, p99 ${(child.p99 / inProcess.p99).toFixed(2)}x`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
