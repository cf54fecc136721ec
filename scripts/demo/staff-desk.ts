/**
 * The county's staff at their task lists (`/api/tasks`), one session per account: each round,
 * every account reads its whole list and claims and completes the tasks whose day has come, as
 * the month's script decides. Citizens answer verification SMS on the public page.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { createUser } from '../../server/auth';
import { CookieSession } from '../../test/system/lifecycle/http-session';
import type { PlannedDemand } from './month-plan';
import { decide, feedbackOf } from './staff-decisions';

export interface StaffAccount {
  role: string;
  unitCode: string;
  username: string;
  password: string;
}

/** One account per (role, unit) the demo's demands reach. */
export async function createStaff(
  knex: Knex,
  units: [role: string, unitCode: string][],
): Promise<StaffAccount[]> {
  const accounts: StaffAccount[] = [];
  for (const [role, unitCode] of units) {
    const account = {
      role,
      unitCode,
      username: `${role.replace(/_/g, '-')}-${randomBytes(3).toString('hex')}`,
      password: `pw-${randomBytes(12).toString('base64url')}`,
    };
    await createUser(knex, account);
    accounts.push(account);
  }
  return accounts;
}

interface TaskItem {
  key: string;
  elementId: string;
  assignee: string | null;
  demand: { code?: string } | null;
}

/** Calls of one kind the desk made, and how long the server took to answer them. */
export interface CallTimes {
  count: number;
  ms: number;
}

/**
 * Runs at most `limit` calls at a time, over all accounts together, and adds each call's
 * answer time (not its wait for a free slot) to `times` under its kind.
 */
function limiter(limit: number, times: Map<string, CallTimes>) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(kind: string, call: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    const started = performance.now();
    try {
      return await call();
    } finally {
      const total = times.get(kind) ?? { count: 0, ms: 0 };
      times.set(kind, { count: total.count + 1, ms: total.ms + performance.now() - started });
      active -= 1;
      waiting.shift()?.();
    }
  };
}

export class StaffDesk {
  readonly errors: string[] = [];
  /** Staff API calls by kind (`list page`, `claim`, `completion`, `feedback`). */
  readonly callTimes = new Map<string, CallTimes>();
  private readonly sessions: [StaffAccount, CookieSession][];
  private readonly handleSeen = new Map<string, number>();
  private readonly done = new Set<string>();
  private readonly answers = new Map<string, number>();
  /** Accounts that completed a task at their last look: their next step may be theirs too. */
  private readonly busy = new Set<string>();
  private readonly limit: ReturnType<typeof limiter>;

  constructor(
    baseUrl: string,
    accounts: StaffAccount[],
    private readonly byCode: Map<string, PlannedDemand>,
    private readonly codeOf: (index: number) => string | undefined,
    concurrency: number,
  ) {
    this.sessions = accounts.map((a) => [a, new CookieSession(() => baseUrl)]);
    this.limit = limiter(concurrency, this.callTimes);
  }

  /**
   * Accounts work their lists once: all of them (`everyone`), or only those that completed a
   * task last time (a demand's next step is often in the same list: the citizen's and the
   * handler's sign-off). Most lists hold only tasks for later days, so reading them at every
   * look was most of the staff's calls. The number of tasks completed.
   */
  async round(day: number, everyone: boolean): Promise<number> {
    const counts = await Promise.all(
      this.sessions
        .filter(([account]) => everyone || this.busy.has(account.username))
        .map(([account, session]) => this.work(account, session, day)),
    );
    return counts.reduce((sum, n) => sum + n, 0);
  }

  private async login(account: StaffAccount, session: CookieSession): Promise<void> {
    const login = await session.request('POST', '/api/session', {
      username: account.username,
      password: account.password,
    });
    if (login.status !== 200) throw new Error(`login ${account.username}: ${login.status}`);
    session.csrfToken = login.body.csrfToken as string;
  }

  private async list(account: StaffAccount, session: CookieSession): Promise<TaskItem[]> {
    const items: TaskItem[] = [];
    for (let page = 1; ; page++) {
      if (!session.csrfToken) await this.login(account, session);
      const answer = await this.limit('list page', () =>
        session.request('GET', `/api/tasks?pageSize=100&page=${page}&sort=createdAt`),
      );
      if (answer.status === 401) {
        session.forget();
        page -= 1;
        continue;
      }
      if (answer.status !== 200) throw new Error(`task list: ${answer.status} ${answer.text}`);
      items.push(...(answer.body.items as TaskItem[]));
      if (page * 100 >= (answer.body.page.total as number)) return items;
    }
  }

  private async work(account: StaffAccount, session: CookieSession, day: number) {
    let acted = 0;
    const tasks = await this.list(account, session);
    await Promise.all(
      tasks.map(async (task) => {
        if (await this.complete(account, session, task, day)) acted += 1;
      }),
    );
    if (acted > 0) this.busy.add(account.username);
    else this.busy.delete(account.username);
    return acted;
  }

  private async complete(
    account: StaffAccount,
    session: CookieSession,
    task: TaskItem,
    day: number,
  ): Promise<boolean> {
    const demand = task.demand?.code ? this.byCode.get(task.demand.code) : undefined;
    if (!demand || this.done.has(task.key)) return false;
    let appearance = this.handleSeen.get(task.key);
    if (task.elementId === 'handle' && appearance === undefined) {
      demand.handleTasks += 1;
      appearance = demand.handleTasks;
      this.handleSeen.set(task.key, appearance);
    }
    const answered = this.answers.get(demand.code!) ?? 0;
    const decision = decide(demand, task.elementId, appearance ?? 0, answered + 1, this.codeOf);
    if (!decision) {
      if (!['screen-first'].includes(task.elementId)) {
        this.done.add(task.key);
        this.errors.push(`${demand.code}: no decision for ${task.elementId}`);
      }
      return false;
    }
    if (decision.day > day) return false;
    if (task.assignee !== account.username) {
      const claim = await this.limit('claim', () =>
        session.request('POST', `/api/tasks/${task.key}/assignment`),
      );
      if (claim.status !== 204) return this.refused(demand, task, claim.status, claim.text);
    }
    const completion = await this.completion(session, task.key, decision.variables);
    if (completion.status === 409) return false; // still open: the next round tries again
    if (completion.status !== 204) {
      return this.refused(demand, task, completion.status, completion.text);
    }
    this.done.add(task.key);
    if (task.elementId === 'return-visit') this.answers.set(demand.code!, answered + 1);
    return true;
  }

  /**
   * Completes a task just claimed. The server reads tasks from the engine's search, which
   * shows the claim moments after it was made; until then a completion is refused with 409
   * ("claim the task first"), so the clerk tries again shortly, as one would after a reload.
   */
  private async completion(session: CookieSession, key: string, variables: object) {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.limit('completion', () =>
        session.request('POST', `/api/tasks/${key}/completion`, { variables }),
      );
      if (answer.status !== 409 || attempt === 3) return answer;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }

  /** A task closed meanwhile (an escalation cancels the handle task) is no failure. */
  private refused(demand: PlannedDemand, task: TaskItem, status: number, text: string) {
    this.done.add(task.key);
    if (status !== 404 && status !== 409) {
      this.errors.push(`${demand.code} ${task.elementId}: ${status} ${text}`);
    }
    return false;
  }

  /**
   * Citizens who answer online reply to each verification SMS (`verification_request`) on
   * the public page; the others wait for the clerk's call (the `return-visit` task).
   */
  async citizensAnswer(knex: Knex, baseUrl: string): Promise<number> {
    const { rows } = await knex.raw<{ rows: { code: string; requests: string }[] }>(
      `SELECT d.code, count(o.id) AS requests
         FROM demands d
         JOIN notification_outbox o
           ON o.recipient = 'citizen:' || d.code AND o.template = 'verification_request'
        WHERE d.status = 'awaiting_verification'
        GROUP BY d.code`,
    );
    const visitor = new CookieSession(() => baseUrl);
    let acted = 0;
    for (const row of rows) {
      const demand = this.byCode.get(row.code);
      const answered = this.answers.get(row.code) ?? 0;
      if (!demand?.answersOnline || answered >= Number(row.requests)) continue;
      if (!visitor.csrfToken) {
        const csrf = await visitor.request('GET', '/api/public/csrf');
        visitor.csrfToken = csrf.body.csrfToken as string;
      }
      const answer = await this.limit('feedback', () =>
        visitor.request('POST', `/api/public/demands/${row.code}/feedback`, {
          phoneLast4: demand.citizen.phone.slice(-4),
          satisfaction: feedbackOf(demand, answered + 1),
          comment: '已收到处理结果',
        }),
      );
      if (answer.status === 204) {
        this.answers.set(row.code, answered + 1);
        acted += 1;
      } else if (answer.status !== 409) {
        this.errors.push(`feedback on ${row.code}: ${answer.status} ${answer.text}`);
        this.answers.set(row.code, answered + 1);
      }
    }
    return acted;
  }
}
