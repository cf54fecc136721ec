/**
 * What the database holds for each demand, counted the way `Expected` (demand-scripts.ts)
 * states it, so a run's result compares with the script one demand at a time.
 */
import type { Knex } from 'knex';
import type { Expected } from './demand-scripts';

export type Tally = Expected & {
  /** Notifications to co-units (how many the routing table gives is not the script's). */
  coAssigned: Record<string, number>;
};

function bump(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

export async function tallyDemands(knex: Knex, codes: string[]): Promise<Map<string, Tally>> {
  const demands = await knex('demands').whereIn('code', codes).select('id', 'code', 'status');
  const byId = new Map<string, Tally>();
  const byCode = new Map<string, Tally>();
  for (const d of demands) {
    const tally: Tally = {
      status: d.status,
      ledger: {},
      outbox: {},
      supervision: {},
      signOffs: {},
      returnVisits: 0,
      archiveEntries: 0,
      coAssigned: {},
    };
    byId.set(String(d.id), tally);
    byCode.set(d.code, tally);
  }
  const ids = [...byId.keys()];
  const grouped = async (table: string, columns: string[]) =>
    knex(table)
      .whereIn('demand_id', ids)
      .groupBy(['demand_id', ...columns])
      .select(['demand_id', ...columns])
      .count<Record<string, string>[]>('* as n');

  for (const row of await grouped('ledger_events', ['event_type'])) {
    bump(byId.get(String(row.demand_id))!.ledger, row.event_type!, Number(row.n));
  }
  for (const row of await grouped('supervision_orders', ['level', 'kind'])) {
    bump(byId.get(String(row.demand_id))!.supervision, `${row.level} ${row.kind}`, Number(row.n));
  }
  for (const row of await grouped('sign_offs', ['party', 'round'])) {
    bump(byId.get(String(row.demand_id))!.signOffs, `${row.party} ${row.round}`, Number(row.n));
  }
  for (const row of await grouped('return_visits', [])) {
    byId.get(String(row.demand_id))!.returnVisits = Number(row.n);
  }
  for (const row of await grouped('archive_entries', [])) {
    byId.get(String(row.demand_id))!.archiveEntries = Number(row.n);
  }
  const { rows } = await knex.raw<{
    rows: { code: string; template: string; recipient: string; role: string; mode: string }[];
  }>(
    `SELECT payload->>'demandCode' AS code, template, recipient,
            payload->>'role' AS role, payload->>'mode' AS mode
       FROM notification_outbox WHERE payload->>'demandCode' = ANY(?)`,
    [codes],
  );
  for (const row of rows) {
    const tally = byCode.get(row.code)!;
    if (row.template !== 'demand_assigned') bump(tally.outbox, `${row.template} ${row.recipient}`);
    else if (row.role === 'lead')
      bump(tally.outbox, `demand_assigned lead ${row.mode} ${row.recipient}`);
    else bump(tally.coAssigned, `${row.mode} ${row.recipient}`);
  }
  return byCode;
}
