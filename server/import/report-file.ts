import { writeFile } from 'node:fs/promises';
import type { RowOutcome } from './import-demands';

const REPORT_HEADER = [
  '行号 (row)',
  '编号 (ticket)',
  '原因代码 (code)',
  '原因 (reason)',
  '说明 (detail)',
];

/** A CSV cell; a leading = + - @ is quoted away so a spreadsheet never runs it as a formula. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The rejected rows as a CSV a clerk opens in Excel (UTF-8 with a byte order mark, CRLF): one
 * line per row with its spreadsheet row number, its ticket when the file has 编号, and every
 * reason. Never the row's personal data: the clerk has the sheet.
 */
export async function writeRejectionReport(
  file: string,
  rejected: readonly RowOutcome[],
  options: { digestTickets: boolean },
): Promise<void> {
  const lines = [REPORT_HEADER.map(csvCell).join(',')];
  for (const outcome of rejected) {
    if (outcome.kind !== 'rejected') continue;
    const { reasons } = outcome;
    lines.push(
      [
        outcome.row,
        options.digestTickets ? '' : outcome.ticket,
        reasons.map((reason) => reason.code).join(' '),
        reasons.map((reason) => reason.zh).join('；'),
        reasons.map((reason) => reason.detail).join(' '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  await writeFile(file, `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
