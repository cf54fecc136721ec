import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { readCsvRows } from './read-csv';
import { readXlsxRows } from './read-xlsx';
import { ImportFileError, isBlankRow, type SheetRow } from './sheet-row';

export interface SheetSource {
  kind: 'csv' | 'xlsx';
  rows: AsyncIterable<SheetRow>;
}

/** Zip files (an .xlsx is one) start with "PK\x03\x04". */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Opens a CSV or .xlsx file for reading row by row. The kind is the extension's, else the
 * content's (a zip is a workbook). The old binary .xls is refused with what to do instead.
 */
export async function openSheet(file: string): Promise<SheetSource> {
  const head = Buffer.alloc(4);
  try {
    const handle = await open(file, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new ImportFileError(`cannot read ${file}: not a file`);
      await handle.read(head, 0, 4, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ImportFileError(`cannot read ${file}: ${reason}`);
  }
  const extension = path.extname(file).toLowerCase();
  if (extension === '.xls') {
    throw new ImportFileError(
      `${file} is an old Excel 97–2003 workbook (.xls): save it as .xlsx or CSV (UTF-8) and import that`,
    );
  }
  const kind =
    extension === '.xlsx' || (extension !== '.csv' && head.equals(ZIP_MAGIC)) ? 'xlsx' : 'csv';

  const input = createReadStream(file);
  return { kind, rows: kind === 'xlsx' ? readXlsxRows(input) : readCsvRows(input) };
}

/**
 * How many rows of the file hold anything: a first pass for the progress bar's total, since
 * the bytes read run far ahead of the rows imported (each row is a database transaction).
 */
export async function countFilledRows(file: string): Promise<number> {
  const sheet = await openSheet(file);
  let filled = 0;
  for await (const row of sheet.rows) if (!isBlankRow(row)) filled += 1;
  return filled;
}
