import type { Knex } from 'knex';
import { parseOrgTree, type FlatUnit, type OrgTreeFile } from '../../domain/org';
import { OrgImportError } from './org-import-error';

export interface OrgImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Units in the database but not in the file. They are kept: demands may refer to them. */
  notInFile: number;
}

interface UnitRow {
  code: string;
  name: string;
  tier: string;
  kind: string | null;
  parent_code: string | null;
  sort_order: number;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1000;
/** Serialises imports (and the demo seed) so two of them never interleave their counts. */
const ORG_TREE_LOCK = 0x4f524731;

/**
 * Validates the file, then writes the whole tree in one transaction: either every unit is
 * current afterwards or, on any failure, nothing changed. Importing the same file again is a
 * no-op (all `unchanged`), so the file can be re-imported after every edit.
 */
export async function importOrgTree(knex: Knex, json: unknown): Promise<OrgImportCounts> {
  const parsed = parseOrgTree(json);
  if (!parsed.ok) throw new OrgImportError(parsed.errors);
  return knex.transaction((trx) => writeOrgTree(trx, parsed.tree, parsed.units));
}

/** Takes the org tree lock for the rest of the transaction. */
export async function lockOrgTree(trx: Knex.Transaction): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(?)', [ORG_TREE_LOCK]);
}

/** Writes a validated tree inside the caller's transaction. */
export async function writeOrgTree(
  trx: Knex.Transaction,
  tree: OrgTreeFile,
  units: readonly FlatUnit[],
): Promise<OrgImportCounts> {
  await lockOrgTree(trx);
  const existing = new Map(
    (
      await trx<UnitRow>('org_units').select(
        'code',
        'name',
        'tier',
        'kind',
        'parent_code',
        'sort_order',
      )
    ).map((row) => [row.code, row]),
  );
  const existingDomains = await domainsByUnit(trx);
  const fileDomains = new Map((tree.departments ?? []).map((d) => [d.code, d.domains]));

  const counts: OrgImportCounts = { created: 0, updated: 0, unchanged: 0, notInFile: 0 };
  const changed: FlatUnit[] = [];
  const domainsToReplace: string[] = [];
  for (const unit of units) {
    const before = existing.get(unit.code);
    const domainsChanged = !sameSet(existingDomains.get(unit.code), fileDomains.get(unit.code));
    if (domainsChanged) domainsToReplace.push(unit.code);
    if (!before) {
      counts.created++;
      changed.push(unit);
    } else if (domainsChanged || !sameRow(before, unit)) {
      counts.updated++;
      changed.push(unit);
    } else {
      counts.unchanged++;
    }
  }
  const inFile = new Set(units.map((u) => u.code));
  counts.notInFile = [...existing.keys()].filter((code) => !inFile.has(code)).length;

  // `units` lists parents before children, and chunks keep that order.
  for (let start = 0; start < changed.length; start += CHUNK) {
    const rows = changed.slice(start, start + CHUNK).map((unit) => ({
      code: unit.code,
      name: unit.name,
      tier: unit.tier,
      kind: unit.kind,
      parent_code: unit.parentCode,
      sort_order: unit.sortOrder,
      updated_at: trx.fn.now(),
    }));
    await trx('org_units')
      .insert(rows)
      .onConflict('code')
      .merge(['name', 'tier', 'kind', 'parent_code', 'sort_order', 'updated_at']);
  }

  // A department's domains are replaced as a whole; a unit that stopped being a department
  // loses its domains, so no demand is routed to it by domain any more.
  if (domainsToReplace.length > 0) {
    await trx('department_domains').whereIn('unit_code', domainsToReplace).delete();
    const rows = domainsToReplace.flatMap((code) =>
      (fileDomains.get(code) ?? []).map((domain) => ({ unit_code: code, domain })),
    );
    for (let start = 0; start < rows.length; start += CHUNK) {
      await trx('department_domains').insert(rows.slice(start, start + CHUNK));
    }
  }
  return counts;
}

/** Every unit's domains; the table is small (a few per department). */
async function domainsByUnit(trx: Knex.Transaction): Promise<Map<string, string[]>> {
  const byUnit = new Map<string, string[]>();
  const rows = await trx<{ unit_code: string; domain: string }>('department_domains').select(
    'unit_code',
    'domain',
  );
  for (const { unit_code, domain } of rows) {
    byUnit.set(unit_code, [...(byUnit.get(unit_code) ?? []), domain]);
  }
  return byUnit;
}

function sameRow(row: UnitRow, unit: FlatUnit): boolean {
  return (
    row.name === unit.name &&
    row.tier === unit.tier &&
    row.kind === unit.kind &&
    row.parent_code === unit.parentCode &&
    row.sort_order === unit.sortOrder
  );
}

function sameSet(a: readonly string[] = [], b: readonly string[] = []): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}
