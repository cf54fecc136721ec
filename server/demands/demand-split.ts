import type { Knex } from 'knex';
import type { Role } from '../../domain/demand';
import { isInScope, type DemandScope, type StaffUser } from '../auth';
import { HttpProblem, PROBLEM_TYPES } from '../http';

/** Roles that screen demands, and so may undo a merge that screening got wrong. */
export const SPLIT_ROLES: readonly Role[] = [
  'intake_clerk',
  'village_staff',
  'township_staff',
  'dispatcher',
  'supervisor',
];

interface SplitRow {
  id: string;
  code: string;
  status: string;
  duplicate_group_id: string | null;
  duplicate_of_demand_id: string | null;
  process_instance_key: string | null;
  district_code: string | null;
  township_code: string | null;
  village_code: string | null;
  grid_code: string | null;
  responsible_unit_code: string | null;
}

export interface SplitResult {
  code: string;
  status: string;
  /** True when the demand was merged and goes back to screening with a new process. */
  restarted: boolean;
}

function conflict(detail: string): HttpProblem {
  return new HttpProblem({
    status: 409,
    type: PROBLEM_TYPES.conflict,
    title: 'Not merged',
    detail,
  });
}

async function groupsLedBy(trx: Knex.Transaction, demandId: string): Promise<string[]> {
  const rows = await trx('duplicate_groups').where({ primary_demand_id: demandId }).select('id');
  return rows.map((row) => String(row.id));
}

/**
 * `POST /api/demands/{code}/split {"from"}`: `code` leaves the duplicate group of `from`.
 *
 * - A demand merged as a repeat (status `merged`) goes back to `screening`: its screening
 *   decision is cleared, its process instance key released and its row in the process-start
 *   outbox made due again, so the process starter creates a new `demand-handling` instance
 *   (the merge ended the old one; its key stays in the history entry for the replay).
 * - A repeat with new facts that joined the group and is being handled keeps its status and
 *   process; it only leaves the group.
 * - The group's original cannot leave its own group (409), nor can a demand that is not in the
 *   group of `from` (409, also when `from` is unknown).
 *
 * Both demands get a history entry (`split` and `split_member`). Runs under the demand's row
 * lock, so two concurrent splits cannot both succeed.
 */
export async function splitDemand(
  knex: Knex,
  input: { code: string; from: string; user: StaffUser; scope: DemandScope },
): Promise<SplitResult> {
  return knex.transaction(async (trx) => {
    const demand = await trx('demands')
      .where({ code: input.code })
      .forUpdate()
      .first<SplitRow | undefined>(
        'id',
        'code',
        'status',
        'duplicate_group_id',
        'duplicate_of_demand_id',
        'process_instance_key',
        'district_code',
        'township_code',
        'village_code',
        'grid_code',
        'responsible_unit_code',
      );
    if (!demand) throw new HttpProblem({ status: 404, detail: 'There is no such demand.' });
    const assigned = await trx('assignments').where({ demand_id: demand.id }).pluck('unit_code');
    const placement = {
      districtCode: demand.district_code,
      townshipCode: demand.township_code,
      villageCode: demand.village_code,
      gridCode: demand.grid_code,
      assignedUnitCodes: [
        ...assigned,
        ...(demand.responsible_unit_code ? [demand.responsible_unit_code] : []),
      ],
    };
    if (!isInScope(input.scope, placement)) {
      throw new HttpProblem({
        status: 403,
        type: PROBLEM_TYPES.forbidden,
        detail: 'This demand is outside your unit.',
      });
    }

    const original = await trx('demands')
      .where({ code: input.from })
      .first<{ id: string; duplicate_group_id: string | null } | undefined>(
        'id',
        'duplicate_group_id',
      );
    const originalGroups = original
      ? [
          ...(original.duplicate_group_id ? [String(original.duplicate_group_id)] : []),
          ...(await groupsLedBy(trx, String(original.id))),
        ]
      : [];
    const group = demand.duplicate_group_id === null ? null : String(demand.duplicate_group_id);
    const merged =
      original !== undefined &&
      String(original.id) !== String(demand.id) &&
      (String(demand.duplicate_of_demand_id) === String(original.id) ||
        (group !== null && originalGroups.includes(group)));
    if (!merged) throw conflict(`${input.code} is not merged into the group of ${input.from}.`);
    if (group !== null && (await groupsLedBy(trx, String(demand.id))).includes(group)) {
      throw conflict(`${input.code} is the original of its group; split the repeats from it.`);
    }

    const restarted = demand.status === 'merged';
    const previousKey =
      demand.process_instance_key === null ? null : String(demand.process_instance_key);
    await trx('demands')
      .where({ id: demand.id })
      .update({
        duplicate_group_id: null,
        duplicate_of_demand_id: null,
        updated_at: trx.fn.now(),
        ...(restarted
          ? {
              status: 'screening',
              screening_outcome: null,
              screening_reason_code: null,
              screening_explanation: null,
              process_instance_key: null,
            }
          : {}),
      });
    const actor = input.user.username;
    await trx('demand_history').insert([
      {
        demand_id: demand.id,
        actor,
        action: 'split',
        detail: {
          from: input.from,
          duplicateGroup: group,
          restarted,
          ...(restarted ? { previousProcessInstanceKey: previousKey } : {}),
        },
      },
      { demand_id: original!.id, actor, action: 'split_member', detail: { code: input.code } },
    ]);
    if (restarted) await startAgain(trx, demand.id);
    return { code: demand.code, status: restarted ? 'screening' : demand.status, restarted };
  });
}

/** Makes the demand's outbox row due again (intake wrote it; a very old demand may lack one). */
async function startAgain(trx: Knex.Transaction, demandId: string): Promise<void> {
  const reset = await trx('process_start_outbox').where({ demand_id: demandId }).update({
    started_at: null,
    process_instance_key: null,
    attempts: 0,
    next_attempt_at: trx.fn.now(),
    last_error: null,
  });
  if (reset === 0) await trx('process_start_outbox').insert({ demand_id: demandId });
}
