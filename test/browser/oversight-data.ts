import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { loadRankingPolicy, parsePeriod } from '../../domain/rankings';
import { createKnex, loadPlatformConfig } from '../../platform';
import { openDatabaseServer } from '../../platform/postgres';
import { computeRankings } from '../../workers/rankings';
import { runNpmScript } from '../system/running-system';
import type { DemoLogin, RunningApp } from './running-app';

/**
 * Demands for the 台账 and 红黑榜 pages, put through the real processes of a running system
 * over its HTTP API: submitted by the 12345 hotline, screened, reviewed, dispatched and (some)
 * accepted by the staff whose tasks they are.
 */

/** A staff session over the API with its CSRF token, for doing what the staff would do. */
export async function staffApi(baseUrl: string, login: Pick<DemoLogin, 'username' | 'password'>) {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: login.username, password: login.password }),
  });
  if (res.status !== 200) throw new Error(`login ${login.username}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async (method: string, url: string, body?: unknown) => {
    const answer = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        Cookie: cookie,
        'X-CSRF-Token': csrfToken,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  return { username: login.username, call };
}
export type StaffApi = Awaited<ReturnType<typeof staffApi>>;

interface TaskItem {
  key: string;
  elementId: string;
  demand: { code: string } | null;
}

/** Waits for the user's task `elementId` of demand `code`, claims it and completes it. */
export async function completeTask(
  staff: StaffApi,
  code: string,
  elementId: string,
  variables: Record<string, unknown>,
): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const list = (await staff.call('GET', '/api/tasks?pageSize=100')) as { items: TaskItem[] };
    const task = list.items.find((t) => t.demand?.code === code && t.elementId === elementId);
    if (task) {
      await staff.call('POST', `/api/tasks/${task.key}/assignment`);
      // The engine's task search shows the claim a moment later; completing needs it seen.
      await until(
        async () => (await staff.call('GET', `/api/tasks/${task.key}`)).assignee === staff.username,
        `the claim of ${elementId} of ${code}`,
      );
      await staff.call('POST', `/api/tasks/${task.key}/completion`, { variables });
      return;
    }
    if (Date.now() > deadline) throw new Error(`no task ${elementId} of ${code} in time`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not seen in time`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** A demand from the 12345 hotline placed at `unitCode`; its code. */
export async function submitDemand(
  app: RunningApp,
  demand: { content: string; name: string; phone: string; unitCode: string },
): Promise<string> {
  const answer = await fetch(`${app.baseUrl}/api/demands`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await app.channelKey('hotline_12345')}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      externalId: `12345-oversight-${randomBytes(4).toString('hex')}`,
      content: demand.content,
      citizen: { name: demand.name, phone: demand.phone },
      location: { address: '民生路1号', unitCode: demand.unitCode },
    }),
  });
  if (answer.status !== 201) throw new Error(`intake: ${answer.status} ${await answer.text()}`);
  return ((await answer.json()) as { code: string }).code;
}

/** The running system's own database (the embedded server `npm start` runs, shared). */
export async function systemDatabase(
  app: RunningApp,
): Promise<{ knex: Knex; close: () => Promise<void> }> {
  const server = await openDatabaseServer(loadPlatformConfig(app.env), () => undefined);
  const knex = createKnex(server.url, { poolMax: 2 });
  return {
    knex,
    close: async () => {
      await knex.destroy();
      await server.stop();
    },
  };
}

/** A staff account made as an administrator would, with `npm run user:create`. */
export async function createStaff(
  app: RunningApp,
  account: { username: string; password: string; role: string; unit: string; name: string },
): Promise<void> {
  const run = await runNpmScript(
    'user:create',
    [
      '--username',
      account.username,
      '--password',
      account.password,
      '--role',
      account.role,
      '--unit',
      account.unit,
      '--name',
      account.name,
    ],
    app.env,
  );
  if (run.code !== 0) throw new Error(`user:create failed:\n${run.output}`);
}

/** Waits until every demand has reached `status` (the jobs after a task run on their own). */
export async function waitForStatus(
  knex: Knex,
  codes: string[],
  status: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = (await knex('demands').whereIn('code', codes).select('code', 'status')) as {
      code: string;
      status: string;
    }[];
    if (rows.length === codes.length && rows.every((row) => row.status === status)) return;
    if (Date.now() > deadline) {
      throw new Error(`not all ${status}: ${JSON.stringify(rows)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Waits until each demand's history holds `action` (written by the job after the task). */
export async function waitForHistory(
  knex: Knex,
  codes: string[],
  action: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = (await knex('demand_history as h')
      .join('demands as d', 'd.id', 'h.demand_id')
      .whereIn('d.code', codes)
      .where('h.action', action)
      .countDistinct({ n: 'd.code' })) as { n: string }[];
    if (Number(rows[0]?.n) === codes.length) return;
    if (Date.now() > deadline) throw new Error(`${action} missing on some of ${codes.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * The month's ranking as the `unit-ranking-compute` job computes it (`computeRankings`, the
 * process owner's policy), as of `asOf`: a time after the demands' deadlines, when what was
 * not accepted or resolved counts against the unit — as the run on the 1st sees older demands.
 */
export async function computeMonthRanking(knex: Knex, month: string, asOf: Date): Promise<void> {
  const period = parsePeriod('month', month);
  if (!period) throw new Error(`not a month: ${month}`);
  await knex.transaction((trx) => computeRankings(trx, period, loadRankingPolicy(), asOf));
}
