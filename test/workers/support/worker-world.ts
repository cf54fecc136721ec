/**
 * The running system a demand meets, minus the web server: the real engine with every model of
 * `processes/` deployed, its clock pinned, PostgreSQL with a small district, staff accounts of
 * every role, the intake service and process starter as the server runs them, and the job
 * workers started through `startWorkers`. Staff complete user tasks through the engine's REST
 * API with `actor` (their username) as the server adds it.
 */
import { randomBytes } from 'node:crypto';
import { Camunda8 } from '@camunda8/sdk';
import type { Knex } from 'knex';
import { createFieldCipher, createFieldHasher } from '../../../domain/pii';
import { createKnex } from '../../../platform';
import { createUser } from '../../../server/auth';
import {
  createIntakeService,
  startProcessStarter,
  type ProcessStarter,
} from '../../../server/intake';
import { importOrgTree } from '../../../server/org';
import { createTriageService } from '../../../server/triage';
import { ALL_JOBS, startWorkers, type StartedWorkers } from '../../../workers';
import { DemandRun, until, useDemandEngine } from '../../processes/support/harness';

export const DISTRICT = '519931';
export const TOWNSHIP = '519931001';
export const VILLAGE = '519931001002';
export const OTHER_VILLAGE = '519931001003';
export const WATER_DEPARTMENT = '519931-SW';
export const ENVIRONMENT_DEPARTMENT = '519931-ST';
export const CITY = '519900';
/** A second district of the same city, with its own water department. */
export const NEIGHBOUR_DISTRICT = '519932';
export const NEIGHBOUR_VILLAGE = '519932001001';
export const NEIGHBOUR_WATER_DEPARTMENT = '519932-SW';

const TREE = {
  code: DISTRICT,
  name: '测试区',
  tier: 'district',
  children: [
    {
      code: TOWNSHIP,
      name: '东城街道',
      tier: 'township',
      kind: 'street',
      children: [
        {
          code: VILLAGE,
          name: '新华社区',
          tier: 'village',
          kind: 'community',
          grids: [{ code: `${VILLAGE}-01`, name: '第一网格' }],
        },
        { code: OTHER_VILLAGE, name: '光明社区', tier: 'village', kind: 'community' },
      ],
    },
  ],
  departments: [
    { code: WATER_DEPARTMENT, name: '区水务局', domains: ['utilities'] },
    { code: ENVIRONMENT_DEPARTMENT, name: '区生态环境局', domains: ['environment'] },
  ],
  city: { code: CITY, name: '市级部门' },
};

const NEIGHBOUR_TREE = {
  code: NEIGHBOUR_DISTRICT,
  name: '邻区',
  tier: 'district',
  children: [
    {
      code: '519932001',
      name: '西城街道',
      tier: 'township',
      kind: 'street',
      children: [{ code: NEIGHBOUR_VILLAGE, name: '和平社区', tier: 'village', kind: 'community' }],
    },
  ],
  departments: [{ code: NEIGHBOUR_WATER_DEPARTMENT, name: '邻区水务局', domains: ['utilities'] }],
  city: { code: CITY, name: '市级部门' },
};

/** One account per role, at the unit where that role acts on these demands. */
export const STAFF = {
  villageStaff: { username: 'w-village', role: 'village_staff', unit: VILLAGE },
  townshipStaff: { username: 'w-township', role: 'township_staff', unit: TOWNSHIP },
  intakeClerk: { username: 'w-clerk', role: 'intake_clerk', unit: DISTRICT },
  dispatcher: { username: 'w-dispatcher', role: 'dispatcher', unit: DISTRICT },
  supervisor: { username: 'w-supervisor', role: 'supervisor', unit: DISTRICT },
  principal: { username: 'w-principal', role: 'principal_leader', unit: DISTRICT },
  inspector: { username: 'w-inspector', role: 'discipline_inspector', unit: DISTRICT },
} as const;

/** `options.except`: job types the test plays itself (no worker subscribes them). */
export function useWorkerWorld(options: { except?: string[] } = {}) {
  let knex: Knex;
  let camunda: Camunda8;
  let workers: StartedWorkers;
  let starter: ProcessStarter;
  // Declared before the engine's hooks: Jest runs afterAll hooks in declaration order, and
  // these must stop before the engine and the database go away.
  afterAll(async () => {
    await starter?.stop();
    await workers?.stop();
    await camunda?.closeAllClients();
    await knex?.destroy();
  }, 30_000);
  const demands = useDemandEngine();
  const engine = demands.engine;
  const workerLog: string[] = [];
  /** The intake service's clock: the tests keep it with the engine's. */
  let intakeNow = new Date('2026-03-02T09:00:00+08:00');
  const started: string[] = [];
  let intake: ReturnType<typeof createIntakeService>;
  let tickets = 0;

  beforeAll(async () => {
    knex = createKnex(engine.databaseUrl, { poolMax: 6 });
    await importOrgTree(knex, TREE);
    await importOrgTree(knex, NEIGHBOUR_TREE);
    for (const member of Object.values(STAFF)) {
      await createUser(knex, {
        username: member.username,
        password: `pw-${randomBytes(9).toString('hex')}`,
        role: member.role,
        unitCode: member.unit,
      });
    }
    camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${engine.port}`,
      ZEEBE_REST_ADDRESS: engine.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'error',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'ERROR' },
    } as never);
    const jobTypes = ALL_JOBS.map((job) => job.type).filter(
      (type) => !options.except?.includes(type),
    );
    workers = startWorkers({ knex, camunda, jobTypes, log: (line) => workerLog.push(line) });
    starter = startProcessStarter({ knex, camunda, log: () => undefined, pollIntervalMs: 100 });
    const dataKey = randomBytes(32);
    intake = createIntakeService({
      knex,
      pii: { cipher: createFieldCipher(dataKey), hasher: createFieldHasher(dataKey) },
      triage: createTriageService({ knex: knex }),
      clock: () => intakeNow,
      onStored: () => starter.wake(),
    });
  }, 90_000);

  afterEach(async () => {
    for (const key of started.splice(0)) {
      await demands.rest(`/v2/process-instances/${key}/cancellation`, 'POST', {});
    }
  });

  return {
    engine,
    get camunda() {
      return camunda;
    },
    get knex() {
      return knex;
    },
    get workers() {
      return workers;
    },
    workerLog,
    rest: demands.rest,
    /** Moves the engine clock and the intake clock together. */
    async setClock(at: Date): Promise<void> {
      intakeNow = at;
      await engine.setClock(at.getTime());
    },
    /**
     * A citizen's demand delivered by the hotline at the intake clock's time, as intake stores
     * it; resolves once its process instance runs.
     */
    async submit(content: string, unitCode: string = VILLAGE): Promise<DemandRun> {
      tickets += 1;
      const result = await intake.submit(
        {
          externalId: `T-${process.pid}-${tickets}`,
          submittedAt: null,
          citizen: { name: '刘洋', phone: '15512342654', idNumber: null, anonymous: false },
          content: { original: content, normalised: content },
          location: { address: null, unitCode, lat: null, lng: null },
          attachments: [],
          petition: false,
        },
        { channel: 'hotline_12345', keyId: null, districtCode: null },
      );
      const code = result.answer.code;
      const key = await until(`the process of ${code}`, async () => {
        const row = await knex('demands').where({ code }).first('process_instance_key');
        return row?.process_instance_key ? String(row.process_instance_key) : undefined;
      });
      started.push(key);
      return new DemandRun(engine, key, code);
    },
    /** Waits until the demand shows `status` (the workers write it after the engine moves on). */
    async statusBecomes(code: string, status: string): Promise<void> {
      await until(`${code} to be ${status}`, async () => {
        const row = await knex('demands').where({ code }).first('status');
        return row?.status === status ? true : undefined;
      });
    },
    demandOf: (code: string) => knex('demands').where({ code }).first(),
  };
}
