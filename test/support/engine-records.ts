/**
 * Test-only window on the engine's log (`engine.records` in the test database), the way a
 * Zeebe exporter shows it: conformance tests assert on incidents, element lifecycles and
 * variables that the gRPC API alone does not expose. Read-only; the engine never sees it.
 */
import pg from 'pg';

export interface EngineRecord {
  position: string;
  key: string;
  recordType: string;
  valueType: string;
  intent: string;
  processInstanceKey: string;
  value: Record<string, unknown>;
  rejectionType: string | null;
  rejectionReason: string | null;
}

export interface RecordFilter {
  /** Default `EVENT`. */
  recordType?: 'EVENT' | 'COMMAND' | 'COMMAND_REJECTION';
  valueType?: string;
  intent?: string;
  processInstanceKey?: string;
  /** Matches `value.elementId` (element instance and incident records). */
  elementId?: string;
}

export interface IncidentValue {
  key: string;
  errorType: string;
  errorMessage: string;
  elementId: string;
  elementInstanceKey: string;
  jobKey: string;
  processInstanceKey: string;
}

const POLL_MS = 25;

export class EngineRecords {
  private pool: pg.Pool | undefined;

  constructor(private readonly databaseUrl: () => string) {}

  private db(): pg.Pool {
    if (!this.pool) {
      this.pool = new pg.Pool({ connectionString: this.databaseUrl(), max: 2 });
      // An idle connection may be cut when the test database is dropped: not a test failure.
      this.pool.on('error', () => undefined);
    }
    return this.pool;
  }

  async query(filter: RecordFilter = {}): Promise<EngineRecord[]> {
    const where = ['record_type = $1'];
    const params: string[] = [filter.recordType ?? 'EVENT'];
    const add = (sql: string, value: string | undefined) => {
      if (value === undefined) return;
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    add('value_type = ?', filter.valueType);
    add('intent = ?', filter.intent);
    add('process_instance_key = ?::bigint', filter.processInstanceKey);
    add(`value::jsonb ->> 'elementId' = ?`, filter.elementId);
    const { rows } = await this.db().query<{
      position: string;
      record_key: string;
      record_type: string;
      value_type: string;
      intent: string;
      process_instance_key: string;
      value: string;
      rejection_type: string | null;
      rejection_reason: string | null;
    }>(
      `SELECT position, record_key, record_type, value_type, intent, process_instance_key,
              value, rejection_type, rejection_reason
         FROM engine.records WHERE ${where.join(' AND ')} ORDER BY position`,
      params,
    );
    return rows.map((row) => ({
      position: row.position,
      key: row.record_key,
      recordType: row.record_type,
      valueType: row.value_type,
      intent: row.intent,
      processInstanceKey: row.process_instance_key,
      value: JSON.parse(row.value) as Record<string, unknown>,
      rejectionType: row.rejection_type,
      rejectionReason: row.rejection_reason,
    }));
  }

  /**
   * Waits (bounded) until at least `count` records match, for effects of asynchronous work
   * such as a job worker's callback. Most effects are already committed when a command's
   * response arrives, so this usually returns on the first query.
   */
  async waitFor(filter: RecordFilter, count = 1, timeoutMs = 5_000): Promise<EngineRecord[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await this.query(filter);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `expected ${count} record(s) matching ${JSON.stringify(filter)} within ${timeoutMs} ms, found ${found.length}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** The (first) INCIDENT CREATED record of a process instance, waiting for it if needed. */
  async incident(processInstanceKey: string, timeoutMs = 5_000): Promise<IncidentValue> {
    const [record] = await this.waitFor(
      { valueType: 'INCIDENT', intent: 'CREATED', processInstanceKey },
      1,
      timeoutMs,
    );
    return { ...(record!.value as Omit<IncidentValue, 'key'>), key: record!.key };
  }

  /** The PROCESS_INSTANCE event intents of one element, in log order. */
  async intents(processInstanceKey: string, elementId: string): Promise<string[]> {
    const records = await this.query({
      valueType: 'PROCESS_INSTANCE',
      processInstanceKey,
      elementId,
    });
    return records.map((record) => record.intent);
  }

  /** Keys of the instances of an element that reached `intent`, in log order. */
  async elementKeys(
    processInstanceKey: string,
    elementId: string,
    intent = 'ELEMENT_ACTIVATED',
  ): Promise<string[]> {
    const records = await this.query({
      valueType: 'PROCESS_INSTANCE',
      intent,
      processInstanceKey,
      elementId,
    });
    return records.map((record) => record.key);
  }

  /** Variables of one scope as the VARIABLE events left them (created or last updated). */
  async variables(scopeKey: string): Promise<Record<string, unknown>> {
    const records = await this.query({ valueType: 'VARIABLE' });
    const result: Record<string, unknown> = {};
    for (const record of records) {
      const value = record.value as { name: string; value: string; scopeKey: string };
      if (value.scopeKey === scopeKey) result[value.name] = JSON.parse(value.value) as unknown;
    }
    return result;
  }

  /**
   * The key of the instance of `bpmnProcessId` created with variables that include `marker`,
   * for instances started by CreateProcessInstanceWithResult (whose answer comes only at the end).
   */
  async createdInstance(bpmnProcessId: string, marker: Record<string, unknown>): Promise<string> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const created = await this.query({
        valueType: 'PROCESS_INSTANCE_CREATION',
        intent: 'CREATED',
      });
      const match = created.find((record) => {
        if (record.value.bpmnProcessId !== bpmnProcessId) return false;
        const variables = JSON.parse(String(record.value.variables)) as Record<string, unknown>;
        return Object.entries(marker).every(
          ([name, value]) => JSON.stringify(variables[name]) === JSON.stringify(value),
        );
      });
      if (match) return match.key;
      if (Date.now() > deadline) {
        throw new Error(`no instance of '${bpmnProcessId}' with ${JSON.stringify(marker)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Process instances created by a call activity of `parentProcessInstanceKey`. */
  async childInstances(parentProcessInstanceKey: string): Promise<string[]> {
    const records = await this.query({
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATED',
    });
    return records
      .filter(
        (record) =>
          record.value.bpmnElementType === 'PROCESS' &&
          record.value.parentProcessInstanceKey === parentProcessInstanceKey,
      )
      .map((record) => record.key);
  }

  async close(): Promise<void> {
    await this.pool?.end();
    this.pool = undefined;
  }
}

/**
 * Per test file, beside `useEngine()`: a reader of its engine's log. Its connections close
 * after every test, before `useEngine()` drops the database at the end of the file.
 */
export function useEngineRecords(engine: { readonly databaseUrl: string }): EngineRecords {
  const records = new EngineRecords(() => engine.databaseUrl);
  afterEach(() => records.close());
  return records;
}
