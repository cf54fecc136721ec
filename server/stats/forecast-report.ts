import type { Knex } from 'knex';
import { DOMAIN_LABELS, type Domain } from '../../domain/demand';
import { forecastSeries, monthsBefore, type SeriesForecast } from '../../domain/forecast';
import { monthlyCounts } from './monthly-counts';
import type { StatsArea } from './stats-area';

/** How far back a series reaches: three years (it starts at the area's first month with data). */
export const FORECAST_HISTORY_MONTHS = 36;

const round = (value: number | null, digits: number) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

/** A forecast as the API shows it: the value with the back-tested error of its method. */
function shown(month: string, result: SeriesForecast) {
  return {
    forecast: {
      month,
      value: round(result.value, 1),
      method: result.method,
      mape: round(result.mape, 1),
      mase: round(result.mase, 3),
      mae: round(result.mae, 2),
    },
    backtest: result.backtests.map((b) => ({
      method: b.method,
      months: b.points.length,
      mape: round(b.mape, 1),
      mase: round(b.mase, 3),
      mae: round(b.mae, 2),
    })),
  };
}

function describe(month: string, months: readonly string[], values: number[]) {
  return {
    history: months.map((m, i) => ({ month: m, count: values[i] as number })),
    ...shown(month, forecastSeries(values)),
  };
}

/**
 * The forecast of `month` for every township × domain series of the area and for each domain's
 * total (its own series, not the sum of the townships' forecasts), from the complete months
 * before it. Series without any demand are left out.
 */
export async function forecastReport(
  knex: Knex,
  area: StatsArea,
  month: string,
  domain: Domain | null,
) {
  const window = monthsBefore(month, FORECAST_HISTORY_MONTHS);
  const { counts, sources } = await monthlyCounts(knex, area, window);
  const first = window.findIndex((m) => sources.get(m) !== 'none');
  const months = first < 0 ? [] : window.slice(first);
  const position = new Map(months.map((m, i) => [m, i]));

  const bySeries = new Map<string, { township: string; domain: string; values: number[] }>();
  const byDomain = new Map<string, number[]>();
  for (const c of counts) {
    const i = position.get(c.month);
    if (i === undefined || (domain !== null && c.domain !== domain)) continue;
    const totals = byDomain.get(c.domain) ?? months.map(() => 0);
    totals[i] = (totals[i] as number) + c.count;
    byDomain.set(c.domain, totals);
    if (c.townshipCode === null) continue;
    const key = `${c.townshipCode} ${c.domain}`;
    const series = bySeries.get(key) ?? {
      township: c.townshipCode,
      domain: c.domain,
      values: months.map(() => 0),
    };
    series.values[i] = (series.values[i] as number) + c.count;
    bySeries.set(key, series);
  }

  const codes = [...new Set([...bySeries.values()].map((s) => s.township))];
  const names = new Map(
    (await knex('org_units').whereIn('code', codes).select('code', 'name')).map(
      (u: { code: string; name: string }) => [u.code, u.name],
    ),
  );
  const label = (d: string) => DOMAIN_LABELS[d as Domain] ?? d;
  const series = [...bySeries.values()]
    .filter((s) => s.values.some((v) => v > 0))
    .sort((a, b) => a.township.localeCompare(b.township) || a.domain.localeCompare(b.domain))
    .map((s) => ({
      township: { code: s.township, name: names.get(s.township) ?? s.township },
      domain: s.domain,
      label: label(s.domain),
      ...describe(month, months, s.values),
    }));
  const totals = [...byDomain.entries()]
    .filter(([, values]) => values.some((v) => v > 0))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([d, values]) => ({ domain: d, label: label(d), ...describe(month, months, values) }));
  return {
    month,
    months: months.map((m) => ({ month: m, source: sources.get(m) })),
    series,
    totals,
  };
}
