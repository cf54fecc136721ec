import type { Knex } from 'knex';
import type { DemandRow } from './demand-store';

export type LedgerTier = 'village' | 'township' | 'district' | 'city';

/**
 * The unit whose ledger holds a demand's entries at `tier`: its village, its township, its
 * district, or the city (given by the caller, which knows the city unit). Null when the
 * demand has no unit at that tier (placed at the township, say).
 */
export function ledgerOwner(
  demand: Pick<DemandRow, 'village_code' | 'township_code' | 'district_code'>,
  tier: LedgerTier,
  cityCode: string | null = null,
): string | null {
  switch (tier) {
    case 'village':
      return demand.village_code;
    case 'township':
      return demand.township_code;
    case 'district':
      return demand.district_code;
    case 'city':
      return cityCode;
  }
}

/** Appends one event to the append-only ledger (`ledger_events`). */
export async function appendLedger(
  trx: Knex.Transaction,
  demand: Pick<DemandRow, 'id'>,
  event: {
    tier: LedgerTier;
    unitCode: string;
    type: string;
    at: Date;
    actorUserId?: string | null;
    payload?: Record<string, unknown>;
    dedupeKey: string;
  },
): Promise<void> {
  await trx('ledger_events')
    .insert({
      demand_id: demand.id,
      tier: event.tier,
      unit_code: event.unitCode,
      event_type: event.type,
      payload: JSON.stringify(event.payload ?? {}),
      actor_user_id: event.actorUserId ?? null,
      occurred_at: event.at,
      dedupe_key: event.dedupeKey,
    })
    .onConflict('dedupe_key')
    .ignore();
}
