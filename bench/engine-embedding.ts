/**
 * In-process or child process: how `npm start` should run the embedded engine. The same
 * one-service-task process, driven the way the system drives it — an SDK job worker
 * (`createWorker`, long-polling activation) completes the jobs and an SDK client creates
 * instances and waits for their result — with the engine once inside the client's Node
 * process and once in a process of its own, alternately (BENCH_ROUNDS rounds). Prints
 * completed instances/s, p50/p99 create→complete latency, and the CPU time per instance of
 * each Node process (which, unlike wall-clock numbers, a machine shared with other work
 * hardly changes).
 *
 *   npm run bench:embedding                    (defaults: 1000 instances, 32 in flight, 2 rounds)
 *   BENCH_INSTANCES=3000 BENCH_ROUNDS=3 npm run bench:embedding
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { startEngine } from '../engine';
import { ensureDatabase, freePort, startEmbeddedPostgres, withDatabase } from '../platform';
import { startEngineProcess } from './support/engine-process';
import { drive } from './support/drive';
import { ownCpuMs, processCpuMs } from './support/cpu';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const MODEL = path.join(__dirname, 'models', 'one-task.bpmn');

type Result = Awaited<ReturnType<typeof drive>> & {
  /** CPU ms per instance of the client process (with the engine, in process) and the engine's. */
  clientCpu: number;
  engineCpu: number;
};

async function run(label: string, grpcPort: number, enginePid?: number): Promise<Result> {
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
    const [client0, engine0] = [ownCpuMs(), enginePid ? processCpuMs(enginePid) : 0];
    const result = await drive(label, INSTANCES, CONCURRENCY, create);
    const [client1, engine1] = [ownCpuMs(), enginePid ? processCpuMs(enginePid) : 0];
    await worker.close();
    return {
      ...result,
      clientCpu: (client1 - client0) / INSTANCES,
      engineCpu: (engine1 - engine0) / INSTANCES,
    };
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
    for (let round = 1; round <= ROUNDS; round++) {
      // Each run gets its own database, so none replays another's log.
      const inProcessDb = `inprocess_${round}`;
      await ensureDatabase(pg.adminUrl, inProcessDb);
      const engine = await startEngine({
        databaseUrl: withDatabase(pg.adminUrl, inProcessDb),
        grpcPort: 0,
        restPort: 0,
      });
      try {
        results.push(['in process', await run(`in process #${round}`, engine.grpcPort)]);
      } finally {
        await engine.stop();
      }
      const childDb = `child_${round}`;
      await ensureDatabase(pg.adminUrl, childDb);
      const child = await startEngineProcess(withDatabase(pg.adminUrl, childDb));
      try {
        results.push([
          'child process',
          await run(`child process #${round}`, child.grpcPort, child.child.pid),
        ]);
      } finally {
        await child.stop();
      }
    }
  } finally {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const [name, r] of results) {
    console.log(
      `${name.padEnd(14)} ${r.perSecond.toFixed(0).padStart(6)} PI/s   p50 ${r.p50.toFixed(1).padStart(7)} ms   p99 ${r.p99.toFixed(1).padStart(7)} ms   CPU/instance: app ${r.clientCpu.toFixed(2)} ms, engine process ${r.engineCpu.toFixed(2)} ms`,
    );
  }
  const mean = (name: string, pick: (r: Result) => number) => {
    const values = results.filter(([n]) => n === name).map(([, r]) => pick(r));
    return values.reduce((a, b) => a + b, 0) / values.length;
  };
  console.log(
    `child/in-process: throughput ${(mean('child process', (r) => r.perSecond) / mean('in process', (r) => r.perSecond)).toFixed(2)}x, ` +
      `p99 ${(mean('child process', (r) => r.p99) / mean('in process', (r) => r.p99)).toFixed(2)}x; ` +
      `CPU per instance on the app's event loop ${(mean('child process', (r) => r.clientCpu) / mean('in process', (r) => r.clientCpu)).toFixed(2)}x`,
  );
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
