import { progress, summarise } from './stats';

/** Runs `total` calls of `run` with at most `concurrency` in flight; summarises their latency. */
export async function drive(
  label: string,
  total: number,
  concurrency: number,
  run: () => Promise<void>,
) {
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
