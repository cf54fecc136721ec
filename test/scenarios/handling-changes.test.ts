/**
 * What changes a demand's handling without ending it: a unit objecting to the dispatch (the
 * dispatcher re-dispatches or insists), an approved extension, and a pause while waiting for
 * the citizen. Deadlines are computed from the published calendar (request: 20 working days,
 * one extension of at most 20).
 */
import { at, beijingDate, endOfDay, workingDaysAfter } from './support/calendar';
import { handle, last4, submitDemand, toHandling } from './support/life';
import { DISTRICT, TOWNSHIP, VILLAGE, useSystem } from './support/system';

const village = { role: 'village_staff' as const, unit: VILLAGE.code };
const township = { role: 'township_staff' as const, unit: TOWNSHIP.code };

describe('handling changes: dispatch objection, extension, pause and resume', () => {
  const system = useSystem('2026-11-02T09:00:00+08:00');

  test('an objection is reviewed by the dispatcher: re-dispatched to the township, then insisted on', async () => {
    const { code } = await submitDemand(system, '村口小桥桥面开裂，车辆通行危险');
    await toHandling(system, code, { scope: 'village', category: 'request', domain: 'traffic' });

    await handle(system, code, village, {
      handleAction: 'object',
      objectionReason: '桥梁维修超出村级能力，应由街道统筹。',
    });
    const review = await system.task('dispatcher', code, 'dispatch-review');
    expect(review.candidateGroups).toEqual([`dispatcher:${DISTRICT}`]);
    await system.complete('dispatcher', review, {
      dispatchDecision: 'redispatch',
      newLeadUnitCode: TOWNSHIP.code,
      dispatchNote: '改派东城街道办理',
    });

    const moved = await system.task('township_staff', code, 'handle', TOWNSHIP.code);
    expect(moved.candidateGroups).toEqual([`township_staff:${TOWNSHIP.code}`]);
    const redispatched = await system.demandWhen(
      code,
      'lead unit the township',
      (d) => d.leadUnit?.code === TOWNSHIP.code,
    );
    expect(redispatched.status).toBe('handling');
    expect(
      (await system.tasksOf('village_staff', code, VILLAGE.code)).map((t) => t.elementId),
    ).not.toContain('handle');

    // The township objects as well; the dispatcher insists, and the task comes back to it.
    await system.complete(
      'township_staff',
      moved,
      {
        handleAction: 'object',
        objectionReason: '应由交通部门办理。',
      },
      TOWNSHIP.code,
    );
    await system.act('dispatcher', code, 'dispatch-review', {
      dispatchDecision: 'insist',
      dispatchNote: '属街道职责，请继续办理',
    });
    const back = await system.task('township_staff', code, 'handle', TOWNSHIP.code);
    expect(back.key).not.toBe(moved.key);
    expect(back.candidateGroups).toEqual([`township_staff:${TOWNSHIP.code}`]);
    expect((await system.demand(code)).leadUnit.code).toBe(TOWNSHIP.code);
  });

  test('an approved extension moves the deadline and the citizen sees it; no second one is offered', async () => {
    const submitted = await submitDemand(system, '申请为老旧小区加装电梯，已征得全体住户同意');
    const { code } = submitted;
    const received = beijingDate(system.now().toISOString());
    await toHandling(system, code, { scope: 'township', category: 'request', domain: 'housing' });
    const due = workingDaysAfter(received, 20);
    expect(Date.parse((await system.demand(code)).deadlines.resolution)).toBe(endOfDay(due));

    await handle(system, code, township, {
      handleAction: 'extend',
      extensionDays: 5,
      extensionReason: '需等待住建部门出具安全评估报告',
    });
    const approval = await system.task('supervisor', code, 'approve-extension');
    expect(approval.candidateGroups).toEqual([`supervisor:${DISTRICT}`]);
    await system.complete('supervisor', approval, {
      extensionApproved: true,
      approvalNote: '同意延期5个工作日',
    });

    const extendedDue = endOfDay(workingDaysAfter(due, 5));
    const extended = await system.demandWhen(
      code,
      'the extended deadline',
      (d) => Date.parse(d.deadlines?.resolution) === extendedDue,
    );
    expect(extended.deadlines.extended).toBe(true);
    const next = await system.task('township_staff', code, 'handle', TOWNSHIP.code);
    expect(Date.parse(next.dueDate!)).toBe(extendedDue);
    const visitor = await system.visitor();
    const seen = await visitor.lookup(code, last4(submitted.citizen));
    expect(Date.parse(seen.body.deadlines.resolution)).toBe(extendedDue);
    // The citizen is told by SMS, with the reason.
    const told = await system.toldCitizen(code, 'extension_told');
    expect(told.recipient.address).toBe(submitted.citizen.phone);
    expect(told.text).toContain('需等待住建部门出具安全评估报告');

    // One extension at most for a request: a second request goes straight back to handling.
    await system.complete(
      'township_staff',
      next,
      {
        handleAction: 'extend',
        extensionDays: 3,
        extensionReason: '评估报告仍未出具',
      },
      TOWNSHIP.code,
    );
    const again = await system.task('township_staff', code, 'handle', TOWNSHIP.code);
    expect(again.key).not.toBe(next.key);
    expect((await system.tasksOf('supervisor', code)).map((t) => t.elementId)).not.toContain(
      'approve-extension',
    );
    expect(Date.parse((await system.demand(code)).deadlines.resolution)).toBe(extendedDue);
  });

  test('a pause stops the clock; on resume the paused working days are added to the deadline', async () => {
    const submitted = await submitDemand(system, '家门口下水道堵塞，需要等我出差回来后入户查看');
    const { code } = submitted;
    const received = beijingDate(system.now().toISOString());
    await toHandling(system, code, { scope: 'village', category: 'request', domain: 'utilities' });
    const due = workingDaysAfter(received, 20);

    // Paused on Friday 6 November, resumed on Tuesday 10 November: two working days.
    await system.advanceClock(at('2026-11-06', '10:00'));
    await handle(system, code, village, {
      handleAction: 'pause',
      pauseReason: '群众出差，需入户查看',
    });
    await system.status(code, 'paused');
    const visitor = await system.visitor();
    const paused = await visitor.lookup(code, last4(submitted.citizen));
    expect(paused.body.deadlines.paused).toBe(true);

    await system.advanceClock(at('2026-11-10', '10:00'));
    const resume = await system.task('village_staff', code, 'resume', VILLAGE.code);
    expect(resume.candidateGroups).toEqual([`village_staff:${VILLAGE.code}`]);
    await system.complete(
      'village_staff',
      resume,
      { resumeNote: '群众已返回，恢复办理' },
      VILLAGE.code,
    );

    const resumedDue = endOfDay(workingDaysAfter(due, 2));
    const resumed = await system.demandWhen(
      code,
      'the resumed deadline',
      (d) => d.status === 'handling' && Date.parse(d.deadlines?.resolution) === resumedDue,
    );
    expect(resumed.deadlines.paused).toBe(false);
    const task = await system.task('village_staff', code, 'handle', VILLAGE.code);
    expect(Date.parse(task.dueDate!)).toBe(resumedDue);
    const seen = await visitor.lookup(code, last4(submitted.citizen));
    expect(seen.body.deadlines.paused).toBe(false);
    expect(Date.parse(seen.body.deadlines.resolution)).toBe(resumedDue);
  });
});
