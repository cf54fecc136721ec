import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { restrictToScope } from '../auth';
import type { CitizenColumns, Viewer } from '../demands';
import { API_TIME_ZONE } from '../http';
import type { LedgerTier, LedgerUnit } from './ledger-access';

/** One entry of a ledger as stored: the tier view's row and the demand's columns it shows. */
export interface LedgerRow extends CitizenColumns {
  demand_id: string;
  code: string;
  channel: string;
  content_normalised: string;
  category: string | null;
  domain: string | null;
  status: string;
  received_at: Date;
  accused_unit_code: string | null;
  responsible_unit_code: string | null;
  responsible_unit_name: string | null;
  assigned_at: Date | null;
  due_at: Date | null;
  resolved_at: Date | null;
  satisfaction: string | null;
  archived_at: Date | null;
  township_code?: string | null;
  township_name?: string | null;
  village_code?: string | null;
  village_name?: string | null;
  grid_code?: string | null;
  grid_name?: string | null;
  handler_name?: string | null;
}

/** The derived ledger view of each tier (migration 003) and the folder columns it adds. */
const VIEWS: Record<LedgerTier, { view: string; folders: string[] }> = {
  district: {
    view: 'district_master_ledger',
    folders: ['township_code', 'township_name', 'village_code', 'village_name'],
  },
  township: { view: 'township_sub_ledger', folders: ['village_code', 'village_name'] },
  village: { view: 'village_micro_ledger', folders: ['grid_code', 'grid_name', 'handler_name'] },
};

/** `2026-03` as the half-open Beijing interval of its receipt times. */
export function monthInterval(month: string): { start: Date; end: Date } | undefined {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return undefined;
  const start = DateTime.fromISO(`${month}-01`, { zone: API_TIME_ZONE });
  return { start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
}

/**
 * The entries of one unit's ledger at one tier, oldest first, optionally of the demands
 * received in one month. The caller's scope narrows it too (a department reads only its own
 * demands in the district's master ledger; a grid only its own in the village's).
 */
export async function ledgerRows(
  knex: Knex,
  viewer: Viewer,
  unit: LedgerUnit,
  month: { start: Date; end: Date } | null,
): Promise<LedgerRow[]> {
  const { view, folders } = VIEWS[unit.tier];
  const query = knex(`${view} as l`)
    .join('demands as d', 'd.id', 'l.demand_id')
    .leftJoin('demand_clocks as rc', (join) =>
      join.on('rc.demand_id', 'd.id').andOnVal('rc.kind', 'resolution'),
    )
    .where('l.unit_code', unit.code)
    .select(
      'l.demand_id',
      'd.code',
      'd.channel',
      'd.content_normalised',
      'd.category',
      'd.domain',
      'd.status',
      'd.received_at',
      'd.accused_unit_code',
      'l.responsible_unit_code',
      'l.responsible_unit_name',
      knex.raw(
        `(SELECT min(a.assigned_at) FROM assignments a
           WHERE a.demand_id = d.id AND a.role = 'lead') AS assigned_at`,
      ),
      'rc.due_at',
      'd.resolved_at',
      'd.satisfaction',
      'd.archived_at',
      'd.citizen_name_enc',
      'd.citizen_name_masked',
      'd.citizen_phone_enc',
      'd.citizen_phone_masked',
      'd.citizen_id_number_enc',
      'd.citizen_id_number_masked',
      'd.citizen_anonymous',
      ...folders.map((column) => `l.${column}`),
    )
    .orderBy([
      { column: 'd.received_at', order: 'asc' },
      { column: 'd.code', order: 'asc' },
    ]);
  if (month) query.where('d.received_at', '>=', month.start).where('d.received_at', '<', month.end);
  restrictToScope(query, viewer.scope, 'd');
  const rows = (await query) as LedgerRow[];
  return rows.map((row) => ({ ...row, demand_id: String(row.demand_id) }));
}
