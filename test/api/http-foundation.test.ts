import request from 'supertest';
import { useTestDatabase } from '../support/database';
import { auditRows, channelKey, importDemoDistrict, makeApp, type TestApp } from './helpers';

const PROBLEM = /^application\/problem\+json/;

describe('HTTP foundation: problem documents, headers, request ids, audit log', () => {
  const db = useTestDatabase();
  let t: TestApp;
  let key: string;

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    key = (await channelKey(db.knex, 'hotline_12345')).key;
    t = makeApp(db.knex, { config: { jsonBodyLimit: '2kb' } });
  });

  const expectProblem = (res: request.Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toEqual(
      expect.objectContaining({
        type: expect.any(String),
        title: expect.any(String),
        status,
        requestId: res.headers['x-request-id'],
      }),
    );
  };

  it('answers an unknown /api route with a 404 problem', async () => {
    const res = await request(t.app).get('/api/no-such-thing');
    expectProblem(res, 404);
    expect(res.body.type).toBe('about:blank');
    expect(res.body.title).toBe('Not Found');
  });

  it('answers a known path with a wrong method with 405 and Allow', async () => {
    const res = await request(t.app).put('/api/session').send({});
    expectProblem(res, 405);
    expect(res.headers.allow).toBe('POST, GET, HEAD, DELETE');
    // Intake serves POST and the staff list GET on the same path, from two routers.
    const demands = await request(t.app).put('/api/demands');
    expectProblem(demands, 405);
    expect(demands.headers.allow).toBe('POST, GET, HEAD');
  });

  it('answers unparsable JSON with a 400 problem that does not quote the body', async () => {
    const res = await request(t.app)
      .post('/api/session')
      .set('Content-Type', 'application/json')
      .send('{"username": "a", "password": 13812345678');
    expectProblem(res, 400);
    expect(JSON.stringify(res.body)).not.toContain('13812345678');
  });

  it('answers an oversized body with a 413 problem', async () => {
    const res = await request(t.app)
      .post('/api/demands')
      .set('Authorization', `Bearer ${key}`)
      .send({ content: '很长'.repeat(2000) });
    expectProblem(res, 413);
  });

  it('answers a body that is not JSON with a 415 problem', async () => {
    const res = await request(t.app)
      .post('/api/session')
      .set('Content-Type', 'text/plain')
      .send('username=a&password=b');
    expectProblem(res, 415);
    const form = await request(t.app)
      .post('/api/demands')
      .set('Authorization', `Bearer ${key}`)
      .type('form')
      .send({ content: 'x' });
    expectProblem(form, 415);
  });

  it('checks the channel key before reading the body', async () => {
    const res = await request(t.app)
      .post('/api/demands')
      .set('Content-Type', 'application/json')
      .send('{not json');
    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('sends helmet security headers and no-store on the API', async () => {
    const res = await request(t.app).get('/api/no-such-thing');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps a plausible caller request id and replaces anything else', async () => {
    const kept = await request(t.app).get('/api/nothing').set('X-Request-Id', 'trace-12345678');
    expect(kept.headers['x-request-id']).toBe('trace-12345678');
    expect(kept.body.requestId).toBe('trace-12345678');
    const replaced = await request(t.app).get('/api/nothing').set('X-Request-Id', '<script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps /health working', async () => {
    const res = await request(t.app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
  });

  it('audits a refused state-changing request without its body or personal numbers', async () => {
    const res = await request(t.app)
      .post('/api/no-route/13812345678/51199919900101123X')
      .send({ password: 'hunter2-secret', phone: '13812345678' });
    expect(res.status).toBe(404);
    const [row] = await auditRows(db.knex, res.headers['x-request-id'] as string);
    expect(row).toEqual(
      expect.objectContaining({
        user_id: null,
        action: 'POST /api/no-route/[redacted]/[redacted]',
        details: {
          method: 'POST',
          route: '/api/no-route/[redacted]/[redacted]',
          status: 404,
          outcome: 'refused',
        },
      }),
    );
    const text = JSON.stringify(row);
    for (const secret of ['hunter2-secret', '13812345678', '51199919900101123X']) {
      expect(text).not.toContain(secret);
    }
  });

  it('does not audit reads', async () => {
    const read = await request(t.app).get('/api/no-such-thing');
    // A write answered after the read is audited; by then the read's row would be there too.
    const write = await request(t.app).delete('/api/no-such-thing');
    await auditRows(db.knex, write.headers['x-request-id'] as string);
    const rows = await db.knex('audit_log').where({ request_id: read.headers['x-request-id'] });
    expect(rows).toEqual([]);
  });
});
