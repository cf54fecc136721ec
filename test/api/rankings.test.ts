/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import request from 'supertest';
import { raiseRedWarning } from '../../workers/rankings';
import { useTestDatabase } from '../support/database';
import {
  DISTRICT,
  importDemoDistrict,
  loggedIn,
  makeApp,
  movableClock,
  staffAccount,
  type TestApp,
} from './helpers';
import { TOWNSHIP_A, TOWNSHIP_B, VILLAGE_A1, VILLAGE_A2 } from './staff-fixtures';

type Agent = Awaited<ReturnType<typeof loggedIn>>;

const FRAUD_REASON =
  '2026年3月四方会签一人多签：会签的6件诉求中有2件由同一人签署了经办人、督办领导中的两方以上' +
  '（诉求 511999-20260302-00001、511999-20260303-00002）';
const FRAUD_EVIDENCE = {
  demandCodes: ['511999-20260302-00001', '511999-20260303-00002'],
  count: 2,
  of: 6,
};

/**
 * GET /api/rankings over rows as the ranking job leaves them: who sees which groups, and each
 * unit's rates, counts, score, rank, list, ladder and warnings.
 */
describe('GET /api/rankings', () => {
  const db = useTestDatabase();
  let t: TestApp;
  const as: Record<string, Agent> = {};

  const ranking = (
    unit: string,
    group: string,
    rank: number,
    list: string,
    score: number,
    extra: Record<string, unknown> = {},
  ) => ({
    unit_code: unit,
    period: '2026-03',
    period_kind: 'monthly',
    ranking_group: group,
    response_rate: 1,
    resolution_rate: 0.5,
    satisfaction_rate: null,
    on_time_rate: 0.25,
    counts: JSON.stringify({ led: 4, measured: 4 }),
    score,
    rank,
    list,
    computed_at: new Date('2026-04-01T08:00:05+08:00'),
    ...extra,
  });

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    t = makeApp(db.knex, { clock: movableClock(new Date('2026-04-02T10:00:00+08:00')) });
    const accounts: Record<string, [string, string]> = {
      supervisor: ['supervisor', DISTRICT],
      auditor: ['auditor', DISTRICT],
      village: ['village_staff', VILLAGE_A1.code],
      township: ['township_staff', TOWNSHIP_B.code],
      clerk: ['intake_clerk', DISTRICT],
    };
    for (const [name, [role, unit]] of Object.entries(accounts)) {
      as[name] = await loggedIn(t.app, await staffAccount(db.knex, role, unit));
    }
    await db.knex('unit_rankings').insert([
      ranking(VILLAGE_A1.code, 'village', 1, 'red', 72.5),
      ranking(VILLAGE_A2.code, 'village', 2, 'black', 40),
      ranking(TOWNSHIP_A.code, 'township', 1, 'red', 90),
      ranking(TOWNSHIP_B.code, 'township', 2, 'black', 10),
      ranking(VILLAGE_A2.code, 'village', 1, 'black', 30, { period: '2026-02' }),
      ranking(VILLAGE_A1.code, 'village', 1, 'none', 55, {
        period: '2026-W10',
        period_kind: 'weekly',
      }),
    ]);
    await db.knex('unit_ladder').insert([
      {
        unit_code: VILLAGE_A2.code,
        period_kind: 'monthly',
        period: '2026-02',
        listing_count: 1,
        step: 'reminder',
      },
      {
        unit_code: VILLAGE_A2.code,
        period_kind: 'monthly',
        period: '2026-03',
        listing_count: 2,
        step: 'talk',
      },
      {
        unit_code: TOWNSHIP_B.code,
        period_kind: 'monthly',
        period: '2026-03',
        listing_count: 1,
        step: 'reminder',
      },
    ]);
    await db.knex('unit_warnings').insert([
      {
        unit_code: VILLAGE_A2.code,
        level: 'yellow',
        reason: '2026年3月办结率50.0%，低于80.0%',
        issued_at: new Date('2026-04-01T08:00:05+08:00'),
        period_kind: 'monthly',
        period: '2026-03',
      },
      {
        unit_code: VILLAGE_A2.code,
        level: 'yellow',
        reason: '2026年2月办结率60.0%，低于80.0%',
        issued_at: new Date('2026-03-01T08:00:05+08:00'),
        period_kind: 'monthly',
        period: '2026-02',
      },
      // What the March ranking's data-fraud check found, written when it ran on 1 April.
      {
        unit_code: TOWNSHIP_B.code,
        level: 'red',
        reason: FRAUD_REASON,
        issued_at: new Date('2026-04-01T08:00:05+08:00'),
        period_kind: 'monthly',
        period: '2026-03',
        reason_code: 'data_fraud',
        signal: 'signer_overlap',
        evidence: JSON.stringify(FRAUD_EVIDENCE),
      },
    ]);
    await raiseRedWarning(
      db.knex,
      VILLAGE_A1.code,
      '抽查发现虚假办结',
      new Date('2026-03-15T10:00:00+08:00'),
    );
  });

  it('asks for a session', async () => {
    const res = await request(t.app).get('/api/rankings?period=2026-03&kind=month');
    expect(res.status).toBe(401);
    expect(res.type).toBe('application/problem+json');
  });

  it('shows a supervisor every group of the district, with rates, ladder and warnings', async () => {
    const res = await as.supervisor!.agent.get('/api/rankings?period=2026-03&kind=month');
    expect(res.status).toBe(200);
    expect(res.body.period).toBe('2026-03');
    expect(res.body.kind).toBe('month');
    expect(
      res.body.groups.map((g: any) => [
        g.group,
        g.district.code,
        g.units.map((u: any) => u.unit.code),
      ]),
    ).toEqual([
      ['township', DISTRICT, [TOWNSHIP_A.code, TOWNSHIP_B.code]],
      ['village', DISTRICT, [VILLAGE_A1.code, VILLAGE_A2.code]],
    ]);
    const [a1, a2] = res.body.groups[1].units;
    expect(a1).toEqual({
      unit: { code: VILLAGE_A1.code, name: VILLAGE_A1.name },
      rates: { response: 1, resolution: 0.5, satisfaction: null, onTime: 0.25 },
      counts: { led: 4, measured: 4 },
      score: 72.5,
      rank: 1,
      list: 'red',
      ladder: { count: 0, step: null, period: null },
      warnings: [
        {
          level: 'red',
          reason: '抽查发现虚假办结',
          issuedAt: '2026-03-15T10:00:00.000+08:00',
          reasonCode: null,
          finding: null,
        },
      ],
    });
    expect(a2).toMatchObject({
      list: 'black',
      ladder: { count: 2, step: 'talk', period: '2026-03' },
      warnings: [
        {
          level: 'yellow',
          reason: '2026年3月办结率50.0%，低于80.0%',
          issuedAt: '2026-04-01T08:00:05.000+08:00',
        },
      ],
    });
  });

  it('shows the ladder and warnings as they stood at an earlier period', async () => {
    const res = await as.auditor!.agent.get('/api/rankings?period=2026-02&kind=month');
    expect(res.status).toBe(200);
    expect(res.body.period).toBe('2026-02');
    const units = res.body.groups.flatMap((g: any) => g.units);
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({
      unit: { code: VILLAGE_A2.code },
      ladder: { count: 1, step: 'reminder', period: '2026-02' },
      warnings: [{ level: 'yellow', reason: '2026年2月办结率60.0%，低于80.0%' }],
    });
    expect(units[0].warnings).toHaveLength(1);
  });

  it('answers a period nothing was ranked in with no groups', async () => {
    const res = await as.auditor!.agent.get('/api/rankings?period=2026-01&kind=month');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ period: '2026-01', kind: 'month', groups: [] });
  });

  it('shows village staff their own group, with the ladder and warnings of their unit only', async () => {
    const res = await as.village!.agent.get('/api/rankings?period=2026-03&kind=month');
    expect(res.status).toBe(200);
    expect(res.body.groups).toHaveLength(1);
    const [own, peer] = res.body.groups[0].units;
    expect(own.unit.code).toBe(VILLAGE_A1.code);
    expect(own.warnings).toHaveLength(1);
    expect(peer).toMatchObject({ unit: { code: VILLAGE_A2.code }, list: 'black', score: 40 });
    expect(peer.ladder).toBeNull();
    expect(peer.warnings).toBeNull();
  });

  it('shows township staff the townships', async () => {
    const res = await as.township!.agent.get('/api/rankings?period=2026-03&kind=month');
    expect(res.body.groups.map((g: any) => g.group)).toEqual(['township']);
    const [peer, own] = res.body.groups[0].units;
    expect(peer.ladder).toBeNull();
    expect(peer.warnings).toBeNull();
    expect(own.ladder).toEqual({ count: 1, step: 'reminder', period: '2026-03' });
    // The data fraud the March ranking found, though raised after March ended.
    expect(own.warnings).toEqual([
      {
        level: 'red',
        reason: FRAUD_REASON,
        issuedAt: '2026-04-01T08:00:05.000+08:00',
        reasonCode: 'data_fraud',
        finding: { signal: 'signer_overlap', period: '2026-03', evidence: FRAUD_EVIDENCE },
      },
    ]);
  });

  it('refuses staff whose unit is not ranked and oversees nothing', async () => {
    const res = await as.clerk!.agent.get('/api/rankings?period=2026-03&kind=month');
    expect(res.status).toBe(403);
    expect(res.type).toBe('application/problem+json');
  });

  it('defaults to the month that ended last, and reads weeks', async () => {
    const month = await as.supervisor!.agent.get('/api/rankings');
    expect(month.body.period).toBe('2026-03');
    expect(month.body.groups).toHaveLength(2);
    const week = await as.supervisor!.agent.get('/api/rankings?kind=week&period=2026-W10');
    expect(week.body.groups).toEqual([
      expect.objectContaining({
        group: 'village',
        units: [
          expect.objectContaining({
            unit: expect.objectContaining({ code: VILLAGE_A1.code }),
            score: 55,
            list: 'none',
          }),
        ],
      }),
    ]);
  });

  it('names the bad parameter', async () => {
    const kind = await as.supervisor!.agent.get('/api/rankings?kind=year');
    expect(kind.status).toBe(400);
    expect(kind.body.errors).toEqual([{ field: 'kind', message: expect.any(String) }]);
    const period = await as.supervisor!.agent.get('/api/rankings?kind=month&period=2026-W10');
    expect(period.status).toBe(400);
    expect(period.body.errors).toEqual([{ field: 'period', message: expect.any(String) }]);
  });

  describe('GET /api/rankings/periods', () => {
    const computedAt = '2026-04-01T08:00:05.000+08:00';

    it('lists the ranked periods of a kind, newest first', async () => {
      const month = await as.supervisor!.agent.get('/api/rankings/periods');
      expect(month.status).toBe(200);
      expect(month.body).toEqual({
        items: [
          { period: '2026-03', kind: 'month', computedAt },
          { period: '2026-02', kind: 'month', computedAt },
        ],
      });
      const week = await as.supervisor!.agent.get('/api/rankings/periods?kind=week');
      expect(week.body.items).toEqual([{ period: '2026-W10', kind: 'week', computedAt }]);
    });

    it('names only the periods a unit’s own group was ranked in', async () => {
      // Only villages were ranked in February: the townships' staff never saw it ranked.
      const township = await as.township!.agent.get('/api/rankings/periods?kind=month');
      expect(township.body.items.map((p: any) => p.period)).toEqual(['2026-03']);
      const village = await as.village!.agent.get('/api/rankings/periods?kind=month');
      expect(village.body.items.map((p: any) => p.period)).toEqual(['2026-03', '2026-02']);
    });

    it('is read by the same roles as the rankings, with a checked kind', async () => {
      expect((await request(t.app).get('/api/rankings/periods')).status).toBe(401);
      const clerk = await as.clerk!.agent.get('/api/rankings/periods');
      expect(clerk.status).toBe(403);
      expect(clerk.type).toBe('application/problem+json');
      const bad = await as.supervisor!.agent.get('/api/rankings/periods?kind=year');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'kind', message: expect.any(String) }]);
    });
  });
});

/** Red warnings raised by hand (data fraud, a false closure found outside the spot check). */
describe('POST /api/rankings/warnings', () => {
  const db = useTestDatabase();
  let t: TestApp;
  const as: Record<string, Agent> = {};

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    t = makeApp(db.knex, { clock: movableClock(new Date('2026-04-02T10:00:00+08:00')) });
    as.inspector = await loggedIn(
      t.app,
      await staffAccount(db.knex, 'discipline_inspector', DISTRICT),
    );
    as.village = await loggedIn(
      t.app,
      await staffAccount(db.knex, 'village_staff', VILLAGE_A1.code),
    );
  });

  const raise = (who: Agent, body: unknown, csrf = who.csrfToken) =>
    who.agent
      .post('/api/rankings/warnings')
      .set('X-CSRF-Token', csrf)
      .send(body as object);

  it('lets a discipline inspector raise one for a unit of the district, audited', async () => {
    const res = await raise(as.inspector!, { unitCode: VILLAGE_A2.code, reason: '台账数据造假' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      unit: { code: VILLAGE_A2.code, name: VILLAGE_A2.name },
      level: 'red',
      reason: '台账数据造假',
      issuedAt: '2026-04-02T10:00:00.000+08:00',
    });
    const stored = await db.knex('unit_warnings').where({ id: res.body.id }).first();
    expect(stored).toMatchObject({ unit_code: VILLAGE_A2.code, level: 'red' });
    const audit = await db.knex('audit_log').where({ entity_id: VILLAGE_A2.code });
    expect(audit).toEqual([expect.objectContaining({ action: 'unit.warning.red' })]);
  });

  it('refuses without the CSRF token, for other roles, and for bad input; nothing is stored', async () => {
    const before = await db.knex('unit_warnings').count<{ count: string }[]>('* as count');
    expect(
      (await raise(as.inspector!, { unitCode: VILLAGE_A2.code, reason: '造假' }, 'x')).status,
    ).toBe(403);
    expect((await raise(as.village!, { unitCode: VILLAGE_A2.code, reason: '造假' })).status).toBe(
      403,
    );
    const outside = await raise(as.inspector!, { unitCode: '519999', reason: '造假' });
    expect(outside.status).toBe(400);
    expect(outside.body.errors).toEqual([{ field: 'unitCode', message: expect.any(String) }]);
    const empty = await raise(as.inspector!, { unitCode: VILLAGE_A2.code, reason: '  ' });
    expect(empty.body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    const after = await db.knex('unit_warnings').count<{ count: string }[]>('* as count');
    expect(after).toEqual(before);
  });
});
