import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createKnex } from '../../platform';
import { createApp } from '../../server';
import { useTestDatabase } from '../support/database';

describe('GET /health', () => {
  const db = useTestDatabase();

  it('answers 200 with db ok when PostgreSQL answers', async () => {
    const res = await request(createApp({ knex: db.knex, dataKey: randomBytes(32) })).get(
      '/health',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers 503 naming the database when PostgreSQL is unreachable', async () => {
    // A real connection attempt to a port where nothing listens, not a mocked failure.
    const knexWarnings: string[] = [];
    const unreachable = createKnex('postgres://nobody:nothing@127.0.0.1:1/none', {
      poolMax: 1,
      log: (message) => knexWarnings.push(message),
    });
    try {
      const res = await request(createApp({ knex: unreachable, dataKey: randomBytes(32) })).get(
        '/health',
      );
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'unavailable', db: 'unreachable' });
      expect(knexWarnings.join('\n')).toContain('ECONNREFUSED');
    } finally {
      await unreachable.destroy();
    }
  });
});
