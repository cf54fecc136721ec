import { describeField, readHeader } from './columns';
import type { ImportChannel } from './row-delivery';
import { ImportFileError, cellText, isBlankRow, type SheetRow } from './sheet-row';

/** How many leading rows may hold a title before the header row (a sheet's 标题 rows). */
export const HEADER_SEARCH_ROWS = 10;

/**
 * The header row: the first of the leading rows in which a column names the demand's content
 * (a sheet may start with a title row or two). Without one, or with a column named twice, or
 * with no way to tell a row's channel, the file cannot be imported.
 */
export async function findHeader(iterator: AsyncIterator<SheetRow>, channel: ImportChannel | null) {
  let looked = 0;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    const row = next.value;
    if (isBlankRow(row)) continue;
    looked += 1;
    const reading = readHeader(row.cells.map((cell) => cellText(cell)));
    if (reading.columns.content !== undefined) {
      const [conflict] = reading.conflicts;
      if (conflict) {
        throw new ImportFileError(
          `row ${row.number}: two columns for ${describeField(conflict.field)}: ` +
            `"${conflict.headers[0]}" and "${conflict.headers[1]}"; keep one`,
        );
      }
      if (reading.columns.channel === undefined && channel === null) {
        throw new ImportFileError(
          `missing required column ${describeField('channel')}: add it (问卷 or 走访 per row) ` +
            'or give --channel questionnaire|door_visit',
        );
      }
      return { row: row.number, columns: reading.columns, ignored: reading.ignored };
    }
    if (looked >= HEADER_SEARCH_ROWS) break;
  }
  throw new ImportFileError(
    `missing required column ${describeField('content')}: no header row among the first ` +
      `${HEADER_SEARCH_ROWS} rows names it`,
  );
}
