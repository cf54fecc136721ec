/**
 * A tiny seeded pseudo-random generator (mulberry32). The demo district must come out the same
 * on every machine and every run, so nothing in it may depend on Math.random or the clock.
 */
export type SeededRandom = () => number;

/** Numbers in [0, 1), fully determined by `seed`. */
export function mulberry32(seed: number): SeededRandom {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], both included. */
export function integerBetween(random: SeededRandom, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A shuffled copy (Fisher–Yates), deterministic for a given generator state. */
export function shuffled<T>(items: readonly T[], random: SeededRandom): T[] {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy;
}
