import type { SerializedRecord } from '../log/record-log';
import type { CommandResult } from '../processing/command';
import type { StreamProcessor } from '../processing/stream-processor';
import type { CreationCommand, CreationResponse } from '../runtime/commands';

type Variables = Record<string, unknown>;

/**
 * CreateProcessInstanceWithResult: creates an instance flagged to await its result and
 * answers with the PROCESS_INSTANCE_RESULT written when it completes (only the fetched
 * variables), or with DEADLINE_EXCEEDED after `timeoutMs`. The instance itself keeps
 * running after a timeout, as in Zeebe.
 */
export class InstanceResults {
  /** Instances whose creation was answered, waiting for their result, by instance key. */
  private readonly waiting = new Map<string, (variables: Variables) => void>();
  /**
   * An instance without wait states completes in the batch that creates it: its result is
   * committed before the creation's answer reaches us, so results seen while creations are
   * unanswered are kept until each creation knows its key. Creations learn it in the
   * microtasks right after the commit, so the rest are dropped at the next turn of the loop.
   */
  private readonly early = new Map<string, Variables>();
  private unanswered = 0;
  private sweep: NodeJS.Immediate | undefined;

  constructor(private readonly processor: StreamProcessor) {
    // One look at each committed record, however many creations wait.
    processor.onCommitted((records) => {
      for (const record of records) {
        if (record.valueType !== 'PROCESS_INSTANCE_RESULT') continue;
        const waiter = this.waiting.get(record.key);
        if (waiter) waiter(variablesOf(record));
        else if (this.unanswered > 0) this.keepEarly(record.key, variablesOf(record));
      }
    });
  }

  private keepEarly(key: string, variables: Variables): void {
    this.early.set(key, variables);
    this.sweep ??= setImmediate(() => {
      this.sweep = undefined;
      this.early.clear();
    });
  }

  async createAndAwait(
    request: CreationCommand,
    timeoutMs: number,
  ): Promise<CommandResult<CreationResponse & { variables: Variables }>> {
    this.unanswered += 1;
    let created: CommandResult<CreationResponse>;
    let already: Variables | undefined;
    try {
      created = await this.processor.submit<CreationResponse>({
        valueType: 'PROCESS_INSTANCE_CREATION',
        intent: 'CREATE',
        key: '-1',
        value: { ...request, awaitResult: true } satisfies CreationCommand,
      });
    } finally {
      this.unanswered -= 1;
    }
    if (created.ok) {
      already = this.early.get(created.value.processInstanceKey);
      this.early.delete(created.value.processInstanceKey);
    }
    if (!created.ok) return created;
    const key = created.value.processInstanceKey;
    let timer: NodeJS.Timeout | undefined;
    const outcome = await new Promise<Variables | 'timeout'>((resolve) => {
      if (already) return resolve(already);
      this.waiting.set(key, resolve);
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    clearTimeout(timer);
    this.waiting.delete(key);
    if (outcome === 'timeout') {
      return {
        ok: false,
        rejectionType: 'DEADLINE_EXCEEDED',
        reason: `Time out between gateway and broker: the process instance '${key}' did not complete within ${timeoutMs} ms`,
      };
    }
    return { ok: true, key, value: { ...created.value, variables: outcome } };
  }
}

function variablesOf(record: SerializedRecord): Variables {
  return JSON.parse((record.value as { variables: string }).variables) as Variables;
}
