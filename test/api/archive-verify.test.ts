import request from 'supertest';
import { useTestDatabase } from '../support/database';
import { tamper, writeArchiveChain } from '../archive/archive-fixtures';
import {
  DISTRICT,
  VILLAGE,
  auditRows,
  loggedIn,
  makeApp,
  staffAccount,
  type TestApp,
} from './helpers';

type Agent = Awaited<ReturnType<typeof loggedIn>>;

describe('POST /api/archive/verify: the archive chain checked from the staff API', () => {
  const db = useTestDatabase();
  let t: TestApp;
  let auditor: Agent;
  let village: Agent;

  const verify = (who: Agent) =>
    who.agent.post('/api/archive/verify').set('X-CSRF-Token', who.csrfToken).send();

  beforeAll(async () => {
    const written = await writeArchiveChain(db.knex, 3);
    expect(written).toHaveLength(3);
    t = makeApp(db.knex);
    auditor = await loggedIn(t.app, await staffAccount(db.knex, 'auditor', DISTRICT));
    village = await loggedIn(t.app, await staffAccount(db.knex, 'village_staff', VILLAGE.code));
  });

  it('answers valid with the number of entries for an intact chain, and audits the run', async () => {
    const res = await verify(auditor);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: true, entries: 3, firstBroken: null });
    const [row] = await auditRows(db.knex, res.headers['x-request-id'] as string);
    expect(row).toMatchObject({ action: 'archive.verify' });
  });

  it('refuses without a session (401), without the CSRF token (403), and to village staff (403)', async () => {
    expect((await request(t.app).post('/api/archive/verify')).status).toBe(401);
    expect((await auditor.agent.post('/api/archive/verify')).status).toBe(403);
    expect((await verify(village)).status).toBe(403);
  });

  it('names the first broken entry once an archived record was altered', async () => {
    await tamper(db.knex, (trx) =>
      trx('archive_entries')
        .where({ sequence: 2 })
        .update({ record: trx.raw(`jsonb_set(record, '{result}', '"未修复"')`) }),
    );
    const res = await verify(auditor);
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.firstBroken).toMatchObject({
      sequence: 2,
      demandCode: '511999-20260302-00002',
    });
    expect(typeof res.body.firstBroken.problem).toBe('string');
  });
});
