import { DAY, useDemandEngine, type DemandRun } from './support/harness';
import {
  TOWNSHIP,
  VILLAGE_HANDLER,
  clocks,
  demandVariables,
  driveToHandling,
} from './support/demand';

/**
 * The clocks of handling, moved with the engine clock: the warning before the deadline, the
 * supervision order at it, daily reminders after it, and escalation to the next tier once the
 * grace has passed, which starts handling over at that tier.
 */
describe('demand-handling: warning, supervision, reminders and escalation', () => {
  const demands = useDemandEngine();
  const due = Date.parse(clocks().resolutionDue);
  const MINUTE = 60_000;

  async function atHandling(): Promise<DemandRun> {
    const run = await demands.start(demandVariables());
    await driveToHandling(run);
    return run;
  }

  it('warns once the warning time has come, and handling goes on', async () => {
    const run = await atHandling();
    const warnAt = Date.parse(clocks().warnAt);
    await run.setClock(warnAt - MINUTE);
    await run.task('handle');
    expect(await run.openJobs('demand-warn')).toBe(0);
    await run.setClock(warnAt + MINUTE);
    const warn = await run.job('demand-warn');
    expect(warn.variables).toMatchObject({
      warnAt: clocks().warnAt,
      handlerGroup: VILLAGE_HANDLER,
    });
    expect(await run.openTaskIds(['handle'])).toEqual(['handle']);
    expect(await run.openJobs('demand-supervise')).toBe(0);
  });

  it('issues a supervision order at the deadline, and handling goes on', async () => {
    const run = await atHandling();
    await run.setClock(due + MINUTE);
    await run.job('demand-warn');
    const supervise = await run.job('demand-supervise');
    expect(supervise.customHeaders).toEqual({ reason: 'overdue' });
    expect(supervise.variables).toMatchObject({ resolutionDue: clocks().resolutionDue });
    expect(await run.openTaskIds(['handle'])).toEqual(['handle']);
    expect(await run.openJobs('demand-remind')).toBe(0);
  });

  it('reminds every day after the deadline', async () => {
    const run = await atHandling();
    await run.setClock(due + MINUTE);
    await run.job('demand-warn');
    await run.job('demand-supervise');
    await run.setClock(due + DAY + MINUTE);
    const first = await run.job('demand-remind');
    expect(first.elementId).toBe('remind');
    expect(await run.openJobs('demand-remind')).toBe(0);
    await run.setClock(due + 2 * DAY - MINUTE);
    expect(await run.openJobs('demand-remind')).toBe(0);
    await run.setClock(due + 2 * DAY + MINUTE);
    await run.job('demand-remind');
    expect(await run.openTaskIds(['handle'])).toEqual(['handle']);
  });

  it('escalates to the next tier once the grace has passed, and handling starts there', async () => {
    const run = await atHandling();
    const escalateAt = Date.parse(clocks().escalateAt);
    await run.setClock(escalateAt + MINUTE);
    const assign = await run.job('demand-assign', {
      tier: 'township',
      leadUnitCode: TOWNSHIP,
      coUnitCodes: [],
      handlerGroup: `township_staff:${TOWNSHIP}`,
    });
    // escalation-ladder: a village's demand goes to its township.
    expect(assign.customHeaders).toEqual({ mode: 'escalate' });
    expect(assign.variables).toMatchObject({ tier: 'village', nextTier: 'township' });
    const rescheduled = clocks(escalateAt, 20);
    const schedule = await run.job('demand-schedule', rescheduled);
    expect(schedule.customHeaders).toEqual({ mode: 'escalate' });
    const handle = await run.task('handle');
    expect(handle.candidateGroups).toEqual([`township_staff:${TOWNSHIP}`]);
    expect(Date.parse(handle.dueDate!)).toBe(Date.parse(rescheduled.resolutionDue));
    expect(await run.passed()).toContain('escalate-tier');
    expect(await run.incidents()).toEqual([]);
  });

  it('after escalation the timers are armed anew from the new deadlines', async () => {
    const run = await atHandling();
    const escalateAt = Date.parse(clocks().escalateAt);
    await run.setClock(escalateAt + MINUTE);
    await run.job('demand-assign', {
      tier: 'township',
      handlerGroup: `township_staff:${TOWNSHIP}`,
    });
    const rescheduled = clocks(escalateAt, 20);
    await run.job('demand-schedule', rescheduled);
    await run.task('handle');
    // Timers of the first round fired when the clock jumped past them.
    for (const type of ['demand-warn', 'demand-supervise', 'demand-remind']) await run.drain(type);
    await run.setClock(Date.parse(rescheduled.warnAt) + MINUTE);
    const warn = await run.job('demand-warn');
    expect(warn.variables).toMatchObject({ warnAt: rescheduled.warnAt, tier: 'township' });
  });

  it('a demand sent back to handling after its grace is escalated at once', async () => {
    const run = await atHandling();
    await run.complete('handle', { handleAction: 'resolve', result: '已处理' });
    await run.job('demand-record-handling');
    await run.job('demand-request-verification', { verificationDue: clocks().warnAt });
    const escalateAt = Date.parse(clocks().escalateAt);
    await run.setClock(escalateAt + MINUTE);
    await run.complete('return-visit', {
      satisfaction: 'unsatisfied',
      verificationMethod: 'phone',
    });
    await run.job('demand-record-verification', { unsatisfiedCount: 1 });
    const assign = await run.job('demand-assign', { tier: 'township' });
    expect(assign.customHeaders).toEqual({ mode: 'escalate' });
    expect(await run.passed()).toContain('escalate-timer');
  });
});
