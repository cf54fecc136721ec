import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSystem, systemEnv, type RunningSystem } from './running-system';

const FIXTURES = path.join(__dirname, 'fixtures/processes');

/** The process-definition versions of `greeting` the running engine reports. */
async function greetingVersions(system: RunningSystem): Promise<number[]> {
  const rest = /REST (http:\/\/127\.0\.0\.1:\d+)\/v2/.exec(system.output())?.[1];
  if (!rest) throw new Error(`no engine REST address in the output:\n${system.output()}`);
  const response = await fetch(`${rest}/v2/process-definitions/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ filter: { processDefinitionId: 'greeting' } }),
  });
  const body = (await response.json()) as { items: Array<{ version: number }> };
  return body.items.map((item) => item.version).sort();
}

/** `npm start` deploys the process models of MINSHENG_PROCESSES_DIR once, not at every start. */
describe('npm start deploys the process models', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let system: RunningSystem | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-deploy-'));
    env = await systemEnv(dataDir, { MINSHENG_DEMO: 'off', MINSHENG_PROCESSES_DIR: FIXTURES });
  });
  afterAll(async () => {
    await system?.stop('SIGINT');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('deploys every model on a fresh data folder', async () => {
    system = startSystem(env);
    await system.waitForHealth();
    expect(system.output()).toMatch(
      /deployed 3 file\(s\) \(deployment \d+\): forms\/greeting-confirm\.form, greeting-word\.dmn, greeting\.bpmn/,
    );
    expect(await greetingVersions(system)).toEqual([1]);
    expect(await system.stop('SIGINT')).toBe(0);
  }, 240_000);

  it('does not deploy again when started again with the same models', async () => {
    system = startSystem(env);
    await system.waitForHealth();
    expect(system.output()).toMatch(/processes unchanged since their last deployment \(3 files\)/);
    expect(system.output()).not.toMatch(/deployed \d+ file/);
    expect(await greetingVersions(system)).toEqual([1]);
    expect(await system.stop('SIGINT')).toBe(0);
  }, 240_000);
});
