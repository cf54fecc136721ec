import request from 'supertest';
import { createWorkingCalendar } from '../../domain/calendar';
import { useTestDatabase } from '../support/database';
import {
  DISTRICT,
  auditRows,
  importDemoDistrict,
  loggedIn,
  makeApp,
  movableClock,
  staffAccount,
  type TestApp,
} from './helpers';
import {
  DEPARTMENT,
  GRID_A1,
  TOWNSHIP_A,
  TOWNSHIP_B,
  VILLAGE_A1,
  VILLAGE_A2,
  VILLAGE_B1,
  insertDemand,
  insertGroup,
} from './staff-fixtures';

const HOUSING = DEPARTMENT('housing');
const PHONE = '15512342654';
const ID_NUMBER = '511999199001011234';

/** Where each demand of this file stands; the scope expectations below are read from here. */
const D = {
  gridRequest: `${DISTRICT}-20260302-00001`,
  otherVillage: `${DISTRICT}-20260303-00001`,
  townshipLamp: `${DISTRICT}-20260220-00001`,
  farVillage: `${DISTRICT}-20260304-00001`,
  accusesVillage: `${DISTRICT}-20260305-00001`,
  accusesHousing: `${DISTRICT}-20260306-00001`,
};

type Agent = Awaited<ReturnType<typeof loggedIn>>;

describe('staff demand API: list, detail, citizen, complainant rule', () => {
  const db = useTestDatabase();
  let t: TestApp;
  const as: Record<string, Agent> = {};
  const userIds: Record<string, string> = {};

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    t = makeApp(db.knex, { clock: movableClock(new Date('2026-03-10T10:00:00+08:00')) });
    const accounts: Record<string, [string, string]> = {
      village: ['village_staff', VILLAGE_A1.code],
      grid: ['village_staff', GRID_A1.code],
      otherVillage: ['village_staff', VILLAGE_A2.code],
      township: ['township_staff', TOWNSHIP_A.code],
      housing: ['department_staff', HOUSING.code],
      dispatcher: ['dispatcher', DISTRICT],
      supervisor: ['supervisor', DISTRICT],
      auditor: ['auditor', DISTRICT],
    };
    for (const [name, [role, unit]] of Object.entries(accounts)) {
      const account = await staffAccount(db.knex, role, unit);
      userIds[name] = account.id;
      as[name] = await loggedIn(t.app, account);
    }

    await insertDemand(db.knex, t.dataKey, {
      code: D.gridRequest,
      receivedAt: '2026-03-02T09:30:00+08:00',
      township: TOWNSHIP_A.code,
      village: VILLAGE_A1.code,
      grid: GRID_A1.code,
      category: 'request',
      domain: 'housing',
      tier: 'village',
      lead: VILLAGE_A1.code,
      resolutionDue: '2026-03-09T17:30:00+08:00',
      content: '小区后门的下水道堵了',
      address: '和平街3号',
      citizen: { name: '刘洋', phone: PHONE, idNumber: ID_NUMBER },
      screening: { outcome: 'valid' },
      suggestion: {
        category: 'request',
        domain: 'housing',
        tier: 'village',
        leadUnitCode: VILLAGE_A1.code,
        coUnitCodes: [HOUSING.code],
        outcome: 'valid',
        divertedTo: null,
        duplicateOf: null,
        confidence: 0.8,
        reasons: ['下水道'],
      },
    });
    await insertDemand(db.knex, t.dataKey, {
      code: D.otherVillage,
      receivedAt: '2026-03-03T10:00:00+08:00',
      township: TOWNSHIP_A.code,
      village: VILLAGE_A2.code,
      status: 'screening',
      category: 'complaint',
      domain: 'traffic',
      resolutionDue: '2026-04-01T17:30:00+08:00',
    });
    await insertDemand(db.knex, t.dataKey, {
      code: D.townshipLamp,
      receivedAt: '2026-02-20T08:00:00+08:00',
      township: TOWNSHIP_A.code,
      category: 'suggestion',
      domain: 'urban_management',
      tier: 'district',
      lead: HOUSING.code,
      content: '路灯坏了三天',
      resolutionDue: '2026-03-01T17:30:00+08:00',
      clockState: 'paused',
    });
    await insertDemand(db.knex, t.dataKey, {
      code: D.farVillage,
      receivedAt: '2026-03-04T10:00:00+08:00',
      township: TOWNSHIP_B.code,
      village: VILLAGE_B1.code,
      status: 'received',
      category: null,
      domain: null,
    });
    await insertDemand(db.knex, t.dataKey, {
      code: D.accusesVillage,
      receivedAt: '2026-03-05T10:00:00+08:00',
      township: TOWNSHIP_A.code,
      village: VILLAGE_A1.code,
      grid: GRID_A1.code,
      status: 'handling',
      category: 'complaint',
      domain: 'conduct',
      tier: 'township',
      lead: TOWNSHIP_A.code,
      accusedUnit: VILLAGE_A1.code,
      address: '学府路8号2单元',
      content: `村干部收钱不办事。我叫刘洋，电话${PHONE}，身份证${ID_NUMBER}`,
      citizen: { name: '刘洋', phone: PHONE, idNumber: ID_NUMBER },
    });
    await db.knex('demand_history').insert({
      demand_id: db.knex('demands').where({ code: D.accusesVillage }).select('id'),
      at: new Date('2026-03-05T11:00:00+08:00'),
      actor: 'township-clerk',
      action: 'progress',
      detail: { note: `已回电刘洋（${PHONE}）核实情况` },
    });
    await insertDemand(db.knex, t.dataKey, {
      code: D.accusesHousing,
      receivedAt: '2026-03-06T10:00:00+08:00',
      category: 'complaint',
      domain: 'conduct',
      tier: 'district',
      lead: HOUSING.code,
      accusedUnit: HOUSING.code,
      content: '住建局工作人员推诿',
      citizen: { name: '王芳', phone: '13900001111' },
    });
  });

  const codes = (body: { items: { code: string }[] }) => body.items.map((item) => item.code).sort();

  describe('GET /api/demands', () => {
    it('answers 401 without a session', async () => {
      const res = await request(t.app).get('/api/demands');
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it.each([
      ['village', [D.gridRequest, D.accusesVillage]],
      ['grid', [D.gridRequest, D.accusesVillage]],
      ['otherVillage', [D.otherVillage]],
      ['township', [D.gridRequest, D.otherVillage, D.townshipLamp, D.accusesVillage]],
      ['housing', [D.townshipLamp, D.accusesHousing]],
      ['dispatcher', Object.values(D)],
      ['auditor', Object.values(D)],
    ])('lists only what %s may see, with an exact total', async (who, expected) => {
      const res = await as[who]!.agent.get('/api/demands?pageSize=100');
      expect(res.status).toBe(200);
      expect(codes(res.body)).toEqual([...expected].sort());
      expect(res.body.page).toEqual({ total: expected.length, page: 1, pageSize: 100 });
    });

    it('filters by status, category, domain, tier, unit, time, overdue and text', async () => {
      const list = async (query: string) => {
        const res = await as.dispatcher!.agent.get(`/api/demands?${query}`);
        expect(res.status).toBe(200);
        return codes(res.body);
      };
      expect(await list('status=screening,received')).toEqual(
        [D.otherVillage, D.farVillage].sort(),
      );
      expect(await list('category=complaint')).toEqual(
        [D.otherVillage, D.accusesVillage, D.accusesHousing].sort(),
      );
      expect(await list('domain=urban_management')).toEqual([D.townshipLamp]);
      expect(await list('tier=district')).toEqual([D.townshipLamp, D.accusesHousing].sort());
      expect(await list(`unit=${HOUSING.code}`)).toEqual([D.townshipLamp, D.accusesHousing].sort());
      expect(await list(`unit=${VILLAGE_A1.code}`)).toEqual(
        [D.gridRequest, D.accusesVillage].sort(),
      );
      expect(await list(`unit=${GRID_A1.code}`)).toEqual([D.gridRequest, D.accusesVillage].sort());
      expect(await list('from=2026-03-03&to=2026-03-04')).toEqual(
        [D.otherVillage, D.farVillage].sort(),
      );
      expect(await list('to=2026-03-02T09:30:00%2B08:00')).toEqual(
        [D.townshipLamp, D.gridRequest].sort(),
      );
      // Past due on 9 March and still running; the paused lamp clock waits for the citizen.
      expect(await list('overdue=true')).toEqual([D.gridRequest]);
      expect(await list('overdue=false')).toHaveLength(5);
      expect(await list(`q=${encodeURIComponent(D.farVillage)}`)).toEqual([D.farVillage]);
      expect(await list(`q=${encodeURIComponent(`${DISTRICT}-20260303`)}`)).toEqual([
        D.otherVillage,
      ]);
      // Traditional script and full-width text meet the normalised content.
      expect(await list(`q=${encodeURIComponent('路燈壞了')}`)).toEqual([D.townshipLamp]);
    });

    it('pages newest first with the exact total on every page', async () => {
      const first = await as.dispatcher!.agent.get('/api/demands?pageSize=4&page=1');
      const second = await as.dispatcher!.agent.get('/api/demands?pageSize=4&page=2');
      expect(first.body.items.map((i: { code: string }) => i.code)).toEqual([
        D.accusesHousing,
        D.accusesVillage,
        D.farVillage,
        D.otherVillage,
      ]);
      expect(second.body.items.map((i: { code: string }) => i.code)).toEqual([
        D.gridRequest,
        D.townshipLamp,
      ]);
      expect(second.body.page).toEqual({ total: 6, page: 2, pageSize: 4 });
    });

    it('refuses unknown filter values with errors naming each parameter', async () => {
      const res = await as.dispatcher!.agent.get(
        '/api/demands?status=open&pageSize=1000&from=yesterday&overdue=yes',
      );
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'from',
        'overdue',
        'pageSize',
        'status',
      ]);
    });

    it('summarises each demand with masked citizen, units and its resolution clock', async () => {
      const res = await as.village!.agent.get(`/api/demands?q=${D.gridRequest}`);
      expect(res.body.items).toEqual([
        {
          code: D.gridRequest,
          status: 'handling',
          channel: 'hotline_12345',
          receivedAt: '2026-03-02T09:30:00.000+08:00',
          submittedAt: '2026-03-02T09:30:00.000+08:00',
          category: 'request',
          domain: 'housing',
          tier: 'village',
          petition: false,
          excerpt: '小区后门的下水道堵了',
          citizen: {
            name: '刘*',
            phone: '155****2654',
            idNumber: '5119**********1234',
            anonymous: false,
          },
          location: { unit: { code: GRID_A1.code, name: GRID_A1.name } },
          leadUnit: { code: VILLAGE_A1.code, name: VILLAGE_A1.name },
          resolutionDue: '2026-03-09T17:30:00.000+08:00',
          overdue: true,
        },
      ]);
    });
  });

  describe('GET /api/demands/{code}', () => {
    it('shows the demand in the contract shape, personal data masked', async () => {
      const demandId = (await db.knex('demands').where({ code: D.gridRequest }).first('id')).id;
      await db.knex('supervision_orders').insert({
        code: 'DB-2026-0001',
        demand_id: demandId,
        unit_code: VILLAGE_A1.code,
        level: 'yellow',
        kind: 'supervision',
        reason: '超期未办结',
        issued_at: new Date('2026-03-10T09:00:00+08:00'),
      });
      await db.knex('demand_history').insert({
        demand_id: demandId,
        at: new Date('2026-03-02T10:00:00+08:00'),
        actor: 'village-clerk',
        action: 'screened',
        detail: { outcome: 'valid' },
      });
      const res = await as.dispatcher!.agent.get(`/api/demands/${D.gridRequest}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        code: D.gridRequest,
        channel: 'hotline_12345',
        externalId: null,
        status: 'handling',
        receivedAt: '2026-03-02T09:30:00.000+08:00',
        submittedAt: '2026-03-02T09:30:00.000+08:00',
        citizen: {
          name: '刘*',
          phone: '155****2654',
          idNumber: '5119**********1234',
          anonymous: false,
        },
        content: '小区后门的下水道堵了',
        contentOriginal: '小区后门的下水道堵了',
        location: { address: '和平街3号', unit: { code: GRID_A1.code, name: GRID_A1.name } },
        category: 'request',
        domain: 'housing',
        tier: 'village',
        leadUnit: { code: VILLAGE_A1.code, name: VILLAGE_A1.name },
        coUnits: [],
        screening: { outcome: 'valid', reasonCode: null, explanation: null },
        divertedTo: null,
        duplicateOf: null,
        duplicateGroup: null,
        suggestion: {
          category: 'request',
          domain: 'housing',
          tier: 'village',
          leadUnit: { code: VILLAGE_A1.code, name: VILLAGE_A1.name },
          coUnits: [{ code: HOUSING.code, name: HOUSING.name }],
          outcome: 'valid',
          divertedTo: null,
          duplicateOf: null,
          confidence: 0.8,
          reasons: ['下水道'],
          // Extensions; a stored suggestion without them shows them as null.
          reasonCode: null,
          explanation: null,
          confidences: null,
          duplicateConfidence: null,
          modelVersion: null,
        },
        deadlines: {
          response: null,
          resolution: '2026-03-09T17:30:00.000+08:00',
          verification: null,
          paused: false,
          extended: false,
          // Long past: the working days since the end of the due day, on the national calendar.
          workingDaysLeft: {
            response: null,
            resolution: -createWorkingCalendar().countWorkingDaysBetween('2026-03-09', new Date()),
            verification: null,
          },
        },
        supervision: [
          {
            code: 'DB-2026-0001',
            level: 'yellow',
            kind: 'supervision',
            reason: '超期未办结',
            unit: { code: VILLAGE_A1.code, name: VILLAGE_A1.name },
            issuedAt: '2026-03-10T09:00:00.000+08:00',
            dueAt: null,
            acknowledgedAt: null,
            closedAt: null,
          },
        ],
        verification: null,
        signoff: [],
        archive: null,
        history: [
          {
            at: '2026-03-02T09:30:00.000+08:00',
            actor: 'channel:hotline_12345',
            action: 'received',
            detail: { channel: 'hotline_12345' },
          },
          {
            at: '2026-03-02T10:00:00.000+08:00',
            actor: 'village-clerk',
            action: 'screened',
            detail: { outcome: 'valid' },
          },
        ],
        petition: false,
        accusedUnit: null,
        result: null,
        resolvedAt: null,
        attachments: [],
        processInstanceKey: null,
      });
      expect(res.text).not.toContain(PHONE);
      expect(res.text).not.toContain('刘洋');
    });

    it('answers 404 alike for a demand outside the scope and an unknown code', async () => {
      const hidden = await as.otherVillage!.agent.get(`/api/demands/${D.gridRequest}`);
      const unknown = await as.otherVillage!.agent.get(`/api/demands/${DISTRICT}-20990101-00001`);
      expect(hidden.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect(hidden.body.detail).toBe(unknown.body.detail);
      expect((await request(t.app).get(`/api/demands/${D.gridRequest}`)).status).toBe(401);
    });
  });

  describe('GET /api/demands/{code}/citizen', () => {
    const accessRows = async (demandCode: string) =>
      db
        .knex('access_log as l')
        .join('demands as d', 'd.id', 'l.demand_id')
        .where('d.code', demandCode)
        .select('l.user_id', 'l.field', 'l.purpose');

    it('gives the full values to a role that contacts the citizen, one access-log row per field', async () => {
      const res = await as.village!.agent.get(
        `/api/demands/${D.gridRequest}/citizen?purpose=${encodeURIComponent('回访核实')}`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        name: '刘洋',
        phone: PHONE,
        idNumber: ID_NUMBER,
        anonymous: false,
      });
      const rows = await accessRows(D.gridRequest);
      expect(rows.map((r) => r.field).sort()).toEqual([
        'citizen_id_number',
        'citizen_name',
        'citizen_phone',
      ]);
      for (const row of rows) {
        expect(String(row.user_id)).toBe(userIds.village);
        expect(row.purpose).toBe('回访核实');
      }
    });

    it('checks login, then role (403), then scope (404), writing no access row when refused', async () => {
      const before = (await accessRows(D.otherVillage)).length;
      expect((await request(t.app).get(`/api/demands/${D.otherVillage}/citizen`)).status).toBe(401);
      for (const who of ['supervisor', 'auditor']) {
        const res = await as[who]!.agent.get(`/api/demands/${D.otherVillage}/citizen`);
        expect(res.status).toBe(403);
        expect(res.body.type).toBe('urn:minsheng:problem:forbidden');
        const unknown = await as[who]!.agent.get(`/api/demands/${DISTRICT}-20990101-00001/citizen`);
        expect(unknown.status).toBe(403);
      }
      expect((await as.village!.agent.get(`/api/demands/${D.otherVillage}/citizen`)).status).toBe(
        404,
      );
      expect((await accessRows(D.otherVillage)).length).toBe(before);
    });
  });

  describe('complainant anonymity', () => {
    it('withholds the citizen from the accused village and its grids in lists and details', async () => {
      for (const who of ['village', 'grid']) {
        const list = await as[who]!.agent.get('/api/demands?pageSize=100');
        const item = list.body.items.find((i: { code: string }) => i.code === D.accusesVillage);
        expect(item.citizen).toEqual({ withheld: true });
        expect(item.excerpt).toBe(
          '村干部收钱不办事。我叫［已隐去］，电话［已隐去］，身份证［已隐去］',
        );
        const other = list.body.items.find((i: { code: string }) => i.code === D.gridRequest);
        expect(other.citizen.name).toBe('刘*');

        const detail = await as[who]!.agent.get(`/api/demands/${D.accusesVillage}`);
        expect(detail.status).toBe(200);
        expect(detail.body.citizen).toEqual({ withheld: true });
        expect(detail.body.location.address).toBeNull();
        expect(detail.body.content).not.toContain('刘洋');
        expect(detail.body.history[1].detail).toEqual({
          note: '已回电［已隐去］（［已隐去］）核实情况',
        });
        for (const personal of [PHONE, ID_NUMBER, '刘洋', '刘*', '155****2654', '学府路8号']) {
          expect(detail.text).not.toContain(personal);
        }
        const citizen = await as[who]!.agent.get(`/api/demands/${D.accusesVillage}/citizen`);
        expect(citizen.status).toBe(404);
      }
    });

    it('shows the citizen, masked, to the township above the accused village', async () => {
      const detail = await as.township!.agent.get(`/api/demands/${D.accusesVillage}`);
      expect(detail.body.citizen).toEqual({
        name: '刘*',
        phone: '155****2654',
        idNumber: '5119**********1234',
        anonymous: false,
      });
      expect(detail.body.location.address).toBe('学府路8号2单元');
      expect(detail.body.content).toContain(PHONE);
      const citizen = await as.township!.agent.get(`/api/demands/${D.accusesVillage}/citizen`);
      expect(citizen.body.name).toBe('刘洋');
    });

    it('withholds the citizen from the accused department itself', async () => {
      const detail = await as.housing!.agent.get(`/api/demands/${D.accusesHousing}`);
      expect(detail.status).toBe(200);
      expect(detail.body.citizen).toEqual({ withheld: true });
      expect(detail.text).not.toContain('139****1111');
      expect(detail.text).not.toContain('王*');
      const lamp = await as.housing!.agent.get(`/api/demands/${D.townshipLamp}`);
      expect(lamp.body.citizen.name).toBe('刘*');
      expect((await as.housing!.agent.get(`/api/demands/${D.accusesHousing}/citizen`)).status).toBe(
        404,
      );
    });
  });
});

describe('POST /api/demands/{code}/split', () => {
  const db = useTestDatabase();
  let t: TestApp;
  let wakes = 0;
  const as: Record<string, Agent> = {};
  const S = {
    original: `${DISTRICT}-20260302-00011`,
    repeat: `${DISTRICT}-20260303-00012`,
    newFacts: `${DISTRICT}-20260304-00013`,
    elsewhere: `${DISTRICT}-20260304-00014`,
  };

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    t = makeApp(db.knex, { onDemandStored: () => (wakes += 1) });
    const accounts: Record<string, [string, string]> = {
      village: ['village_staff', VILLAGE_A1.code],
      otherVillage: ['village_staff', VILLAGE_A2.code],
      housing: ['department_staff', HOUSING.code],
      auditor: ['auditor', DISTRICT],
    };
    for (const [name, [role, unit]] of Object.entries(accounts)) {
      as[name] = await loggedIn(t.app, await staffAccount(db.knex, role, unit));
    }
    const inVillage = { township: TOWNSHIP_A.code, village: VILLAGE_A1.code };
    await insertDemand(db.knex, t.dataKey, {
      code: S.original,
      receivedAt: '2026-03-02T09:00:00+08:00',
      ...inVillage,
      lead: VILLAGE_A1.code,
    });
    const group = await insertGroup(db.knex, S.original);
    await insertDemand(db.knex, t.dataKey, {
      code: S.repeat,
      receivedAt: '2026-03-03T09:00:00+08:00',
      ...inVillage,
      status: 'merged',
      duplicateOf: S.original,
      duplicateGroup: group,
      processInstanceKey: '2251799813685999',
      screening: { outcome: 'invalid_repeat_no_new_facts' },
    });
    await insertDemand(db.knex, t.dataKey, {
      code: S.newFacts,
      receivedAt: '2026-03-04T09:00:00+08:00',
      ...inVillage,
      lead: VILLAGE_A1.code,
      duplicateOf: S.original,
      duplicateGroup: group,
      processInstanceKey: '2251799813686000',
    });
    await insertDemand(db.knex, t.dataKey, {
      code: S.elsewhere,
      receivedAt: '2026-03-04T10:00:00+08:00',
      township: TOWNSHIP_A.code,
      village: VILLAGE_A2.code,
    });
    const repeatId = (await db.knex('demands').where({ code: S.repeat }).first('id')).id;
    await db.knex('process_start_outbox').insert({
      demand_id: repeatId,
      attempts: 1,
      started_at: new Date('2026-03-03T09:00:01+08:00'),
      process_instance_key: '2251799813685999',
    });
  });

  const split = (who: string, code: string, body: unknown = { from: S.original }) =>
    as[who]!.agent.post(`/api/demands/${code}/split`)
      .set('X-CSRF-Token', as[who]!.csrfToken)
      .send(body as object);

  it('checks session, CSRF, role and scope in that order', async () => {
    expect(
      (await request(t.app).post(`/api/demands/${S.repeat}/split`).send({ from: S.original }))
        .status,
    ).toBe(401);
    const noToken = await as
      .village!.agent.post(`/api/demands/${S.repeat}/split`)
      .send({ from: S.original });
    expect(noToken.status).toBe(403);
    expect(noToken.body.type).toBe('urn:minsheng:problem:csrf-token-invalid');
    for (const who of ['auditor', 'housing']) {
      const res = await split(who, S.repeat);
      expect(res.status).toBe(403);
      expect(res.body.type).toBe('urn:minsheng:problem:forbidden');
    }
    const outside = await split('otherVillage', S.repeat);
    expect(outside.status).toBe(403);
    expect((await split('village', `${DISTRICT}-20990101-00001`)).status).toBe(404);
    expect((await split('village', S.repeat, {})).status).toBe(400);
    const row = await db.knex('demands').where({ code: S.repeat }).first('status');
    expect(row.status).toBe('merged');
  });

  it('refuses with 409 when the demand is not merged into that group', async () => {
    const unrelated = await split('village', S.repeat, { from: S.elsewhere });
    expect(unrelated.status).toBe(409);
    expect(unrelated.body.type).toBe('urn:minsheng:problem:conflict');
    const itsOwnOriginal = await split('village', S.original, { from: S.newFacts });
    expect(itsOwnOriginal.status).toBe(409);
  });

  it('sends a merged repeat back to screening with a new process start, history on both', async () => {
    const before = wakes;
    const res = await split('village', S.repeat);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: S.repeat, status: 'screening', restarted: true });
    const row = await db.knex('demands').where({ code: S.repeat }).first();
    expect(row).toEqual(
      expect.objectContaining({
        status: 'screening',
        duplicate_group_id: null,
        duplicate_of_demand_id: null,
        process_instance_key: null,
        screening_outcome: null,
      }),
    );
    const outbox = await db.knex('process_start_outbox').where({ demand_id: row.id }).first();
    expect(outbox).toEqual(
      expect.objectContaining({ started_at: null, process_instance_key: null, attempts: 0 }),
    );
    expect(wakes).toBe(before + 1);
    const history = await db
      .knex('demand_history as h')
      .join('demands as d', 'd.id', 'h.demand_id')
      .whereIn('h.action', ['split', 'split_member'])
      .select('d.code', 'h.action', 'h.detail', 'h.actor');
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: S.repeat,
          action: 'split',
          detail: expect.objectContaining({
            from: S.original,
            restarted: true,
            previousProcessInstanceKey: '2251799813685999',
          }),
        }),
        expect.objectContaining({
          code: S.original,
          action: 'split_member',
          detail: { code: S.repeat },
        }),
      ]),
    );
    const [audit] = await auditRows(db.knex, res.headers['x-request-id'] as string);
    expect(audit).toEqual(
      expect.objectContaining({
        action: 'demand.split',
        entity_type: 'demand',
        entity_id: S.repeat,
      }),
    );
    const again = await split('village', S.repeat);
    expect(again.status).toBe(409);
  });

  it('lets a repeat with new facts leave the group and keep being handled', async () => {
    const res = await split('village', S.newFacts);
    expect(res.body).toEqual({ code: S.newFacts, status: 'handling', restarted: false });
    const row = await db.knex('demands').where({ code: S.newFacts }).first();
    expect(row.duplicate_group_id).toBeNull();
    expect(String(row.process_instance_key)).toBe('2251799813686000');
  });
});
