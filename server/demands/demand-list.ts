import type { Knex } from 'knex';
import { restrictToScope } from '../auth';
import {
  demandColumns,
  demandQuery,
  normaliseRow,
  overdueSql,
  type DemandRow,
} from './demand-rows';
import { demandSummary, type ViewContext } from './demand-summary';
import type { DemandListQuery } from './list-query';

/** `%`, `_` and `\` match literally in a LIKE pattern. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

function applyFilters(query: Knex.QueryBuilder, filters: DemandListQuery, now: Date): void {
  const { q, unit } = filters;
  if (q !== null) {
    const escaped = likeEscaped(q);
    query.where((inner) =>
      inner
        .where('d.code', q)
        .orWhere('d.code', 'like', `${escaped}%`)
        .orWhere('d.content_normalised', 'ilike', `%${escaped}%`),
    );
  }
  if (filters.statuses.length > 0) query.whereIn('d.status', filters.statuses);
  if (filters.categories.length > 0) query.whereIn('d.category', filters.categories);
  if (filters.domains.length > 0) query.whereIn('d.domain', filters.domains);
  if (filters.tiers.length > 0) query.whereIn('d.tier', filters.tiers);
  if (unit !== null) {
    query.where((inner) =>
      inner
        .where('lead.unit_code', unit)
        .orWhere('d.responsible_unit_code', unit)
        .orWhere('d.location_unit_code', unit)
        .orWhere('d.grid_code', unit)
        .orWhere('d.village_code', unit)
        .orWhere('d.township_code', unit)
        .orWhere('d.district_code', unit),
    );
  }
  if (filters.from) query.where('d.received_at', '>=', filters.from);
  if (filters.to) query.where('d.received_at', '<', filters.to);
  if (filters.overdue !== null) {
    const overdue = `coalesce(${overdueSql('rc')}, false)`;
    query.whereRaw(filters.overdue ? overdue : `NOT ${overdue}`, [now]);
  }
}

/**
 * `GET /api/demands`: one page of the demands the viewer may see, newest first, and the exact
 * number of them. The scope is part of the query, so `total` never counts what is hidden.
 */
export async function listDemands(
  knex: Knex,
  context: ViewContext,
  filters: DemandListQuery,
  now: Date,
) {
  const base = () => {
    const query = demandQuery(knex);
    restrictToScope(query, context.viewer.scope, 'd');
    applyFilters(query, filters, now);
    return query;
  };
  const [counted] = await base().count<{ total: string }[]>({ total: '*' });
  const rows = (await base()
    .select(demandColumns(knex, now))
    .orderBy([
      { column: 'd.received_at', order: 'desc' },
      { column: 'd.id', order: 'desc' },
    ])
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize)) as DemandRow[];
  return {
    items: rows.map((row) => demandSummary(context, normaliseRow(row))),
    page: { total: Number(counted?.total ?? 0), page: filters.page, pageSize: filters.pageSize },
  };
}
