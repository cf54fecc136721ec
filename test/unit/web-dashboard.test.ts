import type { Forecast, Hotspots, Overview } from '../../web/src/api/stats';
import {
  defaultFilters,
  fromRouteQuery,
  toRouteQuery,
} from '../../web/src/dashboard/dashboard-query';
import { forecastRows, formatMape, formatMase } from '../../web/src/dashboard/forecast-rows';
import { hotspotMatrix } from '../../web/src/dashboard/hotspot-matrix';
import { kpisOf, percent } from '../../web/src/dashboard/kpis';

/** The dashboard's pure parts: its URL query, headline figures, heat map grid, forecast rows. */
describe('数据看板', () => {
  // 2026-12-03 01:00 Beijing is still 2 December in UTC: days are Beijing's.
  const now = new Date('2026-12-02T17:00:00Z');

  it('defaults to the last twelve months up to today in Beijing, by month', () => {
    expect(defaultFilters(now)).toEqual({
      from: '2026-01-01',
      to: '2026-12-03',
      township: '',
      interval: 'month',
    });
  });

  it('round-trips its filters through the URL and ignores malformed values', () => {
    const filters = {
      from: '2026-03-01',
      to: '2026-03-31',
      township: '511999101',
      interval: 'day',
    };
    expect(fromRouteQuery(toRouteQuery(filters as never), now)).toEqual(filters);
    expect(
      fromRouteQuery(
        { from: '2026-04-01', to: '2026-03-01', township: 'x', interval: 'week' },
        now,
      ),
    ).toEqual(defaultFilters(now));
    expect(toRouteQuery(defaultFilters(now))).not.toHaveProperty('township');
  });

  it('takes resolved and the rates from the server, the resolution rate over the valid ones', () => {
    const overview = {
      total: 10,
      resolved: 3,
      onTimeRate: 0.6667,
      satisfactionRate: null,
      screening: { valid: 6, screenedOut: 2, diverted: 1, pending: 1 },
      byStatus: [
        { status: 'handling', label: '办理中', count: 3 },
        { status: 'awaiting_verification', label: '待验收', count: 1 },
        { status: 'signoff', label: '会签中', count: 0 },
        { status: 'archived', label: '已销号归档', count: 2 },
        { status: 'closed_invalid', label: '无效已说明', count: 2 },
      ],
    } as unknown as Overview;
    const kpis = kpisOf(overview);
    expect(kpis).toMatchObject({
      received: 10,
      valid: 6,
      resolved: 3,
      resolutionRate: 0.5,
      onTimeRate: 0.6667,
      satisfactionRate: null,
    });
    expect(percent(kpis.resolutionRate)).toBe('50.0%');
    expect(percent(2 / 3)).toBe('66.7%');
    expect(
      kpisOf({ ...overview, screening: { ...overview.screening, valid: 0 } }).resolutionRate,
    ).toBeNull();
    expect(percent(null)).toBe('—');
  });

  it('lays hot spots out as places × domains, quiet places of the tree as empty rows', () => {
    const hotspots = {
      places: [
        {
          unit: { code: '2', name: '东城街道' },
          total: 3,
          domains: [
            { domain: 'housing', label: '住房', count: 2 },
            { domain: 'utilities', label: '水电气', count: 1 },
          ],
        },
        {
          unit: { code: '1', name: '西城街道' },
          total: 1,
          domains: [{ domain: 'utilities', label: '水电气', count: 1 }],
        },
      ],
    } as unknown as Hotspots;
    const heat = hotspotMatrix(hotspots, [
      { code: '1', name: '西城街道' },
      { code: '3', name: '南山镇' },
    ]);
    expect(heat.rows).toEqual(['东城街道', '西城街道', '南山镇']);
    expect(heat.columns).toEqual(['住房', '水电气']);
    expect(heat.cells).toEqual([
      [0, 0, 2],
      [1, 0, 1],
      [0, 1, 0],
      [1, 1, 1],
      [0, 2, 0],
      [1, 2, 0],
    ]);
  });

  it('lists the area totals first, every forecast with its back-tested error', () => {
    const series = (label: string, value: number | null, mape: number | null) => ({
      domain: label,
      label,
      history: [],
      forecast: {
        month: '2026-12',
        value,
        method: value === null ? null : 'holt_winters',
        mape,
        mase: 0.734,
        mae: 1.2,
      },
      backtest: [],
    });
    const forecast = {
      totals: [series('housing', 12.5, 8.1)],
      series: [
        { ...series('housing', null, null), township: { code: '1', name: '西城街道' } },
        { ...series('housing', 12.5, 8.1), township: { code: '2', name: '东城街道' } },
      ],
    } as unknown as Forecast;
    const rows = forecastRows(forecast, '示范区');
    expect(rows.map((r) => [r.place, r.total, r.value, r.error.mape])).toEqual([
      ['示范区', true, 12.5, 8.1],
      ['西城街道', false, null, null],
      ['东城街道', false, 12.5, 8.1],
    ]);
    // One township's own forecast: its totals are its series, listed once.
    const one = { ...forecast, series: forecast.series.slice(0, 1) };
    expect(forecastRows(one, '西城街道').map((r) => r.place)).toEqual(['西城街道']);
    expect([formatMape(8.1), formatMase(0.734), formatMape(null), formatMase(null)]).toEqual([
      '8.1%',
      '0.73',
      '—',
      '—',
    ]);
  });
});
