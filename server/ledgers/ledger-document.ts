import ExcelJS from 'exceljs';
import type { UnitRef } from '../demands';
import type { LedgerTier, LedgerUnit } from './ledger-access';
import { columnsOf, type LedgerEntry } from './ledger-columns';
import type { LedgerRow } from './ledger-rows';

/** A township's sub-ledger keeps one folder per village; entries of the township itself last. */
export interface LedgerFolder {
  village: UnitRef | null;
  entries: LedgerEntry[];
}

const TIER_TITLES: Record<LedgerTier, string> = {
  district: '总台账',
  township: '分台账',
  village: '微台账',
};

export function foldersOf(rows: LedgerRow[], entries: LedgerEntry[]): LedgerFolder[] {
  const folders = new Map<string, LedgerFolder>();
  rows.forEach((row, index) => {
    const key = row.village_code ?? '';
    const folder = folders.get(key) ?? {
      village: row.village_code ? { code: row.village_code, name: row.village_name ?? null } : null,
      entries: [],
    };
    folder.entries.push(entries[index]!);
    folders.set(key, folder);
  });
  return [...folders.values()].sort((a, b) =>
    a.village === null ? 1 : b.village === null ? -1 : a.village.code.localeCompare(b.village.code),
  );
}

/**
 * The JSON answer of `GET /api/ledgers/{tier}`: `total` counts every entry the text filter
 * kept, `rows` may be one page of them (then `page` and `pageSize` say which).
 */
export function ledgerJson(
  unit: LedgerUnit,
  month: string | null,
  entries: LedgerEntry[],
  folders: LedgerFolder[] | null,
  shown: { total: number; page?: { page: number; pageSize: number } } = {
    total: entries.length,
  },
) {
  const columns = columnsOf(unit.tier).map(({ key, label }) => ({ key, label }));
  const base = {
    tier: unit.tier,
    title: TIER_TITLES[unit.tier],
    unit: { code: unit.code, name: unit.name },
    month,
    columns,
    total: shown.total,
    ...shown.page,
  };
  return folders
    ? {
        ...base,
        folders: folders.map((folder) => ({
          village: folder.village,
          rows: folder.entries.map((entry) => entry.json),
        })),
      }
    : { ...base, rows: entries.map((entry) => entry.json) };
}

/** Excel refuses `[]:*?/\` in sheet names and more than 31 characters; names must differ. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || '台账';
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base}(${n})`;
  taken.add(name);
  return name;
}

/**
 * The ledger as the clerk's workbook: one sheet (a township's: one per village folder and one
 * for the township itself, 乡镇本级), a header row of the Chinese column names, frozen and
 * filterable, then one row per entry.
 */
export async function ledgerWorkbook(
  unit: LedgerUnit,
  month: string | null,
  entries: LedgerEntry[],
  folders: LedgerFolder[] | null,
  created: Date,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '民生诉求办理系统';
  workbook.created = created;
  workbook.title = `${unit.name}${TIER_TITLES[unit.tier]}${month ? `（${month}）` : ''}`;
  const columns = columnsOf(unit.tier);
  const taken = new Set<string>();
  const sheets = folders
    ? folders.map((folder) => ({
        name: folder.village?.name ?? '乡镇本级',
        entries: folder.entries,
      }))
    : [{ name: TIER_TITLES[unit.tier], entries }];
  if (sheets.length === 0) sheets.push({ name: TIER_TITLES[unit.tier], entries: [] });
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheetName(sheet.name, taken), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    worksheet.columns = columns.map((column) => ({
      header: column.label,
      key: column.key,
      width: column.width,
    }));
    worksheet.getRow(1).font = { bold: true };
    for (const entry of sheet.entries) worksheet.addRow(entry.cells);
    worksheet.getColumn('content').alignment = { wrapText: true, vertical: 'top' };
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
