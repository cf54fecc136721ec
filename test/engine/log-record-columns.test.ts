import crypto from 'node:crypto';
import { recordHash } from '../../engine/log/hash-chain';
import { recordColumns } from '../../engine/log/record-columns';
import type { LoggedRecord } from '../../engine/protocol/records';

// The driver's own conversion of a JavaScript array to a PostgreSQL array literal (no types ship for it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

const TEXTS = [
  'plain',
  'quo"te',
  'back\\slash',
  'ctl\u0001\n\t',
  '中文\u2028',
  '{a,b}',
  'NULL',
  '',
  '😀',
  'x\\"y',
];

function records(): Array<LoggedRecord & { valueJson: string }> {
  return TEXTS.map((text, i) => {
    const value = { text, n: i, nested: [text, null, true], lone: i === 3 ? '\ud800' : 'ok' };
    return {
      position: String(i + 1),
      key: i % 2 ? '-1' : String(2251799813685249n + BigInt(i)),
      recordType: i % 4 === 0 ? 'COMMAND_REJECTION' : 'EVENT',
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATED',
      sourceRecordPosition: String(i),
      processInstanceKey: '2251799813685250',
      timestamp: 1_700_000_000_000 + (i > 5 ? 1 : 0),
      ...(i % 4 === 0 ? { rejectionType: 'INVALID_STATE' as const, rejectionReason: text } : {}),
      value,
      valueJson: JSON.stringify(value),
      hash: crypto.hash('sha256', text, 'hex'),
    };
  });
}

describe('the log writes each record exactly as the pg driver would', () => {
  it('every column is the array literal the driver makes of the same values', () => {
    const batch = records();
    const driver = (pick: (r: (typeof batch)[number]) => unknown) => prepareValue(batch.map(pick));
    expect(recordColumns(batch)).toEqual([
      driver((r) => r.position),
      driver((r) => r.key),
      driver((r) => r.recordType),
      driver((r) => r.valueType),
      driver((r) => r.intent),
      driver((r) => r.sourceRecordPosition),
      driver((r) => r.processInstanceKey),
      driver((r) => new Date(r.timestamp).toISOString()),
      driver((r) => r.rejectionType ?? null),
      driver((r) => r.rejectionReason ?? null),
      driver((r) => r.valueJson),
      driver((r) => r.hash),
    ]);
  });
});

describe('the hash chain', () => {
  it('hashes the previous hash, the fields joined by U+001F and the value text', () => {
    for (const record of records()) {
      const expected = crypto
        .createHash('sha256')
        .update('f'.repeat(64))
        .update('\n')
        .update(
          [
            record.position,
            record.key,
            record.recordType,
            record.valueType,
            record.intent,
            record.sourceRecordPosition,
            record.processInstanceKey,
            String(record.timestamp),
            record.rejectionType ?? '',
            record.rejectionReason ?? '',
          ].join('\u001f'),
        )
        .update('\n')
        .update(record.valueJson)
        .digest('hex');
      expect(recordHash('f'.repeat(64), record, record.valueJson)).toBe(expected);
    }
  });
});
