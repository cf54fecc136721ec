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

  /**
   * The instance and its call-activity children at any depth, one level per query. Each level
   * is an index lookup (`records_called_instances`, see log/schema.ts), never a scan of the
   * log's JSON.
   */
  private async instanceTree(root: string): Promise<string[]> {
    const tree = new Set([root]);
    for (let level = [root]; level.length > 0;) {
      const { rows } = await this.pool.query<{ key: string }>(
        `SELECT process_instance_key::text AS key FROM engine.records
          WHERE record_type = 'EVENT' AND value_type = 'PROCESS_INSTANCE'
            AND intent = 'ELEMENT_ACTIVATING' AND record_key = process_instance_key
            AND ((value::jsonb ->> 'parentProcessInstanceKey')::bigint) = ANY($1::bigint[])`,
        [level],
      );
      level = rows.map((row) => row.key).filter((key) => !tree.has(key));
      for (const key of level) tree.add(key);
    }
    return [...tree];
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
