/* eslint-disable @typescript-eslint/no-explicit-any -- the API answers untyped JSON */
/**
 * A demand nobody resolves: warned before its deadline, a supervision order once it passes,
 * reminded every day after, and escalated past the grace days, village → township → district.
 * The clock moves one day at a time (noon, Beijing); every expected time comes from the
 * published calendar and the deadline table (consultation: 5 working days, grace 3).
 */
import { at, endOfDay, nextDay, workingDaysAfter } from './support/calendar';
import { submitDemand, toHandling } from './support/life';
import { TOWNSHIP, VILLAGE, departmentOf, useSystem, type System } from './support/system';

const RECEIVED = '2026-11-02';
const RESOLUTION_DAYS = 5;
const GRACE_DAYS = 3;

const reminders = (d: any) => (d.history ?? []).filter((h: any) => /remind/.test(h.action)).length;
const warnings = (d: any) => (d.history ?? []).filter((h: any) => /warn/.test(h.action)).length;
const orders = (d: any) => (d.supervision ?? []).filter((s: any) => s.kind === 'supervision');

/** Moves the clock to noon of each day after `from` up to `to`, checking each day. */
async function dayByDay(
  system: System,
  from: string,
  to: string,
  check: (day: string) => Promise<void> = async () => undefined,
) {
  for (let day = nextDay(from); day <= to; day = nextDay(day)) {
    await system.advanceClock(at(day, '12:00'));
    await check(day);
  }
}

describe('warning, daily reminders, supervision order, escalation village → township → district', () => {
  const system = useSystem(at(RECEIVED, '09:00'));

  test('a consultation left unresolved climbs the tiers, each step recorded once', async () => {
    const submitted = await submitDemand(system, '小区垃圾清运站臭气熏天，夏天尤其严重，请处理');
    const { code } = submitted;
    await toHandling(system, code, {
      scope: 'village',
      category: 'consultation',
      domain: 'sanitation',
    });
    const villageDue = workingDaysAfter(RECEIVED, RESOLUTION_DAYS);
    const villageEscalates = workingDaysAfter(villageDue, GRACE_DAYS);
    expect(villageDue).toBe('2026-11-09');
    const first = await system.task('village_staff', code, 'handle', VILLAGE.code);
    expect(Date.parse(first.dueDate!)).toBe(endOfDay(villageDue));

    // Up to the deadline's day: warned once before it, not supervised yet.
    await dayByDay(system, RECEIVED, villageDue);
    const warned = await system.demandWhen(code, 'the warning', (d) => warnings(d) >= 1);
    expect(warnings(warned)).toBe(1);
    expect(orders(warned)).toEqual([]);
    expect(reminders(warned)).toBe(0);

    // The day after the deadline: one yellow supervision order to the village.
    await system.advanceClock(at(nextDay(villageDue), '12:00'));
    const supervised = await system.demandWhen(code, 'supervision', (d) => orders(d).length >= 1);
    expect(orders(supervised)).toEqual([
      expect.objectContaining({
        level: 'yellow',
        unit: expect.objectContaining({ code: VILLAGE.code }),
      }),
    ]);
    const overdue = await system.as('dispatcher');
    const list = await overdue.agent.get('/api/demands?overdue=true&pageSize=100');
    expect(list.body.items.map((d: any) => d.code)).toContain(code);

    // Then one reminder per day until the grace ends; the order is not repeated.
    let expectedReminders = 0;
    await dayByDay(system, nextDay(villageDue), villageEscalates, async () => {
      expectedReminders += 1;
      const d = await system.demandWhen(
        code,
        `reminder ${expectedReminders}`,
        (x) => reminders(x) >= expectedReminders,
      );
      expect(reminders(d)).toBe(expectedReminders);
      expect(orders(d)).toHaveLength(1);
      expect(d.tier).toBe('village');
    });

    // Past the grace: escalated to the township, which gets a fresh deadline and the task.
    const escalationDay = nextDay(villageEscalates);
    await system.advanceClock(at(escalationDay, '12:00'));
    const township = await system.demandWhen(
      code,
      'escalated to the township',
      (d) => d.tier === 'township',
    );
    expect(township.leadUnit.code).toBe(TOWNSHIP.code);
    const townshipDue = workingDaysAfter(escalationDay, RESOLUTION_DAYS);
    const moved = await system.task('township_staff', code, 'handle', TOWNSHIP.code);
    expect(moved.candidateGroups).toEqual([`township_staff:${TOWNSHIP.code}`]);
    expect(Date.parse(moved.dueDate!)).toBe(endOfDay(townshipDue));
    expect(
      (await system.tasksOf('village_staff', code, VILLAGE.code)).map((t) => t.elementId),
    ).not.toContain('handle');
    const visitor = await system.visitor();
    const seen = await visitor.lookup(code, submitted.citizen.phone.slice(-4));
    expect(seen.body.unit.code).toBe(TOWNSHIP.code);
    expect(Date.parse(seen.body.deadlines.resolution)).toBe(endOfDay(townshipDue));
    const afterVillage = await system.demand(code);
    expect(Date.parse(afterVillage.deadlines.resolution)).toBe(endOfDay(townshipDue));
    expect(orders(afterVillage)).toHaveLength(1);
    const villageReminders = reminders(afterVillage);
    // The last reminder and the escalation fall due at the same instant (end of the grace).
    expect([expectedReminders, expectedReminders + 1]).toContain(villageReminders);

    // The township lags too: its own supervision order once its deadline passes.
    await dayByDay(system, escalationDay, nextDay(townshipDue));
    const townshipSupervised = await system.demandWhen(
      code,
      'the township supervised',
      (d) => orders(d).length >= 2,
    );
    expect(orders(townshipSupervised)).toHaveLength(2);
    expect(orders(townshipSupervised)[1].unit.code).toBe(TOWNSHIP.code);

    // Past its grace: the district, i.e. the department owning sanitation.
    const townshipEscalates = workingDaysAfter(townshipDue, GRACE_DAYS);
    await dayByDay(system, nextDay(townshipDue), nextDay(townshipEscalates));
    const district = await system.demandWhen(
      code,
      'escalated to the district',
      (d) => d.tier === 'district',
    );
    const department = departmentOf('sanitation');
    expect(district.leadUnit.code).toBe(department.code);
    const third = await system.task('department_staff', code, 'handle', department.code);
    expect(third.candidateGroups).toEqual([`department_staff:${department.code}`]);
    expect(
      (await system.tasksOf('township_staff', code, TOWNSHIP.code)).map((t) => t.elementId),
    ).not.toContain('handle');
    expect(orders(district)).toHaveLength(2);
    expect(warnings(district)).toBe(2);
  });
});
