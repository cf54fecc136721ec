import type { Knex } from 'knex';
import type { DemandPlacement } from '../auth';
import type { CitizenColumns } from './citizen-view';

/** One demand as lists and details read it: its columns and the names of the units it names. */
export interface DemandRow extends CitizenColumns {
  id: string;
  code: string;
  channel: string;
  channel_ticket_id: string | null;
  status: string;
  received_at: Date;
  submitted_at: Date | null;
  content_original: string;
  content_normalised: string;
  address: string | null;
  location_unit_code: string | null;
  location_unit_name: string | null;
  category: string | null;
  domain: string | null;
  tier: string | null;
  lead_unit_code: string | null;
  lead_unit_name: string | null;
  screening_outcome: string | null;
  screening_reason_code: string | null;
  screening_explanation: string | null;
  diverted_to: string | null;
  duplicate_of_code: string | null;
  duplicate_group_id: string | null;
  accused_unit_code: string | null;
  accused_unit_name: string | null;
  is_petition: boolean;
  suggestion: Record<string, unknown> | null;
  result: string | null;
  resolved_at: Date | null;
  satisfaction: string | null;
  unsatisfied_count: number;
  archived_at: Date | null;
  process_instance_key: string | null;
  district_code: string | null;
  township_code: string | null;
  village_code: string | null;
  grid_code: string | null;
  responsible_unit_code: string | null;
  resolution_due_at: Date | null;
  overdue: boolean;
  /** Units the demand is or was assigned to, for the scope check of one demand. */
  assigned_unit_codes: string[];
}

/**
 * The resolution clock is overdue when it is past due and still counting: a paused clock waits
 * for the citizen and a stopped one has ended, so neither is overdue.
 */
export function overdueSql(clockAlias: string, nowParam = '?'): string {
  return `(${clockAlias}.due_at < ${nowParam} AND ${clockAlias}.stopped_at IS NULL
           AND ${clockAlias}.state IN ('running', 'breached'))`;
}

/**
 * The demands query every view starts from (alias `d`): the lead unit is the active lead
 * assignment, else the responsible unit.
 */
export function demandQuery(knex: Knex): Knex.QueryBuilder {
  return knex('demands as d')
    .leftJoin('org_units as loc', 'loc.code', 'd.location_unit_code')
    .leftJoin('assignments as lead', (join) =>
      join
        .on('lead.demand_id', 'd.id')
        .andOnVal('lead.role', 'lead')
        .andOnVal('lead.status', 'active'),
    )
    .leftJoin(
      'org_units as leadu',
      'leadu.code',
      knex.raw('coalesce(lead.unit_code, d.responsible_unit_code)'),
    )
    .leftJoin('org_units as accused', 'accused.code', 'd.accused_unit_code')
    .leftJoin('demands as dup', 'dup.id', 'd.duplicate_of_demand_id')
    .leftJoin('demand_clocks as rc', (join) =>
      join.on('rc.demand_id', 'd.id').andOnVal('rc.kind', 'resolution'),
    );
}

/** The columns of `DemandRow`, for `demandQuery`. */
export function demandColumns(knex: Knex, now: Date): (string | Knex.Raw)[] {
  return [
    'd.id',
    'd.code',
    'd.channel',
    'd.channel_ticket_id',
    'd.status',
    'd.received_at',
    'd.submitted_at',
    'd.content_original',
    'd.content_normalised',
    'd.address',
    'd.location_unit_code',
    'loc.name as location_unit_name',
    'd.category',
    'd.domain',
    'd.tier',
    knex.raw('coalesce(lead.unit_code, d.responsible_unit_code) AS lead_unit_code'),
    'leadu.name as lead_unit_name',
    'd.screening_outcome',
    'd.screening_reason_code',
    'd.screening_explanation',
    'd.diverted_to',
    'dup.code as duplicate_of_code',
    'd.duplicate_group_id',
    'd.accused_unit_code',
    'accused.name as accused_unit_name',
    'd.is_petition',
    'd.suggestion',
    'd.result',
    'd.resolved_at',
    'd.satisfaction',
    'd.unsatisfied_count',
    'd.archived_at',
    'd.process_instance_key',
    'd.district_code',
    'd.township_code',
    'd.village_code',
    'd.grid_code',
    'd.responsible_unit_code',
    'd.citizen_name_enc',
    'd.citizen_name_masked',
    'd.citizen_phone_enc',
    'd.citizen_phone_masked',
    'd.citizen_id_number_enc',
    'd.citizen_id_number_masked',
    'd.citizen_anonymous',
    'rc.due_at as resolution_due_at',
    knex.raw(`coalesce(${overdueSql('rc')}, false) AS overdue`, [now]),
    knex.raw(
      `array(SELECT DISTINCT a.unit_code FROM assignments a WHERE a.demand_id = d.id)
         AS assigned_unit_codes`,
    ),
  ];
}

/** Keys come back from PostgreSQL as strings (bigint); normalise the ones the views pass on. */
export function normaliseRow(row: DemandRow): DemandRow {
  return {
    ...row,
    id: String(row.id),
    duplicate_group_id: row.duplicate_group_id === null ? null : String(row.duplicate_group_id),
    process_instance_key:
      row.process_instance_key === null ? null : String(row.process_instance_key),
  };
}

export async function findDemandRows(
  knex: Knex,
  now: Date,
  where: (query: Knex.QueryBuilder) => void,
): Promise<DemandRow[]> {
  const query = demandQuery(knex).select(demandColumns(knex, now));
  where(query);
  const rows = (await query) as DemandRow[];
  return rows.map(normaliseRow);
}

export async function findDemandByCode(
  knex: Knex,
  code: string,
  now: Date,
): Promise<DemandRow | undefined> {
  const [row] = await findDemandRows(knex, now, (query) => query.where('d.code', code));
  return row;
}

/** Where the demand stands, for `isInScope`. */
export function placementOf(row: DemandRow): DemandPlacement {
  return {
    districtCode: row.district_code,
    townshipCode: row.township_code,
    villageCode: row.village_code,
    gridCode: row.grid_code,
    assignedUnitCodes: [
      ...row.assigned_unit_codes,
      ...(row.responsible_unit_code ? [row.responsible_unit_code] : []),
    ],
  };
}
