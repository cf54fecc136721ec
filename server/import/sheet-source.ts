import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { readCsvRows } from './read-csv';
import { readXlsxRows } from './read-xlsx';
import { ImportFileError, type SheetRow } from './sheet-row';

export interface SheetSource {
  kind: 'csv' | 'xlsx';
  /** The file's size in bytes, the progress bar's total. */
  size: number;
  rows: AsyncIterable<SheetRow>;
}

/** Zip files (an .xlsx is one) start with "PK\x03\x04". */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Opens a CSV or .xlsx file for reading row by row; `onBytes` hears how much of it has been
 * read. The kind is the extension's, else the content's (a zip is a workbook). The old binary
 * .xls is refused with what to do instead.
 */
export async function openSheet(
  file: string,
  onBytes?: (bytes: number) => void,
): Promise<SheetSource> {
  let size: number;
  const head = Buffer.alloc(4);
  try {
    const handle = await open(file, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new ImportFileError(`cannot read ${file}: not a file`);
      size = stat.size;
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

  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
  const input = createReadStream(file);
  input.on('error', (error) => counted.destroy(error));
  input.pipe(counted);
  return { kind, size, rows: kind === 'xlsx' ? readXlsxRows(counted) : readCsvRows(counted) };
}
