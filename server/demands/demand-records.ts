import type { Knex } from 'knex';
import { isoWithOffset } from '../http';
import type { CitizenRedactor } from './citizen-view';
import { unitRef } from './demand-summary';
import { workingDaysLeft } from './working-days-left';

/**
 * The parts of a demand's detail that live in their own tables: deadlines, supervision orders,
 * verification, sign-offs, the archive entry and the history. Each reader takes the demand id
 * and gives the contract's shape; texts a citizen wrote or signed pass through `redact`.
 */

export async function deadlinesOf(knex: Knex, demandId: string, now = new Date()) {
  const clocks = await knex('demand_clocks')
    .where({ demand_id: demandId })
    .select<{ id: string; kind: string; due_at: Date; state: string }[]>(
      'id',
      'kind',
      'due_at',
      'state',
    );
  const extended = await knex('clock_extensions')
    .whereIn(
      'clock_id',
      clocks.map((clock) => clock.id),
    )
    .where({ state: 'approved' })
    .first('id');
  const dueAt = (kind: string) => clocks.find((c) => c.kind === kind)?.due_at;
  const due = (kind: string) => isoWithOffset(dueAt(kind));
  const daysLeft = (kind: string) => {
    const at = dueAt(kind);
    return at ? workingDaysLeft(at, now) : null;
  };
  return {
    response: due('response'),
    resolution: due('resolution'),
    verification: due('verification'),
    paused: clocks.some((clock) => clock.state === 'paused'),
    extended: extended !== undefined,
    workingDaysLeft: {
      response: daysLeft('response'),
      resolution: daysLeft('resolution'),
      verification: daysLeft('verification'),
    },
  };
}

export async function supervisionOf(knex: Knex, demandId: string) {
  const orders = await knex('supervision_orders as s')
    .leftJoin('org_units as u', 'u.code', 's.unit_code')
    .where('s.demand_id', demandId)
    .orderBy([
      { column: 's.issued_at', order: 'asc' },
      { column: 's.id', order: 'asc' },
    ])
    .select(
      's.code',
      's.level',
      's.kind',
      's.reason',
      's.unit_code',
      'u.name as unit_name',
      's.issued_at',
      's.due_at',
      's.acknowledged_at',
      's.closed_at',
    );
  return orders.map((order) => ({
    code: order.code as string,
    level: order.level as string,
    kind: order.kind as string,
    reason: order.reason as string,
    unit: unitRef(order.unit_code, order.unit_name),
    issuedAt: isoWithOffset(order.issued_at),
    dueAt: isoWithOffset(order.due_at),
    acknowledgedAt: isoWithOffset(order.acknowledged_at),
    closedAt: isoWithOffset(order.closed_at),
  }));
}

/** The latest return visit or feedback (a demand handled again may have several). */
export async function verificationOf(
  knex: Knex,
  demand: { id: string; unsatisfied_count: number },
  redact: CitizenRedactor,
) {
  const visit = await knex('return_visits')
    .where({ demand_id: demand.id })
    .orderBy([
      { column: 'visited_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first('method', 'satisfaction', 'comment', 'visited_at');
  if (!visit) return null;
  return {
    satisfaction: visit.satisfaction as string,
    method: visit.method as string,
    comment: visit.comment === null ? null : redact.text(visit.comment as string),
    at: isoWithOffset(visit.visited_at),
    unsatisfiedCount: demand.unsatisfied_count,
  };
}

export async function signoffOf(
  knex: Knex,
  demandId: string,
  redact: CitizenRedactor,
  citizenWithheld: boolean,
) {
  const rows = await knex('sign_offs as s')
    .leftJoin('users as u', 'u.id', 's.signer_user_id')
    .where('s.demand_id', demandId)
    .orderBy([
      { column: 's.round', order: 'asc' },
      { column: 's.signed_at', order: 'asc' },
      { column: 's.id', order: 'asc' },
    ])
    .select(
      's.party',
      's.round',
      's.approved',
      's.statement',
      's.signer_name_masked',
      'u.display_name',
      's.signed_at',
    );
  return rows.map((row) => {
    const citizen = row.party === 'citizen';
    return {
      party: row.party as string,
      round: row.round as number,
      approved: row.approved as boolean,
      statement: citizen ? redact.text(row.statement as string) : (row.statement as string),
      signer: citizen
        ? citizenWithheld
          ? null
          : (row.signer_name_masked as string | null)
        : (row.display_name as string | null),
      signedAt: isoWithOffset(row.signed_at),
    };
  });
}

export async function archiveOf(knex: Knex, demandId: string) {
  const entry = await knex('archive_entries')
    .where({ demand_id: demandId })
    .first('sequence', 'record_hash', 'previous_hash', 'archived_at');
  if (!entry) return null;
  return {
    sequence: Number(entry.sequence),
    recordHash: entry.record_hash as string,
    previousHash: entry.previous_hash as string,
    archivedAt: isoWithOffset(entry.archived_at),
  };
}

export interface HistoryEntry {
  at: string | null;
  actor: string;
  action: string;
  detail: unknown;
}

/** `demand_history` in the order it happened (rows of one transaction share `at`: id decides). */
export async function historyOf(
  knex: Knex,
  demandId: string,
  redact: CitizenRedactor,
): Promise<HistoryEntry[]> {
  const rows = await knex('demand_history')
    .where({ demand_id: demandId })
    .orderBy([
      { column: 'at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .select('at', 'actor', 'action', 'detail');
  return rows.map((row) => ({
    at: isoWithOffset(row.at),
    actor: row.actor as string,
    action: row.action as string,
    detail: redact.deep(row.detail),
  }));
}

export async function coUnitsOf(knex: Knex, demandId: string) {
  const rows = await knex('assignments as a')
    .join('org_units as u', 'u.code', 'a.unit_code')
    .where({ 'a.demand_id': demandId, 'a.role': 'co', 'a.status': 'active' })
    .orderBy('a.id')
    .select('a.unit_code', 'u.name');
  return rows.map((row) => ({ code: row.unit_code as string, name: row.name as string }));
}

export async function attachmentsOf(knex: Knex, demandId: string) {
  const rows = await knex('demand_attachments')
    .where({ demand_id: demandId })
    .orderBy('position')
    .select('name', 'media_type', 'size_bytes', 'sha256');
  return rows.map((row) => ({
    name: row.name as string,
    mediaType: row.media_type as string,
    size: Number(row.size_bytes),
    sha256: row.sha256 as string | null,
  }));
}

/** Names of the units a suggestion proposes, so it shows units as `{code, name}` too. */
export async function unitNames(knex: Knex, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await knex('org_units').whereIn('code', codes).select('code', 'name');
  return new Map(rows.map((row) => [row.code as string, row.name as string]));
}
