import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { importDemoDistrict } from '../api/helpers';
import { insertDemand } from '../api/staff-fixtures';

export const GENESIS = '0'.repeat(64);

/**
 * The hash rule written out by hand from its definition (sha256 hex of previous hash, a line
 * feed and the RFC 8785 canonical JSON), for records whose canonical form the test spells out.
 */
export function handHash(previousHash: string, canonicalJson: string): string {
  return createHash('sha256').update(`${previousHash}\n${canonicalJson}`).digest('hex');
}

export interface WrittenEntry {
  sequence: number;
  demandCode: string;
  recordHash: string;
}

/**
 * Archives `count` demands the way the archive step does: each record's canonical JSON is
 * written by the fixture itself (keys in code-point order), so the expected hashes do not come
 * from the code under test.
 */
export async function writeArchiveChain(knex: Knex, count: number): Promise<WrittenEntry[]> {
  await importDemoDistrict(knex);
  const dataKey = randomBytes(32);
  const written: WrittenEntry[] = [];
  let previous = GENESIS;
  for (let sequence = 1; sequence <= count; sequence += 1) {
    const demandCode = `511999-20260302-${String(sequence).padStart(5, '0')}`;
    const demandId = await insertDemand(knex, dataKey, {
      code: demandCode,
      receivedAt: '2026-03-02T09:00:00+08:00',
    });
    const canonical =
      `{"code":"${demandCode}","result":"已修复路灯","satisfaction":"satisfied",` +
      `"signoff":[{"party":"citizen"},{"party":"handler"}]}`;
    const recordHash = handHash(previous, canonical);
    await knex('archive_entries').insert({
      demand_id: demandId,
      sequence,
      // Stored with its keys in another order: jsonb and the canonical form must not care.
      record: {
        signoff: [{ party: 'citizen' }, { party: 'handler' }],
        satisfaction: 'satisfied',
        result: '已修复路灯',
        code: demandCode,
      },
      record_hash: recordHash,
      previous_hash: previous,
    });
    written.push({ sequence, demandCode, recordHash });
    previous = recordHash;
  }
  return written;
}

/** Changes archived rows the way only the table owner can: with the append-only trigger off. */
export async function tamper(knex: Knex, change: (trx: Knex.Transaction) => Promise<unknown>) {
  await knex.transaction(async (trx) => {
    await trx.raw('ALTER TABLE archive_entries DISABLE TRIGGER USER');
    await change(trx);
    await trx.raw('ALTER TABLE archive_entries ENABLE TRIGGER USER');
  });
}
