import type { Request, Response } from 'express';
import type { Knex } from 'knex';

/** A part of the system as `/health` reports it: `status` says whether it is up. */
export interface PartHealth {
  status: string;
  [detail: string]: unknown;
}

/** A check of one part; `ok` is the only status that counts as up (`none`: not installed). */
export type HealthProbe = () => Promise<PartHealth> | PartHealth;

export interface HealthOptions {
  knex: Knex;
  /** Further parts by name (the engine, the workers); each appears in the answer. */
  parts?: Record<string, HealthProbe>;
  /** How long any part may take to answer before it counts as down. Default 2000 ms. */
  timeoutMs?: number;
}

/** Statuses that do not make the system unavailable: up, or deliberately absent. */
const HEALTHY = new Set(['ok', 'none']);

function withTimeout<T>(work: Promise<T>, timeoutMs: number, late: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function probeDatabase(knex: Knex, timeoutMs: number): Promise<boolean> {
  const probe = knex
    .raw('SELECT 1')
    .then(() => true)
    .catch(() => false);
  return withTimeout(probe, timeoutMs, false);
}

async function probePart(probe: HealthProbe, timeoutMs: number): Promise<PartHealth> {
  const answer = Promise.resolve()
    .then(probe)
    .catch((error: unknown) => ({
      status: 'unreachable',
      error: error instanceof Error ? error.message : String(error),
    }));
  return withTimeout(answer, timeoutMs, { status: 'unreachable', error: 'no answer in time' });
}

/**
 * `GET /health` for load balancers and operators: 200 `{status:"ok", db:"ok", …}` when every
 * part answers (the engine: its topology and version; the workers: running, last poll and
 * error), else 503 with `status:"unavailable"` and the failing part's own status. It reveals
 * nothing about the data, so it needs no login.
 */
export function healthHandler(options: HealthOptions) {
  const timeoutMs = options.timeoutMs ?? 2000;
  const parts = Object.entries(options.parts ?? {});
  return async (_req: Request, res: Response): Promise<void> => {
    const [dbOk, ...answers] = await Promise.all([
      probeDatabase(options.knex, timeoutMs),
      ...parts.map(([, probe]) => probePart(probe, timeoutMs)),
    ]);
    const healthy = dbOk && answers.every((part) => HEALTHY.has(part.status));
    const body: Record<string, unknown> = {
      status: healthy ? 'ok' : 'unavailable',
      db: dbOk ? 'ok' : 'unreachable',
    };
    parts.forEach(([name], i) => (body[name] = answers[i]));
    res.set('Cache-Control', 'no-store');
    res.status(healthy ? 200 : 503).json(body);
  };
}
