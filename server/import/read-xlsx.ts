import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ImportFileError, type CellValue, type SheetRow } from './sheet-row';

/** An Excel cell's value as plain data: rich text and links as text, formulas as their result. */
function plainValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.richText)) {
      return (object.richText as Array<{ text?: unknown }>)
        .map((run) => String(run.text ?? ''))
        .join('');
    }
    if ('result' in object) return plainValue(object.result);
    if ('text' in object) return plainValue(object.text);
    if ('error' in object) return null;
  }
  return String(value);
}

/**
 * The rows of the workbook's first worksheet, read as a stream (a large file is never held in
 * memory), with the sheet's own row numbers. Dates need the styles (a date is a number with a
 * date format), so those are kept; links and comments are not.
 */
export async function* readXlsxRows(source: Readable): AsyncGenerator<SheetRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
        const cells: CellValue[] = [];
        // exceljs numbers cells from 1; index 0 is always empty.
        for (let column = 1; column < values.length; column += 1) {
          cells.push(plainValue(values[column]));
        }
        yield { number: row.number, cells };
      }
      return;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`not a readable .xlsx workbook: ${(error as Error).message}`);
  } finally {
    source.destroy();
  }
}
