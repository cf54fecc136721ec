import type { Measured } from './page-visits';

/** The requirement: each page shows the month's data in under a second. */
export const PAGE_BUDGET_MS = 1000;

/** Columns padded by display width (a CJK character takes two). */
function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += /[\u2E80-\uFFEF]/.test(char) ? 2 : 1;
  return columns;
}
const pad = (text: string, columns: number) =>
  text + ' '.repeat(Math.max(0, columns - width(text)));

export function printTable(
  results: Measured[],
  run: {
    demands: number;
    ledgerEvents: number;
    tasks: number;
    month: string;
    rounds: number;
    mainChunkKb: number;
  },
): void {
  const header = ['page', 'role', 'data size', 'load ms', 'slowest API call ms', ''];
  const rows = results.map((r) => [
    r.page,
    r.user,
    r.size || '-',
    r.shown ? String(r.loadMs) : `> ${r.loadMs} (not shown)`,
    r.slowestApi ? `${r.slowestApi.ms} ${r.slowestApi.path.slice(0, 60)}` : '-',
    r.loadMs >= PAGE_BUDGET_MS ? '≥ 1 s' : '',
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => width(row[i]!))));
  const line = (row: string[]) => `| ${row.map((cell, i) => pad(cell, widths[i]!)).join(' | ')} |`;
  console.log(
    `\nmonth ${run.month}: ${run.demands} demands, ${run.ledgerEvents} ledger events, ` +
      `${run.tasks} open tasks through the engine; median of ${run.rounds} loads per page; ` +
      `web main chunk ${run.mainChunkKb} kB`,
  );
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
  const slow = results.filter((r) => r.loadMs >= PAGE_BUDGET_MS).length;
  console.log(`\n${slow} of ${results.length} pages at 1 s or more.`);
}
