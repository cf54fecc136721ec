import pg from 'pg';

/**
 * The engine's log has exactly one writer. Two engines on one database (`npm run engine`
 * beside `npm start`) would interleave positions and break the running one, so an engine
 * first takes this session-level advisory lock and holds it, on a connection of its own, for
 * as long as it runs.
 */
const ENGINE_LOG_WRITER_LOCK = 7361900;

export interface EngineLogLock {
  /** Resolves when the lock's connection is lost (the database went away): the lock is gone. */
  lost: Promise<Error>;
  release(): Promise<void>;
}

/** Takes the lock, or returns undefined when another engine holds it. */
export async function claimEngineLog(databaseUrl: string): Promise<EngineLogLock | undefined> {
  const client = new pg.Client({
    connectionString: databaseUrl,
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
    [ENGINE_LOG_WRITER_LOCK],
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
