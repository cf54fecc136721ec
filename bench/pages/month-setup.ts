/**
 * Where and when the bench's month happens: the calendar month (Beijing) before today, in the
 * demo district that `npm start` imports, among the county demo's eight villages with the demo
 * village login's own village first (its 工作台 and 微台账 are the ones opened).
 */
import { generateDemoDistrict } from '../../domain/org';
import { demoVillages } from '../../scripts/demo/demo-org';
import type { MonthClock, MonthPlace } from './month-rows';

const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;

export function lastMonth(now: Date): { month: string; clock: MonthClock } {
  const beijing = new Date(now.getTime() + BEIJING);
  const year = beijing.getUTCFullYear();
  const month = beijing.getUTCMonth(); // this month, 0-based: last month is month - 1
  const start = Date.UTC(year, month - 1, 1) - BEIJING;
  const end = Date.UTC(year, month, 1) - BEIJING;
  const first = new Date(start + BEIJING);
  const label = first.toISOString().slice(0, 7);
  return {
    month: label,
    clock: {
      start,
      days: Math.round((end - start) / DAY),
      elapsedDays: Math.floor((now.getTime() - start) / DAY),
      codeDay: (day) =>
        new Date(start + BEIJING + (day - 1) * DAY).toISOString().slice(0, 10).replace(/-/g, ''),
    },
  };
}

export function demoPlace(villageCode: string): MonthPlace & { grid: string } {
  const demo = generateDemoDistrict();
  const townships = demo.children ?? [];
  const township = townships.find((t) => (t.children ?? []).some((v) => v.code === villageCode))!;
  const village = township.children!.find((v) => v.code === villageCode)!;
  const own = {
    code: village.code,
    township: township.code,
    grid: village.grids?.[0]?.code ?? village.code,
  };
  return {
    district: demo.code,
    city: demo.city!.code,
    villages: [own, ...demoVillages.filter((v) => v.code !== own.code)],
    department: (domain) =>
      (demo.departments ?? []).find((d) => d.domains.includes(domain))?.code ?? demo.code,
    grid: own.grid,
  };
}
