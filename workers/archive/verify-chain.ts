import type { Knex } from 'knex';
import { archiveRecordHash, GENESIS_HASH } from './archive-hash';

export interface ArchiveProgress {
  checked: number;
  total: number;
}

export interface BrokenArchiveEntry {
  sequence: number;
  /** The archived demand's code, when the entry still points at one. */
  demandCode?: string;
  problem: string;
}

export interface ArchiveVerification {
  ok: boolean;
  /** Entries read, up to and including the first broken one. */
  checked: number;
  firstBroken?: BrokenArchiveEntry;
}

export interface VerifyOptions {
  onProgress?: (progress: ArchiveProgress) => void;
  /** Entries read per query; the archive grows without bound, so it is never read at once. */
  batchSize?: number;
}

interface EntryRow {
  sequence: string;
  record: unknown;
  record_hash: string;
  previous_hash: string;
  demand_code: string | null;
}

/**
 * Walks the archive chain in sequence order and checks each link: the sequence has no gap, the
 * entry names its predecessor's hash (the genesis value for the first), and its hash is the
 * hash of its own record. Stops at the first entry that fails, and says what is wrong with it.
 */
export async function verifyArchiveChain(
  knex: Knex,
  options: VerifyOptions = {},
): Promise<ArchiveVerification> {
  const batchSize = options.batchSize ?? 500;
  const [{ total } = { total: '0' }] =
    await knex('archive_entries').count<{ total: string }[]>('* as total');
  const progress = (checked: number) =>
    options.onProgress?.({ checked, total: Math.max(Number(total), checked) });

  let checked = 0;
  let expectedSequence = 1;
  let expectedPrevious = GENESIS_HASH;
  progress(0);
  for (;;) {
    const rows = await knex('archive_entries as a')
      .leftJoin('demands as d', 'd.id', 'a.demand_id')
      .where('a.sequence', '>=', expectedSequence)
      .orderBy('a.sequence')
      .limit(batchSize)
      .select<EntryRow[]>(
        'a.sequence',
        'a.record',
        'a.record_hash',
        'a.previous_hash',
        'd.code as demand_code',
      );
    for (const row of rows) {
      checked += 1;
      const problem = linkProblem(row, expectedSequence, expectedPrevious);
      if (problem) {
        progress(checked);
        const broken: BrokenArchiveEntry = { sequence: Number(row.sequence), problem };
        if (row.demand_code) broken.demandCode = row.demand_code;
        return { ok: false, checked, firstBroken: broken };
      }
      expectedSequence += 1;
      expectedPrevious = row.record_hash;
    }
    progress(checked);
    if (rows.length < batchSize) return { ok: true, checked };
  }
}

function linkProblem(row: EntryRow, sequence: number, previous: string): string | undefined {
  if (Number(row.sequence) !== sequence) {
    return `sequence ${sequence} is missing: the entry after ${sequence - 1} is ${row.sequence}`;
  }
  if (row.previous_hash !== previous) {
    return sequence === 1
      ? 'previous_hash of the first entry is not the genesis value (64 zeros)'
      : `previous_hash does not match the record_hash of entry ${sequence - 1}`;
  }
  if (archiveRecordHash(row.previous_hash, row.record) !== row.record_hash) {
    return 'record_hash does not match the stored record: the record was changed after archiving';
  }
  return undefined;
}
