import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  postmasterPid,
  processAlive,
  startSystem,
  systemEnv,
  waitUntil,
  type RunningSystem,
} from './running-system';

/**
 * `npm start` as a newcomer runs it: a fresh data folder, the embedded PostgreSQL, the demo
 * district, the embedded engine, /health answering, and Ctrl-C leaving no PostgreSQL and no
 * engine process behind.
 */
describe('npm start', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let system: RunningSystem | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-start-'));
    env = await systemEnv(dataDir);
  });
  afterAll(() => {
    if (system && system.app.exitCode === null) system.app.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('boots the embedded database and engine, seeds the demo, serves /health, and Ctrl-C stops PostgreSQL and the engine too', async () => {
    system = startSystem(env);
    await system.waitForHealth();
    const output = system.output();
    expect(output).toMatch(/demo-admin\s+\S+\s+admin/);
    expect(output).toMatch(/development data key/i);
    expect(output).toMatch(/web app\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(output).toMatch(
      /engine\s+gRPC grpc:\/\/127\.0\.0\.1:\d+\s+REST http:\/\/127\.0\.0\.1:\d+\/v2/,
    );

    const health = (await (await fetch(system.healthUrl)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({
      status: 'ok',
      db: 'ok',
      engine: { status: 'ok', version: expect.stringMatching(/^8\.8\./), embedded: true },
      workers: { status: 'ok', running: true, notifications: { running: true } },
    });

    const postgresPid = postmasterPid(dataDir)!;
    const enginePid = system.enginePid();
    expect(processAlive(postgresPid)).toBe(true);
    expect(processAlive(enginePid)).toBe(true);

    expect(await system.stop('SIGINT')).toBe(0);
    expect(processAlive(postgresPid)).toBe(false);
    expect(processAlive(enginePid)).toBe(false);
    expect(postmasterPid(dataDir)).toBeUndefined();
  }, 240_000);

  it('restarts on the same data without seeding again, and a SIGKILLed app leaves no PostgreSQL and no engine', async () => {
    system = startSystem(env);
    await system.waitForHealth();
    expect(system.output()).not.toMatch(/demo-admin/);

    const postgresPid = postmasterPid(dataDir)!;
    const enginePid = system.enginePid();
    await system.stop('SIGKILL');
    // The PostgreSQL watchdog notices the app is gone and asks for a fast shutdown; the
    // engine notices its parent's channel closing and stops.
    await waitUntil(
      'PostgreSQL and the engine to stop',
      () => !processAlive(postgresPid) && !processAlive(enginePid),
      60_000,
    );
  }, 240_000);
});
