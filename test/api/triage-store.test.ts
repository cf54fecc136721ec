import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Knex } from 'knex';
import {
  KEPT_MODEL_VERSIONS,
  createTriageLearner,
  listModelVersions,
  loadLatestModel,
  loadOrgDirectory,
  loadTriageLexicons,
  resetModel,
  saveModelVersion,
  type TriageInput,
} from '../../server/triage';
import { useTestDatabase } from '../support/database';
import { DISTRICT, TOWNSHIP, VILLAGE, importDemoDistrict } from './helpers';
import { insertDemand } from './staff-fixtures';

const lexicons = loadTriageLexicons();
const PHRASE = '共享电单车堆在单元门口出不去';

const input = (text: string): TriageInput => ({
  text,
  channel: 'hotline_12345',
  districtCode: DISTRICT,
  townshipCode: TOWNSHIP.code,
  villageCode: VILLAGE.code,
  gridCode: null,
});

let demandCount = 0;
async function demandSaying(knex: Knex, content: string): Promise<string> {
  demandCount += 1;
  return insertDemand(knex, randomBytes(32), {
    code: `TRIAGE-${demandCount}`,
    receivedAt: '2026-12-01T09:00:00+08:00',
    content,
    township: TOWNSHIP.code,
    village: VILLAGE.code,
    category: null,
    domain: null,
  });
}

async function decide(
  knex: Knex,
  demandId: string,
  stage: string,
  decisions: Record<string, string | null>,
): Promise<void> {
  for (const [field, decided] of Object.entries(decisions)) {
    await knex('triage_decisions').insert({
      demand_id: demandId,
      stage,
      field,
      suggested: null,
      decided,
      decided_by: 'user:screener',
    });
  }
}

/** `npm run triage:reset` as an operator runs it, against the test database. */
function runReset(databaseUrl: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'triage:reset'], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

async function unlearned(knex: Knex): Promise<number> {
  const [row] = await knex('triage_decisions').whereNull('learned_at').count<{ count: string }[]>();
  return Number(row!.count);
}

describe('triage model versions and learning (PostgreSQL)', () => {
  const db = useTestDatabase();

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
  });

  it('stores the lexicon-only model as the first version, then loads the newest', async () => {
    const model = await loadLatestModel(db.knex, lexicons);
    expect(model.version).not.toBeNull();
    expect((await listModelVersions(db.knex))[0]).toMatchObject({
      version: model.version,
      reason: 'seed',
      examplesSeen: 0,
    });

    const seed = model.version!;
    model.learn(input(PHRASE), { domain: 'market' });
    const saved = await saveModelVersion(db.knex, model, 'learned');
    expect(saved).toBeGreaterThan(seed);
    expect(model.version).toBe(saved);
    const loaded = await loadLatestModel(db.knex, lexicons);
    expect(loaded.version).toBe(saved);
    expect(loaded.examplesSeen).toBe(1);
    expect(loaded.suggest(input(PHRASE))).toEqual(model.suggest(input(PHRASE)));
  });

  it(`keeps only the newest ${KEPT_MODEL_VERSIONS} versions`, async () => {
    const model = await loadLatestModel(db.knex, lexicons);
    const versions: number[] = [];
    for (let i = 0; i < KEPT_MODEL_VERSIONS + 3; i += 1) {
      versions.push(await saveModelVersion(db.knex, model, 'learned'));
    }
    const kept = (await listModelVersions(db.knex)).map((v) => v.version);
    expect(kept).toEqual(versions.slice(-KEPT_MODEL_VERSIONS).reverse());
  });

  it('starts again from the lexicons when the newest version has another state format', async () => {
    const model = await loadLatestModel(db.knex, lexicons);
    const stale = { ...model.exportState(), formatVersion: -1 };
    const [row] = await db
      .knex('triage_models')
      .insert({ reason: 'learned', examples_seen: 9, state: JSON.stringify(stale) })
      .returning<Array<{ id: string }>>('id');
    const loaded = await loadLatestModel(db.knex, lexicons);
    expect(loaded.version).toBeGreaterThan(Number(row!.id));
    expect(loaded.examplesSeen).toBe(0);
    const [newest] = await listModelVersions(db.knex);
    expect(newest).toEqual(expect.objectContaining({ version: loaded.version, reason: 'reset' }));
  });

  it('resets to the lexicons alone as a new version', async () => {
    const learned = await loadLatestModel(db.knex, lexicons);
    learned.learn(input(PHRASE), { domain: 'market' });
    await saveModelVersion(db.knex, learned, 'learned');
    const version = await resetModel(db.knex, lexicons);
    const model = await loadLatestModel(db.knex, lexicons);
    expect(model.version).toBe(version);
    expect(model.examplesSeen).toBe(0);
    expect((await listModelVersions(db.knex))[0]!.reason).toBe('reset');
  });

  it('suggests lead units from the org tables', async () => {
    const org = await loadOrgDirectory(db.knex);
    expect(org.departmentFor(DISTRICT, 'urban_management')).toBe(`${DISTRICT}-CG`);
    expect(org.departmentFor(DISTRICT, 'nothing')).toBeNull();
    expect(org.cityCode()).toBe('511900');
    const model = await loadLatestModel(db.knex, lexicons, { org });
    const s = model.suggest(input('街道上的广场舞噪音太大，城管执法也不管'));
    expect(s.leadUnitCode).toBe(`${DISTRICT}-CG`);
    expect(s.coUnitCodes).toEqual([TOWNSHIP.code, `${DISTRICT}-ST`]);
  });

  it('learns from decisions, one example per demand and stage, marks them and saves versions', async () => {
    const model = await loadLatestModel(db.knex, lexicons);
    const before = model.version!;
    expect(model.suggest(input(PHRASE)).domain).not.toBe('market');
    const learner = createTriageLearner({ knex: db.knex, model, saveEvery: 4 });
    for (let i = 0; i < 3; i += 1) {
      const id = await demandSaying(db.knex, PHRASE);
      await decide(db.knex, id, 'first', { domain: 'market', category: 'complaint' });
      await decide(db.knex, id, 'dispatch', { tier: 'township', unknown_field: 'x' });
    }

    const result = await learner.learnPending();
    expect(result).toEqual({ examples: 6, decisions: 12, savedVersion: expect.any(Number) });
    expect(result.savedVersion!).toBeGreaterThan(before);
    expect(model.version).toBe(result.savedVersion);
    expect(model.examplesSeen).toBe(6);
    expect(await unlearned(db.knex)).toBe(0);
    const s = model.suggest(input(PHRASE));
    expect(s.domain).toBe('market');
    expect(s.tier).toBe('township');

    // Nothing new: nothing learned, nothing saved; asked to save with nothing unsaved, no version.
    expect(await learner.learnPending({ save: true })).toEqual({
      examples: 0,
      decisions: 0,
      savedVersion: null,
    });
  });

  it('picks up a reset made beside it and learns on from there', async () => {
    const model = await loadLatestModel(db.knex, lexicons);
    expect(model.examplesSeen).toBeGreaterThan(0);
    const learner = createTriageLearner({ knex: db.knex, model });
    const reset = await resetModel(db.knex, lexicons);
    const id = await demandSaying(db.knex, '小区垃圾没人收');
    await decide(db.knex, id, 'review', { domain: 'sanitation' });
    const result = await learner.learnPending({ save: true });
    expect(model.examplesSeen).toBe(1);
    expect(result.savedVersion).toBeGreaterThan(reset);
    expect(model.suggest(input(PHRASE)).domain).not.toBe('market');
  });

  it('polls without overlapping runs and stops cleanly', async () => {
    const model = await loadLatestModel(db.knex, lexicons);
    const learner = createTriageLearner({ knex: db.knex, model, intervalMs: 10 });
    const id = await demandSaying(db.knex, PHRASE);
    await decide(db.knex, id, 'first', { domain: 'market' });
    learner.start();
    for (let i = 0; i < 200; i += 1) {
      if ((await unlearned(db.knex)) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await learner.stop();
    expect(await unlearned(db.knex)).toBe(0);
    expect(model.examplesSeen).toBe(2);
  });

  it('npm run triage:reset stores a reset version and prints it', async () => {
    const run = await runReset(db.url);
    expect(run.code).toBe(0);
    const [newest] = await listModelVersions(db.knex);
    expect(newest).toMatchObject({ reason: 'reset', examplesSeen: 0 });
    expect(run.stdout.trim()).toBe(`triage model reset: version ${newest!.version}`);
  });
});
