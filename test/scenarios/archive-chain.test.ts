/**
 * Archived demands are hash-chained (建档销号): each entry's hash covers its record and the
 * previous entry's hash, by the rule of workers/archive/README.md, checked here independently:
 * record_hash = sha256_hex(previous_hash + "\n" + canonicalize(record)), the first entry after
 * 64 zeros. A record changed behind the system's back no longer matches its hash.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Knex } from 'knex';
import { verifyArchiveChain } from '../../workers/archive';
import { feedback, handlerOf, resolve, signOff, submitDemand, toHandling } from './support/life';
import { useSystem, type System } from './support/system';

interface Entry {
  sequence: string;
  record: unknown;
  record_hash: string;
  previous_hash: string;
}

/** The sequence of the first entry that breaks the chain, or null when it is intact. */
async function firstBroken(knex: Knex): Promise<number | null> {
  const entries = await knex('archive_entries').orderBy('sequence').select<Entry[]>('*');
  let previous = '0'.repeat(64);
  let sequence = 1;
  for (const entry of entries) {
    const hash = createHash('sha256')
      .update(`${previous}\n${canonicalize(entry.record)}`)
      .digest('hex');
    if (
      Number(entry.sequence) !== sequence ||
      entry.previous_hash !== previous ||
      entry.record_hash !== hash
    ) {
      return Number(entry.sequence);
    }
    previous = entry.record_hash;
    sequence += 1;
  }
  return null;
}

async function archive(system: System, content: string) {
  const submitted = await submitDemand(system, content);
  await toHandling(system, submitted.code, {
    scope: 'village',
    category: 'consultation',
    domain: 'education',
  });
  const handler = handlerOf('village', 'education');
  await resolve(system, submitted.code, handler);
  await feedback(system, submitted, 'basically_satisfied');
  await signOff(system, submitted.code, handler);
  return system.status(submitted.code, 'archived');
}

describe('archive: the hash chain verifies, a tampered entry is detected', () => {
  const system = useSystem('2026-11-02T09:00:00+08:00');

  test('two archived demands form a chain by the documented rule; changing a record breaks it', async () => {
    const first = await archive(system, '咨询小学入学需要准备哪些材料');
    const second = await archive(system, '咨询初中转学的办理流程');

    const entries = await system.knex('archive_entries').orderBy('sequence').select<Entry[]>('*');
    expect(entries.map((e) => Number(e.sequence))).toEqual([1, 2]);
    expect(entries[0]!.previous_hash).toBe('0'.repeat(64));
    expect(entries[1]!.previous_hash).toBe(entries[0]!.record_hash);
    // What staff see of the archive is the entry itself, and the record is the demand's.
    expect(first.archive).toEqual(
      expect.objectContaining({
        sequence: 1,
        recordHash: entries[0]!.record_hash,
        previousHash: '0'.repeat(64),
      }),
    );
    expect(second.archive).toEqual(
      expect.objectContaining({
        sequence: 2,
        recordHash: entries[1]!.record_hash,
        previousHash: entries[0]!.record_hash,
      }),
    );
    expect(JSON.stringify(entries[0]!.record)).toContain(first.code);
    expect(JSON.stringify(entries[1]!.record)).toContain(second.code);
    expect(await firstBroken(system.knex)).toBeNull();
    // The system's own checks agree: the auditor's API and the archive verifier.
    const auditor = await system.as('auditor');
    const verify = () =>
      auditor.agent.post('/api/archive/verify').set('X-CSRF-Token', auditor.csrfToken).send({});
    const intact = await verify();
    expect(intact.status).toBe(200);
    expect(intact.body).toEqual(
      expect.objectContaining({ valid: true, entries: 2, firstBroken: null }),
    );
    expect(await verifyArchiveChain(system.knex)).toEqual(
      expect.objectContaining({ ok: true, checked: 2 }),
    );

    // The table refuses changes...
    await expect(
      system
        .knex('archive_entries')
        .where({ sequence: 1 })
        .update({ record: { forged: true } }),
    ).rejects.toThrow(/append-only/);
    // ...so only someone bypassing its triggers can change a record, and the chain shows it.
    await system.knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL session_replication_role = replica');
      await trx.raw(
        `UPDATE archive_entries SET record = jsonb_set(record, '{forged}', 'true') WHERE sequence = 1`,
      );
    });
    expect(await firstBroken(system.knex)).toBe(1);
    const broken = await verify();
    expect(broken.status).toBe(200);
    expect(broken.body).toEqual(
      expect.objectContaining({
        valid: false,
        firstBroken: expect.objectContaining({ sequence: 1, demandCode: first.code }),
      }),
    );
    expect((await verifyArchiveChain(system.knex)).firstBroken).toEqual(
      expect.objectContaining({ sequence: 1, demandCode: first.code }),
    );
  });
});
