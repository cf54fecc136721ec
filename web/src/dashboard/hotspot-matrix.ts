import type { Hotspots } from '../api/stats';
import type { UnitRef } from '../api/types';
import type { HeatCells } from './chart-options';

/** Villages of a busy township can be many: the heat map shows the busiest ones. */
export const MAX_PLACES = 25;

/**
 * The heat map's grid: places (busiest first; with `allPlaces`, every one of them, quiet ones
 * as empty rows, so the whole org tree level is seen) × the domains with demands there.
 */
export function hotspotMatrix(hotspots: Hotspots, allPlaces: UnitRef[] = []): HeatCells {
  const byDomain = new Map<string, { label: string; total: number }>();
  for (const place of hotspots.places) {
    for (const d of place.domains) {
      const key = String(d.domain);
      const entry = byDomain.get(key) ?? { label: d.label, total: 0 };
      entry.total += d.count;
      byDomain.set(key, entry);
    }
  }
  const domains = [...byDomain.entries()].sort((a, b) => b[1].total - a[1].total);
  const places = [...hotspots.places];
  for (const unit of allPlaces) {
    if (!places.some((p) => p.unit.code === unit.code))
      places.push({ unit, total: 0, domains: [] });
  }
  const shown = places.slice(0, MAX_PLACES);
  const cells: [number, number, number][] = [];
  shown.forEach((place, row) =>
    domains.forEach(([key], column) => {
      const count = place.domains.find((d) => String(d.domain) === key)?.count ?? 0;
      cells.push([column, row, count]);
    }),
  );
  return {
    rows: shown.map((p) => p.unit.name),
    columns: domains.map(([, d]) => d.label),
    cells,
  };
}
