import { DAY, START, until, useDemandEngine, type DemandRun } from './support/harness';
import {
  DISTRICT,
  TOWNSHIP,
  VILLAGE_HANDLER,
  demandVariables,
  driveToHandling,
  resolve,
} from './support/demand';

/**
 * From a resolved demand to its archive: the citizen's verification (by message or by a return
 * visit once the wait is over), handling again when unsatisfied and escalation when unsatisfied
 * again, the four-party sign-off in order (and its refusal), the discipline branch joining
 * before the sign-off, and the archive.
 */
describe('demand-handling: verification, sign-off and archive', () => {
  const demands = useDemandEngine();

  const satisfied = { satisfaction: 'satisfied', verificationMethod: 'citizen_web' };
  const unsatisfied = {
    satisfaction: 'unsatisfied',
    feedbackComment: '水压仍然不足',
    verificationMethod: 'citizen_web',
  };

  /** Signs off as the four parties in order, checking who is asked each time. */
  async function signOff(run: DemandRun): Promise<void> {
    await run.job('demand-signoff-start');
    const parties = [
      ['signoff-citizen', VILLAGE_HANDLER, 'citizen'],
      ['signoff-handler', VILLAGE_HANDLER, 'handler'],
      ['signoff-supervisor', `supervisor:${DISTRICT}`, 'supervisor'],
      ['signoff-principal', `principal_leader:${DISTRICT}`, 'principal'],
    ] as const;
    for (const [elementId, group, party] of parties) {
      const task = await run.task(elementId);
      expect(task.candidateGroups).toEqual([group]);
      expect((await run.formOf(task)).formId).toBe('signoff');
      await run.complete(elementId, { signoffApproved: true, signoffStatement: `${party} 同意` });
      const recorded = await run.job('demand-record-signoff');
      expect(recorded.customHeaders).toEqual({ party });
      expect(recorded.variables).toMatchObject({
        signoffApproved: true,
        demandCode: run.demandCode,
      });
    }
  }

  it('the citizen answers by message; the four parties sign in order; the demand is archived', async () => {
    const run = await demands.start(demandVariables());
    await driveToHandling(run);
    await resolve(run);
    expect(await run.feedback(satisfied)).toBe(200);
    const recorded = await run.job('demand-record-verification', { unsatisfiedCount: 0 });
    expect(recorded.variables).toMatchObject(satisfied);
    await signOff(run);
    const archive = await run.job('demand-archive');
    expect(archive.variables).toMatchObject({
      demandCode: run.demandCode,
      satisfaction: 'satisfied',
    });
    expect(await run.ended()).toEqual(['archived']);
    expect(await run.incidents()).toEqual([]);
  });

  it('without an answer in time the intake clerks visit the citizen', async () => {
    const run = await demands.start(demandVariables());
    await driveToHandling(run);
    await resolve(run, START + 3 * DAY);
    await run.setClock(START + 3 * DAY - 60_000);
    expect(await run.openTaskIds([])).toEqual([]);
    await run.setClock(START + 3 * DAY + 60_000);
    const visit = await run.task('return-visit');
    expect(visit.candidateGroups).toEqual([`intake_clerk:${DISTRICT}`]);
    expect((await run.formOf(visit)).formId).toBe('return-visit');
    await run.complete('return-visit', {
      satisfaction: 'basically_satisfied',
      verificationMethod: 'phone',
    });
    const recorded = await run.job('demand-record-verification', { unsatisfiedCount: 0 });
    expect(recorded.variables).toMatchObject({ verificationMethod: 'phone' });
    await run.job('demand-signoff-start');
    // The wait for the message ended with the visit: a late answer finds nothing to correlate.
    expect(await run.feedback(satisfied, { once: true })).toBe(404);
  });

  it('an unsatisfied citizen sends the demand back to the same handler', async () => {
    const run = await demands.start(demandVariables());
    await driveToHandling(run);
    await resolve(run);
    await run.feedback(unsatisfied);
    await run.job('demand-record-verification', { unsatisfiedCount: 1 });
    const handle = await run.task('handle');
    expect(handle.candidateGroups).toEqual([VILLAGE_HANDLER]);
    expect(await run.openJobs('demand-supervise')).toBe(0);
    expect(await run.openJobs('demand-signoff-start')).toBe(0);
  });

  it('unsatisfied a second time: supervised and escalated to the next tier', async () => {
    const run = await demands.start(demandVariables());
    await driveToHandling(run);
    await resolve(run);
    await run.feedback(unsatisfied);
    await run.job('demand-record-verification', { unsatisfiedCount: 1 });
    await resolve(run);
    await run.feedback(unsatisfied);
    await run.job('demand-record-verification', { unsatisfiedCount: 2 });
    const supervise = await run.job('demand-supervise');
    expect(supervise.customHeaders).toEqual({ reason: 'unsatisfied' });
    const assign = await run.job('demand-assign', {
      tier: 'township',
      handlerGroup: `township_staff:${TOWNSHIP}`,
    });
    expect(assign.customHeaders).toEqual({ mode: 'escalate' });
    expect(assign.variables).toMatchObject({ nextTier: 'township', unsatisfiedCount: 2 });
    const schedule = await run.job('demand-schedule', {});
    expect(schedule.customHeaders).toEqual({ mode: 'escalate' });
  });

  it('a refused sign-off returns the demand to handling with the reason, then signs again', async () => {
    const run = await demands.start(demandVariables());
    await driveToHandling(run);
    await resolve(run);
    await run.feedback(satisfied);
    await run.job('demand-record-verification', { unsatisfiedCount: 0 });
    await run.job('demand-signoff-start');
    for (const elementId of ['signoff-citizen', 'signoff-handler']) {
      await run.complete(elementId, { signoffApproved: true, signoffStatement: '同意' });
      await run.job('demand-record-signoff');
    }
    await run.complete('signoff-supervisor', {
      signoffApproved: false,
      signoffStatement: '程序不全，补充现场照片',
    });
    // The recording worker answers a refusal with the BPMN error, carrying the statement.
    const refused = await run.jobThrows('demand-record-signoff', 'SIGNOFF_REJECTED', {
      signoffStatement: '程序不全，补充现场照片',
    });
    expect(refused.customHeaders).toEqual({ party: 'supervisor' });

    const handle = await run.task('handle');
    expect(handle.candidateGroups).toEqual([VILLAGE_HANDLER]);
    await run.complete('handle', { handleAction: 'resolve', result: '已补充照片' });
    const recorded = await run.job('demand-record-handling');
    expect(recorded.variables).toMatchObject({
      signoffRejected: true,
      signoffRejectionReason: '程序不全，补充现场照片',
    });
    await run.job('demand-request-verification', {
      verificationDue: new Date(START + 3 * DAY).toISOString(),
    });
    await run.feedback(satisfied);
    await run.job('demand-record-verification', { unsatisfiedCount: 0 });
    await signOff(run);
    await run.job('demand-archive');
    expect(await run.ended()).toEqual(['archived']);
  });

  it('the discipline supervision is awaited before the sign-off', async () => {
    const run = await demands.start(demandVariables());
    await driveToHandling(run, { category: 'complaint', accusedUnitCode: TOWNSHIP });
    await resolve(run);
    await run.feedback(satisfied);
    await run.job('demand-record-verification', { unsatisfiedCount: 0 });
    await until('the verified demand at the join', async () =>
      (await run.passed()).includes('signoff-returned') ? true : undefined,
    );
    expect(await run.openJobs('demand-signoff-start')).toBe(0);

    await run.complete('discipline-supervise', {
      disciplineFinding: 'criticised',
      disciplineNote: '已批评教育',
    });
    await run.job('demand-record-discipline');
    await signOff(run);
    await run.job('demand-archive');
    expect(await run.ended()).toEqual(['archived']);
  });
});
