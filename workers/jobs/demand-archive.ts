import { archiveRecordHash, GENESIS_HASH } from '../archive/archive-hash';
import { buildArchiveRecord } from '../archive/archive-record';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { lockDemand, updateDemand } from '../support/demand-store';
import { addHistory } from '../support/history';
import { appendLedger, type LedgerTier } from '../support/ledger';
import { notify, recipient } from '../support/outbox';
import { beijingIso } from '../support/time';

interface Variables {
  demandCode: string;
}

/** Serialises appends to the chain (the two-key form: its own space beside the job locks). */
const ARCHIVE_LOCK = [0x4d53, 0x4152] as const;

/**
 * Step 13 (建档销号): the ledger entries are closed at every tier the demand passed, the status
 * becomes `archived`, and the frozen record is appended to the hash chain under a lock, so two
 * demands archived at once never link to the same tail.
 */
export const demandArchive = defineJob<Variables>({
  type: 'demand-archive',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const demand = await lockDemand(trx, job.variables.demandCode);
        const passed = (await trx('ledger_events')
          .where({ demand_id: demand.id })
          .distinct('tier', 'unit_code')
          .orderBy(['tier', 'unit_code'])) as { tier: LedgerTier; unit_code: string }[];
        for (const { tier, unit_code: unitCode } of passed) {
          await appendLedger(trx, demand, {
            tier,
            unitCode,
            type: 'closed',
            at: now,
            payload: { archived: true },
            dedupeKey: `${job.elementInstanceKey}:closed:${tier}:${unitCode}`,
          });
        }
        await updateDemand(trx, demand, { status: 'archived', archived_at: now }, now);
        await addHistory(trx, demand, {
          at: now,
          actor: 'system',
          action: 'archived',
          detail: {},
          dedupeKey: `${job.elementInstanceKey}:archived`,
        });

        await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', ARCHIVE_LOCK);
        const tail = await trx('archive_entries')
          .orderBy('sequence', 'desc')
          .first<{ sequence: string; record_hash: string } | undefined>('sequence', 'record_hash');
        const previousHash = tail?.record_hash ?? GENESIS_HASH;
        const sequence = Number(tail?.sequence ?? 0) + 1;
        const record = await buildArchiveRecord(trx, demand.id);
        const recordHash = archiveRecordHash(previousHash, record);
        await trx('archive_entries').insert({
          demand_id: demand.id,
          sequence,
          record: JSON.stringify(record),
          record_hash: recordHash,
          previous_hash: previousHash,
          archived_at: now,
        });
        await notify(trx, job.elementInstanceKey, {
          template: 'demand_archived',
          to: recipient.citizen(demand.code),
          payload: { demandCode: demand.code, archivedAt: beijingIso(now), sequence, recordHash },
        });
        return completed();
      }),
    ),
});
