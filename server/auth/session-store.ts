import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { randomToken } from '../http';

/** A server-side session as stored: the id itself lives only in the browser's cookie. */
export interface StoredSession {
  idHash: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
}

export function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex');
}

interface Row {
  id_hash: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
}

/**
 * Staff sessions in PostgreSQL, keyed by the SHA-256 of a random id, so every server process
 * shares them and logout takes effect everywhere at once. Times come from the caller's clock.
 */
export function createSessionStore(knex: Knex) {
  return {
    /** Starts a session; returns the id to put in the cookie (never stored). */
    async create(
      userId: string,
      now: Date,
      client: { ip: string | undefined; userAgent: string | undefined },
    ): Promise<string> {
      const sessionId = randomToken();
      await knex('staff_sessions').insert({
        id_hash: hashSessionId(sessionId),
        user_id: userId,
        created_at: now,
        last_seen_at: now,
        ip: client.ip ?? null,
        user_agent: client.userAgent?.slice(0, 200) ?? null,
      });
      return sessionId;
    },

    async find(sessionId: string): Promise<StoredSession | undefined> {
      const row = await knex<Row>('staff_sessions')
        .where({ id_hash: hashSessionId(sessionId) })
        .first();
      if (!row) return undefined;
      return {
        idHash: row.id_hash,
        userId: String(row.user_id),
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
      };
    },

    async touch(idHash: string, now: Date): Promise<void> {
      await knex('staff_sessions')
        .where({ id_hash: idHash })
        .where('last_seen_at', '<', now)
        .update({ last_seen_at: now });
    },

    async destroy(sessionId: string): Promise<void> {
      await knex('staff_sessions')
        .where({ id_hash: hashSessionId(sessionId) })
        .delete();
    },

    async destroyByHash(idHash: string): Promise<void> {
      await knex('staff_sessions').where({ id_hash: idHash }).delete();
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
