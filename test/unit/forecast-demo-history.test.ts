import { DOMAINS } from '../../domain/demand';
import {
  forecastSeries,
  generateDemoHistory,
  monthOfYear,
  monthsBefore,
  type MonthlyDemandCount,
} from '../../domain/forecast';
import { generateDemoDistrict } from '../../domain/org';

const district = generateDemoDistrict();
const townships = district.children!.map((t) => ({ code: t.code, kind: t.kind }));
const months = monthsBefore('2026-12', 24);
const rows = generateDemoHistory({ townships, months, seed: 12345 });

/** District-wide monthly totals of one domain (or all), oldest first. */
function totals(domain?: string): number[] {
  return months.map((month) =>
    rows
      .filter((r) => r.month === month && (domain === undefined || r.domain === domain))
      .reduce((sum, r) => sum + r.count, 0),
  );
}

function meanOf(series: number[], inMonths: number[]): number {
  const picked = series.filter((_, i) => inMonths.includes(monthOfYear(months[i]!)));
  return picked.reduce((a, b) => a + b, 0) / picked.length;
}

/** Mean of the months whose calendar month is in `inMonths`, against the mean of the others. */
function peakRatio(series: number[], inMonths: number[]): number {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const inside = series.filter((_, i) => inMonths.includes(monthOfYear(months[i]!)));
  const outside = series.filter((_, i) => !inMonths.includes(monthOfYear(months[i]!)));
  return mean(inside) / mean(outside);
}

describe('the demo history', () => {
  it('has one count per township, domain and month of the two years before', () => {
    expect(months[0]).toBe('2024-12');
    expect(months[23]).toBe('2026-11');
    expect(rows).toHaveLength(townships.length * DOMAINS.length * 24);
    expect(rows.every((r) => Number.isInteger(r.count) && r.count >= 0)).toBe(true);
    const keys = new Set(
      rows.map((r: MonthlyDemandCount) => `${r.townshipCode} ${r.domain} ${r.month}`),
    );
    expect(keys.size).toBe(rows.length);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(generateDemoHistory({ townships, months, seed: 12345 })).toEqual(rows);
    expect(generateDemoHistory({ townships, months, seed: 7 })).not.toEqual(rows);
  });

  it('shows the seasons staff know', () => {
    // School enrolment, flood season, summer noise, wage arrears before the Spring Festival.
    expect(peakRatio(totals('education'), [7, 8, 9])).toBeGreaterThan(2);
    expect(peakRatio(totals('utilities'), [6, 7, 8, 9])).toBeGreaterThan(1.4);
    expect(peakRatio(totals('land'), [6, 7, 8, 9])).toBeGreaterThan(1.4);
    expect(peakRatio(totals('environment'), [6, 7, 8])).toBeGreaterThan(1.5);
    expect(peakRatio(totals('social_security'), [12, 1])).toBeGreaterThan(1.6);
    // Heating: utilities are higher in the cold months than in spring and autumn.
    const utilities = totals('utilities');
    expect(meanOf(utilities, [11, 12, 1])).toBeGreaterThan(1.2 * meanOf(utilities, [3, 4, 10]));
    // The Spring Festival: February is the quietest month of each year.
    const all = totals();
    for (const year of ['2025', '2026']) {
      const ofYear = months
        .map((m, i) => [m, all[i]!] as const)
        .filter(([m]) => m.startsWith(year));
      const february = ofYear.find(([m]) => m.endsWith('-02'))![1];
      expect(Math.min(...ofYear.map(([, n]) => n))).toBe(february);
    }
  });

  it('is forecast with its season: more education demands for August than for May', () => {
    const education = totals('education');
    // Months run Dec 2024 … Nov 2026; the 20 months up to July 2026 forecast August 2026.
    const august = forecastSeries(education.slice(0, 20)).value!;
    const may = forecastSeries(education.slice(0, 17)).value!;
    expect(august).toBeGreaterThan(1.8 * may);
  });
});
