import { archiveRecordHash, GENESIS_HASH, verifyArchiveChain } from '../../workers/archive';
import { useTestDatabase } from '../support/database';
import {
  GENESIS,
  handHash,
  tamper,
  writeArchiveChain,
  type WrittenEntry,
} from './archive-fixtures';

describe('the archive hash rule', () => {
  it('hashes the previous hash, a line feed and the canonical JSON of the record', () => {
    const record = { b: [2, 'x', { d: true, c: null }], a: 1.5, 名: '张' };
    const canonical = '{"a":1.5,"b":[2,"x",{"c":null,"d":true}],"名":"张"}';
    expect(GENESIS_HASH).toBe(GENESIS);
    expect(archiveRecordHash(GENESIS_HASH, record)).toBe(handHash(GENESIS, canonical));
    const next = handHash(GENESIS, canonical);
    expect(archiveRecordHash(next, { z: 0 })).toBe(handHash(next, '{"z":0}'));
  });
});

describe('verifyArchiveChain on an empty archive', () => {
  const db = useTestDatabase();

  it('finds nothing to check and nothing broken', async () => {
    expect(await verifyArchiveChain(db.knex)).toEqual({ ok: true, checked: 0 });
  });
});

describe('verifyArchiveChain', () => {
  const db = useTestDatabase();
  let chain: WrittenEntry[];

  beforeAll(async () => {
    chain = await writeArchiveChain(db.knex, 7);
  });

  it('verifies a chain written with the rule, in batches, reporting progress', async () => {
    const seen: Array<{ checked: number; total: number }> = [];
    const result = await verifyArchiveChain(db.knex, {
      batchSize: 3,
      onProgress: (progress) => seen.push(progress),
    });
    expect(result).toEqual({ ok: true, checked: 7 });
    expect(seen[0]).toEqual({ checked: 0, total: 7 });
    expect(seen.at(-1)).toEqual({ checked: 7, total: 7 });
    expect(seen.map((p) => p.checked)).toEqual(
      [...seen.map((p) => p.checked)].sort((a, b) => a - b),
    );
  });

  it('names the entry whose record was changed after archiving', async () => {
    const target = chain[3]!;
    await tamper(db.knex, (trx) =>
      trx('archive_entries')
        .where({ sequence: target.sequence })
        .update({ record: trx.raw(`jsonb_set(record, '{result}', '"未处理"')`) }),
    );
    try {
      const result = await verifyArchiveChain(db.knex, { batchSize: 2 });
      expect(result).toEqual({
        ok: false,
        checked: 4,
        firstBroken: {
          sequence: 4,
          demandCode: target.demandCode,
          problem: expect.stringMatching(/record_hash does not match the stored record/),
        },
      });
    } finally {
      await tamper(db.knex, (trx) =>
        trx('archive_entries')
          .where({ sequence: target.sequence })
          .update({ record: trx.raw(`jsonb_set(record, '{result}', '"已修复路灯"')`) }),
      );
    }
    expect((await verifyArchiveChain(db.knex)).ok).toBe(true);
  });

  it('names a link that does not point at the entry before it', async () => {
    const forged = 'f'.repeat(64);
    await tamper(db.knex, (trx) =>
      trx('archive_entries').where({ sequence: 6 }).update({ previous_hash: forged }),
    );
    try {
      const result = await verifyArchiveChain(db.knex);
      expect(result.firstBroken).toEqual({
        sequence: 6,
        demandCode: chain[5]!.demandCode,
        problem: 'previous_hash does not match the record_hash of entry 5',
      });
    } finally {
      await tamper(db.knex, (trx) =>
        trx('archive_entries')
          .where({ sequence: 6 })
          .update({ previous_hash: chain[4]!.recordHash }),
      );
    }
  });

  it('names a gap where an entry was removed', async () => {
    const removed = await db.knex('archive_entries').where({ sequence: 3 }).first();
    await tamper(db.knex, (trx) => trx('archive_entries').where({ sequence: 3 }).delete());
    try {
      const result = await verifyArchiveChain(db.knex);
      expect(result).toEqual({
        ok: false,
        checked: 3,
        firstBroken: {
          sequence: 4,
          demandCode: chain[3]!.demandCode,
          problem: 'sequence 3 is missing: the entry after 2 is 4',
        },
      });
    } finally {
      await db.knex('archive_entries').insert(removed);
    }
    expect(await verifyArchiveChain(db.knex)).toEqual({ ok: true, checked: 7 });
  });
});
