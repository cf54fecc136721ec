import type { Knex } from 'knex';
import { JobInputError } from '../job-errors';
import type { DemandRow } from './demand-store';
import type { LedgerTier } from './ledger';

const TIER_ORDER: LedgerTier[] = ['village', 'township', 'district', 'city'];

interface Unit {
  code: string;
  tier: string;
  parent_code: string | null;
}

export interface LeadChoice {
  tier: LedgerTier;
  leadUnitCode: string;
}

async function unitOf(trx: Knex.Transaction, code: string): Promise<Unit | undefined> {
  return trx('org_units').where({ code }).first<Unit | undefined>('code', 'tier', 'parent_code');
}

/** The city unit demands are passed up to (the org tree has one). */
export async function cityUnitCode(trx: Knex.Transaction): Promise<string | null> {
  const city = await trx('org_units')
    .where({ tier: 'city' })
    .orderBy('code')
    .first<{ code: string } | undefined>('code');
  return city?.code ?? null;
}

/** The district department owning `domain`, if the district has one. */
export async function departmentFor(
  trx: Knex.Transaction,
  districtCode: string,
  domain: string | null,
): Promise<string | null> {
  if (!domain) return null;
  const row = await trx('department_domains as d')
    .join('org_units as u', 'u.code', 'd.unit_code')
    .where({ 'd.domain': domain, 'u.parent_code': districtCode, 'u.tier': 'department' })
    .orderBy('u.code')
    .first<{ code: string } | undefined>('u.code as code');
  return row?.code ?? null;
}

/** `unitCode` itself or any unit below it in the tree. */
async function isWithin(
  trx: Knex.Transaction,
  unitCode: string,
  ancestorCode: string,
): Promise<boolean> {
  let code: string | null = unitCode;
  for (let depth = 0; code !== null && depth < 8; depth += 1) {
    if (code === ancestorCode) return true;
    code = (await unitOf(trx, code))?.parent_code ?? null;
  }
  return false;
}

/** The unit that would lead at `tier` before the accused-unit rule. */
async function candidateAt(
  trx: Knex.Transaction,
  demand: DemandRow,
  tier: LedgerTier,
  domain: string | null,
): Promise<string | null> {
  switch (tier) {
    case 'village':
      return demand.village_code;
    case 'township':
      return demand.township_code;
    case 'district':
      return (await departmentFor(trx, demand.district_code, domain)) ?? demand.district_code;
    case 'city':
      return cityUnitCode(trx);
  }
}

/**
 * The lead unit at `tier` (processes/README.md step 6): the village, the township, the
 * department owning the domain in the district (else the district), the city. A tier where the
 * demand has no unit, or whose unit is the accused one or lies under it (the accused would
 * judge itself), hands the demand to the next tier up.
 */
export async function chooseLead(
  trx: Knex.Transaction,
  demand: DemandRow,
  tier: string,
  domain: string | null,
): Promise<LeadChoice> {
  const start = TIER_ORDER.indexOf(tier as LedgerTier);
  if (start < 0) throw new JobInputError(`unknown tier ${JSON.stringify(tier)}`);
  for (const candidateTier of TIER_ORDER.slice(start)) {
    const code = await candidateAt(trx, demand, candidateTier, domain);
    if (code === null) continue;
    if (demand.accused_unit_code && (await isWithin(trx, code, demand.accused_unit_code))) continue;
    return { tier: candidateTier, leadUnitCode: code };
  }
  throw new JobInputError(`no unit can lead demand ${demand.code} at tier ${tier} or above`);
}

/** The handling tier of a unit chosen by hand (a re-dispatch to a named unit). */
export async function tierOfUnit(trx: Knex.Transaction, code: string): Promise<LedgerTier> {
  const unit = await unitOf(trx, code);
  if (!unit) throw new JobInputError(`unknown unit ${code}`);
  if (unit.tier === 'department') return 'district';
  if (unit.tier === 'grid') return 'village';
  return unit.tier as LedgerTier;
}

/** The role that handles at a unit of this org tier: `ROLE` of the `ROLE:UNITCODE` group. */
export async function handlerRole(trx: Knex.Transaction, code: string): Promise<string> {
  const unit = await unitOf(trx, code);
  if (unit?.tier === 'village') return 'village_staff';
  if (unit?.tier === 'township') return 'township_staff';
  return 'department_staff';
}

/**
 * Co-units from the routing decision: tier keys (`village`, `township`) are the demand's own
 * unit at that tier, domain keys the department owning that domain. Never the lead or the
 * accused unit, each once.
 */
export async function resolveCoUnits(
  trx: Knex.Transaction,
  demand: DemandRow,
  keys: unknown,
  leadUnitCode: string,
): Promise<string[]> {
  const codes: string[] = [];
  for (const key of Array.isArray(keys) ? keys : []) {
    if (typeof key !== 'string') continue;
    const code =
      key === 'village'
        ? demand.village_code
        : key === 'township'
          ? demand.township_code
          : await departmentFor(trx, demand.district_code, key);
    if (!code || code === leadUnitCode || code === demand.accused_unit_code) continue;
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}
