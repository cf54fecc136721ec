import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import request from 'supertest';
import { useTestDatabase } from '../support/database';
import { useEngine } from '../support/engine';
import { freePort } from '../support/ports';
import { deployProcess } from '../engine/rest-helpers';
import {
  HOUSING_DEPARTMENT,
  VILLAGE,
  auditRows,
  importDemoDistrict,
  intakeCounts,
  makeApp,
  type TestApp,
} from './helpers';

const STUB = readFileSync(path.join(__dirname, 'fixtures/demand-handling-stub.bpmn'), 'utf8');
const PHONE = '15512342654';

/** Feedback is correlated over REST; the test reads jobs over gRPC. */
function camundaAt(grpcPort: number, restUrl: string): Camunda8 {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${grpcPort}`,
    ZEEBE_REST_ADDRESS: restUrl,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
  } as never);
}

/** A browser: keeps cookies, fetches the CSRF token as the page does. */
async function visitor(app: TestApp['app']) {
  const agent = request.agent(app);
  const res = await agent.get('/api/public/csrf');
  return { agent, token: res.body.csrfToken as string, res };
}

const submission = (overrides: Record<string, unknown> = {}) => ({
  citizen: { name: '刘洋', phone: PHONE },
  content: '小区后门的下水道堵了，污水漫到路面上',
  location: { unitCode: VILLAGE.code, address: '和平街3号' },
  ...overrides,
});

describe('public endpoints: submit, look up, give feedback', () => {
  const db = useTestDatabase();
  const engine = useEngine();
  let camunda: Camunda8;
  let t: TestApp;

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    await deployProcess(engine.restUrl, 'demand-handling', STUB);
    camunda = camundaAt(engine.port, engine.restUrl);
    t = makeApp(db.knex, { camunda });
  });
  afterAll(async () => {
    await camunda.getZeebeGrpcApiClient().close();
  });

  async function submitted(overrides: Record<string, unknown> = {}) {
    const { agent, token } = await visitor(t.app);
    const res = await agent
      .post('/api/public/demands')
      .set('X-CSRF-Token', token)
      .send(submission(overrides));
    if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${res.text}`);
    return res.body as { code: string; divertedTo: string | null; message: string };
  }

  describe('POST /api/public/demands', () => {
    it('issues a CSRF token bound to an httpOnly SameSite=Strict visitor cookie', async () => {
      const { res, token } = await visitor(t.app);
      expect(res.status).toBe(200);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join(';');
      expect(cookie).toMatch(
        /minsheng_visitor=[^;]+; Path=\/api\/public; HttpOnly; SameSite=Strict/,
      );
    });

    it('refuses a submission without the token, or with another visitor’s, storing nothing', async () => {
      const before = await intakeCounts(db.knex);
      const none = await request(t.app).post('/api/public/demands').send(submission());
      expect(none.status).toBe(403);
      expect(none.body.type).toBe('urn:minsheng:problem:csrf-token-invalid');
      const mine = await visitor(t.app);
      const theirs = await visitor(t.app);
      const crossed = await mine.agent
        .post('/api/public/demands')
        .set('X-CSRF-Token', theirs.token)
        .send(submission());
      expect(crossed.status).toBe(403);
      expect(await intakeCounts(db.knex)).toEqual(before);
    });

    it('stores the demand on channel citizen_web, ignoring ticket id, time and petition flag', async () => {
      const { agent, token } = await visitor(t.app);
      const res = await agent
        .post('/api/public/demands')
        .set('X-CSRF-Token', token)
        .send(
          submission({
            externalId: 'guessable-1',
            petition: true,
            submittedAt: '2099-01-01T00:00:00+08:00',
          }),
        );
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        code: expect.any(String),
        status: 'received',
        divertedTo: null,
        duplicateOf: null,
        message: expect.stringContaining(res.body.code),
      });
      const row = await db.knex('demands').where({ code: res.body.code }).first();
      expect(row).toEqual(
        expect.objectContaining({
          channel: 'citizen_web',
          channel_ticket_id: null,
          channel_key_id: null,
          village_code: VILLAGE.code,
          citizen_phone_masked: '155****2654',
          is_petition: false,
        }),
      );
      expect(row.submitted_at).toEqual(row.received_at);
      expect(JSON.stringify(row)).not.toContain(PHONE);
      const [history] = await db.knex('demand_history').where({ demand_id: row.id });
      expect(history.actor).toBe('citizen');
      const [audit] = await auditRows(db.knex, res.headers['x-request-id'] as string);
      expect(audit).toEqual(
        expect.objectContaining({
          action: 'demand.intake',
          entity_id: res.body.code,
          user_id: null,
        }),
      );
    });

    it('shows the emergency answer at once', async () => {
      const body = await submitted({ content: '路口刚才发生车祸，有人倒在地上，快来！' });
      expect(body.divertedTo).toBe('122');
      expect(body.message).toMatch(/请立即拨打122/);
    });

    it('needs the phone number, since it is how the citizen finds the demand again', async () => {
      const { agent, token } = await visitor(t.app);
      const res = await agent
        .post('/api/public/demands')
        .set('X-CSRF-Token', token)
        .send(submission({ citizen: { name: '刘洋' } }));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'citizen.phone', message: expect.any(String) }]);
    });
  });

  describe('GET /api/public/demands/{code}', () => {
    it('shows status, unit, deadlines and result with the right phone digits, and no personal data', async () => {
      const { code } = await submitted();
      await db.knex('demands').where({ code }).update({
        status: 'handling',
        tier: 'district',
        responsible_unit_code: HOUSING_DEPARTMENT.code,
      });
      const demand = await db.knex('demands').where({ code }).first();
      await db.knex('demand_clocks').insert({
        demand_id: demand.id,
        kind: 'resolution',
        started_at: new Date('2026-03-02T01:00:00Z'),
        due_at: new Date('2026-03-30T09:59:59Z'),
        working_days: 20,
      });
      const res = await request(t.app).get(`/api/public/demands/${code}?phoneLast4=2654`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        code,
        status: 'handling',
        statusLabel: '办理中',
        receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/),
        submittedAt: expect.stringMatching(/\+08:00$/),
        unit: { code: HOUSING_DEPARTMENT.code, name: HOUSING_DEPARTMENT.name },
        deadlines: {
          response: null,
          resolution: '2026-03-30T17:59:59.000+08:00',
          verification: null,
          paused: false,
        },
        divertedTo: null,
        result: null,
        explanation: null,
        resolvedAt: null,
        satisfaction: null,
        awaitingFeedback: false,
      });
      for (const personal of [PHONE, '155****2654', '刘', '和平街']) {
        expect(res.text).not.toContain(personal);
      }
    });

    it('answers a wrong phoneLast4 exactly like an unknown code', async () => {
      const { code } = await submitted();
      const wrong = await request(t.app).get(`/api/public/demands/${code}?phoneLast4=2655`);
      const unknown = await request(t.app).get(
        `/api/public/demands/${code.replace(/\d{5}$/, '99999')}?phoneLast4=2654`,
      );
      expect(wrong.status).toBe(404);
      expect(unknown.status).toBe(404);
      const comparable = (res: request.Response) => ({
        body: { ...res.body, requestId: undefined },
        type: res.headers['content-type'],
      });
      expect(comparable(wrong)).toEqual(comparable(unknown));
      const malformed = await request(t.app).get(`/api/public/demands/${code}?phoneLast4=26a4`);
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].field).toBe('phoneLast4');
    });
  });

  describe('POST /api/public/demands/{code}/feedback', () => {
    async function awaitingFeedback() {
      const { code } = await submitted({ content: `路灯不亮了 ${Math.random()}` });
      await db.knex('demands').where({ code }).update({
        status: 'awaiting_verification',
        tier: 'village',
        responsible_unit_code: VILLAGE.code,
        result: '已更换灯泡',
      });
      await camunda.getZeebeGrpcApiClient().createProcessInstance({
        bpmnProcessId: 'demand-handling',
        variables: { demandCode: code },
      });
      return code;
    }

    const feedback = async (code: string, body: Record<string, unknown>) => {
      const { agent, token } = await visitor(t.app);
      return agent
        .post(`/api/public/demands/${code}/feedback`)
        .set('X-CSRF-Token', token)
        .send(body);
    };
    const feedbackRows = async (code: string) => {
      const demand = await db.knex('demands').where({ code }).first();
      return db.knex('demand_history').where({ demand_id: demand.id, action: 'citizen_feedback' });
    };

    it('passes the feedback to the process as citizen-feedback, once', async () => {
      const code = await awaitingFeedback();
      const res = await feedback(code, {
        phoneLast4: '2654',
        satisfaction: 'basically_satisfied',
        comment: '修好了，就是慢了点',
      });
      expect(res.status).toBe(204);

      const [job] = await camunda.getZeebeGrpcApiClient().activateJobs({
        type: 'test-feedback-received',
        worker: 'public-test',
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: 10_000,
      });
      expect(job?.variables).toEqual({
        demandCode: code,
        satisfaction: 'basically_satisfied',
        feedbackComment: '修好了，就是慢了点',
        verificationMethod: 'citizen_web',
      });
      expect(await feedbackRows(code)).toEqual([
        expect.objectContaining({
          actor: 'citizen',
          detail: { satisfaction: 'basically_satisfied', verificationMethod: 'citizen_web' },
        }),
      ]);

      const again = await feedback(code, { phoneLast4: '2654', satisfaction: 'unsatisfied' });
      expect(again.status).toBe(409);
      expect(await feedbackRows(code)).toHaveLength(1);
    }, 60_000);

    it('records concurrent submissions once', async () => {
      const code = await awaitingFeedback();
      const answers = await Promise.all(
        [1, 2, 3].map(() => feedback(code, { phoneLast4: '2654', satisfaction: 'satisfied' })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([204, 409, 409]);
      expect(await feedbackRows(code)).toHaveLength(1);
    }, 60_000);

    it('answers 400 with errors, 404 like the lookup, 409 when not awaiting feedback', async () => {
      const code = await awaitingFeedback();
      const invalid = await feedback(code, { phoneLast4: '12', satisfaction: 'great', comment: 5 });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'comment',
        'phoneLast4',
        'satisfaction',
      ]);
      const wrongPhone = await feedback(code, { phoneLast4: '0000', satisfaction: 'satisfied' });
      expect(wrongPhone.status).toBe(404);
      const lookalike = await request(t.app).get(`/api/public/demands/${code}?phoneLast4=0000`);
      expect({ ...wrongPhone.body, requestId: 0 }).toEqual({ ...lookalike.body, requestId: 0 });

      const { code: handling } = await submitted({ content: '路面有坑' });
      const notYet = await feedback(handling, { phoneLast4: '2654', satisfaction: 'satisfied' });
      expect(notYet.status).toBe(409);
      expect(await feedbackRows(code)).toEqual([]);
      expect(await feedbackRows(handling)).toEqual([]);
    }, 60_000);

    it('answers 409 and records nothing when no process instance waits for the feedback', async () => {
      const { code } = await submitted({ content: `井盖松动 ${Math.random()}` });
      await db.knex('demands').where({ code }).update({
        status: 'awaiting_verification',
        tier: 'village',
        responsible_unit_code: VILLAGE.code,
        result: '已更换灯泡',
      });
      const res = await feedback(code, { phoneLast4: '2654', satisfaction: 'satisfied' });
      expect(res.status).toBe(409);
      expect(await feedbackRows(code)).toEqual([]);
    }, 60_000);

    it('records nothing and answers 503 when the engine cannot be reached', async () => {
      const code = await awaitingFeedback();
      const closedPort = await freePort();
      const down = camundaAt(closedPort, `http://127.0.0.1:${closedPort}`);
      try {
        const offline = makeApp(db.knex, { camunda: down, dataKey: t.dataKey });
        const { agent, token } = await visitor(offline.app);
        const res = await agent
          .post(`/api/public/demands/${code}/feedback`)
          .set('X-CSRF-Token', token)
          .send({ phoneLast4: '2654', satisfaction: 'satisfied' });
        expect(res.status).toBe(503);
        expect(await feedbackRows(code)).toEqual([]);
      } finally {
        await down.getZeebeGrpcApiClient().close();
      }
      // Once the engine answers, the same feedback goes through.
      expect((await feedback(code, { phoneLast4: '2654', satisfaction: 'satisfied' })).status).toBe(
        204,
      );
    }, 60_000);
  });

  describe('rate limits', () => {
    it('answers 429 with Retry-After beyond the per-address budget', async () => {
      const limited = makeApp(db.knex, {
        camunda,
        config: { publicWriteLimit: 2, publicReadLimit: 3, publicRateWindowMs: 60_000 },
      });
      const { agent, token } = await visitor(limited.app);
      const send = () =>
        agent.post('/api/public/demands').set('X-CSRF-Token', token).send(submission());
      expect((await send()).status).toBe(201);
      expect((await send()).status).toBe(201);
      const refused = await send();
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.type).toBe('urn:minsheng:problem:rate-limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);

      // Lookups have their own budget.
      const look = () => agent.get('/api/public/demands/511999-20260101-00001?phoneLast4=1234');
      for (let i = 0; i < 3; i++) expect((await look()).status).toBe(404);
      expect((await look()).status).toBe(429);
    });
  });
});
