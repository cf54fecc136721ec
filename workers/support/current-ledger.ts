import type { Knex } from 'knex';
import type { DemandRow } from './demand-store';
import { cityUnitCode } from './lead-unit';
import { ledgerOwner, type LedgerTier } from './ledger';

/** The tier a demand is handled at now and the unit whose ledger that is. */
export async function currentLedger(
  trx: Knex.Transaction,
  demand: DemandRow,
): Promise<{ tier: LedgerTier; unitCode: string }> {
  const tier = (demand.tier ?? 'district') as LedgerTier;
  const city = tier === 'city' ? await cityUnitCode(trx) : null;
  return { tier, unitCode: ledgerOwner(demand, tier, city) ?? demand.district_code };
}
