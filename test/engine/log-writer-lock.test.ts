import pg from 'pg';
import { RecordLog } from '../../engine/log/record-log';
import { verifyChain } from '../../engine/log/verify-chain';
import { LogWriterTakenError } from '../../engine';
import { createTestDatabase, dropTestDatabase } from '../support/database';

/**
 * The log has one writer: opening it for writing takes its lock, so a second writer on the
 * same database — another engine process, or another connection of this one — is refused
 * before it touches anything, and a reader (an audit of the hash chain) is not.
 */
describe('the record log has one writer', () => {
  let database: { name: string; url: string };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await dropTestDatabase(database.name);
  });

  it('refuses a second writer while the first has the log open, and takes the next one after', async () => {
    const first = await RecordLog.openForWriting(database.url);
    try {
      const second = RecordLog.openForWriting(database.url);
      await expect(second).rejects.toBeInstanceOf(LogWriterTakenError);
      await expect(second).rejects.toThrow('another engine already writes this log');

      const reader = await RecordLog.open(database.url);
      try {
        expect((await verifyChain(reader)).ok).toBe(true);
      } finally {
        await reader.close();
      }
    } finally {
      await first.close();
    }
    const next = await RecordLog.openForWriting(database.url);
    await next.close();
  });

  it('is one lock per database: a writer elsewhere on the same server does not block', async () => {
    const other = await createTestDatabase();
    const holder = await RecordLog.openForWriting(database.url);
    try {
      const elsewhere = await RecordLog.openForWriting(other.url);
      await elsewhere.close();
    } finally {
      await holder.close();
      await dropTestDatabase(other.name);
    }
  });

  it('refuses a second writer before it creates or changes anything', async () => {
    const fresh = await createTestDatabase({ empty: true });
    const holder = await RecordLog.openForWriting(fresh.url);
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    try {
      // As if the holder had not created the engine's tables yet.
      await client.query('DROP SCHEMA engine CASCADE');
      await expect(RecordLog.openForWriting(fresh.url)).rejects.toBeInstanceOf(LogWriterTakenError);
      const { rows } = await client.query(
        "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'engine'",
      );
      expect(rows).toHaveLength(0);
    } finally {
      await client.end();
      await holder.close();
      await dropTestDatabase(fresh.name);
    }
  });
});
