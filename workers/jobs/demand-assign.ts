import type { Knex } from 'knex';
import { JobInputError, optionalText } from '../job-errors';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import {
  actorUserId,
  actorName,
  lockDemand,
  updateDemand,
  type DemandRow,
} from '../support/demand-store';
import { addHistory } from '../support/history';
import {
  chooseLead,
  cityUnitCode,
  handlerRole,
  resolveCoUnits,
  tierOfUnit,
  type LeadChoice,
} from '../support/lead-unit';
import { appendLedger, ledgerOwner } from '../support/ledger';
import { notify, recipient } from '../support/outbox';

interface Variables {
  demandCode: string;
  actor?: string;
  routing?: { tier?: string; coUnits?: unknown } | null;
  suggestion?: { tier?: string | null } | null;
  scope?: string | null;
  domain?: string | null;
  tier?: string | null;
  nextTier?: string | null;
  newLeadUnitCode?: string | null;
  dispatchNote?: string | null;
  objectionReason?: string | null;
}

type Mode = 'dispatch' | 'escalate' | 'redispatch';

async function choose(
  trx: Knex.Transaction,
  demand: DemandRow,
  mode: Mode,
  v: Variables,
): Promise<LeadChoice> {
  const domain = optionalText(v.domain) ?? demand.domain;
  if (mode === 'escalate') {
    const next = optionalText(v.nextTier);
    if (!next) throw new JobInputError('escalation needs nextTier');
    return chooseLead(trx, demand, next, domain);
  }
  const routed =
    optionalText(v.routing?.tier) ?? optionalText(v.scope) ?? optionalText(v.suggestion?.tier);
  if (mode === 'redispatch') {
    const named = optionalText(v.newLeadUnitCode);
    if (named && named !== demand.accused_unit_code) {
      return { tier: await tierOfUnit(trx, named), leadUnitCode: named };
    }
    return chooseLead(trx, demand, optionalText(v.tier) ?? routed ?? 'district', domain);
  }
  if (!routed) throw new JobInputError('dispatch needs routing.tier');
  return chooseLead(trx, demand, routed, domain);
}

/** Ends the assignments in force: an objected lead keeps its stated grounds (派单异议). */
async function endAssignments(
  trx: Knex.Transaction,
  demand: DemandRow,
  mode: Mode,
  v: Variables,
  now: Date,
) {
  if (mode === 'redispatch') {
    const grounds = optionalText(v.objectionReason) ?? optionalText(v.dispatchNote) ?? '退单异议';
    await trx('assignments')
      .where({ demand_id: demand.id, status: 'active', role: 'lead' })
      .update({ status: 'objected', objection_reason: grounds, ended_at: now });
  }
  await trx('assignments')
    .where({ demand_id: demand.id, status: 'active' })
    .update({ status: 'withdrawn', ended_at: now });
}

/**
 * Step 6 and escalation (`mode=dispatch|escalate|redispatch`): the lead unit by tier (never the
 * accused unit), co-units, assignments, the ledger entry at that tier, status `handling`, the
 * units told. Outputs `tier`, `leadUnitCode`, `coUnitCodes`, `handlerGroup` (`ROLE:UNITCODE`).
 */
export const demandAssign = defineJob<Variables, { mode: Mode }>({
  type: 'demand-assign',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const v = job.variables;
        const mode = job.customHeaders.mode;
        if (!['dispatch', 'escalate', 'redispatch'].includes(mode)) {
          throw new JobInputError(`header mode is ${JSON.stringify(mode)}`);
        }
        const demand = await lockDemand(trx, v.demandCode);
        const previousLead = demand.responsible_unit_code;
        const lead = await choose(trx, demand, mode, v);
        const coUnitCodes = await resolveCoUnits(
          trx,
          demand,
          v.routing?.coUnits,
          lead.leadUnitCode,
        );
        const byPerson = mode === 'redispatch';
        const userId = byPerson ? await actorUserId(trx, v.actor) : null;

        await endAssignments(trx, demand, mode, v, now);
        await trx('assignments').insert([
          {
            demand_id: demand.id,
            unit_code: lead.leadUnitCode,
            role: 'lead',
            tier: lead.tier,
            assigned_at: now,
            assigned_by_user_id: userId,
          },
          ...coUnitCodes.map((code) => ({
            demand_id: demand.id,
            unit_code: code,
            role: 'co',
            tier: lead.tier,
            assigned_at: now,
            assigned_by_user_id: userId,
          })),
        ]);
        await updateDemand(
          trx,
          demand,
          { tier: lead.tier, responsible_unit_code: lead.leadUnitCode, status: 'handling' },
          now,
        );

        const city = lead.tier === 'city' ? await cityUnitCode(trx) : null;
        const owner = ledgerOwner(demand, lead.tier, city) ?? demand.district_code;
        const event =
          lead.tier === 'city' ? 'city_handover' : mode === 'escalate' ? 'escalated' : 'assigned';
        await appendLedger(trx, demand, {
          tier: lead.tier,
          unitCode: owner,
          type: event,
          at: now,
          actorUserId: userId,
          payload: {
            mode,
            leadUnitCode: lead.leadUnitCode,
            coUnitCodes,
            previousLeadUnitCode: previousLead,
          },
          dedupeKey: `${job.elementInstanceKey}:${event}`,
        });
        await addHistory(trx, demand, {
          at: now,
          actor: byPerson ? actorName(v.actor) : 'system',
          action: `assigned.${mode}`,
          detail: {
            tier: lead.tier,
            leadUnitCode: lead.leadUnitCode,
            coUnitCodes,
            previousLeadUnitCode: previousLead,
          },
          dedupeKey: `${job.elementInstanceKey}:assigned`,
        });

        const handlerGroup = `${await handlerRole(trx, lead.leadUnitCode)}:${lead.leadUnitCode}`;
        for (const [unit, role] of [
          [lead.leadUnitCode, 'lead'],
          ...coUnitCodes.map((c) => [c, 'co']),
        ] as const) {
          await notify(trx, job.elementInstanceKey, {
            template: 'demand_assigned',
            to: recipient.unit(unit),
            payload: {
              demandCode: demand.code,
              role,
              tier: lead.tier,
              leadUnitCode: lead.leadUnitCode,
              mode,
            },
          });
        }
        if (mode === 'escalate' && previousLead && previousLead !== lead.leadUnitCode) {
          await notify(trx, job.elementInstanceKey, {
            template: 'demand_escalated',
            to: recipient.unit(previousLead),
            payload: {
              demandCode: demand.code,
              fromUnitCode: previousLead,
              toUnitCode: lead.leadUnitCode,
              tier: lead.tier,
            },
          });
        }
        return completed({
          tier: lead.tier,
          leadUnitCode: lead.leadUnitCode,
          coUnitCodes,
          handlerGroup,
        });
      }),
    ),
});
