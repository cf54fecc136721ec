import type { Knex } from 'knex';
import { JobInputError, requiredText } from '../job-errors';

/** The columns of a demand the workers read (never the encrypted personal ones). */
export interface DemandRow {
  id: string;
  code: string;
  status: string;
  district_code: string;
  township_code: string | null;
  village_code: string | null;
  tier: string | null;
  responsible_unit_code: string | null;
  accused_unit_code: string | null;
  domain: string | null;
  category: string | null;
  received_at: Date;
  duplicate_group_id: string | null;
  citizen_name_masked: string | null;
  unsatisfied_count: number;
  process_instance_key: string | null;
}

const COLUMNS = [
  'id',
  'code',
  'status',
  'district_code',
  'township_code',
  'village_code',
  'tier',
  'responsible_unit_code',
  'accused_unit_code',
  'domain',
  'category',
  'received_at',
  'duplicate_group_id',
  'citizen_name_masked',
  'unsatisfied_count',
  'process_instance_key',
];

/**
 * The demand named by the job's `demandCode`, locked for this transaction so that two jobs of
 * one demand (handling and discipline run in parallel) change it one after the other.
 */
export async function lockDemand(trx: Knex.Transaction, demandCode: unknown): Promise<DemandRow> {
  const code = requiredText(demandCode, 'demandCode');
  const row = await trx('demands')
    .where({ code })
    .forUpdate()
    .first<DemandRow | undefined>(COLUMNS);
  if (!row) throw new JobInputError(`no demand ${code}`);
  return { ...row, id: String(row.id) };
}

export async function findDemandByCode(
  trx: Knex.Transaction,
  code: string,
): Promise<DemandRow | undefined> {
  const row = await trx('demands').where({ code }).first<DemandRow | undefined>(COLUMNS);
  return row ? { ...row, id: String(row.id) } : undefined;
}

export async function updateDemand(
  trx: Knex.Transaction,
  demand: DemandRow,
  changes: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await trx('demands')
    .where({ id: demand.id })
    .update({ ...changes, updated_at: now });
}

/**
 * The user id of `actor`, the username the server adds when staff complete a user task; null
 * when the step was not taken by a known member of staff (a citizen, the system).
 */
export async function actorUserId(trx: Knex.Transaction, actor: unknown): Promise<string | null> {
  if (typeof actor !== 'string' || actor === '') return null;
  const row = await trx('users').where({ username: actor }).first<{ id: string } | undefined>('id');
  return row ? String(row.id) : null;
}

/** Like actorUserId, for steps the schema requires an identified person for. */
export async function requiredActorUserId(
  trx: Knex.Transaction,
  actor: unknown,
  what: string,
): Promise<string> {
  const id = await actorUserId(trx, actor);
  if (id === null) {
    throw new JobInputError(
      `${what} needs a known staff member as actor, got ${JSON.stringify(actor ?? null)}`,
    );
  }
  return id;
}

/** The actor for the history: the username, or `system` for automatic steps. */
export function actorName(actor: unknown): string {
  return typeof actor === 'string' && actor.trim() !== '' ? actor : 'system';
}
