import type { SerializedRecord } from '../log/record-log';
import type { Command, CommandResult } from '../processing/command';
import type { StreamProcessor } from '../processing/stream-processor';
import type { UserTaskCommandResponse } from '../runtime/commands';
import type { UserTaskRecordValue } from '../state/user-task';

/** Zeebe's REST gateway waits this long for the broker by default (`requestTimeout`). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** A transition of a user task command: its first event, its end, its denial, and its words. */
const TRANSITIONS: Record<string, { start: string; end: string; denied: string; what: string }> = {
  ASSIGN: { start: 'ASSIGNING', end: 'ASSIGNED', denied: 'ASSIGNMENT_DENIED', what: 'Assignment' },
  CLAIM: { start: 'ASSIGNING', end: 'ASSIGNED', denied: 'ASSIGNMENT_DENIED', what: 'Assignment' },
  UPDATE: { start: 'UPDATING', end: 'UPDATED', denied: 'UPDATE_DENIED', what: 'Update' },
  COMPLETE: {
    start: 'COMPLETING',
    end: 'COMPLETED',
    denied: 'COMPLETION_DENIED',
    what: 'Completion',
  },
};

type Outcome = CommandResult<UserTaskCommandResponse>;

/**
 * Answers user task commands as Camunda 8.8 does ("Complete user task": "Completion waits for
 * blocking task listeners"): a transition that waits for task listeners is answered once they
 * are done (the command's success), or when one denies it (INVALID_STATE, 409), or when the task
 * is canceled meanwhile (INVALID_STATE); after the request timeout, with DEADLINE_EXCEEDED (504)
 * — the transition itself goes on.
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

  async submit(command: Command): Promise<Outcome> {
    const transition = TRANSITIONS[command.intent]!;
    // Watching starts before the command is processed: the command's own batch is seen whole
    // (the listeners of the batch run before the answer's continuation does).
    const seen: SerializedRecord[] = [];
    let wake = () => {};
    const watch = (record: SerializedRecord) => {
      seen.push(record);
      wake();
    };
    const watchers = this.watchers.get(command.key) ?? new Set();
    this.watchers.set(command.key, watchers.add(watch));
    let timer: NodeJS.Timeout | undefined;
    try {
      const accepted = await this.processor.submit<UserTaskCommandResponse>(command);
      if (!accepted.ok || !accepted.value.awaitingListeners) return accepted;
      // This command's transition began with the last start event seen so far: while it runs,
      // every other command on the task is rejected.
      const from = seen.map((r) => r.intent).lastIndexOf(transition.start) + 1;
      return await new Promise<Outcome>((resolve) => {
        wake = () => {
          const ended = seen.slice(from).find((r) => endsTransition(r.intent, transition));
          if (ended) resolve(answerOf(command, ended, transition));
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
      if (watchers.size === 0) this.watchers.delete(command.key);
    }
  }
}

function endsTransition(intent: string, transition: { end: string; denied: string }): boolean {
  return [transition.end, transition.denied, 'CANCELING', 'CANCELED'].includes(intent);
}

function answerOf(
  command: Command,
  ended: SerializedRecord,
  transition: { end: string; denied: string; what: string },
): Outcome {
  const value = ended.value as UserTaskRecordValue;
  if (ended.intent === transition.end) {
    return { ok: true, key: command.key, value: { userTask: value, awaitingListeners: false } };
  }
  const rejected = `Command '${command.intent}' rejected with code 'INVALID_STATE'`;
  if (ended.intent === transition.denied) {
    return {
      ok: false,
      rejectionType: 'INVALID_STATE',
      reason: `${rejected}: ${transition.what} of the User Task with key '${command.key}' was denied by Task Listener. Reason to deny: '${value.deniedReason ?? ''}'`,
    };
  }
  return {
    ok: false,
    rejectionType: 'INVALID_STATE',
    reason: `${rejected}: ${transition.what} of the User Task with key '${command.key}' was stopped because the user task is canceled`,
  };
}
