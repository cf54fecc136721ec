import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import { createFieldCipher, createFieldHasher } from '../../domain/pii';
import { createIntakeService } from '../../server/intake';
import { importDemandRows, type ImportOptions } from '../../server/import/import-demands';
import { ImportFileError } from '../../server/import/sheet-row';
import { openSheet } from '../../server/import/sheet-source';
import { createTriageService } from '../../server/triage';
import { useTestDatabase } from '../support/database';
import { DISTRICT, demo, importDemoDistrict, movableClock } from './helpers';

const ROOT = path.resolve(__dirname, '../..');

// Fictional people: phones of an unassigned-looking block, ID numbers with a valid check digit
// in the demo district's (fictional) region code.
const PHONE_A = '13900000011';
const PHONE_B = '13900000012';
const ID_A = '511999195803041215';
const EAST = demo.children![0]!; // 东城街道
const XUEFU = EAST.children![0]!; // 学府路社区
const JINSHANYUAN = EAST.children![1]!; // 金山苑社区

const HEADER = '编号,姓名,电话,身份证号,诉求内容,地址,乡镇(街道),村(社区),来源,走访人,日期';

/** A clerk's CSV: UTF-8 with a byte order mark, as Excel saves "CSV UTF-8". */
function csvBytes(lines: string[]): Buffer {
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** GB18030 bytes of a text, from the decoder's own table (Node has no GB18030 encoder). */
function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, Buffer>();
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const bytes = Buffer.from([lead, trail]);
      const char = decoder.decode(bytes);
      if (!table.has(char)) table.set(char, bytes);
    }
  }
  return Buffer.concat(
    Array.from(text).map((char) => {
      if (char.charCodeAt(0) < 0x80) return Buffer.from(char, 'latin1');
      const bytes = table.get(char);
      if (!bytes) throw new Error(`no GB18030 bytes for ${char}`);
      return bytes;
    }),
  );
}

const count = async (knex: Knex, table: string) =>
  Number((await knex(table).count<{ c: string }[]>('* as c'))[0]?.c);

async function tableCounts(knex: Knex) {
  return {
    demands: await count(knex, 'demands'),
    history: await count(knex, 'demand_history'),
    outbox: await count(knex, 'process_start_outbox'),
  };
}

describe('demands:import (questionnaire and door-to-door sheets)', () => {
  const db = useTestDatabase();
  const dataKey = randomBytes(32);
  const cipher = createFieldCipher(dataKey);
  const clock = movableClock(new Date('2026-03-10T09:00:00+08:00'));
  let dir: string;
  let options: Omit<ImportOptions, 'fileName'>;

  const write = (name: string, content: Buffer | string) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const importFile = async (file: string, extra: Partial<ImportOptions> = {}) => {
    const sheet = await openSheet(file);
    return importDemandRows(sheet.rows, {
      ...options,
      fileName: path.basename(file),
      ...extra,
    });
  };
  const rejectedRows = (summary: Awaited<ReturnType<typeof importFile>>) =>
    summary.rejected.map((outcome) =>
      outcome.kind === 'rejected'
        ? { row: outcome.row, codes: outcome.reasons.map((reason) => reason.code) }
        : undefined,
    );

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'minsheng-import-'));
    await importDemoDistrict(db.knex);
    const intake = createIntakeService({
      knex: db.knex,
      pii: { cipher, hasher: createFieldHasher(dataKey) },
      triage: createTriageService({ knex: db.knex }),
      clock,
    });
    options = {
      knex: db.knex,
      intake,
      clock,
      submittedAtSkewMs: 60_000,
      channel: null,
      districtCode: null,
      dryRun: false,
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('a CSV file with good and bad rows', () => {
    let file: string;
    beforeAll(() => {
      file = write(
        'visits-march.csv',
        csvBytes([
          HEADER,
          // row 2: complete, its content spread over two lines of the file (one sheet row)
          `V-001,张示例,${PHONE_A},${ID_A},"小区北门路灯坏了一个多月，\n晚上出行不方便",学府路12号,东城街道,学府路社区,走访,李网格,2026-03-02`,
          `V-002,王样本,139-0000-0012,,建议在社区增设老年人助餐点,,,${JINSHANYUAN.code},问卷,赵社工,2026/3/3 14:30`, // 3
          `V-003,刘某,1390000001,,路面坑洼,,,学府路社区,走访,李网格,2026-03-04`, // 4: 10-digit phone
          `V-004,陈某,${PHONE_B},,,,,学府路社区,走访,李网格,2026-03-04`, // 5: no content
          `V-005,周某,,,垃圾清运不及时,,,不存在社区,问卷,赵社工,2026-03-04`, // 6: unknown village
          '', // 7: an empty line is an empty sheet row
          `V-006,吴某,,511999195803041216,垃圾清运不及时,,,,走访,李网格,2026-03-31`, // 8: ID checksum, future date
          `V-007,郑某,,,小区路面积水,,,,传真,李网格,2026-03-05`, // 9: unknown channel
          `V-008,我家楼下,${PHONE_B},,我家楼下着火了，火很大，快来人,,,学府路社区,走访,李网格,2026-03-09`, // 10
          `V-009,王样本,${PHONE_B},,"我家楼下着火了，火很大，快来人",,,学府路社区,走访,李网格,2026-03-09`, // 11: repeat of 10
          `V-001,张示例,${PHONE_A},${ID_A},"小区北门路灯坏了一个多月，\n晚上出行不方便",学府路12号,东城街道,学府路社区,走访,李网格,2026-03-02`, // 12
          `,某人,,,没有编号的一行,,,,问卷,赵社工,2026-03-05`, // 13
        ]),
      );
    });

    it('imports the good rows as demands through intake, PII encrypted, outbox rows written', async () => {
      const summary = await importFile(file);
      expect(summary.headerRow).toBe(1);
      expect(rejectedRows(summary)).toEqual([
        { row: 4, codes: ['invalid_phone'] },
        { row: 5, codes: ['invalid_content'] },
        { row: 6, codes: ['unknown_unit'] },
        { row: 8, codes: ['invalid_date', 'invalid_id_number'] },
        { row: 9, codes: ['unknown_channel'] },
        { row: 12, codes: ['duplicate_in_file'] },
        { row: 13, codes: ['missing_ticket'] },
      ]);
      const inFile = summary.rejected.find((outcome) => outcome.row === 12);
      expect(inFile?.kind === 'rejected' && inFile.reasons[0]?.zh).toMatch(/与第 2 行重复/);
      expect({ imported: summary.imported, already: summary.alreadyImported }).toEqual({
        imported: 4,
        already: 0,
      });

      const demands = await db
        .knex('demands')
        .whereIn('channel_ticket_id', ['V-001', 'V-002', 'V-008', 'V-009'])
        .orderBy('channel_ticket_id');
      expect(demands.map((d) => [d.channel_ticket_id, d.channel, d.village_code])).toEqual([
        ['V-001', 'door_visit', XUEFU.code],
        ['V-002', 'questionnaire', JINSHANYUAN.code],
        ['V-008', 'door_visit', XUEFU.code],
        ['V-009', 'door_visit', XUEFU.code],
      ]);
      const [first, second, fire, repeat] = demands;
      expect(first).toEqual(
        expect.objectContaining({
          code: expect.stringMatching(new RegExp(`^${DISTRICT}-20260310-\\d{5}$`)),
          township_code: EAST.code,
          district_code: DISTRICT,
          address: '学府路12号',
          content_original: '小区北门路灯坏了一个多月，\n晚上出行不方便',
          status: 'received',
          citizen_phone_masked: '139****0011',
          channel_key_id: null,
        }),
      );
      // Dates are the clerk's Beijing dates.
      expect(first.submitted_at.toISOString()).toBe('2026-03-01T16:00:00.000Z');
      expect(second.submitted_at.toISOString()).toBe('2026-03-03T06:30:00.000Z');
      // Personal data only encrypted: no column holds the phone or ID number in clear.
      expect(JSON.stringify(first)).not.toContain(PHONE_A);
      expect(JSON.stringify(first)).not.toContain(ID_A);
      expect(cipher.decrypt(first.citizen_phone_enc)).toBe(PHONE_A);
      expect(cipher.decrypt(first.citizen_id_number_enc)).toBe(ID_A);
      expect(cipher.decrypt(second.citizen_phone_enc)).toBe(PHONE_B);
      // The intake's checks ran: the emergency is diverted, and so is its repeat — each report
      // of an emergency goes to 119 at once and is never held back as a duplicate.
      expect(fire.diverted_to).toBe('119');
      expect(summary.emergencies).toEqual([
        { row: 10, code: fire.code, divertedTo: '119' },
        { row: 11, code: repeat.code, divertedTo: '119' },
      ]);
      expect(repeat.duplicate_of_demand_id).toBeNull();

      const history = await db.knex('demand_history').where({ demand_id: first.id });
      expect(history).toEqual([
        expect.objectContaining({
          actor: 'import:door_visit',
          action: 'received',
          detail: expect.objectContaining({
            channel: 'door_visit',
            externalId: 'V-001',
            importFile: 'visits-march.csv',
            importRow: 2,
            collectedBy: '李网格',
          }),
        }),
      ]);
      expect(JSON.stringify(history)).not.toContain(PHONE_A);
      const outbox = await db.knex('process_start_outbox').whereIn(
        'demand_id',
        demands.map((d) => d.id),
      );
      expect(outbox).toHaveLength(4);
      expect(outbox.every((row) => row.started_at === null)).toBe(true);
    });

    it('changes nothing when the same file is imported again, and says so', async () => {
      const before = await tableCounts(db.knex);
      const summary = await importFile(file);
      expect({ imported: summary.imported, already: summary.alreadyImported }).toEqual({
        imported: 0,
        already: 4,
      });
      expect(rejectedRows(summary).map((r) => r?.row)).toEqual([4, 5, 6, 8, 9, 12, 13]);
      expect(await tableCounts(db.knex)).toEqual(before);
    });

    it('refuses a ticket imported before with other content', async () => {
      const changed = write(
        'visits-march-edited.csv',
        csvBytes([
          HEADER,
          `V-002,王样本,${PHONE_B},,建议在社区增设老年食堂,,,金山苑社区,问卷,赵社工,2026-03-03`,
        ]),
      );
      const before = await tableCounts(db.knex);
      const summary = await importFile(changed);
      expect(rejectedRows(summary)).toEqual([{ row: 2, codes: ['ticket_conflict'] }]);
      expect(await tableCounts(db.knex)).toEqual(before);
    });
  });

  it('a dry run checks every row and writes nothing', async () => {
    const file = write(
      'dry.csv',
      csvBytes([
        HEADER,
        `D-001,张示例,${PHONE_A},,楼道灯不亮,,,学府路社区,问卷,赵社工,2026-03-02`,
        `D-002,张示例,12345,,楼道灯不亮,,,学府路社区,问卷,赵社工,2026-03-02`,
        `V-001,张示例,${PHONE_A},${ID_A},"小区北门路灯坏了一个多月，\n晚上出行不方便",学府路12号,东城街道,学府路社区,走访,李网格,2026-03-02`,
      ]),
    );
    const before = await tableCounts(db.knex);
    const counters = await count(db.knex, 'demand_code_counters');
    const summary = await importFile(file, { dryRun: true });
    expect({
      imported: summary.imported,
      already: summary.alreadyImported,
      rejected: rejectedRows(summary),
    }).toEqual({ imported: 1, already: 1, rejected: [{ row: 3, codes: ['invalid_phone'] }] });
    expect(await tableCounts(db.knex)).toEqual(before);
    expect(await count(db.knex, 'demand_code_counters')).toBe(counters);
    expect(await db.knex('demands').where({ channel_ticket_id: 'D-001' })).toEqual([]);
  });

  it('imports an .xlsx workbook: title row, English headers, Excel dates, no ticket column', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('走访台账');
    sheet.addRow(['东城街道大起底入户走访台账']); // row 1: a title above the header
    sheet.mergeCells('A1:F1');
    sheet.addRow(['name', 'phone', 'idNumber', 'content', 'village', 'grid', 'date']); // row 2
    const day = (d: number, h = 0) => new Date(Date.UTC(2026, 2, d, h));
    sheet.addRow(['张示例', PHONE_A, ID_A, '希望增设快递柜', XUEFU.name, null, day(6)]);
    sheet.addRow(['李示例', Number(PHONE_B), Number(ID_A), '路边摊占道', XUEFU.name, null, day(6)]);
    sheet.addRow([
      '赵示例',
      Number(PHONE_B),
      null,
      '小区绿化带无人修剪',
      null,
      '第一网格',
      day(7, 10),
    ]);
    sheet.addRow([
      '钱示例',
      Number(PHONE_A),
      null,
      '公厕无人打扫',
      XUEFU.name,
      XUEFU.grids![1]!.name,
      '2026年3月8日',
    ]);
    sheet.getColumn(7).numFmt = 'yyyy-mm-dd';
    const file = path.join(dir, 'visits.xlsx');
    await workbook.xlsx.writeFile(file);

    const before = await tableCounts(db.knex);
    const summary = await importFile(file, { channel: 'door_visit' });
    expect(summary.headerRow).toBe(2);
    expect(rejectedRows(summary)).toEqual([
      { row: 4, codes: ['invalid_id_number'] }, // an 18-digit number cell lost its digits
      { row: 5, codes: ['ambiguous_unit'] }, // 第一网格 exists in every community
    ]);
    expect(summary.imported).toBe(2);
    const after = await tableCounts(db.knex);
    expect(after.demands - before.demands).toBe(2);
    expect(after.outbox - before.outbox).toBe(2);

    const rows = await db
      .knex('demands')
      .whereIn('content_original', ['希望增设快递柜', '公厕无人打扫'])
      .orderBy('content_original', 'desc');
    expect(
      rows.map((row) => [
        row.channel,
        row.grid_code,
        row.village_code,
        row.submitted_at.toISOString(),
      ]),
    ).toEqual([
      ['door_visit', null, XUEFU.code, '2026-03-05T16:00:00.000Z'],
      ['door_visit', XUEFU.grids![1]!.code, XUEFU.code, '2026-03-07T16:00:00.000Z'],
    ]);
    // Without 编号, a row's ticket is a digest of the file name and its cells.
    expect(rows[0].channel_ticket_id).toMatch(/^row-[0-9a-f]{40}$/);
    expect(cipher.decrypt(rows[0].citizen_phone_enc)).toBe(PHONE_A);

    const again = await importFile(file, { channel: 'door_visit' });
    expect({ imported: again.imported, already: again.alreadyImported }).toEqual({
      imported: 0,
      already: 2,
    });
    expect(await tableCounts(db.knex)).toEqual(after);
  });

  it('imports the shipped sample into the demo district, every row', async () => {
    const sample = path.join(ROOT, 'server/import/samples/questionnaire-visits-sample.csv');
    const summary = await importFile(sample);
    expect({ imported: summary.imported, rejected: summary.rejected }).toEqual({
      imported: 4,
      rejected: [],
    });
    const rows = await db
      .knex('demands')
      .where('channel_ticket_id', 'like', 'DQD-2026-03-%')
      .orderBy('channel_ticket_id');
    expect(rows.map((row) => [row.channel, row.village_code !== null])).toEqual([
      ['door_visit', true],
      ['questionnaire', true],
      ['door_visit', true],
      ['questionnaire', true],
    ]);
  });

  it('reads a GB18030 CSV (Excel on a Chinese Windows) as well as UTF-8', async () => {
    const file = write(
      'gbk.csv',
      gb18030(
        `${HEADER}\r\nG-001,孙示例,,,菜市场门口占道经营,,,学府路社区,问卷,赵社工,2026-03-02\r\n`,
      ),
    );
    const summary = await importFile(file);
    expect({ imported: summary.imported, rejected: summary.rejected }).toEqual({
      imported: 1,
      rejected: [],
    });
    const [row] = await db.knex('demands').where({ channel_ticket_id: 'G-001' });
    expect(row.content_original).toBe('菜市场门口占道经营');
    expect(row.channel).toBe('questionnaire');
  });

  it('refuses a file without the content column or without any channel, naming the column', async () => {
    const noContent = write(
      'no-content.csv',
      csvBytes(['编号,姓名,电话,来源', 'X-1,张,13900000011,问卷']),
    );
    await expect(importFile(noContent)).rejects.toThrow(ImportFileError);
    await expect(importFile(noContent)).rejects.toThrow(/诉求内容 \(content\)/);
    const noChannel = write('no-channel.csv', csvBytes(['编号,诉求内容', 'X-1,路灯坏了']));
    await expect(importFile(noChannel)).rejects.toThrow(/来源 \(channel\).*--channel/);
    const twice = write('twice.csv', csvBytes(['电话,手机,诉求内容,来源', '1,2,路灯坏了,问卷']));
    await expect(importFile(twice)).rejects.toThrow(
      /two columns for 电话 \(phone\): "电话" and "手机"/,
    );
  });

  describe('npm run demands:import', () => {
    const keyHex = dataKey.toString('hex');
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn('npm', ['run', '--silent', 'demands:import', '--', ...args], {
          cwd: ROOT,
          env: {
            ...process.env,
            DATABASE_URL: db.url,
            MINSHENG_DATA_KEY: keyHex,
            DATA_DIR: dir,
          },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });

    it('imports a good file (exit 0), then finds it already imported (exit 0)', async () => {
      const file = write(
        'cli-good.csv',
        csvBytes([
          HEADER,
          `C-001,张示例,${PHONE_A},,路灯不亮,,,学府路社区,问卷,赵社工,2026-03-02`,
          `C-002,王样本,${PHONE_B},,井盖松动,,,金山苑社区,走访,李网格,2026-03-03`,
        ]),
      );
      const first = await run([file]);
      expect({ code: first.code, stderr: first.stderr }).toEqual({
        code: 0,
        stderr: expect.any(String),
      });
      expect(first.stdout).toMatch(/2 imported, 0 already imported, 0 rejected/);
      const [row] = await db.knex('demands').where({ channel_ticket_id: 'C-001' });
      expect(cipher.decrypt(row.citizen_phone_enc)).toBe(PHONE_A);
      expect(first.stdout + first.stderr).not.toContain(PHONE_A);

      const second = await run([file]);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/0 imported, 2 already imported, 0 rejected/);
      const audit = await db
        .knex('audit_log')
        .where({ action: 'demand.import', entity_id: 'cli-good.csv' })
        .orderBy('id');
      expect(audit.map((row) => row.details)).toEqual([
        expect.objectContaining({ imported: 2, alreadyImported: 0, rejected: 0 }),
        expect.objectContaining({ imported: 0, alreadyImported: 2, rejected: 0 }),
      ]);
    }, 120_000);

    it('reports rejected rows in a CSV and exits 1; a dry run writes nothing', async () => {
      const file = write(
        'cli-mixed.csv',
        csvBytes([
          HEADER,
          `M-001,张示例,${PHONE_A},,下水道堵塞,,,学府路社区,走访,李网格,2026-03-02`,
          `M-002,王样本,1390000001,,下水道堵塞,,,学府路社区,走访,李网格,2026-03-02`,
        ]),
      );
      const dry = await run([file, '--dry-run']);
      expect(dry.code).toBe(1);
      expect(dry.stdout).toMatch(
        /dry run, nothing written: 1 would be imported, 0 already imported, 1 rejected/,
      );
      expect(await db.knex('demands').whereIn('channel_ticket_id', ['M-001', 'M-002'])).toEqual([]);

      const report = path.join(dir, 'rejected.csv');
      const real = await run([file, '--report', report]);
      expect(real.code).toBe(1);
      expect(real.stdout).toMatch(
        /row 3 \(编号 M-002\): invalid_phone 电话不是有效的 11 位手机号码/,
      );
      expect(real.stdout).toMatch(/1 imported, 0 already imported, 1 rejected/);
      const lines = readFileSync(report, 'utf8')
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(
        /^3,M-002,invalid_phone,电话不是有效的 11 位手机号码,citizen\.phone: /,
      );
      expect(readFileSync(report, 'utf8')).not.toContain('1390000001');
      expect(await db.knex('demands').where({ channel_ticket_id: 'M-001' })).toHaveLength(1);
      // The dry run left no trace in the audit log; the import did.
      const audit = await db.knex('audit_log').where({ entity_id: 'cli-mixed.csv' });
      expect(audit.map((row) => [row.action, row.details.outcome])).toEqual([
        ['demand.import', 'partly_refused'],
      ]);
    }, 120_000);

    it('exits 2 on a missing column, an unreadable file and bad usage', async () => {
      const noContent = write('cli-no-content.csv', csvBytes(['编号,姓名,来源', 'X-1,张,问卷']));
      const missing = await run([noContent]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/missing required column 诉求内容 \(content\)/);
      const unreadable = await run([path.join(dir, 'nowhere.csv')]);
      expect(unreadable.code).toBe(2);
      expect(unreadable.stderr).toMatch(/cannot read .*nowhere\.csv: ENOENT/);
      const good = write('cli-district.csv', csvBytes([HEADER, `X-1,,,,路灯不亮,,,,问卷,,`]));
      const district = await run([good, '--district', '000000']);
      expect(district.code).toBe(2);
      expect(district.stderr).toMatch(/--district: no org unit has the code "000000"/);
      const usage = await run(['--channel', 'fax', noContent]);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/usage: npm run demands:import/);
    }, 120_000);
  });
});
