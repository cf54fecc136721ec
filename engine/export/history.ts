import type pg from 'pg';
import { GENESIS_HASH, recordHash } from '../log/hash-chain';
import type { RecordLog } from '../log/record-log';
import type { LoggedRecord } from '../protocol/records';

export interface InstanceHistory {
  records: LoggedRecord[];
  chain: { verified: boolean };
}

/**
 * The audit history of a process instance: its records and those of the child instances its
 * call activities created (found through `parentProcessInstanceKey`, at any depth), in log
 * order, with the hash chain re-checked over the span they cover.
 */
export class History {
  constructor(
    private readonly pool: pg.Pool,
    private readonly log: RecordLog,
  ) {}

  async ofProcessInstance(key: string): Promise<InstanceHistory | undefined> {
    const keys = await this.instanceTree(key);
    const records = await this.log.recordsOfProcessInstances(keys);
    if (records.length === 0) return undefined;
    return { records, chain: { verified: await this.verify(records) } };
  }

  /** Children are found through the `records_called_instances` index (see log/schema.ts). */
  private async instanceTree(root: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ key: string }>(
      `WITH RECURSIVE tree(key) AS (
         SELECT $1::bigint
         UNION
         SELECT r.process_instance_key FROM engine.records r JOIN tree
           ON r.record_type = 'EVENT' AND r.value_type = 'PROCESS_INSTANCE'
          AND r.intent = 'ELEMENT_ACTIVATING' AND r.record_key = r.process_instance_key
          AND ((r.value::jsonb ->> 'parentProcessInstanceKey')::bigint) = tree.key)
       SELECT key::text FROM tree`,
      [root],
    );
    return rows.map((row) => row.key);
  }

  /**
   * The chain is global: every record from the one before the first returned to the last
   * returned is re-hashed from its stored text, so an edit anywhere in the span shows.
   */
  private async verify(records: LoggedRecord[]): Promise<boolean> {
    const first = BigInt(records[0]!.position);
    const last = records[records.length - 1]!.position;
    const span = await this.log.rawRange((first > 1n ? first - 1n : 1n).toString(), last);
    let previous: string | undefined = first === 1n ? GENESIS_HASH : undefined;
    let expected = first === 1n ? 1n : first - 1n;
    for (const record of span) {
      if (BigInt(record.position) !== expected) return false;
      const { valueJson, hash, value: _value, ...rest } = record;
      if (previous !== undefined && recordHash(previous, rest, valueJson) !== hash) return false;
      previous = hash;
      expected += 1n;
    }
    return expected - 1n === BigInt(last);
  }
}
