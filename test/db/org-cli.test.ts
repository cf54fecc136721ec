import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDemoDistrict } from '../../domain/org';
import { useTestDatabase } from '../support/database';

const ROOT = path.resolve(__dirname, '../..');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as staff would, in its own process, against the given database. */
function runCli(args: string[], databaseUrl: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'server/org/import-cli.ts', ...args], {
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

describe('org:import CLI', () => {
  const db = useTestDatabase();
  let dir: string;
  const file = (name: string, content: string) => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  };
  const countUnits = async () =>
    Number((await db.knex('org_units').count<{ c: string }[]>('* as c'))[0]?.c);

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'minsheng-org-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects a bad file with exit code 1, each error path, and writes nothing', async () => {
    const tree = generateDemoDistrict();
    tree.children![3]!.children![2]!.grids![1]!.code = 'bad code';
    const run = await runCli([file('bad.json', JSON.stringify(tree))], db.url);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('  $.children[3].children[2].grids[1].code: ');
    expect(await countUnits()).toBe(0);
  }, 60_000);

  it('imports a good file with exit code 0 and prints the counts', async () => {
    const run = await runCli([file('good.json', JSON.stringify(generateDemoDistrict()))], db.url);
    // Comparing both at once shows the CLI's stderr when it fails.
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    expect(run.stdout).toMatch(/(\d+) created, 0 updated, 0 unchanged/);
    const { rows } = await db.knex.raw<{ rows: { townships: number; villages: number }[] }>(
      `SELECT count(*) FILTER (WHERE tier = 'township')::int AS townships,
              count(*) FILTER (WHERE tier = 'village')::int AS villages FROM org_units`,
    );
    expect(rows[0]).toEqual({ townships: 22, villages: 296 });
  }, 60_000);

  it('explains an unreadable file and invalid JSON with exit code 1', async () => {
    const missing = await runCli([path.join(dir, 'missing.json')], db.url);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*missing\.json: ENOENT/);
    const broken = await runCli([file('broken.json', '{"code": "511999",')], db.url);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json is not valid JSON/);
  }, 60_000);

  it('prints the demo district with --demo', async () => {
    const run = await runCli(['--demo'], db.url);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(generateDemoDistrict());
  }, 60_000);
});
