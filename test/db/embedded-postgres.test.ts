import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../platform';
import { freePort } from '../support/ports';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts the fixture process that opens the server; resolves with what it printed. */
function openInProcess(
  dataDir: string,
  port: number,
): { child: ChildProcess; opened: Promise<{ owned: boolean; pid: number }> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'fixtures/open-embedded-postgres.ts')],
    { env: { ...process.env, DATA: dataDir, PORT: String(port) }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  const opened = new Promise<{ owned: boolean; pid: number }>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as { owned: boolean; pid: number });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  return { child, opened };
}

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  return spawnSync('true').pid!;
}

/**
 * One embedded PostgreSQL data directory, several users: a process that finds the server of
 * another live process uses it and leaves it running; only the starter stops it; what a
 * killed server or a killed starter left behind is cleaned up.
 */
describe('embedded PostgreSQL shared by several processes', () => {
  let tmp: string;
  let dataDir: string;
  let port: number;
  const messages: string[] = [];
  const started: EmbeddedPostgres[] = [];
  const start = async (overrides: { port?: number } = {}) => {
    const server = await startEmbeddedPostgres({
      dataDir,
      port: overrides.port ?? port,
      durability: 'ephemeral',
      log: (message) => messages.push(message),
    });
    started.push(server);
    return server;
  };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-shared-pg-'));
    // The server may run as another account (when we are root): it must reach its folder.
    fs.chmodSync(tmp, 0o755);
    dataDir = path.join(tmp, 'pgdata');
    port = await freePort();
  });
  afterAll(async () => {
    for (const server of started.reverse()) await server.stop().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 60_000);

  let first: EmbeddedPostgres;
  let second: EmbeddedPostgres;

  it('a second start finds the running server, uses it, and leaves it running when it stops', async () => {
    first = await start();
    second = await start();
    expect(first.owned).toBe(true);
    expect(second.owned).toBe(false);
    expect(second.pid).toBe(first.pid);
    expect(messages.join('\n')).toMatch(/already running/);

    await second.stop();
    expect(alive(first.pid)).toBe(true);
    expect(await answers(first.adminUrl)).toBe(true);
  }, 120_000);

  it('refuses another port than the running server’s, naming both', async () => {
    const otherPort = await freePort();
    await expect(start({ port: otherPort })).rejects.toThrow(
      new RegExp(`on port ${port}, but this process is set to use port ${otherPort}`),
    );
    expect(alive(first.pid)).toBe(true);
  });

  it('every user notices when the server is killed', async () => {
    const watcher = await start();
    expect(watcher.owned).toBe(false);
    process.kill(first.pid, 'SIGKILL');
    await Promise.all([first.exited, watcher.exited]);
    expect(alive(first.pid)).toBe(false);
  }, 30_000);

  let third: EmbeddedPostgres;

  it('starts a new server over the stale postmaster.pid a killed server left', async () => {
    const pidFile = path.join(dataDir, 'postmaster.pid');
    expect(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])).toBe(first.pid);
    third = await start();
    expect(third.owned).toBe(true);
    expect(third.pid).not.toBe(first.pid);
    expect(await answers(third.adminUrl)).toBe(true);
  }, 120_000);

  it('stops and replaces a server whose starting process is gone (a leftover)', async () => {
    // What a machine's supervisor leaves after killing both the starter and its watchdog.
    fs.writeFileSync(
      path.join(tmp, 'postgres.owner'),
      JSON.stringify({ pid: deadPid(), postmasterPid: third.pid }),
    );
    const fourth = await start();
    await third.exited;
    expect(messages.join('\n')).toMatch(
      new RegExp(`stopping a PostgreSQL server \\(pid ${third.pid}\\) left running`),
    );
    expect(fourth.owned).toBe(true);
    expect(fourth.pid).not.toBe(third.pid);

    await fourth.stop();
    expect(alive(fourth.pid)).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'postgres.owner'))).toBe(false);
  }, 120_000);

  it('two processes starting at the same moment share one server, which its starter stops', async () => {
    const [a, b] = [openInProcess(dataDir, port), openInProcess(dataDir, port)];
    try {
      const [first, second] = await Promise.all([a.opened, b.opened]);
      expect(first.pid).toBe(second.pid);
      expect([first.owned, second.owned].sort()).toEqual([false, true]);
      const [owner, user] = first.owned ? [a, b] : [b, a];

      const userExit = new Promise((resolve) => user.child.once('exit', resolve));
      user.child.stdin!.end();
      await userExit;
      expect(alive(first.pid)).toBe(true);

      const ownerExit = new Promise((resolve) => owner.child.once('exit', resolve));
      owner.child.stdin!.end();
      await ownerExit;
      expect(alive(first.pid)).toBe(false);
    } finally {
      for (const { child } of [a, b]) if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 180_000);
});
