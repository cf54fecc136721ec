import { reactive } from 'vue';
import type { Ledger, LedgerTier } from '../api/ledgers';
import type { UnitRef } from '../api/types';

/**
 * The units a user can pick per tier. The API lists no units, so the page remembers those the
 * ledgers read so far name: each ledger's own unit, the townships and villages of the master
 * ledger's rows, the villages of a sub-ledger's folders. Other codes can still be typed.
 */
const known = reactive<Record<LedgerTier, Record<string, string>>>({
  district: {},
  township: {},
  village: {},
});

function note(tier: LedgerTier, unit: UnitRef | null | undefined): void {
  if (unit?.code) known[tier][unit.code] = unit.name || unit.code;
}

export function rememberUnits(ledger: Ledger): void {
  note(ledger.tier, ledger.unit);
  for (const row of ledger.rows ?? []) {
    note('township', row.township);
    note('village', row.village);
  }
  for (const folder of ledger.folders ?? []) note('village', folder.village);
}

export function unitChoices(tier: LedgerTier): UnitRef[] {
  return Object.entries(known[tier])
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
