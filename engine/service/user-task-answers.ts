import type { SerializedRecord } from '../log/record-log';
import type { Command, CommandResult } from '../processing/command';
import type { StreamProcessor } from '../processing/stream-processor';
import type { UserTaskRecordValue } from '../state/user-task';

/** Zeebe's REST gateway waits this long for the broker by default (`requestTimeout`). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** A transition a command starts: its first event, its end, its denial, and its words. */
interface Transition {
  start: string;
  end: string;
  denied: string;
  /** What was denied, in Zeebe's words (`Completion of the User Task with key '…'`). */
  what: (key: string) => string;
}

const ofTheTask = (change: string) => (key: string) =>
  `${change} of the User Task with key '${key}'`;

const TRANSITIONS: Record<string, Transition> = {
  ASSIGN: {
    start: 'ASSIGNING',
    end: 'ASSIGNED',
    denied: 'ASSIGNMENT_DENIED',
    what: ofTheTask('Assignment'),
  },
  CLAIM: {
    start: 'ASSIGNING',
    end: 'ASSIGNED',
    denied: 'ASSIGNMENT_DENIED',
    what: ofTheTask('Assignment'),
  },
  UPDATE: { start: 'UPDATING', end: 'UPDATED', denied: 'UPDATE_DENIED', what: ofTheTask('Update') },
  COMPLETE: {
    start: 'COMPLETING',
    end: 'COMPLETED',
    denied: 'COMPLETION_DENIED',
    what: ofTheTask('Completion'),
  },
};

/** SetVariables on a user task's own element instance: the task's update. */
const VARIABLE_UPDATE: Transition = {
  start: 'UPDATING',
  end: 'UPDATED',
  denied: 'UPDATE_DENIED',
  what: (scopeKey) => `Variable update for user task instance with key '${scopeKey}'`,
};

/** What a command that may wait for task listeners answers when accepted. */
interface Accepted {
  awaitingListeners?: boolean;
}

/**
 * Answers commands that start a user task transition as Camunda 8.8 does ("Complete user task":
 * "Completion waits for blocking task listeners"): a transition that waits for task listeners is
 * answered once they are done (the command's success), or when one denies it (INVALID_STATE,
 * 409), or when the task is canceled meanwhile (INVALID_STATE); after the request timeout, with
 * DEADLINE_EXCEEDED (504) — the transition itself goes on.
 */
export class UserTaskAnswers {
  /** Requests watching a task's committed USER_TASK events, by task key. */
  private readonly watchers = new Map<string, Set<(record: SerializedRecord) => void>>();

  constructor(
    private readonly processor: StreamProcessor,
    private readonly timeoutMs: number,
  ) {
    processor.onCommitted((records) => {
      for (const record of records) {
        if (record.valueType !== 'USER_TASK' || record.recordType !== 'EVENT') continue;
        this.watchers.get(record.key)?.forEach((watch) => watch(record));
      }
    });
  }

  /** A USER_TASK command (ASSIGN, CLAIM, UPDATE, COMPLETE) on the task `command.key`. */
  submit<R extends Accepted>(command: Command): Promise<CommandResult<R>> {
    const transition = TRANSITIONS[command.intent]!;
    return this.run<R>(command, command.key, transition, command.key);
  }

  /** A VARIABLE_DOCUMENT UPDATE of the scope of the user task `taskKey`. */
  submitVariableUpdate<R extends Accepted>(
    command: Command<{ scopeKey: string }>,
    taskKey: string,
  ): Promise<CommandResult<R>> {
    return this.run<R>(command, taskKey, VARIABLE_UPDATE, command.value.scopeKey);
  }

  private async run<R extends Accepted>(
    command: Command,
    taskKey: string,
    transition: Transition,
    namedKey: string,
  ): Promise<CommandResult<R>> {
    // Watching starts before the command is processed: the command's own batch is seen whole
    // (the listeners of the batch run before the answer's continuation does).
    const seen: SerializedRecord[] = [];
    let wake = () => {};
    const watch = (record: SerializedRecord) => {
      seen.push(record);
      wake();
    };
    const watchers = this.watchers.get(taskKey) ?? new Set();
    this.watchers.set(taskKey, watchers.add(watch));
    let timer: NodeJS.Timeout | undefined;
    try {
      const accepted = await this.processor.submit<R>(command);
      if (!accepted.ok || accepted.value?.awaitingListeners !== true) return accepted;
      // This command's transition began with the last start event seen so far: while it runs,
      // every other command on the task is rejected.
      const from = seen.map((r) => r.intent).lastIndexOf(transition.start) + 1;
      return await new Promise<CommandResult<R>>((resolve) => {
        wake = () => {
          const ended = seen.slice(from).find((r) => endsTransition(r.intent, transition));
          if (!ended) return;
          if (ended.intent === transition.end) resolve(accepted);
          else resolve(rejection(command, ended, transition, namedKey));
        };
        wake();
        timer = setTimeout(
          () =>
            resolve({
              ok: false,
              rejectionType: 'DEADLINE_EXCEEDED',
              reason:
                'Expected to handle request, but request timed out between gateway and broker',
            }),
          this.timeoutMs,
        );
      });
    } finally {
      clearTimeout(timer);
      watchers.delete(watch);
      if (watchers.size === 0) this.watchers.delete(taskKey);
    }
  }
}

function endsTransition(intent: string, transition: Transition): boolean {
  return [transition.end, transition.denied, 'CANCELING', 'CANCELED'].includes(intent);
}

function rejection(
  command: Command,
  ended: SerializedRecord,
  transition: Transition,
  namedKey: string,
): CommandResult<never> {
  const rejected = `Command '${command.intent}' rejected with code 'INVALID_STATE'`;
  const what = transition.what(namedKey);
  if (ended.intent === transition.denied) {
    const reason = (ended.value as UserTaskRecordValue).deniedReason ?? '';
    return {
      ok: false,
      rejectionType: 'INVALID_STATE',
      reason: `${rejected}: ${what} was denied by Task Listener. Reason to deny: '${reason}'`,
    };
  }
  return {
    ok: false,
    rejectionType: 'INVALID_STATE',
    reason: `${rejected}: ${what} was stopped because the user task is canceled`,
  };
}
