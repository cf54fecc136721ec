import type { Knex } from 'knex';
import type { WorkingCalendar } from '../../domain/calendar';
import { JobInputError } from '../job-errors';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import {
  approvedExtensions,
  clockOf,
  moveClock,
  startClock,
  type ClockRow,
} from '../support/clock-store';
import {
  addDays,
  daysBetween,
  derivedTimes,
  readPolicy,
  scheduleOutputs,
  type DeadlinePolicy,
} from '../support/deadlines';
import {
  actorName,
  lockDemand,
  requiredActorUserId,
  updateDemand,
  type DemandRow,
} from '../support/demand-store';
import { addHistory } from '../support/history';
import { notify, recipient } from '../support/outbox';
import { beijingIso } from '../support/time';

interface Variables {
  demandCode: string;
  policy: unknown;
  actor?: string;
  extensionDays?: number | null;
  extensionReason?: string | null;
}

type Mode = 'start' | 'escalate' | 'resume' | 'extend';

interface Step {
  trx: Knex.Transaction;
  demand: DemandRow;
  policy: DeadlinePolicy;
  calendar: WorkingCalendar;
  now: Date;
  variables: Variables;
  elementInstanceKey: string;
}

/** Both clocks from `from`: receipt for a new demand, now for an escalated one. */
async function startBoth(step: Step, from: Date): Promise<Record<string, unknown>> {
  const { trx, demand, policy, calendar } = step;
  const responseDue = addDays(calendar, from, policy.responseDays, policy.dayKind);
  const resolutionDue = addDays(calendar, from, policy.resolutionDays, policy.dayKind);
  const times = derivedTimes(calendar, policy, from, resolutionDue);
  await startClock(trx, demand, {
    kind: 'response',
    startedAt: from,
    dueAt: responseDue,
    warnAt: null,
    days: policy.responseDays,
  });
  await startClock(trx, demand, {
    kind: 'resolution',
    startedAt: from,
    dueAt: resolutionDue,
    warnAt: times.warnAt,
    days: policy.resolutionDays,
  });
  return { responseDue: beijingIso(responseDue), resolutionDue: beijingIso(resolutionDue) };
}

/** The paused days are added to the deadline (a pause while waiting for the citizen). */
async function resume(step: Step, clock: ClockRow): Promise<Record<string, unknown>> {
  const { trx, policy, calendar, now } = step;
  const pause = await trx('clock_pauses')
    .where({ clock_id: clock.id })
    .whereNull('resumed_at')
    .forUpdate()
    .first<{ id: string; paused_at: Date } | undefined>('id', 'paused_at');
  const pausedDays = pause ? daysBetween(calendar, pause.paused_at, now, policy.dayKind) : 0;
  if (pause)
    await trx('clock_pauses')
      .where({ id: pause.id })
      .update({ resumed_at: now < pause.paused_at ? pause.paused_at : now });
  const due =
    pausedDays > 0 ? addDays(calendar, clock.due_at, pausedDays, policy.dayKind) : clock.due_at;
  await moveClock(trx, clock, due, derivedTimes(calendar, policy, clock.started_at, due).warnAt);
  return { pausedDays };
}

/** An approved extension: the handler's request (recorded at `demand-record-handling`) approved. */
async function extend(step: Step, clock: ClockRow): Promise<Record<string, unknown>> {
  const { trx, policy, calendar, now, demand, variables } = step;
  const request = await trx('clock_extensions')
    .where({ clock_id: clock.id, state: 'pending' })
    .orderBy('id', 'desc')
    .forUpdate()
    .first<
      | { id: string; extra_working_days: number; reason: string; requested_by_user_id: string }
      | undefined
    >('id', 'extra_working_days', 'reason', 'requested_by_user_id');
  if (!request) throw new JobInputError('no pending extension request to approve');
  const approver = await requiredActorUserId(trx, variables.actor, 'approving an extension');
  if (approver === String(request.requested_by_user_id)) {
    throw new JobInputError('an extension is approved by someone other than who asked for it');
  }
  const days = Math.max(1, Math.min(request.extra_working_days, policy.maxExtensionDays));
  const due = addDays(calendar, clock.due_at, days, policy.dayKind);
  await trx('clock_extensions').where({ id: request.id }).update({
    state: 'approved',
    extra_working_days: days,
    approved_by_user_id: approver,
    approved_at: now,
    reason_told_to_citizen_at: now,
  });
  await moveClock(trx, clock, due, derivedTimes(calendar, policy, clock.started_at, due).warnAt);
  await notify(trx, step.elementInstanceKey, {
    template: 'extension_told',
    to: recipient.citizen(demand.code),
    payload: {
      demandCode: demand.code,
      extraDays: days,
      dayKind: policy.dayKind,
      reason: request.reason,
      resolutionDue: beijingIso(due),
    },
  });
  return { extraDays: days, reason: request.reason };
}

/**
 * Step 7 and every later change of the deadlines (`mode=start|escalate|resume|extend`): the
 * response and resolution clocks on the working-day calendar, written to `demand_clocks`, and
 * the times the handling timers are armed with.
 */
export const demandSchedule = defineJob<Variables, { mode: Mode }>({
  type: 'demand-schedule',
  handle: async (job, { knex, now, calendar }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const mode = job.customHeaders.mode;
        const policy = readPolicy(job.variables.policy);
        const demand = await lockDemand(trx, job.variables.demandCode);
        const step: Step = {
          trx,
          demand,
          policy,
          calendar,
          now,
          variables: job.variables,
          elementInstanceKey: job.elementInstanceKey,
        };
        let detail: Record<string, unknown>;
        if (mode === 'start') detail = await startBoth(step, demand.received_at);
        else if (mode === 'escalate') detail = await startBoth(step, now);
        else if (mode === 'resume' || mode === 'extend') {
          const clock = await clockOf(trx, demand, 'resolution');
          if (!clock) throw new JobInputError(`${mode} needs a resolution clock`);
          detail = mode === 'resume' ? await resume(step, clock) : await extend(step, clock);
          await updateDemand(trx, demand, { status: 'handling' }, now);
        } else throw new JobInputError(`header mode is ${JSON.stringify(mode)}`);

        const response = await clockOf(trx, demand, 'response');
        const resolution = await clockOf(trx, demand, 'resolution');
        if (!response || !resolution) throw new JobInputError('the clocks were not started');
        const outputs = scheduleOutputs(
          {
            responseDue: response.due_at,
            resolutionDue: resolution.due_at,
            ...derivedTimes(calendar, policy, resolution.started_at, resolution.due_at),
          },
          await approvedExtensions(trx, resolution),
        );
        await addHistory(trx, demand, {
          at: now,
          actor: mode === 'extend' ? actorName(job.variables.actor) : 'system',
          action: `deadlines.${mode}`,
          detail: {
            ...detail,
            resolutionDue: outputs.resolutionDue,
            escalateAt: outputs.escalateAt,
          },
          dedupeKey: `${job.elementInstanceKey}:deadlines`,
        });
        return completed({ ...outputs });
      }),
    ),
});
