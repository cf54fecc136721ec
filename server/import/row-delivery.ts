import { createHash } from 'node:crypto';
import type { Channel } from '../../domain/demand';
import { IMPORT_FIELDS, type ColumnMap, type ImportField } from './columns';
import { reasons, type RowReason } from './row-reasons';
import { cellText, type CellValue, type SheetRow } from './sheet-row';
import type { UnitCells } from './unit-directory';

/** The channels a questionnaire or visit sheet delivers, and how clerks write them in 来源. */
export const IMPORT_CHANNELS = [
  'questionnaire',
  'door_visit',
] as const satisfies readonly Channel[];
export type ImportChannel = (typeof IMPORT_CHANNELS)[number];

const CHANNEL_WORDS: Record<string, ImportChannel> = {
  问卷: 'questionnaire',
  问卷调查: 'questionnaire',
  调查问卷: 'questionnaire',
  questionnaire: 'questionnaire',
  走访: 'door_visit',
  入户走访: 'door_visit',
  上门走访: 'door_visit',
  入户: 'door_visit',
  door_visit: 'door_visit',
  doorvisit: 'door_visit',
};

export function channelOfWord(word: string): ImportChannel | undefined {
  return CHANNEL_WORDS[word.replace(/\s+/g, '').toLowerCase()];
}

/** A row turned into what a channel would send to `POST /api/demands`, before validation. */
export interface RowDelivery {
  channel: ImportChannel | null;
  ticket: string;
  /** The intake body (API.md); `parseIntakeInput` checks it like any delivery. */
  body: Record<string, unknown>;
  units: UnitCells;
  visitor: string | null;
  /** Problems found before the intake rules run (channel, ticket, ID number cell). */
  problems: RowReason[];
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A wall-clock time in Beijing as the contract's ISO text with offset. */
function beijingIso(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string {
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+08:00`;
}

/** Excel day numbers of 1950-01-01 and 2100-01-01: a bare number in that range is a date. */
const EXCEL_SERIAL_MIN = 18_264;
const EXCEL_SERIAL_MAX = 73_051;

const CHINESE_DATE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]*(\d{1,2})\s*[:：时点]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?\s*[秒分]?)?$/;

/**
 * The 日期 cell as the contract's `submittedAt`: the clerk's dates are Beijing dates (a day
 * without a time is its start). Excel stores a date as a wall-clock time with no zone, which
 * exceljs hands over as that time in UTC. Anything unrecognised is passed on as written, so
 * the intake's own rule rejects it.
 */
export function submittedAtOf(value: CellValue): string | null {
  if (value === null) return null;
  if (value instanceof Date) {
    return beijingIso(
      value.getUTCFullYear(),
      value.getUTCMonth() + 1,
      value.getUTCDate(),
      value.getUTCHours(),
      value.getUTCMinutes(),
      value.getUTCSeconds(),
    );
  }
  if (typeof value === 'number' && value >= EXCEL_SERIAL_MIN && value < EXCEL_SERIAL_MAX) {
    // A date cell read without its number format: days since 1899-12-30, time as the fraction.
    return submittedAtOf(new Date(Date.UTC(1899, 11, 30) + Math.round(value * 86_400) * 1000));
  }
  const text = cellText(value);
  if (text === '') return null;
  const compactDay = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compactDay)
    return beijingIso(Number(compactDay[1]), Number(compactDay[2]), Number(compactDay[3]));
  const written = CHINESE_DATE.exec(text);
  if (!written) return text;
  const [, y, mo, d, h, mi, s] = written.map((part) =>
    part === undefined ? undefined : Number(part),
  );
  return beijingIso(y!, mo!, d!, h ?? 0, mi ?? 0, s ?? 0);
}

const YES = ['是', '匿名', 'y', 'yes', 'true', '1'];
const NO = ['否', '不匿名', 'n', 'no', 'false', '0'];

function anonymousOf(text: string): boolean | string | undefined {
  if (text === '') return undefined;
  const word = text.toLowerCase();
  if (YES.includes(word)) return true;
  if (NO.includes(word)) return false;
  return text; // not a yes or no: the intake rule rejects it
}

/**
 * The channel ticket of a file without a 编号 column: a digest of the file's name and the row's
 * cells, so the same row of the same file is the same demand however often it is imported,
 * and inserting rows above it changes nothing. It is a digest of free text with the rest, not
 * a way to look up a phone number.
 */
export function rowDigestTicket(
  fileName: string,
  texts: Partial<Record<ImportField, string>>,
): string {
  const canonical = JSON.stringify([fileName, ...IMPORT_FIELDS.map((field) => texts[field] ?? '')]);
  return `row-${createHash('sha256').update(canonical).digest('hex').slice(0, 40)}`;
}

export function rowDelivery(
  row: SheetRow,
  columns: ColumnMap,
  options: { fileName: string; defaultChannel: ImportChannel | null },
): RowDelivery {
  const cell = (field: ImportField): CellValue =>
    columns[field] === undefined ? null : (row.cells[columns[field]] ?? null);
  const texts: Partial<Record<ImportField, string>> = {};
  for (const field of IMPORT_FIELDS) {
    if (columns[field] !== undefined) texts[field] = cellText(cell(field));
  }
  const text = (field: ImportField) => texts[field] ?? '';
  const problems: RowReason[] = [];

  let channel: ImportChannel | null = options.defaultChannel;
  if (text('channel') !== '') {
    channel = channelOfWord(text('channel')) ?? null;
    if (!channel) problems.push(reasons.unknownChannel());
  } else if (!channel) {
    problems.push(reasons.missingChannel());
  }

  let ticket: string;
  if (columns.ticket !== undefined) {
    ticket = text('ticket');
    if (ticket === '') problems.push(reasons.missingTicket());
  } else {
    ticket = rowDigestTicket(options.fileName, texts);
  }

  // An 18-digit number cell has lost its last digits (Excel keeps 15): say so, not "checksum".
  const idCell = cell('idNumber');
  if (typeof idCell === 'number') problems.push(reasons.idNumberAsNumber());

  const optional = (field: ImportField) => (text(field) === '' ? undefined : text(field));
  const body: Record<string, unknown> = {
    externalId: ticket === '' ? undefined : ticket,
    submittedAt: submittedAtOf(cell('date')) ?? undefined,
    citizen: {
      name: optional('name'),
      phone: optional('phone'),
      idNumber: typeof idCell === 'number' ? undefined : optional('idNumber'),
      anonymous: anonymousOf(text('anonymous')),
    },
    content: text('content'),
    location: { address: optional('address') },
  };
  return {
    channel,
    ticket,
    body,
    units: { township: text('township'), village: text('village'), grid: text('grid') },
    visitor: optional('visitor') ?? null,
    problems,
  };
}
