/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { useTestDatabase } from '../support/database';
import {
  DISTRICT,
  auditRows,
  importDemoDistrict,
  loggedIn,
  makeApp,
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
} from './staff-fixtures';

type Agent = Awaited<ReturnType<typeof loggedIn>>;
const HOUSING = DEPARTMENT('housing');
const PHONE = '15512342654';

const L = {
  inGrid: `${DISTRICT}-20260302-00031`,
  otherVillage: `${DISTRICT}-20260305-00032`,
  atTownship: `${DISTRICT}-20260306-00033`,
  february: `${DISTRICT}-20260225-00034`,
  accusesVillage: `${DISTRICT}-20260307-00035`,
  department: `${DISTRICT}-20260308-00036`,
};

/** The columns a ledger clerk keeps, as the contract's ledger section lists them. */
const CLERK_COLUMNS = [
  '编号',
  '来源渠道',
  '诉求人(脱敏)',
  '诉求内容',
  '类别',
  '领域',
  '责任单位',
  '交办时间',
  '办理时限',
  '办理进度',
  '办结时间',
  '群众评价',
  '销号时间',
];

/** supertest hands binary bodies over whole with this parser. */
function binary(res: any, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

async function readWorkbook(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      rows.push(
        (row.values as unknown[])
          .slice(1)
          .map((value) => (value === null || value === undefined ? '' : String(value))),
      );
    });
    return { name: sheet.name, rows };
  });
}

describe('ledgers: district master, township sub, village micro; JSON and .xlsx', () => {
  const db = useTestDatabase();
  let t: TestApp;
  const as: Record<string, Agent> = {};

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    t = makeApp(db.knex);
    const accounts: Record<string, [string, string]> = {
      village: ['village_staff', VILLAGE_A1.code],
      township: ['township_staff', TOWNSHIP_A.code],
      dispatcher: ['dispatcher', DISTRICT],
      housing: ['department_staff', HOUSING.code],
      auditor: ['auditor', DISTRICT],
    };
    for (const [name, [role, unit]] of Object.entries(accounts)) {
      as[name] = await loggedIn(t.app, await staffAccount(db.knex, role, unit));
    }
    const all = (township: string, village?: string) => ({
      district: DISTRICT,
      township,
      ...(village ? { village } : {}),
    });
    await insertDemand(db.knex, t.dataKey, {
      code: L.inGrid,
      receivedAt: '2026-03-02T09:00:00+08:00',
      township: TOWNSHIP_A.code,
      village: VILLAGE_A1.code,
      grid: GRID_A1.code,
      lead: VILLAGE_A1.code,
      leadAssignedAt: '2026-03-02T15:00:00+08:00',
      resolutionDue: '2026-03-09T17:30:00+08:00',
      content: '下水道堵塞',
      ledgers: all(TOWNSHIP_A.code, VILLAGE_A1.code),
    });
    await insertDemand(db.knex, t.dataKey, {
      code: L.otherVillage,
      receivedAt: '2026-03-05T09:00:00+08:00',
      township: TOWNSHIP_A.code,
      village: VILLAGE_A2.code,
      ledgers: all(TOWNSHIP_A.code, VILLAGE_A2.code),
    });
    await insertDemand(db.knex, t.dataKey, {
      code: L.atTownship,
      receivedAt: '2026-03-06T09:00:00+08:00',
      township: TOWNSHIP_A.code,
      ledgers: all(TOWNSHIP_A.code),
    });
    await insertDemand(db.knex, t.dataKey, {
      code: L.february,
      receivedAt: '2026-02-25T09:00:00+08:00',
      township: TOWNSHIP_B.code,
      village: VILLAGE_B1.code,
      ledgers: all(TOWNSHIP_B.code, VILLAGE_B1.code),
    });
    await insertDemand(db.knex, t.dataKey, {
      code: L.accusesVillage,
      receivedAt: '2026-03-07T09:00:00+08:00',
      township: TOWNSHIP_A.code,
      village: VILLAGE_A1.code,
      status: 'archived',
      category: 'complaint',
      domain: 'conduct',
      tier: 'township',
      lead: TOWNSHIP_A.code,
      leadAssignedAt: '2026-03-07T11:00:00+08:00',
      accusedUnit: VILLAGE_A1.code,
      content: `村干部吃拿卡要，我是刘洋，电话${PHONE}`,
      resolvedAt: '2026-03-12T16:00:00+08:00',
      satisfaction: 'satisfied',
      archivedAt: '2026-03-14T10:00:00+08:00',
      ledgers: all(TOWNSHIP_A.code, VILLAGE_A1.code),
    });
    await insertDemand(db.knex, t.dataKey, {
      code: L.department,
      receivedAt: '2026-03-08T09:00:00+08:00',
      tier: 'district',
      lead: HOUSING.code,
      ledgers: { district: DISTRICT },
    });
    const handler = await staffAccount(db.knex, 'village_staff', VILLAGE_A1.code);
    await db.knex('users').where({ id: handler.id }).update({ display_name: '张网格' });
    await db
      .knex('assignments')
      .whereIn('demand_id', db.knex('demands').where({ code: L.inGrid }).select('id'))
      .update({ handler_user_id: handler.id });
  });

  const codesOf = (rows: any[]) => rows.map((row) => row.code);

  it('answers 401 without a session and 404 for a tier that keeps no ledger', async () => {
    expect((await request(t.app).get('/api/ledgers/district')).status).toBe(401);
    expect((await as.dispatcher!.agent.get('/api/ledgers/city')).status).toBe(404);
    expect((await as.dispatcher!.agent.get('/api/ledgers/district?month=2026-13')).status).toBe(
      400,
    );
  });

  it('gives a village its own micro-ledger only, down to grid and handler', async () => {
    const res = await as.village!.agent.get('/api/ledgers/village');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        tier: 'village',
        unit: { code: VILLAGE_A1.code, name: VILLAGE_A1.name },
        month: null,
        total: 2,
      }),
    );
    expect(res.body.columns.map((c: any) => c.label)).toEqual([...CLERK_COLUMNS, '网格', '承办人']);
    expect(codesOf(res.body.rows)).toEqual([L.inGrid, L.accusesVillage]);
    expect(res.body.rows[0]).toEqual(
      expect.objectContaining({
        code: L.inGrid,
        citizen: { name: '刘*', phone: '155****2654', idNumber: null, anonymous: false },
        assignedAt: '2026-03-02T15:00:00.000+08:00',
        dueAt: '2026-03-09T17:30:00.000+08:00',
        grid: { code: GRID_A1.code, name: GRID_A1.name },
        handler: '张网格',
      }),
    );
    expect((await as.village!.agent.get('/api/ledgers/township')).status).toBe(403);
    expect((await as.village!.agent.get('/api/ledgers/district')).status).toBe(403);
    expect(
      (await as.village!.agent.get(`/api/ledgers/village?unit=${VILLAGE_A2.code}`)).status,
    ).toBe(404);
    expect((await as.village!.agent.get('/api/ledgers/village?unit=nowhere')).status).toBe(404);
  });

  it('gives a township its sub-ledger with a folder per village and one for itself', async () => {
    const res = await as.township!.agent.get('/api/ledgers/township?month=2026-03');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(
      res.body.folders.map((folder: any) => [folder.village?.code ?? null, codesOf(folder.rows)]),
    ).toEqual([
      [VILLAGE_A1.code, [L.inGrid, L.accusesVillage]],
      [VILLAGE_A2.code, [L.otherVillage]],
      [null, [L.atTownship]],
    ]);
    const accused = res.body.folders[0].rows[1];
    expect(accused.citizen.name).toBe('刘*');
    expect(
      (await as.township!.agent.get(`/api/ledgers/village?unit=${VILLAGE_A2.code}`)).status,
    ).toBe(200);
    expect(
      (await as.township!.agent.get(`/api/ledgers/village?unit=${VILLAGE_B1.code}`)).status,
    ).toBe(404);
    expect((await as.township!.agent.get('/api/ledgers/district')).status).toBe(403);
    const wrongTier = await as.township!.agent.get(`/api/ledgers/township?unit=${VILLAGE_A1.code}`);
    expect(wrongTier.status).toBe(400);
    expect(wrongTier.body.errors[0].field).toBe('unit');
  });

  it('gives the district its master ledger by month, codes with Chinese labels', async () => {
    const march = await as.dispatcher!.agent.get('/api/ledgers/district?month=2026-03');
    expect(codesOf(march.body.rows)).toEqual([
      L.inGrid,
      L.otherVillage,
      L.atTownship,
      L.accusesVillage,
      L.department,
    ]);
    const every = await as.dispatcher!.agent.get('/api/ledgers/district');
    expect(codesOf(every.body.rows)[0]).toBe(L.february);
    const closed = march.body.rows.find((row: any) => row.code === L.accusesVillage);
    expect(closed).toEqual(
      expect.objectContaining({
        channel: 'hotline_12345',
        category: 'complaint',
        domain: 'conduct',
        status: 'archived',
        satisfaction: 'satisfied',
        responsibleUnit: { code: TOWNSHIP_A.code, name: TOWNSHIP_A.name },
        resolvedAt: '2026-03-12T16:00:00.000+08:00',
        closedAt: '2026-03-14T10:00:00.000+08:00',
        township: { code: TOWNSHIP_A.code, name: TOWNSHIP_A.name },
        village: { code: VILLAGE_A1.code, name: VILLAGE_A1.name },
        labels: {
          channel: '12345热线',
          category: '投诉',
          domain: '干部作风',
          progress: '已销号归档',
          satisfaction: '满意',
        },
      }),
    );
  });

  it('narrows the master ledger to a department’s own demands; an auditor names the unit', async () => {
    const res = await as.housing!.agent.get('/api/ledgers/district');
    expect(codesOf(res.body.rows)).toEqual([L.department]);
    expect((await as.housing!.agent.get('/api/ledgers/township')).status).toBe(403);
    const unnamed = await as.auditor!.agent.get('/api/ledgers/district');
    expect(unnamed.status).toBe(400);
    const named = await as.auditor!.agent.get(`/api/ledgers/district?unit=${DISTRICT}`);
    expect(named.body.total).toBe(6);
  });

  it('withholds the complainant from the accused village in JSON and in the workbook', async () => {
    const json = await as.village!.agent.get('/api/ledgers/village');
    const row = json.body.rows.find((r: any) => r.code === L.accusesVillage);
    expect(row.citizen).toEqual({ withheld: true });
    expect(row.content).toBe('村干部吃拿卡要，我是［已隐去］，电话［已隐去］');

    const res = await as.village!.agent.get('/api/ledgers/village.xlsx').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="ledger-village-/);
    const sheets = await readWorkbook(res.body);
    expect(sheets.map((s) => s.name)).toEqual(['微台账']);
    const [header, ...rows] = sheets[0]!.rows;
    expect(header).toEqual([...CLERK_COLUMNS, '网格', '承办人']);
    const accused = rows.find((cells) => cells[0] === L.accusesVillage)!;
    expect(accused[2]).toBe('（不予显示）');
    expect(accused[3]).toBe('村干部吃拿卡要，我是［已隐去］，电话［已隐去］');
    const text = JSON.stringify(sheets);
    for (const personal of ['刘洋', PHONE]) expect(text).not.toContain(personal);
    const plain = rows.find((cells) => cells[0] === L.inGrid)!;
    expect(plain[2]).toBe('刘* 155****2654');
    expect(plain[7]).toBe('2026-03-02 15:00');

    const [audit] = await auditRows(db.knex, res.headers['x-request-id'] as string);
    expect(audit).toEqual(
      expect.objectContaining({
        action: 'ledger.export',
        entity_type: 'ledger',
        entity_id: `village:${VILLAGE_A1.code}`,
      }),
    );
    expect(audit.details).toEqual(expect.objectContaining({ format: 'xlsx', rows: 2 }));
  });

  it('pages the master ledger on the server: pages partition the entries, total counts them all', async () => {
    const whole = await as.dispatcher!.agent.get('/api/ledgers/district?month=2026-03');
    const all = codesOf(whole.body.rows);
    expect(all).toHaveLength(5);
    const pages = [];
    for (const page of [1, 2, 3]) {
      const res = await as.dispatcher!.agent.get(
        `/api/ledgers/district?month=2026-03&page=${page}&pageSize=2`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ total: 5, page, pageSize: 2 }));
      expect(res.body.columns).toEqual(whole.body.columns);
      pages.push(codesOf(res.body.rows));
    }
    expect(pages.map((codes) => codes.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(all);
    const second = await as.dispatcher!.agent.get(
      '/api/ledgers/district?month=2026-03&page=2&pageSize=2',
    );
    expect(second.body.rows).toEqual(whole.body.rows.slice(2, 4));
    const beyond = await as.dispatcher!.agent.get(
      '/api/ledgers/district?month=2026-03&page=9&pageSize=2',
    );
    expect(beyond.body).toEqual(expect.objectContaining({ total: 5, rows: [] }));
    // Without the new parameters the answer is exactly as before: every row, no page fields.
    expect(Object.keys(whole.body).sort()).toEqual(
      ['columns', 'month', 'rows', 'title', 'tier', 'total', 'unit'].sort(),
    );
    expect(whole.body.total).toBe(5);
  });

  it('filters by code, content or progress words before paging, as the ledger page does', async () => {
    const byContent = await as.dispatcher!.agent.get(
      `/api/ledgers/district?month=2026-03&pageSize=50&q=${encodeURIComponent('下水道')}`,
    );
    expect(byContent.body.total).toBe(1);
    expect(codesOf(byContent.body.rows)).toEqual([L.inGrid]);
    const byProgress = await as.dispatcher!.agent.get(
      `/api/ledgers/district?month=2026-03&q=${encodeURIComponent('已销号 00035')}`,
    );
    expect(codesOf(byProgress.body.rows)).toEqual([L.accusesVillage]);
    const byStatus = await as.dispatcher!.agent.get(
      '/api/ledgers/district?month=2026-03&pageSize=1&page=1&q=ARCHIVED',
    );
    expect(byStatus.body).toEqual(expect.objectContaining({ total: 1, page: 1, pageSize: 1 }));
    // The accused village reads the content with the complainant taken out, and cannot find
    // the complaint by the complainant's name or number either.
    for (const secret of ['刘洋', PHONE]) {
      const res = await as.village!.agent.get(
        `/api/ledgers/village?q=${encodeURIComponent(secret)}`,
      );
      expect(res.body.total).toBe(0);
    }
    const redacted = await as.village!.agent.get(
      `/api/ledgers/village?q=${encodeURIComponent('吃拿卡要')}`,
    );
    expect(codesOf(redacted.body.rows)).toEqual([L.accusesVillage]);
    // A township's folders keep every matching entry, unpaged.
    const folders = await as.township!.agent.get(
      `/api/ledgers/township?month=2026-03&page=1&pageSize=1&q=${encodeURIComponent('下水道')}`,
    );
    expect(folders.body.total).toBe(1);
    expect(
      folders.body.folders.map((folder: any) => [
        folder.village?.code ?? null,
        codesOf(folder.rows),
      ]),
    ).toEqual([[VILLAGE_A1.code, [L.inGrid]]]);
  });

  it('answers 400 naming the field for a bad page, page size or filter', async () => {
    const cases: [string, string][] = [
      ['page=0&pageSize=10', 'page'],
      ['page=x&pageSize=10', 'page'],
      ['page=-1&pageSize=10', 'page'],
      ['page=2', 'page'],
      ['pageSize=0', 'pageSize'],
      ['pageSize=201', 'pageSize'],
      ['pageSize=1.5', 'pageSize'],
      ['page=1&page=2&pageSize=10', 'page'],
      [`q=${'字'.repeat(201)}`, 'q'],
    ];
    for (const [params, field] of cases) {
      const res = await as.dispatcher!.agent.get(
        `/api/ledgers/district?${params.replace(/字+/, (text) => encodeURIComponent(text))}`,
      );
      expect([params, res.status]).toEqual([params, 400]);
      expect(res.body.errors.map((error: any) => error.field)).toEqual([field]);
    }
    const largest = await as.dispatcher!.agent.get('/api/ledgers/district?pageSize=200');
    expect(largest.status).toBe(200);
    // The workbook is the whole ledger, whatever the page asks.
    const workbook = await as
      .dispatcher!.agent.get('/api/ledgers/district.xlsx?month=2026-03&page=2&pageSize=1&q=x')
      .buffer(true)
      .parse(binary);
    expect(workbook.status).toBe(200);
    const [sheet] = await readWorkbook(workbook.body);
    expect(sheet!.rows).toHaveLength(6);
  });

  it('exports a township sub-ledger with a sheet per village, the district ledger with its places', async () => {
    const township = await as
      .township!.agent.get('/api/ledgers/township.xlsx?month=2026-03')
      .buffer(true)
      .parse(binary);
    const sheets = await readWorkbook(township.body);
    expect(sheets.map((s) => [s.name, s.rows.slice(1).map((cells) => cells[0])])).toEqual([
      [VILLAGE_A1.name, [L.inGrid, L.accusesVillage]],
      [VILLAGE_A2.name, [L.otherVillage]],
      ['乡镇本级', [L.atTownship]],
    ]);
    const accused = sheets[0]!.rows.find((cells) => cells[0] === L.accusesVillage)!;
    expect(accused.slice(4, 13)).toEqual([
      '投诉',
      '干部作风',
      TOWNSHIP_A.name,
      '2026-03-07 11:00',
      '',
      '已销号归档',
      '2026-03-12 16:00',
      '满意',
      '2026-03-14 10:00',
    ]);

    const district = await as
      .dispatcher!.agent.get(`/api/ledgers/district.xlsx?unit=${DISTRICT}&month=2026-03`)
      .buffer(true)
      .parse(binary);
    const [master] = await readWorkbook(district.body);
    expect(master!.name).toBe('总台账');
    expect(master!.rows[0]).toEqual([...CLERK_COLUMNS, '乡镇（街道）', '村（社区）']);
    const inGrid = master!.rows.find((cells) => cells[0] === L.inGrid)!;
    expect(inGrid.slice(13)).toEqual([TOWNSHIP_A.name, VILLAGE_A1.name]);
  });
});
