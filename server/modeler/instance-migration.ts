import type { Knex } from 'knex';
import type { ActiveElement, MigrationEngine } from './migration-engine';
import type { MappingInstruction } from './migration-mapping';

export interface InstanceRef {
  processInstanceKey: string;
  demandCode: string | null;
}

/** A running instance as the dry run shows it. */
export interface PlannedInstance extends InstanceRef {
  activeElements: ActiveElement[];
  /** Why the engine would refuse it (an active element without a mapping), else null. */
  refusal: string | null;
}

export interface MigrationOutcome {
  migrated: InstanceRef[];
  refused: Array<InstanceRef & { reason: string }>;
}

/** Process instance key → the demand it handles (instances of no demand are absent). */
async function demandCodes(knex: Knex, keys: string[]): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  for (let at = 0; at < keys.length; at += 1_000) {
    const rows = (await knex('demands')
      .whereIn('process_instance_key', keys.slice(at, at + 1_000))
      .select('code', 'process_instance_key')) as Array<{
      code: string;
      process_instance_key: string | number;
    }>;
    for (const row of rows) codes.set(String(row.process_instance_key), row.code);
  }
  return codes;
}

async function runningInstances(
  knex: Knex,
  engine: MigrationEngine,
  sourceKey: string,
): Promise<InstanceRef[]> {
  const keys = await engine.activeInstances(sourceKey);
  const codes = await demandCodes(knex, keys);
  return keys.map((key) => ({ processInstanceKey: key, demandCode: codes.get(key) ?? null }));
}

/** The refusal the engine would give: it moves no instance with an active element unmapped. */
export function unmappedRefusal(
  elements: ActiveElement[],
  mapping: MappingInstruction[],
): string | null {
  const mapped = new Set(mapping.map((m) => m.sourceElementId));
  const missing = [...new Set(elements.map((e) => e.elementId))].filter((id) => !mapped.has(id));
  // The engine's own sentence, so the dry run reads as the refusal will.
  return missing.length === 0
    ? null
    : missing
        .map(
          (id) =>
            `No mapping instruction defined for active element with id '${id}'. Elements cannot be migrated without a mapping.`,
        )
        .join(' ');
}

/** The dry run: each running instance of the source version, what it waits on, what is refused. */
export async function planMigration(
  knex: Knex,
  engine: MigrationEngine,
  sourceKey: string,
  mapping: MappingInstruction[],
): Promise<PlannedInstance[]> {
  const planned: PlannedInstance[] = [];
  for (const instance of await runningInstances(knex, engine, sourceKey)) {
    const activeElements = await engine.activeElements(instance.processInstanceKey);
    planned.push({
      ...instance,
      activeElements,
      refusal: unmappedRefusal(activeElements, mapping),
    });
  }
  return planned;
}

/**
 * Moves every running instance of the source version, one migration command each: the engine
 * checks each instance on its own, so one refused demand leaves the others moving.
 */
export async function migrateInstances(
  knex: Knex,
  engine: MigrationEngine,
  sourceKey: string,
  targetKey: string,
  mapping: MappingInstruction[],
): Promise<MigrationOutcome> {
  const outcome: MigrationOutcome = { migrated: [], refused: [] };
  for (const instance of await runningInstances(knex, engine, sourceKey)) {
    const { refused } = await engine.migrate(instance.processInstanceKey, targetKey, mapping);
    if (refused === undefined) outcome.migrated.push(instance);
    else outcome.refused.push({ ...instance, reason: refused });
  }
  return outcome;
}
