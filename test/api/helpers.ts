import { randomBytes } from 'node:crypto';
import type { Camunda8 } from '@camunda8/sdk';
import type { Knex } from 'knex';
import request from 'supertest';
import { generateDemoDistrict } from '../../domain/org';
import { createApp } from '../../server';
import type { ServerConfig } from '../../server';
import { createUser } from '../../server/auth';
import { createChannelKey } from '../../server/channels';
import { importOrgTree } from '../../server/org';

/** A clock the test moves by hand: sessions and lockouts read it, nothing sleeps. */
export function movableClock(start = new Date('2026-03-02T09:00:00+08:00')) {
  let now = start.getTime();
  const clock = () => new Date(now);
  return Object.assign(clock, {
    advance(ms: number) {
      now += ms;
    },
    set(date: Date) {
      now = date.getTime();
    },
  });
}

export const MINUTE = 60_000;

/** The demo district (one district: demands without a unit are placed in it). */
export const demo = generateDemoDistrict();
export const DISTRICT = demo.code;
export const TOWNSHIP = demo.children![0]!;
export const VILLAGE = TOWNSHIP.children!.find((v) => (v.grids ?? []).length > 0)!;
export const GRID = VILLAGE.grids![0]!;
export const HOUSING_DEPARTMENT = demo.departments!.find((d) => d.domains.includes('housing'))!;

export async function importDemoDistrict(knex: Knex): Promise<void> {
  await importOrgTree(knex, demo);
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  dataKey: Buffer;
  /** Every line the app logged. */
  logs: string[];
  clock: ReturnType<typeof movableClock>;
}

export function makeApp(
  knex: Knex,
  options: {
    config?: Partial<ServerConfig>;
    camunda?: Pick<Camunda8, 'getZeebeGrpcApiClient' | 'getOrchestrationClusterApiClientLoose'>;
    dataKey?: Buffer;
    onDemandStored?: () => void;
    clock?: ReturnType<typeof movableClock>;
    engineRecordsUrl?: string;
    webDistDir?: string;
    modelerDistDir?: string;
  } = {},
): TestApp {
  const logs: string[] = [];
  const dataKey = options.dataKey ?? randomBytes(32);
  const clock = options.clock ?? movableClock(new Date());
  const app = createApp({
    knex,
    dataKey,
    clock,
    log: (line) => logs.push(line),
    config: options.config,
    camunda: options.camunda,
    onDemandStored: options.onDemandStored,
    engineRecordsUrl: options.engineRecordsUrl,
    webDistDir: options.webDistDir,
    modelerDistDir: options.modelerDistDir,
  });
  return { app, dataKey, logs, clock };
}

let userCount = 0;
/** A staff account; returns its credentials. */
export async function staffAccount(
  knex: Knex,
  role: string,
  unitCode: string,
): Promise<{ username: string; password: string; id: string }> {
  userCount += 1;
  const username = `staff-${role.replace(/_/g, '-')}-${userCount}-${randomBytes(3).toString('hex')}`;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const { id } = await createUser(knex, { username, password, role, unitCode });
  return { username, password, id };
}

/** Logs in with a cookie-keeping agent; returns the agent and the session's CSRF token. */
export async function loggedIn(
  app: TestApp['app'],
  credentials: { username: string; password: string },
) {
  const agent = request.agent(app);
  const res = await agent.post('/api/session').send(credentials);
  if (res.status !== 200)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { agent, csrfToken: res.body.csrfToken as string, res };
}

export async function channelKey(
  knex: Knex,
  channel: string,
  districtCode?: string,
): Promise<{ id: string; key: string }> {
  return createChannelKey(knex, { channel, districtCode });
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The audit rows written for requests with this id (written once the answer is sent). */
export async function auditRows(knex: Knex, requestId: string, count = 1) {
  return waitFor(async () => {
    const rows = await knex('audit_log').where({ request_id: requestId });
    return rows.length >= count ? rows : undefined;
  }, `audit log of request ${requestId}`);
}

/** Counts of the rows intake writes, to show that a refused request wrote none. */
export async function intakeCounts(knex: Knex) {
  const count = async (table: string) =>
    Number((await knex(table).count<{ c: string }[]>('* as c'))[0]?.c);
  return {
    demands: await count('demands'),
    history: await count('demand_history'),
    outbox: await count('process_start_outbox'),
    attachments: await count('demand_attachments'),
    counters: await count('demand_code_counters'),
  };
}
