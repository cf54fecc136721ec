/**
 * Soak of message-started instances: BENCH_INSTANCES (default 100,000) messages with distinct
 * correlation keys, published over gRPC with the SDK, each start an instance of a process with
 * a message start event that calls a child process. Nothing waits, so an instance has
 * completed when its publication is acknowledged. Per slice (default 10,000) it prints the
 * instances/s, the engine process's RSS and heap after a garbage collection (the engine runs
 * with --expose-gc and reports them at `GET /engine/v1/stats?gc=true`), its index sizes and
 * the time of a history lookup of an instance with its called child; then the ratios of the
 * last slice to the first. Flat ratios mean nothing grows with the number of ended instances.
 *
 *   npm run bench:message-start
 *   BENCH_INSTANCES=20000 BENCH_SLICE=2000 npm run bench:message-start
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../platform';
import { startEngineProcess } from './support/engine-process';
import { percentile, progress } from './support/stats';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 100_000);
const SLICE = Number(process.env.BENCH_SLICE ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2_000);
const MODELS = ['message-start-call.bpmn', 'soak-child.bpmn'].map((name) =>
  path.join(__dirname, 'models', name),
);
const MB = 1024 * 1024;

interface Stats {
  memory: { rss: number; heapUsed: number };
  state: Record<string, number>;
}

interface Slice {
  perSecond: number;
  rssMb: number;
  heapMb: number;
  historyMs: number;
  state: Record<string, number>;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-soak-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pgdata'),
    port: 54000 + (process.pid % 1000),
    durability: 'durable',
  });
  await ensureDatabase(pg.adminUrl, 'soak');
  const engine = await startEngineProcess(withDatabase(pg.adminUrl, 'soak'), {
    nodeArgs: ['--expose-gc'],
  });
  const rest = `http://127.0.0.1:${engine.restPort}`;
  const zeebe = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${engine.grpcPort}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    ZEEBE_CLIENT_LOG_LEVEL: 'ERROR',
  } as never).getZeebeGrpcApiClient();
  let published = 0;
  const publish = async (count: number, label: string) => {
    let started = 0;
    const lane = async () => {
      while (started < count) {
        started++;
        const correlationKey = `soak-${(published += 1)}`;
        await zeebe.publishMessage({ name: 'soak-arrived', correlationKey, timeToLive: 0 });
        if (started % 500 === 0 || started === count) progress(label, started, count);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  };
  const json = async <T>(url: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(url, init);
    if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  /** Median time of GET /engine/v1/process-instances/{key}/records for a fresh instance. */
  const historyLookup = async (): Promise<number> => {
    const started = await json<{ processInstanceKey: string }>(`${rest}/v2/messages/correlation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'soak-arrived', correlationKey: `soak-probe-${published}` }),
    });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const history = await json<{ items: Array<{ processInstanceKey: string }> }>(
        `${rest}/engine/v1/process-instances/${started.processInstanceKey}/records`,
      );
      times.push(performance.now() - t0);
      if (new Set(history.items.map((r) => r.processInstanceKey)).size !== 2)
        throw new Error('the history lacks the called child');
    }
    return percentile(
      times.sort((a, b) => a - b),
      50,
    );
  };

  const slices: Slice[] = [];
  try {
    for (const model of MODELS) await zeebe.deployResource({ processFilename: model });
    await publish(WARMUP, 'warm-up');
    console.log(
      `message-start soak: ${INSTANCES} instances in slices of ${SLICE}, ${CONCURRENCY} in flight, ${os.cpus().length} cores`,
    );
    console.log(
      'slice        inst/s   RSS MB  heap MB  elements  startsByKey  startedInst  varScopes  buffered  history ms',
    );
    for (let done = 0; done < INSTANCES; done += SLICE) {
      const t0 = Date.now();
      await publish(SLICE, `slice ${done / SLICE + 1}`);
      const perSecond = (SLICE * 1000) / (Date.now() - t0);
      const historyMs = await historyLookup();
      const stats = await json<Stats>(`${rest}/engine/v1/stats?gc=true`);
      const slice = {
        perSecond,
        rssMb: stats.memory.rss / MB,
        heapMb: stats.memory.heapUsed / MB,
        historyMs,
        state: stats.state,
      };
      slices.push(slice);
      const s = stats.state;
      console.log(
        `${String(done + SLICE).padStart(7)}  ${perSecond.toFixed(0).padStart(8)}  ${slice.rssMb.toFixed(0).padStart(7)}  ${slice.heapMb.toFixed(1).padStart(7)}  ${String(s.elementInstances).padStart(8)}  ${String(s.messageStartsByCorrelationKey).padStart(11)}  ${String(s.messageStartedInstances).padStart(11)}  ${String(s.variableScopes).padStart(9)}  ${String(s.bufferedMessages).padStart(8)}  ${historyMs.toFixed(1).padStart(10)}`,
      );
    }
    const first = slices[0]!;
    const last = slices[slices.length - 1]!;
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    console.log(
      `ratio last/first slice: throughput ${ratio(last.perSecond, first.perSecond)}x, RSS ${ratio(last.rssMb, first.rssMb)}x, heap ${ratio(last.heapMb, first.heapMb)}x, history lookup ${ratio(last.historyMs, first.historyMs)}x`,
    );
  } finally {
    await zeebe.close();
    await engine.stop();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
