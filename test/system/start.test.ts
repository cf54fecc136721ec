import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/ports';

/**
 * `npm start` as a newcomer runs it: a fresh data folder, the embedded PostgreSQL, the demo
 * district, /health answering, and Ctrl-C leaving no PostgreSQL process behind.
 */
const ROOT = path.resolve(__dirname, '../..');

async function waitForHealth(url: string, app: ChildProcess, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs} ms`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  let dataDir: string;
  let current: ChildProcess | undefined;
  let output = '';

  /** Starts the app the way `npm start` does (see package.json) and returns its HTTP port. */
  async function startApp(): Promise<{ httpPort: number; app: ChildProcess }> {
    const [pgPort, httpPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      PGPORT: String(pgPort),
      PORT: String(httpPort),
    };
    delete env.DATABASE_URL;
    delete env.MINSHENG_DATA_KEY;
    output = '';
    const started = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env,
    });
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    current = started;
    return { httpPort, app: started };
  }

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-start-'));
  });
  afterAll(() => {
    if (current && current.exitCode === null) current.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('boots the embedded database, seeds the demo, serves /health, and Ctrl-C stops PostgreSQL too', async () => {
    const { httpPort, app } = await startApp();

    await waitForHealth(`http://127.0.0.1:${httpPort}/health`, app, 60_000);
    expect(output).toMatch(/demo-admin\s+\S+\s+admin/);
    expect(output).toMatch(/development data key/i);

    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    const postgresPid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    expect(processAlive(postgresPid)).toBe(true);

    const exited = new Promise<number | null>((resolve) => app.once('exit', resolve));
    app.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(processAlive(postgresPid)).toBe(false);
    expect(fs.existsSync(pidFile)).toBe(false);
  }, 90_000);

  it('restarts on the same data without seeding again, and a SIGKILLed app leaves no PostgreSQL', async () => {
    const { httpPort, app } = await startApp();
    await waitForHealth(`http://127.0.0.1:${httpPort}/health`, app, 60_000);
    expect(output).not.toMatch(/demo-admin/);

    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    const postgresPid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    const exited = new Promise((resolve) => app.once('exit', resolve));
    app.kill('SIGKILL');
    await exited;
    // The watchdog notices the app is gone and asks PostgreSQL for a fast shutdown.
    const deadline = Date.now() + 30_000;
    while (processAlive(postgresPid) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(processAlive(postgresPid)).toBe(false);
  }, 90_000);
});
