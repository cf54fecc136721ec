/* eslint-disable @typescript-eslint/no-explicit-any -- the API answers untyped JSON */
/**
 * The whole system in one test process, composed as `server/main.ts` composes it: a database
 * with the demo district, the engine over its real ports with every model of `processes/`,
 * the official SDK client, the job workers, the intake process starter and the Express app.
 * A scenario acts only as users do: channels and citizens through the public API, staff
 * through their sessions. Time moves with the engine clock (and the server's, kept equal).
 */
import { randomBytes } from 'node:crypto';
import type { Camunda8 } from '@camunda8/sdk';
import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import request from 'supertest';
import { generateDemoDistrict } from '../../../domain/org';
import { createCamundaClient, createKnex } from '../../../platform';
import { modelResources } from '../../../processes';
import { createApp, startProcessStarter, type ProcessStarter } from '../../../server';
import { createTriageService, type TriageService } from '../../../server/triage';
import { createUser } from '../../../server/auth';
import { createChannelKey } from '../../../server/channels';
import { importOrgTree } from '../../../server/org';
import { startJobWorkers, type RunningWorkers } from '../../../server/runtime/workers';
import { startNotificationDelivery, type RunningDelivery } from '../../../workers';
import type {
  NotificationSender,
  OutgoingNotification,
  Recipient,
} from '../../../workers/notifications';
import { createTestDatabase, dropTestDatabase } from '../../support/database';
import { setEngineClock, spawnEngine, stopEngine, type EngineProcess } from '../../support/engine';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** How long one state may take to show on a busy machine (the tests never sleep for time). */
export const WAIT_MS = 90_000;

/** The demo district and the units the scenarios place demands and staff in. */
export const demo = generateDemoDistrict();
export const DISTRICT = demo.code;
export const TOWNSHIP = demo.children!.find((t) =>
  (t.children ?? []).some((v) => (v.grids ?? []).length > 0),
)!;
export const VILLAGE = TOWNSHIP.children!.find((v) => (v.grids ?? []).length > 0)!;
export const GRID = VILLAGE.grids![0]!;
/** Another village of the same township, and another township: units that must see nothing. */
export const OTHER_VILLAGE = TOWNSHIP.children!.find((v) => v.code !== VILLAGE.code)!;
export const OTHER_TOWNSHIP = demo.children!.find((t) => t.code !== TOWNSHIP.code)!;
export const departmentOf = (domain: string) =>
  demo.departments!.find((d) => d.domains.includes(domain))!;

export type Role =
  | 'intake_clerk'
  | 'village_staff'
  | 'township_staff'
  | 'department_staff'
  | 'dispatcher'
  | 'supervisor'
  | 'principal_leader'
  | 'discipline_inspector'
  | 'auditor'
  | 'process_owner'
  | 'admin';

/** Where each role's account sits unless a scenario names a unit (as the demo accounts). */
const HOME: Record<Role, string> = {
  intake_clerk: DISTRICT,
  village_staff: VILLAGE.code,
  township_staff: TOWNSHIP.code,
  department_staff: departmentOf('housing').code,
  dispatcher: DISTRICT,
  supervisor: DISTRICT,
  principal_leader: DISTRICT,
  discipline_inspector: DISTRICT,
  auditor: DISTRICT,
  process_owner: DISTRICT,
  admin: DISTRICT,
};

export interface Staff {
  username: string;
  role: Role;
  unitCode: string;
  agent: ReturnType<typeof request.agent>;
  csrfToken: string;
}

export interface TaskItem {
  key: string;
  name: string;
  elementId: string;
  state: string;
  demand: { code: string; [field: string]: unknown } | null;
  assignee: string | null;
  candidateGroups: string[];
  dueDate: string | null;
  [field: string]: unknown;
}

/** Polls `probe` until it returns something other than undefined. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** supertest hands binary bodies over whole with this parser. */
function binary(res: any, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Every sheet of a workbook as rows of cell texts (the first row is the header). */
export async function readWorkbook(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      rows.push(
        (row.values as unknown[])
          .slice(1)
          .map((value) => (value === null || value === undefined ? '' : cellText(value))),
      );
    });
    return { name: sheet.name, rows };
  });
}

function cellText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value && 'richText' in value) {
    return (value as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  }
  if (typeof value === 'object' && value && 'text' in value) return String((value as any).text);
  return String(value);
}

/**
 * Boots the system for one test file (beforeAll) and stops it (afterAll). The engine and the
 * server start pinned at `start`.
 */
export function useSystem(start: string) {
  jest.setTimeout(15 * 60_000);
  let engineDatabase: { name: string; url: string } | undefined;
  let engineProcess: EngineProcess | undefined;
  const engine = {
    get port() {
      return engineProcess!.grpcPort;
    },
    get restUrl() {
      return `http://127.0.0.1:${engineProcess!.restPort}`;
    },
    setClock: (epochMillis: number) => setEngineClock(engineProcess!.restPort, epochMillis),
    output: () => engineProcess?.output() ?? '',
  };
  let database: { name: string; url: string } | undefined;
  let knex: Knex;
  let camunda: Camunda8;
  let workers: RunningWorkers | undefined;
  let starter: ProcessStarter | undefined;
  let delivery: RunningDelivery | undefined;
  /** What the SMS gateway was handed: the messages citizens and units received. */
  const sent: OutgoingNotification[] = [];
  const gateway: NotificationSender = {
    send: async (message) => {
      sent.push(message);
    },
  };
  const dataKey = randomBytes(32);
  let app: ReturnType<typeof createApp>;
  let triage: TriageService;
  let now = Date.parse(start);
  const channelKeys = new Map<string, string>();
  const sessions = new Map<string, Staff>();
  const accounts = new Map<string, { username: string; password: string }>();
  const logs: string[] = [];
  /** Tasks completed here: the engine's search may still list one as open for a moment. */
  const completed = new Set<string>();

  beforeAll(async () => {
    engineDatabase = await createTestDatabase();
    engineProcess = await spawnEngine(engineDatabase.url);
    await engine.setClock(now);
    const form = new FormData();
    for (const resource of modelResources()) {
      form.append('resources', new Blob([resource.content]), resource.name);
    }
    const deployed = await fetch(`${engine.restUrl}/v2/deployments`, {
      method: 'POST',
      body: form,
    });
    if (deployed.status !== 200) throw new Error(`deployment refused: ${await deployed.text()}`);

    database = await createTestDatabase();
    knex = createKnex(database.url, { poolMax: 8 });
    await importOrgTree(knex, demo);
    camunda = createCamundaClient(
      {
        grpcAddress: `grpc://127.0.0.1:${engine.port}`,
        restAddress: engine.restUrl,
        embedded: true,
      },
      { ...process.env, CAMUNDA_LOG_LEVEL: 'error', ZEEBE_CLIENT_LOG_LEVEL: 'ERROR' },
    );
    const log = (line: string) => logs.push(line);
    workers = await startJobWorkers({ knex, camunda, log });
    delivery = startNotificationDelivery({
      knex,
      log,
      dataKey,
      // Outbox rows are due by the database's clock (real time), not the pinned one.
      pollMs: 200,
      senders: { sms: gateway, wechat: gateway },
    });
    starter = startProcessStarter({ knex, camunda, log });
    triage = createTriageService({ knex });
    app = createApp({
      knex,
      dataKey,
      triage,
      clock: () => new Date(now),
      log,
      camunda,
      engineRecordsUrl: engine.restUrl,
      onDemandStored: () => starter?.wake(),
      config: { publicWriteLimit: 100_000, publicReadLimit: 100_000 },
    });
  }, 180_000);

  afterAll(async () => {
    const troubles = logs.filter((line) => /error|fail|incident/i.test(line));
    if (troubles.length > 0)
      console.log(`system log (problems):\n${troubles.slice(-40).join('\n')}`);
    starter?.stop();
    await workers?.stop();
    await delivery?.stop();
    await camunda?.closeAllClients();
    // The engine stops after the workers, so none is left retrying a completion against it.
    if (engineProcess) await stopEngine(engineProcess);
    await knex?.destroy();
    if (database) await dropTestDatabase(database.name);
    if (engineDatabase) await dropTestDatabase(engineDatabase.name);
  }, 60_000);

  const system = {
    get knex() {
      return knex;
    },
    /** The app's triage: what it proposes at intake, and its learner. */
    get triage() {
      return triage;
    },
    get app() {
      return app;
    },
    engine,
    logs,
    /** Polls until the gateway was handed a message of `template` about the demand for `kind`. */
    notified(demandCode: string, template: string, kind: Recipient['kind']) {
      return until(`${template} sent to the ${kind} of ${demandCode}`, async () =>
        sent.find(
          (m) =>
            m.demandCode === demandCode && m.template === template && m.recipient.kind === kind,
        ),
      );
    },
    /** Polls until the demand's citizen was sent a message of `template`. */
    toldCitizen(demandCode: string, template: string) {
      return system.notified(demandCode, template, 'citizen');
    },
    /** The system's time now (engine and server). */
    now: () => new Date(now),

    /** Moves the engine clock (`PUT /v2/clock`) and the server's to `to`; never backwards. */
    async advanceClock(to: string | Date) {
      const target = typeof to === 'string' ? Date.parse(to) : to.getTime();
      if (Number.isNaN(target) || target < now) throw new Error(`cannot move the clock to ${to}`);
      now = target;
      await engine.setClock(now);
      // Staff sessions end after their idle limit: the next call logs in again.
      sessions.clear();
    },

    /** A channel's intake: `POST /api/demands` with that channel's key. */
    async submit(body: Record<string, unknown>, channel = 'hotline_12345') {
      let key = channelKeys.get(channel);
      if (!key) {
        key = (await createChannelKey(knex, { channel })).key;
        channelKeys.set(channel, key);
      }
      const body201 = {
        externalId: `ext-${randomBytes(6).toString('hex')}`,
        ...body,
      };
      return request(app).post('/api/demands').set('Authorization', `Bearer ${key}`).send(body201);
    },

    /** A logged-in member of staff of `role` at `unitCode` (default: as the demo accounts). */
    async as(role: Role, unitCode: string = HOME[role]): Promise<Staff> {
      const id = `${role}@${unitCode}`;
      const open = sessions.get(id);
      if (open) return open;
      let account = accounts.get(id);
      if (!account) {
        account = {
          username: `${role.replace(/_/g, '-')}-${unitCode.toLowerCase()}-${randomBytes(2).toString('hex')}`,
          password: `pw-${randomBytes(9).toString('base64url')}`,
        };
        await createUser(knex, { ...account, role, unitCode });
        accounts.set(id, account);
      }
      const agent = request.agent(app);
      const res = await agent.post('/api/session').send(account);
      if (res.status !== 200) throw new Error(`login ${id}: ${res.status} ${res.text}`);
      const staff = { ...account, role, unitCode, agent, csrfToken: res.body.csrfToken as string };
      sessions.set(id, staff);
      return staff;
    },

    /** A second, separate account of `role` at `unitCode`, logged in. */
    async colleague(role: Role, unitCode: string = HOME[role]): Promise<Staff> {
      const account = {
        username: `${role.replace(/_/g, '-')}-${unitCode.toLowerCase()}-${randomBytes(3).toString('hex')}`,
        password: `pw-${randomBytes(9).toString('base64url')}`,
      };
      await createUser(knex, { ...account, role, unitCode });
      const agent = request.agent(app);
      const res = await agent.post('/api/session').send(account);
      if (res.status !== 200) throw new Error(`login ${account.username}: ${res.status}`);
      return { ...account, role, unitCode, agent, csrfToken: res.body.csrfToken as string };
    },

    /** The open tasks `role` (at `unitCode`) sees for a demand. */
    async tasksOf(role: Role, demandCode: string, unitCode?: string): Promise<TaskItem[]> {
      const staff = await system.as(role, unitCode);
      const res = await staff.agent.get('/api/tasks?assigned=all&pageSize=100');
      if (res.status !== 200) throw new Error(`GET /api/tasks: ${res.status} ${res.text}`);
      return (res.body.items as TaskItem[]).filter((t) => t.demand?.code === demandCode);
    },

    /** Polls `/api/tasks` until `role` sees the open task `elementId` of the demand. */
    task(role: Role, demandCode: string, elementId: string, unitCode?: string) {
      return until(`task ${elementId} of ${demandCode} for ${role}`, async () => {
        const tasks = await system.tasksOf(role, demandCode, unitCode);
        return tasks.find((t) => t.elementId === elementId && !completed.has(t.key));
      });
    },

    /** Claims and completes `task` as `role`; the engine's search may lag the claim. */
    async complete(
      role: Role,
      task: TaskItem,
      variables: Record<string, unknown>,
      unitCode?: string,
    ) {
      const staff = await system.as(role, unitCode);
      if (task.assignee !== staff.username) {
        const claim = await staff.agent
          .post(`/api/tasks/${task.key}/assignment`)
          .set('X-CSRF-Token', staff.csrfToken);
        if (claim.status !== 204)
          throw new Error(`claim ${task.elementId}: ${claim.status} ${claim.text}`);
      }
      await until(`completion of ${task.elementId}`, async () => {
        const res = await staff.agent
          .post(`/api/tasks/${task.key}/completion`)
          .set('X-CSRF-Token', staff.csrfToken)
          .send({ variables });
        if (res.status === 204) {
          completed.add(task.key);
          return true;
        }
        if (res.status === 409 && /claim/i.test(res.text)) return undefined;
        throw new Error(`complete ${task.elementId}: ${res.status} ${res.text}`);
      });
    },

    /** Waits for the task and completes it. */
    async act(
      role: Role,
      demandCode: string,
      elementId: string,
      variables: Record<string, unknown>,
      unitCode?: string,
    ) {
      const task = await system.task(role, demandCode, elementId, unitCode);
      await system.complete(role, task, variables, unitCode);
      return task;
    },

    /** `GET /api/demands/{code}` as `role` (default: the district's dispatcher). */
    async demand(code: string, role: Role = 'dispatcher', unitCode?: string) {
      const staff = await system.as(role, unitCode);
      const res = await staff.agent.get(`/api/demands/${code}`);
      if (res.status !== 200) throw new Error(`GET /api/demands/${code}: ${res.status}`);
      return res.body;
    },

    /** Polls the demand until `ready` holds. */
    demandWhen(code: string, what: string, ready: (demand: any) => boolean) {
      return until(`${code}: ${what}`, async () => {
        const demand = await system.demand(code);
        return ready(demand) ? demand : undefined;
      });
    },

    /** Polls the demand until its status is `status`. */
    status(code: string, status: string) {
      return system.demandWhen(code, `status ${status}`, (d) => d.status === status);
    },

    /** `GET /api/ledgers/{tier}?unit=` as `role`. */
    async ledger(
      tier: 'district' | 'township' | 'village',
      unit: string,
      role: Role = 'dispatcher',
      as?: string,
    ) {
      const staff = await system.as(role, as);
      const res = await staff.agent.get(`/api/ledgers/${tier}?unit=${unit}`);
      if (res.status !== 200) throw new Error(`ledger ${tier} ${unit}: ${res.status} ${res.text}`);
      return res.body;
    },

    /** `GET /api/ledgers/{tier}.xlsx?unit=` as `role`, every sheet as rows of texts. */
    async xlsx(
      tier: 'district' | 'township' | 'village',
      unit: string,
      role: Role = 'dispatcher',
      as?: string,
    ) {
      const staff = await system.as(role, as);
      const res = await staff.agent
        .get(`/api/ledgers/${tier}.xlsx?unit=${unit}`)
        .buffer(true)
        .parse(binary);
      if (res.status !== 200) throw new Error(`ledger ${tier}.xlsx ${unit}: ${res.status}`);
      return readWorkbook(res.body as Buffer);
    },

    /** A visitor of the public page: lookup and feedback with the visitor's CSRF token. */
    async visitor() {
      const agent = request.agent(app);
      const res = await agent.get('/api/public/csrf');
      const token = res.body.csrfToken as string;
      return {
        agent,
        lookup: (code: string, phoneLast4: string) =>
          agent.get(`/api/public/demands/${code}?phoneLast4=${phoneLast4}`),
        feedback: (code: string, body: Record<string, unknown>) =>
          agent.post(`/api/public/demands/${code}/feedback`).set('X-CSRF-Token', token).send(body),
      };
    },
  };
  return system;
}

export type System = ReturnType<typeof useSystem>;
