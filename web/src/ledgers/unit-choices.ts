import { ref, watch, type Ref } from 'vue';
import type { LedgerTier } from '../api/ledgers';
import type { UnitRef } from '../api/types';
import { getUnits } from '../api/units';

/**
 * The units of a ledger tier the user may pick: the org tree's units of that tier within the
 * user's scope (`GET /api/units?tier=`), reloaded when the tier changes. A failed read leaves
 * the list empty: the user's own ledger (no unit chosen) still works.
 */
export function useUnitChoices(tier: Ref<LedgerTier>): Ref<UnitRef[]> {
  const choices = ref<UnitRef[]>([]);
  watch(
    tier,
    async (wanted) => {
      choices.value = [];
      try {
        const units = await getUnits({ tier: wanted });
        // A quicker tab change may have asked for another tier meanwhile.
        if (wanted === tier.value) choices.value = units.map(({ code, name }) => ({ code, name }));
      } catch {
        choices.value = [];
      }
    },
    { immediate: true },
  );
  return choices;
}
