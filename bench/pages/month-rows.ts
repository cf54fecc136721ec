/**
 * One planned demand of the county month (scripts/demo/month-plan.ts) as the rows the job
 * workers would have left by the month's end: the demand with its screening, category, domain,
 * lead unit and status; the lead assignment, the resolution clock, the ledger events of each
 * tier it passed (received → assigned → accepted → resolved → closed), its history and the
 * citizens' feedback. Written straight into the tables, as the API tests' fixtures do.
 */
import { maskMobile, maskName } from '../../domain/pii';
import type { PlannedDemand } from '../../scripts/demo/month-plan';
import type { fixturePii } from '../../test/api/staff-fixtures';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface MonthPlace {
  district: string;
  city: string;
  /** The villages demands are placed in (the plan's `village` indexes them). */
  villages: { code: string; township: string; grid: string }[];
  /** The department handling a domain at the district tier. */
  department(domain: string): string;
}

export interface MonthClock {
  /** Midnight (Beijing) of the month's first day, epoch ms. */
  start: number;
  /** Days of the month the plan spreads demands over. */
  days: number;
  /** Whole days from the month's start to now: what has happened by then is written. */
  elapsedDays: number;
  /** The code's date part of a day, `20261101`. */
  codeDay(day: number): string;
}

/** The rows of one demand, without ids (the demand's id is filled in after its insert). */
export interface DemandRows {
  demand: Record<string, unknown>;
  assignment: Record<string, unknown> | null;
  clock: Record<string, unknown> | null;
  ledger: Record<string, unknown>[];
  history: Record<string, unknown>[];
  feedback: Record<string, unknown>[];
}

const INVALID_STATUS: Record<string, string> = {
  invalid_repeat_no_new_facts: 'closed_invalid',
  invalid_false_info: 'closed_invalid',
  invalid_out_of_scope: 'closed_invalid',
  divert_legal_channel: 'diverted',
  divert_emergency: 'diverted',
};

/** The lead unit of a tier, and the unit whose ledger keeps that tier's entries. */
function leadOf(plan: PlannedDemand, place: MonthPlace) {
  const village = place.villages[plan.village]!;
  switch (plan.tier) {
    case 'village':
      return { lead: village.code, owner: village.code };
    case 'township':
      return { lead: village.township, owner: village.township };
    case 'district':
      return { lead: place.department(plan.domain), owner: place.district };
    case 'city':
      return { lead: place.city, owner: place.city };
  }
}

export function demandRows(
  plan: PlannedDemand,
  code: string,
  place: MonthPlace,
  clock: MonthClock,
  pii: ReturnType<typeof fixturePii>,
): DemandRows {
  const village = place.villages[plan.village]!;
  const at = (day: number, hours = 0) =>
    new Date(clock.start + (day - 1) * DAY + 8 * HOUR + plan.minute * 60_000 + hours * HOUR);
  const received = at(plan.day);
  const valid = plan.screening === 'valid';
  const lastResolve = plan.resolveDays.at(-1)!;
  const happened = (day: number) => day <= clock.elapsedDays;
  const accepted = valid && happened(plan.acceptDay);
  const resolved = accepted && happened(lastResolve);
  const archived = resolved && happened(lastResolve + 2);
  const status = !valid
    ? INVALID_STATUS[plan.screening]!
    : archived
      ? 'archived'
      : resolved
        ? 'awaiting_verification'
        : 'handling';
  const { lead, owner } = leadOf(plan, place);
  const satisfaction = archived ? plan.feedback.at(-1)! : null;
  const demand: Record<string, unknown> = {
    code,
    channel: plan.channel,
    channel_ticket_id: plan.externalId,
    content_original: plan.content,
    content_normalised: plan.content,
    address: '民生路1号',
    district_code: place.district,
    township_code: village.township,
    village_code: village.code,
    grid_code: village.grid,
    location_unit_code: village.grid,
    status,
    category: plan.category,
    domain: plan.domain,
    tier: valid ? plan.tier : null,
    responsible_unit_code: valid ? lead : null,
    received_at: received,
    submitted_at: received,
    created_at: received,
    updated_at: received,
    resolved_at: resolved ? at(lastResolve, 6) : null,
    satisfaction,
    unsatisfied_count: plan.feedback.filter((f) => f === 'unsatisfied' && archived).length,
    archived_at: archived ? at(lastResolve + 2, 6) : null,
    screening_outcome: plan.screening,
    screening_reason_code: plan.reasonCode ?? null,
    screening_explanation: valid ? null : '经初审不予受理',
    diverted_to: plan.emergencyNumber ?? null,
    citizen_name_enc: pii.cipher.encrypt(plan.citizen.name),
    citizen_name_masked: maskName(plan.citizen.name),
    citizen_phone_enc: pii.cipher.encrypt(plan.citizen.phone),
    citizen_phone_masked: maskMobile(plan.citizen.phone),
    citizen_phone_hash: pii.hasher.hash(plan.citizen.phone),
    citizen_anonymous: false,
  };
  const ledger: Record<string, unknown>[] = [
    { tier: 'district', unit_code: place.district, event_type: 'received', occurred_at: received },
  ];
  const history: Record<string, unknown>[] = [
    { at: received, actor: `channel:${plan.channel}`, action: 'received', detail: {} },
    { at: received, actor: 'system', action: 'registered', detail: {} },
  ];
  if (!valid) {
    history.push({ at: at(plan.day, 1), actor: 'system', action: 'screened', detail: {} });
    return { demand, assignment: null, clock: null, ledger, history, feedback: [] };
  }
  const assigned = at(plan.day, 1);
  const due = at(plan.day + (plan.category === 'consultation' ? 7 : 21));
  const passed = (tier: string, unit: string, event: string, when: Date) =>
    ledger.push({ tier, unit_code: unit, event_type: event, occurred_at: when });
  passed(plan.tier, owner, plan.tier === 'city' ? 'city_handover' : 'assigned', assigned);
  history.push({ at: assigned, actor: 'system', action: 'assigned.dispatch', detail: {} });
  if (accepted) passed(plan.tier, owner, 'accepted', at(plan.acceptDay, 2));
  const feedback: Record<string, unknown>[] = [];
  plan.resolveDays.forEach((day, round) => {
    if (!happened(day)) return;
    passed(plan.tier, owner, 'resolved', at(day, 6));
    history.push({ at: at(day, 6), actor: 'system', action: 'handled.resolve', detail: {} });
    if (!happened(day + 1)) return;
    feedback.push({
      method: plan.answersOnline ? 'online' : 'phone',
      satisfaction: plan.feedback[round] ?? 'satisfied',
      visited_at: at(day + 1),
    });
  });
  if (archived) {
    const closedAt = at(lastResolve + 2, 6);
    passed('district', place.district, 'closed', closedAt);
    if (plan.tier !== 'district') passed(plan.tier, owner, 'closed', closedAt);
    history.push({ at: closedAt, actor: 'system', action: 'archived', detail: {} });
  }
  const overdue = !resolved && due.getTime() < clock.start + clock.elapsedDays * DAY;
  return {
    demand,
    assignment: {
      unit_code: lead,
      role: 'lead',
      tier: plan.tier,
      assigned_at: assigned,
      status: archived ? 'completed' : 'active',
    },
    clock: {
      kind: 'resolution',
      started_at: assigned,
      due_at: due,
      state: resolved ? 'met' : overdue ? 'breached' : 'running',
      stopped_at: resolved ? at(lastResolve, 6) : null,
      working_days: plan.category === 'consultation' ? 5 : 15,
    },
    ledger,
    history,
    feedback,
  };
}
