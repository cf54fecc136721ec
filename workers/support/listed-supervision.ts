import type { Knex } from 'knex';
import { loadDuplicatePolicy } from '../../server/triage/duplicates/duplicate-policy';
import { currentLedger } from './current-ledger';
import { lockDemand } from './demand-store';
import { addHistory } from './history';
import { appendLedger } from './ledger';
import { notify, recipient } from './outbox';

let policyThreshold: number | undefined;

/** The group size that opens listed supervision, from the duplicate policy (read once). */
export function listedSupervisionThreshold(): number {
  policyThreshold ??= loadDuplicatePolicy().listedSupervisionThreshold;
  return policyThreshold;
}

/**
 * Listed supervision (挂牌督办) of a matter reported again and again (DOMAIN.md: repeats count
 * toward it; 003: vendors blocking a gate reported five times). Once the duplicate group holds
 * `threshold` demands, the original included, one red `listed_supervision` order goes to the
 * unit handling the group's first demand (its township, else its district, while nobody handles
 * it yet), with a ledger `supervised` event, a history entry `supervision.listed` and a notice
 * to the unit. Once per group: later repeats change nothing. Returns the order's code when this
 * call opened it.
 */
export async function superviseRepeatedGroup(
  trx: Knex.Transaction,
  groupId: string,
  now: Date,
  threshold: number = listedSupervisionThreshold(),
): Promise<string | undefined> {
  const group = await trx('duplicate_groups as g')
    .join('demands as p', 'p.id', 'g.primary_demand_id')
    .where('g.id', groupId)
    .first<{ code: string } | undefined>('p.code');
  if (!group) return undefined;
  // Locked before counting: two repeats joining at once are counted one after the other, so
  // the one that reaches the threshold sees the other.
  const primary = await lockDemand(trx, group.code);
  const [{ size }] = (await trx('demands')
    .where({ duplicate_group_id: groupId })
    .count('* as size')) as [{ size: string }];
  const groupSize = Number(size);
  if (groupSize < threshold) return undefined;

  const dedupeKey = `listed:group:${groupId}`;
  const unit = primary.responsible_unit_code ?? primary.township_code ?? primary.district_code;
  const [{ count }] = (await trx('supervision_orders')
    .where({ demand_id: primary.id })
    .count('* as count')) as [{ count: string }];
  const code = `DB-${primary.code}-${Number(count) + 1}`;
  const reason = `同一事项已被反映 ${groupSize} 次（重复诉求并单），挂牌督办`;
  const inserted = await trx('supervision_orders')
    .insert({
      code,
      demand_id: primary.id,
      unit_code: unit,
      level: 'red',
      kind: 'listed_supervision',
      reason,
      issued_at: now,
      dedupe_key: dedupeKey,
    })
    .onConflict('dedupe_key')
    .ignore()
    .returning('id');
  if (inserted.length === 0) return undefined;

  await appendLedger(trx, primary, {
    ...(await currentLedger(trx, primary)),
    type: 'supervised',
    at: now,
    payload: { orderCode: code, level: 'red', reason: 'repeated', groupSize },
    dedupeKey: `${dedupeKey}:supervised`,
  });
  await addHistory(trx, primary, {
    at: now,
    actor: 'system',
    action: 'supervision.listed',
    detail: { orderCode: code, level: 'red', unitCode: unit, groupId, groupSize },
    dedupeKey: `${dedupeKey}:supervision.listed`,
  });
  await notify(trx, dedupeKey, {
    template: 'supervision_order',
    to: recipient.unit(unit),
    payload: {
      demandCode: primary.code,
      orderCode: code,
      level: 'red',
      kind: 'listed_supervision',
      reason,
      groupSize,
    },
  });
  return code;
}
