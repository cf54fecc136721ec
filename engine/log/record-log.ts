import pg from 'pg';
import type { LoggedRecord, RecordType, RejectionType, ValueType } from '../protocol/records';
import { ensureEngineSchema } from './schema';
import { GENESIS_HASH } from './hash-chain';
import { recordColumns } from './record-columns';
import { claimLogWriter, LogWriterTakenError, type LogWriterLock } from './writer-lock';

/** A record ready to be written, with its value already serialised (once, for hash and row). */
export interface SerializedRecord extends LoggedRecord {
  valueJson: string;
}

interface RecordRow {
  position: string;
  record_key: string;
  record_type: RecordType;
  value_type: ValueType;
  intent: string;
  source_position: string;
  process_instance_key: string;
  recorded_at: Date;
  rejection_type: RejectionType | null;
  rejection_reason: string | null;
  value: string;
  hash: string;
}

function fromRow(row: RecordRow): LoggedRecord {
  return {
    position: row.position,
    key: row.record_key,
    recordType: row.record_type,
    valueType: row.value_type,
    intent: row.intent,
    sourceRecordPosition: row.source_position,
    processInstanceKey: row.process_instance_key,
    timestamp: row.recorded_at.getTime(),
    ...(row.rejection_type ? { rejectionType: row.rejection_type } : {}),
    ...(row.rejection_reason ? { rejectionReason: row.rejection_reason } : {}),
    value: JSON.parse(row.value) as unknown,
    hash: row.hash,
  };
}

const COLUMNS =
  'position, record_key, record_type, value_type, intent, source_position, process_instance_key, recorded_at, rejection_type, rejection_reason, value, hash';

export interface WriterOptions {
  /** Called if the writer lock's connection is lost (the database went away). */
  onLost?: (error: Error) => void;
}

/**
 * The engine's append-only log in PostgreSQL. One writer (the stream processor) appends whole
 * batches in one transaction each: a batch is durable, or none of it is.
 */
export class RecordLog {
  private writerLock: LogWriterLock | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    readonly tail: { position: string; hash: string },
  ) {}

  /**
   * Opens the log as its one writer: refused with LogWriterTakenError, before anything is
   * touched, while another engine writes it. The lock is held until `close()`.
   */
  static async openForWriting(
    connectionString: string,
    options: WriterOptions = {},
  ): Promise<RecordLog> {
    const lock = await claimLogWriter(connectionString);
    if (!lock) throw new LogWriterTakenError();
    try {
      const log = await RecordLog.open(connectionString);
      log.writerLock = lock;
      if (options.onLost) void lock.lost.then(options.onLost);
      return log;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Opens the log for reading (audits, tests); a writer opens it with `openForWriting`. */
  static async open(connectionString: string): Promise<RecordLog> {
    const pool = new pg.Pool({ connectionString, max: 4, application_name: 'minsheng-engine' });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead
    const client = await pool.connect();
    try {
      await ensureEngineSchema(client);
      const { rows } = await client.query<{ position: string; hash: string }>(
        'SELECT position, hash FROM engine.records ORDER BY position DESC LIMIT 1',
      );
      const tail = rows[0] ?? { position: '0', hash: GENESIS_HASH };
      return new RecordLog(pool, tail);
    } finally {
      client.release();
    }
  }

  /** Writes a batch in one transaction (a single multi-row INSERT is one implicit transaction). */
  async write(records: SerializedRecord[]): Promise<void> {
    if (records.length === 0) return;
    // A named statement: PostgreSQL parses and plans it once per connection, not per batch.
    await this.pool.query({
      name: 'engine-append-records',
      text: `INSERT INTO engine.records (${COLUMNS})
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[],
         $6::bigint[], $7::bigint[], $8::timestamptz[], $9::text[], $10::text[], $11::text[], $12::text[])`,
      values: recordColumns(records),
    });
  }

  /** Events after `position`, in order, page by page: what recovery replays. */
  async *eventsAfter(position: string, pageSize = 5000): AsyncGenerator<LoggedRecord> {
    let after = position;
    for (;;) {
      const { rows } = await this.pool.query<RecordRow>(
        `SELECT ${COLUMNS} FROM engine.records
          WHERE position > $1 AND record_type = 'EVENT' ORDER BY position LIMIT $2`,
        [after, pageSize],
      );
      for (const row of rows) yield fromRow(row);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!.position;
    }
  }

  /** Every record of the given process instances, in log order (history and replay). */
  async recordsOfProcessInstances(keys: string[]): Promise<LoggedRecord[]> {
    const { rows } = await this.pool.query<RecordRow>(
      `SELECT ${COLUMNS} FROM engine.records WHERE process_instance_key = ANY($1::bigint[]) ORDER BY position`,
      [keys],
    );
    return rows.map(fromRow);
  }

  /** Records in [from, to], with their stored value text, for chain verification. */
  async rawRange(from: string, to: string): Promise<Array<LoggedRecord & { valueJson: string }>> {
    const { rows } = await this.pool.query<RecordRow>(
      `SELECT ${COLUMNS} FROM engine.records WHERE position BETWEEN $1 AND $2 ORDER BY position`,
      [from, to],
    );
    return rows.map((row) => ({ ...fromRow(row), valueJson: row.value }));
  }

  /**
   * Saves the state as of `position`, with the positions of the follow-up commands that were
   * deferred and not yet processed at that point (see processing/deferred-commands.ts).
   */
  async saveSnapshot(position: string, state: string, deferred: string[] = []): Promise<void> {
    await this.pool.query(
      `INSERT INTO engine.snapshots (position, state, deferred_commands) VALUES ($1, $2, $3::bigint[])
       ON CONFLICT (position) DO NOTHING`,
      [position, state, deferred],
    );
    // Two are kept: the newest, and the one before in case the newest turns out unreadable.
    await this.pool.query(
      `DELETE FROM engine.snapshots WHERE position < (
         SELECT min(position) FROM (SELECT position FROM engine.snapshots ORDER BY position DESC LIMIT 2) newest)`,
    );
  }

  async latestSnapshot(): Promise<{ position: string; state: string } | undefined> {
    const { rows } = await this.pool.query<{ position: string; state: string }>(
      'SELECT position, state FROM engine.snapshots ORDER BY position DESC LIMIT 1',
    );
    return rows[0];
  }

  /** Where the newest snapshot stands and which deferred commands it names (not its state). */
  async latestSnapshotMark(): Promise<{ position: string; deferred: string[] } | undefined> {
    const { rows } = await this.pool.query<{ position: string; deferred: string[] }>(
      `SELECT position, deferred_commands::text[] AS deferred FROM engine.snapshots
        ORDER BY position DESC LIMIT 1`,
    );
    return rows[0];
  }

  /**
   * Follow-up commands (source position other than -1) written after `after`, or among
   * `candidates`, that no later record names as its source: commands written to the log but
   * not processed yet. Every processed follow-up command writes at least one record naming it
   * (its lifecycle event or its rejection), so the absence of such a record means it waits.
   */
  async unprocessedFollowUps(after: string, candidates: string[]): Promise<SerializedRecord[]> {
    const from = candidates.reduce((min, p) => (BigInt(p) < BigInt(min) ? p : min), after);
    const { rows } = await this.pool.query<RecordRow>(
      `SELECT ${COLUMNS} FROM engine.records c
        WHERE c.record_type = 'COMMAND' AND c.source_position <> -1
          AND (c.position > $1 OR c.position = ANY($2::bigint[]))
          AND NOT EXISTS (
            SELECT 1 FROM engine.records r
             WHERE r.position > $3 AND r.position > c.position AND r.source_position = c.position)
        ORDER BY c.position`,
      [after, candidates, from],
    );
    return rows.map((row) => ({ ...fromRow(row), valueJson: row.value }));
  }

  async close(): Promise<void> {
    await this.pool.end();
    await this.writerLock?.release();
  }
}
