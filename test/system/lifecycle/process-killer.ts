import type { SeededRandom } from '../../../domain/org/seeded-random';
import type { Killable } from './lifecycle-system';

/**
 * Starts a child (the server, the workers) and SIGKILLs it at random moments, again and again:
 * a quarter of the kills land while it starts (migrations, deployment, workers subscribing),
 * the rest 1 to 8 s after it was ready (/health 200, the workers subscribed). `stop()` leaves
 * the last start running.
 */
export function startKiller(
  child: Killable,
  random: SeededRandom,
  name: string,
  log: (line: string) => void,
): { stop(): Promise<number> } {
  let stopping = false;
  let wake: () => void = () => undefined;
  let kills = 0;
  let alive = false;
  const loop = (async () => {
    while (!stopping) {
      const system = child.start();
      alive = true;
      const duringStart = random() < 0.25;
      const delayMs = duringStart ? 300 + random() * 3000 : 1000 + random() * 7000;
      if (!duringStart) await system.waitForHealth(180_000).catch(() => undefined);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, delayMs);
      });
      if (stopping) break;
      await child.stop('SIGKILL');
      alive = false;
      kills += 1;
      log(
        `kill ${kills}: ${duringStart ? 'while starting' : 'running'}, after ${Math.round(delayMs)} ms`,
      );
    }
    if (!alive) child.start();
  })();
  return {
    async stop() {
      stopping = true;
      wake();
      await loop;
      return kills;
    },
  };
}
