import { randomBytes } from 'node:crypto';
import { CookieSession } from '../system/lifecycle/http-session';
import type { DemoLogin, RunningApp } from './running-app';

/**
 * A demand's whole life driven over the API as the demo staff and the citizen would: intake by
 * the 12345 hotline, 初审 and 复核, accepted and resolved by the village, the citizen satisfied
 * on the public page, the four sign-offs (the called `four-party-signoff` process), archived.
 * The same forms as test/system/lifecycle/demand-scripts.ts.
 */

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CATEGORY = 'consultation';
const DOMAIN = 'sanitation';
const SIGNED = { signoffApproved: true, signoffStatement: '同意' };

/** Who works which task, in order, with the form's values. */
const SCRIPT: Array<[username: string, elementId: string, variables: Record<string, unknown>]> = [
  [
    'demo-village',
    'screen-first',
    { screeningOutcome: 'valid', category: CATEGORY, domain: DOMAIN },
  ],
  [
    'demo-township',
    'screen-review',
    { reviewOutcome: 'reasonable', scope: 'village', category: CATEGORY, domain: DOMAIN },
  ],
  ['demo-village', 'handle', { handleAction: 'accept', handleNote: '已签收' }],
  [
    'demo-village',
    'handle',
    { handleAction: 'resolve', result: '已现场清运并说明情况。', handleNote: '办结' },
  ],
  ['citizen', 'feedback', {}],
  ['demo-village', 'signoff-citizen', SIGNED],
  ['demo-village', 'signoff-handler', SIGNED],
  ['demo-supervisor', 'signoff-supervisor', SIGNED],
  ['demo-leader', 'signoff-principal', SIGNED],
];

async function until<T>(what: string, find: () => Promise<T | undefined>, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await pause(300);
  }
}

export async function staffSession(app: RunningApp, login: DemoLogin): Promise<CookieSession> {
  const session = new CookieSession(() => app.baseUrl);
  const answer = await session.request('POST', '/api/session', {
    username: login.username,
    password: login.password,
  });
  if (answer.status !== 200) throw new Error(`login ${login.username}: ${answer.status}`);
  session.csrfToken = answer.body.csrfToken as string;
  return session;
}

/** Submits a demand in the village of `village` and works it until it is archived. */
export async function archivedDemand(app: RunningApp, village: DemoLogin): Promise<string> {
  const phone = `139${String(Date.now()).slice(-8)}`;
  const intake = await fetch(`${app.baseUrl}/api/demands`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await app.channelKey('hotline_12345')}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      externalId: `12345-replay-${randomBytes(4).toString('hex')}`,
      content: '幸福路12号小区垃圾清运不及时，夏天异味很大，请尽快处理。',
      citizen: { name: '测试群众', phone },
      location: { address: '幸福路12号', unitCode: village.unitCode },
    }),
  });
  if (intake.status !== 201) throw new Error(`intake: ${intake.status}`);
  const code = ((await intake.json()) as { code: string }).code;

  const sessions = new Map<string, CookieSession>();
  for (const [username, elementId, variables] of SCRIPT) {
    if (username === 'citizen') {
      await citizenSatisfied(app, code, phone.slice(-4));
      continue;
    }
    const login = app.logins.get(username);
    if (!login) throw new Error(`no demo login ${username}`);
    const session = sessions.get(username) ?? (await staffSession(app, login));
    sessions.set(username, session);
    const key = await until(`${code} ${elementId} for ${username}`, async () => {
      const list = await session.request('GET', '/api/tasks?pageSize=100');
      const items = (list.body?.items ?? []) as Array<{
        key: string;
        elementId: string;
        demand: { code?: string } | null;
      }>;
      return items.find((task) => task.demand?.code === code && task.elementId === elementId)?.key;
    });
    const claimed = await session.request('POST', `/api/tasks/${key}/assignment`);
    if (claimed.status !== 204) throw new Error(`claim ${elementId}: ${claimed.text}`);
    const done = await session.request('POST', `/api/tasks/${key}/completion`, { variables });
    if (done.status !== 204) throw new Error(`complete ${elementId}: ${done.text}`);
  }
  const auditor = await staffSession(app, app.logins.get('demo-auditor')!);
  await until(`${code} archived`, async () => {
    const demand = await auditor.request('GET', `/api/demands/${code}`);
    return demand.body?.status === 'archived' ? true : undefined;
  });
  return code;
}

/** The citizen answers the verification SMS on the public page once it is awaited. */
async function citizenSatisfied(app: RunningApp, code: string, phoneLast4: string) {
  const visitor = new CookieSession(() => app.baseUrl);
  visitor.csrfToken = (await visitor.request('GET', '/api/public/csrf')).body.csrfToken as string;
  await until(`${code} feedback`, async () => {
    const answer = await visitor.request('POST', `/api/public/demands/${code}/feedback`, {
      phoneLast4,
      satisfaction: 'satisfied',
      comment: '已收到',
    });
    if (answer.status === 204) return true;
    if (answer.status !== 409) throw new Error(`feedback: ${answer.status} ${answer.text}`);
    return undefined;
  });
}
