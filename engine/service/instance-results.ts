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
  private readonly listeners = new Set<(records: SerializedRecord[]) => void>();

  constructor(private readonly processor: StreamProcessor) {
    processor.onCommitted((records) => {
      for (const listener of this.listeners) listener(records);
    });
  }

  async createAndAwait(
    request: CreationCommand,
    timeoutMs: number,
  ): Promise<CommandResult<CreationResponse & { variables: Variables }>> {
    let resolveResult: (variables: Variables) => void = () => undefined;
    const completed = new Promise<Variables>((resolve) => (resolveResult = resolve));
    let key: string | undefined;
    // An instance without wait states completes in the batch that creates it: its result is
    // committed before the creation's answer reaches us, so results seen early are kept.
    const early = new Map<string, Variables>();
    const listener = (records: SerializedRecord[]) => {
      for (const record of records) {
        if (record.valueType !== 'PROCESS_INSTANCE_RESULT') continue;
        const variables = JSON.parse(
          (record.value as { variables: string }).variables,
        ) as Variables;
        if (key === undefined) early.set(record.key, variables);
        else if (record.key === key) resolveResult(variables);
      }
    };
    this.listeners.add(listener);
    try {
      const created = await this.processor.submit<CreationResponse>({
        valueType: 'PROCESS_INSTANCE_CREATION',
        intent: 'CREATE',
        key: '-1',
        value: { ...request, awaitResult: true } satisfies CreationCommand,
      });
      if (!created.ok) return created;
      key = created.value.processInstanceKey;
      const already = early.get(key);
      if (already) resolveResult(already);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>(
        (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
      );
      const outcome = await Promise.race([completed, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        return {
          ok: false,
          rejectionType: 'DEADLINE_EXCEEDED',
          reason: `Time out between gateway and broker: the process instance '${key}' did not complete within ${timeoutMs} ms`,
        };
      }
      return { ok: true, key, value: { ...created.value, variables: outcome } };
    } finally {
      this.listeners.delete(listener);
    }
  }
}
