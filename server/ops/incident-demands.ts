import type { Knex } from 'knex';
import type { OpsEngine } from './ops-engine';

/** The demand an incident's process instance works on: its code and district. */
export interface IncidentDemand {
  code: string;
  districtCode: string | null;
}

/** How far up the call chain a demand is looked for (a sign-off is called by the handling). */
const MAX_LEVELS = 3;

/**
 * Process instance key → the demand it belongs to: the demand whose `process_instance_key` it
 * is, or else the demand of the instance that called it (the 四方会签 sign-off runs as a called
 * process), up to `MAX_LEVELS` levels. Instances of no demand (rankings, spot checks) are absent.
 */
export async function demandsOfInstances(
  knex: Knex,
  engine: OpsEngine,
  processInstanceKeys: string[],
): Promise<Map<string, IncidentDemand>> {
  const found = new Map<string, IncidentDemand>();
  // Each asked instance → the instance currently looked at for it.
  let pending = new Map(processInstanceKeys.map((key) => [key, key]));
  for (let level = 0; level < MAX_LEVELS && pending.size > 0; level += 1) {
    const looked = [...new Set(pending.values())];
    const rows = (await knex('demands')
      .whereIn('process_instance_key', looked)
      .select('code', 'district_code', 'process_instance_key')) as Array<{
      code: string;
      district_code: string | null;
      process_instance_key: string | number;
    }>;
    const byInstance = new Map(rows.map((row) => [String(row.process_instance_key), row]));
    const unresolved = new Map<string, string>();
    for (const [asked, current] of pending) {
      const row = byInstance.get(current);
      if (row) found.set(asked, { code: row.code, districtCode: row.district_code });
      else unresolved.set(asked, current);
    }
    if (unresolved.size === 0 || level === MAX_LEVELS - 1) break;
    const parents = await engine.parentsOf([...new Set(unresolved.values())]);
    pending = new Map();
    for (const [asked, current] of unresolved) {
      const parent = parents.get(current);
      if (parent) pending.set(asked, parent);
    }
  }
  return found;
}
