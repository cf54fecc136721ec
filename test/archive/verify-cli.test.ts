import { spawn } from 'node:child_process';
import path from 'node:path';
import { useTestDatabase } from '../support/database';
import { tamper, writeArchiveChain, type WrittenEntry } from './archive-fixtures';

const ROOT = path.resolve(__dirname, '../..');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run archive:verify -- ARGS` as an operator would, against the given database. */
function archiveVerify(args: string[], databaseUrl: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'archive:verify', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run archive:verify', () => {
  const db = useTestDatabase();
  let chain: WrittenEntry[];

  beforeAll(async () => {
    chain = await writeArchiveChain(db.knex, 4);
  });

  it('reports an intact chain with exit 0', async () => {
    const run = await archiveVerify([], db.url);
    expect({ code: run.code, stdout: run.stdout }).toEqual({
      code: 0,
      stdout: 'archive chain intact: 4 entries verified\n',
    });
  }, 60_000);

  it('names the first broken entry, its demand and the problem with exit 1', async () => {
    await tamper(db.knex, (trx) =>
      trx('archive_entries')
        .where({ sequence: 2 })
        .update({ record: trx.raw(`jsonb_set(record, '{satisfaction}', '"unsatisfied"')`) }),
    );
    const run = await archiveVerify([], db.url);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `archive chain BROKEN at entry 2 (demand ${chain[1]!.demandCode}): ` +
        'record_hash does not match the stored record',
    );
  }, 60_000);

  it('answers bad usage and an unreachable database with exit 2', async () => {
    const usage = await archiveVerify(['--all'], db.url);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run archive:verify/);
    const unreachable = await archiveVerify([], 'postgres://nobody:none@127.0.0.1:1/nothing');
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/cannot verify the archive: .*ECONNREFUSED/);
    expect(unreachable.stderr).not.toContain('none@');
  }, 60_000);
});
