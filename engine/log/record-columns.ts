import type { LoggedRecord } from '../protocol/records';

/** A record with its value's JSON text (record-log.ts's SerializedRecord). */
type RecordToWrite = LoggedRecord & { valueJson: string };

/**
 * A batch of records as the twelve array parameters of the log's INSERT … SELECT FROM unnest,
 * each already written as a PostgreSQL array literal (what the `pg` driver would send for a
 * JavaScript array, built here in one pass: this runs for every record the engine writes).
 */
export function recordColumns(records: RecordToWrite[]): string[] {
  const columns: string[][] = Array.from({ length: 12 }, () => []);
  let lastTimestamp = NaN;
  let lastTimestampText = '';
  for (const r of records) {
    if (r.timestamp !== lastTimestamp) {
      // A batch shares one timestamp: convert it once.
      lastTimestamp = r.timestamp;
      lastTimestampText = quoted(new Date(r.timestamp).toISOString());
    }
    columns[0]!.push(quoted(r.position));
    columns[1]!.push(quoted(r.key));
    columns[2]!.push(quoted(r.recordType));
    columns[3]!.push(quoted(r.valueType));
    columns[4]!.push(quoted(r.intent));
    columns[5]!.push(quoted(r.sourceRecordPosition));
    columns[6]!.push(quoted(r.processInstanceKey));
    columns[7]!.push(lastTimestampText);
    columns[8]!.push(r.rejectionType == null ? 'NULL' : quoted(r.rejectionType));
    columns[9]!.push(r.rejectionReason == null ? 'NULL' : quoted(r.rejectionReason));
    columns[10]!.push(r.valueJson == null ? 'NULL' : quotedJsonText(r.valueJson));
    columns[11]!.push(quoted(r.hash));
  }
  return columns.map((elements) => `{${elements.join(',')}}`);
}

const NEEDS_ESCAPE = /["\\]/;

/** An array element in double quotes, with backslashes and double quotes escaped. */
function quoted(text: string): string {
  // Keys, positions, names and hashes have nothing to escape: test before replacing.
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(/["\\]/g, '\\$&')}"` : `"${text}"`;
}

/**
 * The same for the JSON text of a value, natively: JSON.stringify of a string only escapes
 * `"` and `\` besides control characters and lone surrogates, and JSON text (what
 * JSON.stringify made) contains neither, so the result is exactly `quoted(json)`.
 */
function quotedJsonText(json: string): string {
  return JSON.stringify(json);
}
