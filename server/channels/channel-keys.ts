import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { CHANNELS, isOneOf, type Channel } from '../../domain/demand';
import { randomToken } from '../http';

/** A channel whose adapter authenticates with an API key. */
export interface ChannelCaller {
  keyId: string;
  channel: Channel;
  /** The district a district-bound key places its demands in. */
  districtCode: string | null;
}

/** Why a key was not created or revoked, in words for the operator. */
export class ChannelKeyError extends Error {
  override name = 'ChannelKeyError';
}

/** The public page posts as `citizen_web` with its own protections; no adapter gets its name. */
const KEYLESS_CHANNELS: readonly Channel[] = ['citizen_web'];
const PREFIX = 'msk_';

/**
 * Keys are 32 random bytes, so a plain SHA-256 is enough to store them: unlike passwords they
 * cannot be guessed from a list, and the lookup by hash stays a single index probe.
 */
function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export async function createChannelKey(
  knex: Knex,
  input: { channel: string; districtCode?: string | undefined },
): Promise<{ id: string; key: string; channel: Channel; districtCode: string | null }> {
  if (!isOneOf(CHANNELS, input.channel)) {
    throw new ChannelKeyError(
      `unknown channel "${input.channel}"; channels: ${CHANNELS.join(', ')}`,
    );
  }
  if (KEYLESS_CHANNELS.includes(input.channel)) {
    throw new ChannelKeyError(`${input.channel} is the public page's own channel and takes no key`);
  }
  const districtCode = input.districtCode ?? null;
  if (districtCode !== null) {
    const unit = await knex('org_units').where({ code: districtCode }).first('tier');
    if (!unit) throw new ChannelKeyError(`no org unit has the code "${districtCode}"`);
    if (unit.tier !== 'district') {
      throw new ChannelKeyError(`unit "${districtCode}" is a ${unit.tier}, not a district`);
    }
  }
  const key = `${PREFIX}${randomToken()}`;
  const [row] = await knex('channel_keys')
    .insert({ channel: input.channel, district_code: districtCode, key_hash: hashKey(key) })
    .returning<{ id: string }[]>('id');
  if (!row) throw new Error('inserting the channel key returned no id');
  return { id: String(row.id), key, channel: input.channel, districtCode };
}

/** Revokes key `id`: from the next request on it is refused with 401. */
export async function revokeChannelKey(
  knex: Knex,
  id: string,
): Promise<{ channel: string; alreadyRevoked: boolean }> {
  if (!/^\d{1,18}$/.test(id)) throw new ChannelKeyError(`"${id}" is not a key id (a number)`);
  const row = await knex('channel_keys')
    .where({ id })
    .first<{ channel: string; revoked_at: Date | null } | undefined>('channel', 'revoked_at');
  if (!row) throw new ChannelKeyError(`there is no channel key ${id}`);
  if (row.revoked_at) return { channel: row.channel, alreadyRevoked: true };
  await knex('channel_keys')
    .where({ id })
    .whereNull('revoked_at')
    .update({ revoked_at: knex.fn.now() });
  return { channel: row.channel, alreadyRevoked: false };
}

/** The caller holding `key`, or undefined when it is unknown or revoked. */
export async function findChannelCaller(
  knex: Knex,
  key: string,
): Promise<ChannelCaller | undefined> {
  if (!key.startsWith(PREFIX) || key.length > 200) return undefined;
  const row = await knex('channel_keys')
    .where({ key_hash: hashKey(key) })
    .whereNull('revoked_at')
    .first<{ id: string; channel: string; district_code: string | null } | undefined>(
      'id',
      'channel',
      'district_code',
    );
  if (!row || !isOneOf(CHANNELS, row.channel)) return undefined;
  return { keyId: String(row.id), channel: row.channel, districtCode: row.district_code };
}
