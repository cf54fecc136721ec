/**
 * Scripted channel, staff and citizens driving demands through a running server over HTTP only:
 * the channel submits with its key (`POST /api/demands`), staff work their task lists
 * (`/api/tasks`: claim, complete) and citizens answer the verification SMS on the public page.
 * Every call may meet a server that is gone (killed) or restarting; the driver then tries
 * again, which is what a real client does. It never waits for time to pass: it polls for work.
 */
import type { Knex } from 'knex';
import type { SeededRandom } from '../../../domain/org/seeded-random';
import { CookieSession, http } from './http-session';
import {
  GRID,
  HANDLES,
  feedbackFor,
  pickKind,
  taskVariables,
  type HandleAction,
  type Kind,
} from './demand-scripts';

export interface StaffAccount {
  role: string;
  unitCode: string;
  username: string;
  password: string;
}

export interface DrivenDemand {
  index: number;
  kind: Kind;
  externalId: string;
  phone: string;
  idNumber: string;
  code?: string;
  /** The intake answered 201 (not only the 200 of a repeat). */
  created: boolean;
  /** `handle` tasks seen so far, each given the next action of the script. */
  handlesSeen: number;
}

export interface DriverOptions {
  baseUrl: () => string;
  knex: Knex;
  channelKey: string;
  staff: StaffAccount[];
  /** Tag of this run in external ids and texts, so two runs never collide. */
  runTag: string;
  /** While true, the `resolve` of an `overdue` demand waits (its deadlines are to pass first). */
  holdOverdue?: () => boolean;
  log?: (line: string) => void;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryable = (status: number) => status === 0 || status >= 500;

/** GB 11643: the 18th character of a resident ID number checks the first 17. */
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** A valid month and day (`MMDD`) that varies with `index`. */
function birthday(index: number): string {
  const month = 1 + (Math.floor(index / 28) % 12);
  const day = 1 + (index % 28);
  return `${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

export class LifecycleDriver {
  readonly demands: DrivenDemand[] = [];
  readonly byCode = new Map<string, DrivenDemand>();
  /** Latency of each intake call that was answered 201, in ms. */
  readonly intakeLatencies: number[] = [];
  /** Problems a retry cannot cure (a form refused, an unexpected answer): the run has failed. */
  readonly errors: string[] = [];
  private stopped = false;
  private readonly loops: Promise<void>[] = [];
  private readonly completed = new Set<string>();
  private readonly handlePlans = new Map<string, HandleAction>();
  private readonly answered = new Map<string, number>();

  constructor(private readonly options: DriverOptions) {}

  /** Plans `count` demands (their kinds drawn from `random`, or all `kind`). */
  plan(count: number, random: SeededRandom, kind?: Kind): void {
    for (let i = 0; i < count; i++) {
      const index = this.demands.length;
      const serial = String(index).padStart(8, '0');
      this.demands.push({
        index,
        kind: kind ?? pickKind(random),
        externalId: `${this.options.runTag}-${index}`,
        phone: `139${serial}`,
        idNumber: withCheckDigit(
          `5119021980${birthday(index)}${String(index % 1000).padStart(3, '0')}`,
        ),
        created: false,
        handlesSeen: 0,
      });
    }
  }

  /** Submits every planned demand, `concurrency` at a time, each until the intake answers. */
  async submitAll(concurrency: number): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < this.demands.length && !this.stopped) await this.submit(this.demands[next++]!);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  private async submit(demand: DrivenDemand): Promise<void> {
    const body = {
      externalId: demand.externalId,
      citizen: {
        name: '测试群众',
        phone: demand.phone,
        idNumber: demand.idNumber,
        anonymous: false,
      },
      content: `小区垃圾清运不及时，请尽快处理（${demand.externalId}）`,
      location: { address: '幸福路12号', unitCode: GRID.code },
    };
    for (;;) {
      const started = performance.now();
      const answer = await http(`${this.options.baseUrl()}/api/demands`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.channelKey}` },
        body,
      });
      if (answer.status === 201 || answer.status === 200) {
        if (answer.status === 201) {
          demand.created = true;
          this.intakeLatencies.push(performance.now() - started);
        }
        demand.code = answer.body.code as string;
        this.byCode.set(demand.code, demand);
        return;
      }
      if (!retryable(answer.status) || this.stopped) {
        this.errors.push(`intake of ${demand.externalId}: ${answer.status} ${answer.text}`);
        return;
      }
      await pause(200);
    }
  }

  /** Starts one loop per member of staff and one for the citizens' feedback. */
  start(): void {
    for (const account of this.options.staff) this.loops.push(this.staffLoop(account));
    this.loops.push(this.citizenLoop());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  private async staffLoop(account: StaffAccount): Promise<void> {
    const session = new CookieSession(this.options.baseUrl);
    while (!this.stopped) {
      if (!session.csrfToken) {
        const login = await session.request('POST', '/api/session', {
          username: account.username,
          password: account.password,
        });
        if (login.status === 200) session.csrfToken = login.body.csrfToken as string;
        else await pause(300);
        continue;
      }
      const list = await session.request('GET', '/api/tasks?pageSize=100&sort=createdAt');
      if (list.status === 401) {
        session.forget();
        continue;
      }
      if (list.status !== 200) {
        await pause(300);
        continue;
      }
      let acted = 0;
      const items = list.body.items as TaskListItem[];
      for (let i = 0; i < items.length; i += 4) {
        const done = await Promise.all(
          items.slice(i, i + 4).map((task) => this.work(session, account, task)),
        );
        acted += done.filter(Boolean).length;
      }
      if (acted === 0) await pause(250);
    }
  }

  /** Claims and completes one task as the script says; false when there was nothing to do. */
  private async work(
    session: CookieSession,
    account: StaffAccount,
    task: TaskListItem,
  ): Promise<boolean> {
    const demand = task.demand?.code ? this.byCode.get(task.demand.code) : undefined;
    if (!demand || this.completed.has(task.key)) return false;
    let handle: HandleAction | undefined;
    if (task.elementId === 'handle') {
      handle = this.handlePlans.get(task.key);
      if (!handle) {
        handle = HANDLES[demand.kind][demand.handlesSeen];
        if (!handle) {
          this.fail(task, `a handle task the script has no step for (${demand.kind})`);
          return false;
        }
        demand.handlesSeen += 1;
        this.handlePlans.set(task.key, handle);
      }
      if (handle === 'resolve' && demand.kind === 'overdue' && this.options.holdOverdue?.()) {
        return false;
      }
    }
    let variables: Record<string, unknown>;
    try {
      variables = taskVariables(demand.kind, task.elementId, handle);
    } catch (error) {
      this.fail(task, (error as Error).message);
      return false;
    }
    if (task.assignee !== account.username) {
      const claim = await session.request('POST', `/api/tasks/${task.key}/assignment`);
      if (claim.status === 404 || (claim.status === 409 && !/assigned/i.test(claim.text))) {
        this.completed.add(task.key); // closed meanwhile (a completion whose answer was lost)
        return true;
      }
      if (claim.status !== 204) return false;
    }
    const completion = await session.request('POST', `/api/tasks/${task.key}/completion`, {
      variables,
    });
    if (completion.status === 204 || completion.status === 404) {
      this.completed.add(task.key);
      return true;
    }
    if (completion.status === 409 && !/claim/i.test(completion.text)) {
      this.completed.add(task.key);
      return true;
    }
    if (completion.status === 400 || completion.status === 403) {
      this.fail(task, `completion answered ${completion.status}: ${completion.text}`);
    }
    return false;
  }

  private fail(task: TaskListItem, why: string): void {
    this.completed.add(task.key);
    this.errors.push(`${task.demand?.code} ${task.elementId}: ${why}`);
  }

  /**
   * The citizen answers each verification SMS (`verification_request`) once, on the public
   * page. The n-th request is answered as the script says for n; a 409 (no instance waits yet,
   * or it took the answer and the 204 was lost) is tried again while the demand still waits.
   */
  private async citizenLoop(): Promise<void> {
    const visitor = new CookieSession(this.options.baseUrl);
    while (!this.stopped) {
      if (!visitor.csrfToken) {
        const csrf = await visitor.request('GET', '/api/public/csrf');
        if (csrf.status === 200) visitor.csrfToken = csrf.body.csrfToken as string;
        else await pause(300);
        continue;
      }
      const waiting = await this.awaitingFeedback().catch(() => []);
      let acted = 0;
      for (const { code, requests } of waiting) {
        const demand = this.byCode.get(code);
        if (!demand || this.answered.get(code) === requests) continue;
        const answer = await visitor.request('POST', `/api/public/demands/${code}/feedback`, {
          phoneLast4: demand.phone.slice(-4),
          satisfaction: feedbackFor(demand.kind, requests),
          comment: '已收到',
        });
        if (answer.status === 204) {
          this.answered.set(code, requests);
          acted += 1;
        } else if (answer.status === 403) {
          visitor.forget();
        } else if (answer.status !== 409 && !retryable(answer.status)) {
          this.errors.push(`feedback on ${code}: ${answer.status} ${answer.text}`);
          this.answered.set(code, requests);
        }
      }
      if (acted === 0) await pause(300);
    }
  }

  /** Demands of this run awaiting verification, with the verification SMS sent so far. */
  private async awaitingFeedback(): Promise<{ code: string; requests: number }[]> {
    const { rows } = await this.options.knex.raw<{ rows: { code: string; count: string }[] }>(
      `SELECT d.code, count(o.id) AS count
         FROM demands d
         JOIN notification_outbox o
           ON o.recipient = 'citizen:' || d.code AND o.template = 'verification_request'
        WHERE d.status = 'awaiting_verification' AND d.code = ANY(?)
        GROUP BY d.code`,
      [[...this.byCode.keys()]],
    );
    return rows.map((row) => ({ code: row.code, requests: Number(row.count) }));
  }
}

interface TaskListItem {
  key: string;
  elementId: string;
  assignee: string | null;
  demand: { code?: string } | null;
}
