/** A cell as a reader delivers it: text from CSV; text, numbers, dates or booleans from Excel. */
export type CellValue = string | number | boolean | Date | null;

/** One row of the first sheet, numbered as the spreadsheet shows it (the first row is 1). */
export interface SheetRow {
  number: number;
  cells: CellValue[];
}

/** A file that cannot be imported at all (unreadable, not a sheet, missing column): exit 2. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

/** The cell as trimmed text: numbers without exponent or grouping, dates as ISO text. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'number') {
    return Number.isSafeInteger(value)
      ? String(value)
      : value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
  }
  return String(value).trim();
}

export function isBlankRow(row: SheetRow): boolean {
  return row.cells.every((cell) => cellText(cell) === '');
}
