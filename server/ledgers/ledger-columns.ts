import { DateTime } from 'luxon';
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  DOMAIN_LABELS,
  SATISFACTION_LABELS,
  STATUS_LABELS,
} from '../../domain/demand';
import {
  citizenCell,
  citizenView,
  createCitizenRedactor,
  NO_REDACTION,
  unitRef,
  withholdsCitizen,
  type ViewContext,
} from '../demands';
import { API_TIME_ZONE, isoWithOffset } from '../http';
import type { LedgerTier } from './ledger-access';
import type { LedgerRow } from './ledger-rows';

export interface LedgerColumn {
  key: string;
  label: string;
  /** Column width in the spreadsheet, in characters. */
  width: number;
}

/** The columns a ledger clerk keeps, in their order; every row starts with the code (编号). */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { key: 'code', label: '编号', width: 22 },
  { key: 'channel', label: '来源渠道', width: 12 },
  { key: 'citizen', label: '诉求人(脱敏)', width: 20 },
  { key: 'content', label: '诉求内容', width: 50 },
  { key: 'category', label: '类别', width: 10 },
  { key: 'domain', label: '领域', width: 12 },
  { key: 'responsibleUnit', label: '责任单位', width: 22 },
  { key: 'assignedAt', label: '交办时间', width: 17 },
  { key: 'dueAt', label: '办理时限', width: 17 },
  { key: 'progress', label: '办理进度', width: 12 },
  { key: 'resolvedAt', label: '办结时间', width: 17 },
  { key: 'satisfaction', label: '群众评价', width: 10 },
  { key: 'closedAt', label: '销号时间', width: 17 },
];

/** What each tier adds: where in the district (master), down to grid and handler (micro). */
const FOLDER_COLUMNS: Record<LedgerTier, readonly LedgerColumn[]> = {
  district: [
    { key: 'township', label: '乡镇（街道）', width: 14 },
    { key: 'village', label: '村（社区）', width: 14 },
  ],
  township: [],
  village: [
    { key: 'grid', label: '网格', width: 14 },
    { key: 'handler', label: '承办人', width: 12 },
  ],
};

export function columnsOf(tier: LedgerTier): LedgerColumn[] {
  return [...LEDGER_COLUMNS, ...FOLDER_COLUMNS[tier]];
}

const label = <K extends string>(labels: Record<K, string>, code: string | null) =>
  code === null ? '' : (labels[code as K] ?? code);

/**
 * A ledger time as clerks write it: Beijing minutes, cut from the API's time with offset (its
 * fixed +08:00 path: a zone lookup per cell cost more than the rest of a month's ledger).
 */
export function ledgerTime(value: Date | null): string {
  if (!value) return '';
  const iso = isoWithOffset(value);
  return iso.endsWith('+08:00')
    ? iso.slice(0, 16).replace('T', ' ')
    : DateTime.fromJSDate(value).setZone(API_TIME_ZONE).toFormat('yyyy-MM-dd HH:mm');
}

/**
 * One ledger entry as JSON and as spreadsheet cells. The complainant rule holds here as on
 * every surface: for the accused unit (and below) the citizen is withheld and the content
 * loses the citizen's name and numbers.
 */
export function ledgerEntry(context: ViewContext, tier: LedgerTier, row: LedgerRow) {
  const withheld = withholdsCitizen(context.viewer, row.accused_unit_code);
  const redactor = withheld ? createCitizenRedactor(context.cipher, row) : NO_REDACTION;
  const content = redactor.text(row.content_normalised);
  const folders =
    tier === 'district'
      ? {
          township: unitRef(row.township_code ?? null, row.township_name ?? null),
          village: unitRef(row.village_code ?? null, row.village_name ?? null),
        }
      : tier === 'village'
        ? {
            grid: unitRef(row.grid_code ?? null, row.grid_name ?? null),
            handler: row.handler_name ?? null,
          }
        : {};
  const json = {
    code: row.code,
    channel: row.channel,
    citizen: citizenView(row, withheld),
    content,
    category: row.category,
    domain: row.domain,
    responsibleUnit: unitRef(row.responsible_unit_code, row.responsible_unit_name),
    assignedAt: isoWithOffset(row.assigned_at),
    dueAt: isoWithOffset(row.due_at),
    status: row.status,
    resolvedAt: isoWithOffset(row.resolved_at),
    satisfaction: row.satisfaction,
    closedAt: isoWithOffset(row.archived_at),
    labels: {
      channel: label(CHANNEL_LABELS, row.channel),
      category: label(CATEGORY_LABELS, row.category),
      domain: label(DOMAIN_LABELS, row.domain),
      progress: label(STATUS_LABELS, row.status),
      satisfaction: label(SATISFACTION_LABELS, row.satisfaction),
    },
    ...folders,
  };
  // The workbook's cells, written out only for an export (the JSON answer never reads them).
  const cells = (): Record<string, string> => ({
    code: row.code,
    channel: json.labels.channel,
    citizen: citizenCell(row, withheld),
    content,
    category: json.labels.category,
    domain: json.labels.domain,
    responsibleUnit: row.responsible_unit_name ?? '',
    assignedAt: ledgerTime(row.assigned_at),
    dueAt: ledgerTime(row.due_at),
    progress: json.labels.progress,
    resolvedAt: ledgerTime(row.resolved_at),
    satisfaction: json.labels.satisfaction,
    closedAt: ledgerTime(row.archived_at),
    township: row.township_name ?? '',
    village: row.village_name ?? '',
    grid: row.grid_name ?? '',
    handler: row.handler_name ?? '',
  });
  return {
    json,
    get cells() {
      return cells();
    },
  };
}

export type LedgerEntry = ReturnType<typeof ledgerEntry>;

/**
 * What the ledger page's text filter searches in an entry: code, content, progress (label and
 * code). The content as this viewer reads it, so the accused unit cannot find a withheld
 * complainant by typing their name; built without the rest of the entry, for every row.
 */
export function ledgerSearchText(context: ViewContext, row: LedgerRow): string {
  const withheld = withholdsCitizen(context.viewer, row.accused_unit_code);
  const content = withheld
    ? createCitizenRedactor(context.cipher, row).text(row.content_normalised)
    : row.content_normalised;
  return [row.code, content, label(STATUS_LABELS, row.status), row.status].join(' ');
}
