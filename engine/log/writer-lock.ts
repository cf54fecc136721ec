import pg from 'pg';

/**
 * The log has exactly one writer (the stream processor of one engine): two engines on one
 * database would interleave positions and break the running one. A writer first takes this
 * session-level advisory lock and holds it, on a connection of its own, until it closes the
 * log. Readers (an audit of the hash chain, history queries) take no lock.
 */
const LOG_WRITER_LOCK = 7361900;

/** Opening a log for writing while another process (or connection) writes it. */
export class LogWriterTakenError extends Error {
  constructor() {
    super('another engine already writes this log (it has one writer)');
    this.name = 'LogWriterTakenError';
  }
}

export interface LogWriterLock {
  /** Resolves when the lock's connection is lost (the database went away): the lock is gone. */
  lost: Promise<Error>;
  release(): Promise<void>;
}

/** Takes the lock, or returns undefined when another writer holds it. */
export async function claimLogWriter(connectionString: string): Promise<LogWriterLock | undefined> {
  const client = new pg.Client({
    connectionString,
    application_name: 'minsheng-engine-lock',
    keepAlive: true,
  });
  let releasing = false;
  const lost = new Promise<Error>((resolve) => {
    client.on('error', (error) => resolve(error));
    client.on('end', () => {
      if (!releasing) resolve(new Error('the database closed the connection'));
    });
  });
  await client.connect();
  const { rows } = await client.query<{ locked: boolean }>(
    'SELECT pg_try_advisory_lock($1) AS locked',
    [LOG_WRITER_LOCK],
  );
  if (!rows[0]?.locked) {
    releasing = true;
    await client.end();
    return undefined;
  }
  return {
    lost,
    release: async () => {
      releasing = true;
      await client.end().catch(() => undefined);
    },
  };
}
