import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse';
import { ImportFileError, type SheetRow } from './sheet-row';

/** Bytes looked at to tell UTF-8 from GB18030 (what Excel on a Chinese Windows saves as CSV). */
const SNIFF_BYTES = 64 * 1024;

/** UTF-8 when the head decodes as UTF-8 (a byte order mark or none), else GB18030. */
export function detectEncoding(head: Buffer): 'utf-8' | 'gb18030' {
  try {
    // `stream: true` tolerates a character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** The bytes as text, the encoding detected from the head; a UTF-8 byte order mark is dropped. */
async function* decodeText(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  const head: Buffer[] = [];
  let headBytes = 0;
  for await (const chunk of source) {
    if (decoder) {
      yield decoder.decode(chunk, { stream: true });
      continue;
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes < SNIFF_BYTES) continue;
    const bytes = Buffer.concat(head);
    decoder = new TextDecoder(detectEncoding(bytes));
    yield decoder.decode(bytes, { stream: true });
  }
  if (!decoder) {
    const bytes = Buffer.concat(head);
    decoder = new TextDecoder(detectEncoding(bytes));
    yield decoder.decode(bytes, { stream: true });
  }
  yield decoder.decode();
}

/**
 * The records of a CSV file, one per spreadsheet row: a quoted cell with line breaks stays one
 * row and an empty line is an (empty) row, as a spreadsheet program shows the file, so the
 * numbers match what the clerk sees.
 */
export async function* readCsvRows(source: Readable): AsyncGenerator<SheetRow> {
  const parser = parse({ relax_column_count: true, relax_quotes: true });
  const feeding = pipeline(Readable.from(decodeText(source)), parser);
  // The records are read below; a failure surfaces there, so this copy only avoids an
  // unhandled rejection.
  feeding.catch(() => undefined);
  let number = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      number += 1;
      yield { number, cells: record };
    }
  } catch (error) {
    throw new ImportFileError(
      `not a readable CSV file after row ${number}: ${(error as Error).message}`,
    );
  } finally {
    source.destroy();
  }
  await feeding;
}
