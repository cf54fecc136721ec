import type { Knex } from 'knex';
import { JobInputError } from '../job-errors';
import { findDemandByCode, type DemandRow } from './demand-store';
import { superviseRepeatedGroup } from './listed-supervision';

/**
 * Joins `demand` to the group of the demand it repeats (国办函〔2025〕66号: merged, not deleted),
 * creating the group around the original when it has none. Returns the original. A group grown
 * to the duplicate policy's size is put under listed supervision (挂牌督办), once.
 */
export async function joinGroupOf(
  trx: Knex.Transaction,
  demand: DemandRow,
  originalCode: string,
  now: Date,
): Promise<DemandRow> {
  const original = await findDemandByCode(trx, originalCode);
  if (!original) throw new JobInputError(`the original demand ${originalCode} does not exist`);
  if (original.id === demand.id) throw new JobInputError(`${originalCode} cannot repeat itself`);
  let groupId = original.duplicate_group_id;
  if (groupId === null) {
    const [row] = await trx('duplicate_groups')
      .insert({ primary_demand_id: original.id, reason: 'repeat' })
      .onConflict('primary_demand_id')
      .merge(['reason'])
      .returning<{ id: string }[]>('id');
    groupId = String(row!.id);
    await trx('demands').where({ id: original.id }).update({ duplicate_group_id: groupId });
  }
  await trx('demands')
    .where({ id: demand.id })
    .update({ duplicate_group_id: groupId, duplicate_of_demand_id: original.id });
  await superviseRepeatedGroup(trx, groupId, now);
  return { ...original, duplicate_group_id: groupId };
}
