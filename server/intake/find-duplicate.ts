import type { Knex } from 'knex';

/** How far back an identical demand from the same phone counts as a repeat. */
export const DUPLICATE_WINDOW_DAYS = 30;

/**
 * The code of the first demand with the same normalised content from the same phone (by blind
 * index) submitted within the window before `submittedAt`, if any. Deliberately simple: exact
 * repeats only; screening finds the rest.
 */
export async function findDuplicateOf(
  knex: Knex,
  phoneHash: string | null,
  normalisedContent: string,
  submittedAt: Date,
): Promise<{ id: string; code: string } | undefined> {
  if (!phoneHash) return undefined;
  const from = new Date(submittedAt.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000);
  const row = await knex('demands')
    .where({ citizen_phone_hash: phoneHash, content_normalised: normalisedContent })
    .whereRaw('coalesce(submitted_at, received_at) >= ?', [from])
    .orderByRaw('coalesce(submitted_at, received_at), id')
    .first<{ id: string; code: string } | undefined>('id', 'code');
  return row ? { id: String(row.id), code: row.code } : undefined;
}
