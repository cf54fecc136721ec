import { DAY, START, until, useDemandEngine } from './support/harness';
import {
  DISTRICT,
  TOWNSHIP,
  VILLAGE_HANDLER,
  clocks,
  demandVariables,
  driveToHandling,
} from './support/demand';

/**
 * Handling: the handler's task and what each of its actions leads to (the loop of acceptance
 * and progress, pause and resume, extension, objection to the dispatch), and the discipline
 * inspectors' supervision that runs beside it.
 */
describe('demand-handling: handling', () => {
  const demands = useDemandEngine();

  it('the handler signs for the demand and reports progress, each time back at the task', async () => {
    const run = await demands.start(demandVariables());
    await driveToHandling(run);
    const task = await run.task('handle');
    expect(task.candidateGroups).toEqual([VILLAGE_HANDLER]);
    expect(Date.parse(task.dueDate!)).toBe(Date.parse(clocks().resolutionDue));
    expect((await run.formOf(task)).formId).toBe('handle');

    await run.complete('handle', { handleAction: 'accept' });
    expect((await run.job('demand-record-handling')).variables).toMatchObject({
      handleAction: 'accept',
    });
    const again = await run.task('handle');
    expect(again.userTaskKey).not.toBe(task.userTaskKey);
    await run.complete('handle', { handleAction: 'progress', handleNote: '已联系供水公司' });
    expect((await run.job('demand-record-handling')).variables).toMatchObject({
      handleAction: 'progress',
      handleNote: '已联系供水公司',
    });
    await run.task('handle');
    expect(await run.passed()).not.toContain('handling');
  });

  it('a pause stops the clock until the handler resumes; the clock is then rescheduled', async () => {
    const run = await demands.start(demandVariables());
    await driveToHandling(run);
    await run.complete('handle', { handleAction: 'pause', pauseReason: '等待群众补充材料' });
    await run.job('demand-record-handling');
    const pause = await run.job('demand-pause');
    expect(pause.variables).toMatchObject({ pauseReason: '等待群众补充材料' });
    const resume = await run.task('resume');
    expect(resume.candidateGroups).toEqual([VILLAGE_HANDLER]);
    expect((await run.formOf(resume)).formId).toBe('resume');
    expect(await run.openTaskIds(['resume'])).toEqual(['resume']);

    await run.complete('resume', { resumeNote: '材料已补齐' });
    const later = clocks(START + 5 * DAY);
    const schedule = await run.job('demand-schedule', later);
    expect(schedule.customHeaders).toEqual({ mode: 'resume' });
    const handle = await run.task('handle');
    expect(Date.parse(handle.dueDate!)).toBe(Date.parse(later.resolutionDue));
  });

  it('one extension is approved and rescheduled; a second request is refused by the policy', async () => {
    const run = await demands.start(demandVariables());
    await driveToHandling(run);
    await run.complete('handle', {
      handleAction: 'extend',
      extensionDays: 10,
      extensionReason: '需协调供电部门',
    });
    await run.job('demand-record-handling');
    const approval = await run.task('approve-extension');
    expect(approval.candidateGroups).toEqual([`supervisor:${DISTRICT}`]);
    expect((await run.formOf(approval)).formId).toBe('approve-extension');
    await run.complete('approve-extension', { extensionApproved: true, approvalNote: '同意' });
    const extended = { ...clocks(START, 30), extensions: 1 };
    const schedule = await run.job('demand-schedule', extended);
    expect(schedule.customHeaders).toEqual({ mode: 'extend' });
    expect(schedule.variables).toMatchObject({ extensionDays: 10, extensionApproved: true });
    const handle = await run.task('handle');
    expect(Date.parse(handle.dueDate!)).toBe(Date.parse(extended.resolutionDue));

    // The policy allows one extension (maxExtensions 1): the second goes straight back.
    await run.complete('handle', {
      handleAction: 'extend',
      extensionDays: 5,
      extensionReason: '再延',
    });
    await run.job('demand-record-handling');
    const back = await run.task('handle');
    expect(back.userTaskKey).not.toBe(handle.userTaskKey);
    const approvals = await demands.rest('/v2/user-tasks/search', 'POST', {
      filter: { processInstanceKey: run.instanceKey, elementId: 'approve-extension' },
    });
    expect(approvals.body.items).toHaveLength(1);
    expect(await run.openJobs('demand-schedule')).toBe(0);
  });

  it('an extension the supervisor refuses leaves the deadline as it was', async () => {
    const run = await demands.start(demandVariables());
    await driveToHandling(run);
    await run.complete('handle', {
      handleAction: 'extend',
      extensionDays: 10,
      extensionReason: '理由',
    });
    await run.job('demand-record-handling');
    await run.complete('approve-extension', { extensionApproved: false, approvalNote: '不同意' });
    const handle = await run.task('handle');
    expect(Date.parse(handle.dueDate!)).toBe(Date.parse(clocks().resolutionDue));
    expect(await run.openJobs('demand-schedule')).toBe(0);
  });

  it('an objection the dispatcher accepts re-dispatches the demand to the unit named', async () => {
    const run = await demands.start(demandVariables());
    await driveToHandling(run);
    await run.complete('handle', { handleAction: 'object', objectionReason: '属供电部门职责' });
    await run.job('demand-record-handling');
    const review = await run.task('dispatch-review');
    expect(review.candidateGroups).toEqual([`dispatcher:${DISTRICT}`]);
    expect((await run.formOf(review)).formId).toBe('dispatch-review');
    await run.complete('dispatch-review', {
      dispatchDecision: 'redispatch',
      newLeadUnitCode: `${DISTRICT}-SW`,
      dispatchNote: '改派区水务局',
    });
    const assign = await run.job('demand-assign', {
      tier: 'district',
      leadUnitCode: `${DISTRICT}-SW`,
      handlerGroup: `department_staff:${DISTRICT}-SW`,
    });
    expect(assign.customHeaders).toEqual({ mode: 'redispatch' });
    expect(assign.variables).toMatchObject({ newLeadUnitCode: `${DISTRICT}-SW` });
    expect((await run.task('handle')).candidateGroups).toEqual([`department_staff:${DISTRICT}-SW`]);
  });

  it('an objection the dispatcher rejects returns the demand to the same unit', async () => {
    const run = await demands.start(demandVariables());
    await driveToHandling(run);
    await run.complete('handle', { handleAction: 'object', objectionReason: '不属本村' });
    await run.job('demand-record-handling');
    await run.complete('dispatch-review', { dispatchDecision: 'insist', dispatchNote: '属地办理' });
    expect((await run.task('handle')).candidateGroups).toEqual([VILLAGE_HANDLER]);
    expect(await run.openJobs('demand-assign')).toBe(0);
  });

  it('a complaint against a unit is supervised by the discipline inspectors beside handling', async () => {
    const run = await demands.start(demandVariables());
    await driveToHandling(run, { category: 'complaint', accusedUnitCode: TOWNSHIP });
    const supervise = await run.task('discipline-supervise');
    expect(supervise.candidateGroups).toEqual([`discipline_inspector:${DISTRICT}`]);
    expect((await run.formOf(supervise)).formId).toBe('discipline-supervise');
    const both = ['discipline-supervise', 'handle'];
    expect(await run.openTaskIds(both)).toEqual(both);
    await run.complete('discipline-supervise', {
      disciplineFinding: 'reminded',
      disciplineNote: '已提醒谈话',
    });
    const recorded = await run.job('demand-record-discipline');
    expect(recorded.variables).toMatchObject({ disciplineFinding: 'reminded' });
    expect(await run.openTaskIds(['handle'])).toEqual(['handle']);
  });

  it('the conduct domain is supervised too; other demands are not', async () => {
    const conduct = await demands.start(demandVariables());
    await driveToHandling(conduct, { domain: 'conduct', category: 'complaint' });
    await conduct.task('discipline-supervise');
    await demands.rest(`/v2/process-instances/${conduct.instanceKey}/cancellation`, 'POST', {});

    const plain = await demands.start(demandVariables());
    await driveToHandling(plain);
    await until('the discipline check', async () =>
      (await plain.passed()).includes('needs-discipline') ? true : undefined,
    );
    expect(await plain.openTaskIds(['handle'])).toEqual(['handle']);
  });
});
