import pg from 'pg';
import type { RecordLog } from '../log/record-log';
import type { LoggedRecord } from '../protocol/records';
import { project } from './projection';
import type { TableRows } from './table-rows';
import { ensureSearchSchema } from './schema';

export interface ExporterOptions {
  /** Exports become visible this long after commit (Camunda's eventually consistent search). */
  lagMs?: number;
  log?: (message: string) => void;
}

/** Rows per INSERT: keeps the bind parameters far below PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 500;
const RETRY_DELAY_MS = 1_000;

/**
 * Projects committed records into the search tables, off the processing path: commits are
 * queued and written in order by one loop, each batch with the exported position in one
 * transaction, so a restart resumes exactly after what was written.
 */
export class Exporter {
  private readonly queue: Array<{ records: LoggedRecord[]; committedAt: number }> = [];
  private position = 0n;
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: () => void = () => undefined;
  private readonly lagMs: number;
  private readonly log: (message: string) => void;

  private constructor(
    readonly pool: pg.Pool,
    private readonly recordLog: RecordLog,
    options: ExporterOptions,
  ) {
    this.lagMs = options.lagMs ?? 0;
    this.log = options.log ?? (() => undefined);
  }

  static async open(databaseUrl: string, recordLog: RecordLog, options: ExporterOptions = {}) {
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 4,
      application_name: 'minsheng-exporter',
    });
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      await ensureSearchSchema(client);
    } finally {
      client.release();
    }
    return new Exporter(pool, recordLog, options);
  }

  /** Listener for StreamProcessor#onCommitted: only queues, never waits. */
  readonly committed = (records: LoggedRecord[]): void => {
    this.queue.push({ records, committedAt: Date.now() });
    this.wake();
  };

  /** Catches up from the log after the exported position, then follows live commits. */
  start(): void {
    this.running = this.run().catch((error: unknown) => {
      this.log(`exporter stopped: ${(error as Error).stack ?? String(error)}`);
    });
  }

  private async run(): Promise<void> {
    const { rows } = await this.pool.query<{ position: string }>(
      'SELECT position FROM engine.exporter_position WHERE id = 1',
    );
    this.position = BigInt(rows[0]?.position ?? '0');
    const page: LoggedRecord[] = [];
    for await (const event of this.recordLog.eventsAfter(this.position.toString())) {
      page.push(event);
      // A deployment's PROCESS/FORM events stay in one page with the DEPLOYMENT event after
      // them, which carries their tenant.
      if (page.length >= 2000 && event.valueType !== 'PROCESS' && event.valueType !== 'FORM')
        await this.exportRetrying(page.splice(0));
    }
    await this.exportRetrying(page.splice(0));
    while (!this.stopping || this.queue.length > 0) {
      const head = this.queue[0];
      if (!head) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      const wait = head.committedAt + this.lagMs - Date.now();
      if (wait > 0 && !this.stopping) {
        await new Promise<void>((resolve) => setTimeout(resolve, wait));
        continue;
      }
      // Everything already due goes out in one transaction.
      const due = Date.now() - this.lagMs;
      const records: LoggedRecord[] = [];
      while (this.queue[0] && (this.stopping || this.queue[0].committedAt <= due)) {
        records.push(...this.queue.shift()!.records);
      }
      await this.exportRetrying(records);
    }
  }

  /**
   * Search must not stop for a passing database hiccup: retry the same records (the position
   * filter makes that idempotent). When stopping, give up: the catch-up on the next start
   * exports them from the log.
   */
  private async exportRetrying(records: LoggedRecord[]): Promise<void> {
    for (;;) {
      try {
        return await this.export(records);
      } catch (error) {
        if (this.stopping) throw error;
        this.log(`export failed, retrying: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
  }

  /** Writes the projections of records not yet exported, and the new position, atomically. */
  private async export(records: LoggedRecord[]): Promise<void> {
    const fresh = records.filter((r) => BigInt(r.position) > this.position);
    if (fresh.length === 0) return;
    const last = fresh[fresh.length - 1]!.position;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const rows of project(fresh)) await upsert(client, rows);
      await client.query(
        `INSERT INTO engine.exporter_position (id, position) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position`,
        [last],
      );
      await client.query('COMMIT');
      this.position = BigInt(last);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Writes what is queued (ignoring the lag) and closes the pool. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    await this.pool.end();
  }
}

async function upsert(client: pg.PoolClient, rows: TableRows): Promise<void> {
  const all = [...rows.rows.values()];
  const { columns } = rows;
  for (let i = 0; i < all.length; i += ROWS_PER_STATEMENT) {
    const chunk = all.slice(i, i + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const row of chunk) for (const column of columns) params.push(row[column] ?? null);
    await client.query(upsertStatement(rows, chunk.length), params);
  }
}

/**
 * Statement texts by table and row count: live batches are small and repeat their shapes, so
 * they reuse their text (large ones, from a catch-up, are built each time).
 */
const statements = new Map<string, string>();
const CACHED_ROW_COUNTS = 64;

function upsertStatement(rows: TableRows, count: number): string {
  // The same table may come with other columns (a migration moves existing rows only).
  const id = `${rows.table}:${rows.columns.join(',')}:${rows.onConflict}:${count}`;
  let text = statements.get(id);
  if (text === undefined) {
    const width = rows.columns.length;
    const tuples = Array.from(
      { length: count },
      (_, r) => `(${rows.columns.map((_c, c) => `$${r * width + c + 1}`).join(', ')})`,
    );
    text = `INSERT INTO engine.${rows.table} AS t (${rows.columns.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT (key) DO ${rows.onConflict ? `UPDATE SET ${rows.onConflict}` : 'NOTHING'}`;
    if (count <= CACHED_ROW_COUNTS) statements.set(id, text);
  }
  return text;
}
