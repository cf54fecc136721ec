import type { Knex } from 'knex';
import type { DemandRow } from './demand-store';

export type ClockKind = 'response' | 'resolution' | 'verification';

export interface ClockRow {
  id: string;
  kind: ClockKind;
  started_at: Date;
  due_at: Date;
  warn_at: Date | null;
  state: string;
  working_days: number;
}

export async function clockOf(
  trx: Knex.Transaction,
  demand: Pick<DemandRow, 'id'>,
  kind: ClockKind,
): Promise<ClockRow | undefined> {
  const row = await trx('demand_clocks')
    .where({ demand_id: demand.id, kind })
    .forUpdate()
    .first<ClockRow | undefined>(
      'id',
      'kind',
      'started_at',
      'due_at',
      'warn_at',
      'state',
      'working_days',
    );
  return row ? { ...row, id: String(row.id) } : undefined;
}

/**
 * Starts (or restarts: one row per demand and kind, migration 004) a running clock. An
 * escalated or reopened demand's clock starts over in the same row.
 */
export async function startClock(
  trx: Knex.Transaction,
  demand: Pick<DemandRow, 'id'>,
  clock: { kind: ClockKind; startedAt: Date; dueAt: Date; warnAt: Date | null; days: number },
): Promise<void> {
  await trx('demand_clocks')
    .insert({
      demand_id: demand.id,
      kind: clock.kind,
      started_at: clock.startedAt,
      due_at: clock.dueAt,
      warn_at: clock.warnAt,
      state: 'running',
      stopped_at: null,
      working_days: clock.days,
    })
    .onConflict(['demand_id', 'kind'])
    .merge(['started_at', 'due_at', 'warn_at', 'state', 'stopped_at', 'working_days']);
}

/** Moves a running clock's deadline (after a pause or an extension). */
export async function moveClock(
  trx: Knex.Transaction,
  clock: ClockRow,
  dueAt: Date,
  warnAt: Date | null,
): Promise<void> {
  await trx('demand_clocks')
    .where({ id: clock.id })
    .update({ due_at: dueAt, warn_at: warnAt, state: 'running', stopped_at: null });
}

/** Stops a clock: met when stopped by its deadline, breached after it. */
export async function stopClock(
  trx: Knex.Transaction,
  clock: ClockRow | undefined,
  at: Date,
): Promise<void> {
  if (!clock || (clock.state !== 'running' && clock.state !== 'paused')) return;
  const stoppedAt = at < clock.started_at ? clock.started_at : at;
  await trx('demand_clocks')
    .where({ id: clock.id })
    .update({ state: stoppedAt <= clock.due_at ? 'met' : 'breached', stopped_at: stoppedAt });
}

/** Sets a stopped resolution clock running again: the demand went back to handling. */
export async function reopenClock(
  trx: Knex.Transaction,
  clock: ClockRow | undefined,
): Promise<void> {
  if (!clock || clock.state === 'running') return;
  await trx('demand_clocks').where({ id: clock.id }).update({ state: 'running', stopped_at: null });
}

export async function approvedExtensions(
  trx: Knex.Transaction,
  clock: ClockRow | undefined,
): Promise<number> {
  if (!clock) return 0;
  const [row] = await trx('clock_extensions')
    .where({ clock_id: clock.id, state: 'approved' })
    .count<{ count: string }[]>('* as count');
  return Number(row?.count ?? 0);
}
