import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemoDistrict } from '../../domain/org';
import {
  postmasterPid,
  processAlive,
  runNpmScript,
  startSystem,
  systemEnv,
  waitUntil,
  type RunningSystem,
} from './running-system';

/**
 * The embedded PostgreSQL of a running `npm start` is shared, not taken over: scripts run
 * beside it on the same data folder use it and leave it running, a second engine refuses to
 * write the same log, and a PostgreSQL server killed under the system is started again.
 */
describe('npm scripts beside a running system', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let system: RunningSystem;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-shared-'));
    env = await systemEnv(dataDir, { MINSHENG_DEMO: 'off' });
    system = startSystem(env);
    await system.waitForHealth();
  }, 240_000);
  afterAll(async () => {
    const pid = postmasterPid(dataDir);
    await system?.stop('SIGINT');
    if (pid && processAlive(pid)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('starts without the demo district when MINSHENG_DEMO=off', () => {
    expect(system.output()).not.toMatch(/demo-admin|seeded the demo district/);
  });

  it('npm run org:import uses the running PostgreSQL and leaves it running', async () => {
    const pid = postmasterPid(dataDir)!;
    const file = path.join(dataDir, 'org.json');
    fs.writeFileSync(file, JSON.stringify(generateDemoDistrict()));

    const run = await runNpmScript('org:import', [file], env);

    expect(run.output).toMatch(/imported .*org\.json/);
    expect(run.output).toMatch(/already running/);
    expect(run.code).toBe(0);
    expect(postmasterPid(dataDir)).toBe(pid);
    expect(processAlive(pid)).toBe(true);
    expect(await system.health()).toBe(200);
  }, 120_000);

  it('npm run engine refuses to write the running engine’s log and leaves the system up', async () => {
    const enginePid = system.enginePid();

    const run = await runNpmScript('engine', [], env);

    expect(run.output).toMatch(/another engine already runs/);
    expect(run.code).toBe(3);
    expect(processAlive(enginePid)).toBe(true);
    expect(processAlive(postmasterPid(dataDir)!)).toBe(true);
    expect(await system.health()).toBe(200);
  }, 120_000);

  it('a PostgreSQL server killed under the system is started again and /health returns to 200', async () => {
    const killed = postmasterPid(dataDir)!;
    process.kill(killed, 'SIGKILL');
    await waitUntil('/health to notice', async () => (await system.health()) === 503, 30_000);

    await waitUntil(
      'PostgreSQL, the engine and /health to come back',
      async () => (await system.health()) === 200,
      150_000,
    );
    const restarted = postmasterPid(dataDir)!;
    expect(restarted).not.toBe(killed);
    expect(processAlive(restarted)).toBe(true);
    expect(system.output()).toMatch(/PostgreSQL stopped under the running system/);
    expect(system.output()).toMatch(/PostgreSQL is back/);
    // The engine's log writer lost its database too: it was started again, not left broken.
    expect(system.output()).toMatch(/the engine is running again/);
    expect(system.app.exitCode).toBeNull();

    // The restarted server belongs to the system: Ctrl-C still leaves nothing running.
    expect(await system.stop('SIGINT')).toBe(0);
    expect(processAlive(restarted)).toBe(false);
  }, 240_000);
});
