import { useDemandEngine } from './support/harness';
import { DISTRICT, TOWNSHIP, VILLAGE, demandVariables, screenValid } from './support/demand';

/**
 * `demand-handling` from registration to dispatch: emergencies, a repeated start, every
 * screening outcome, the review, and the routing decision handed to the assignment.
 */
describe('demand-handling: intake, screening and review', () => {
  const demands = useDemandEngine();

  it('a demand found to be an emergency at intake is diverted at once, without screening', async () => {
    const run = await demands.start(demandVariables({ divertedTo: '119' }));
    await run.job('demand-register', { duplicateInstance: false });
    const divert = await run.job('demand-divert-emergency');
    expect(divert.variables).toMatchObject({ divertedTo: '119', demandCode: run.demandCode });
    expect(await run.ended()).toEqual(['diverted']);
    expect(await run.passed()).not.toContain('screen-first');
  });

  it('a second instance for the same demand ends at once', async () => {
    const run = await demands.start(demandVariables());
    await run.job('demand-register', { duplicateInstance: true });
    expect(await run.ended()).toEqual(['duplicate-ended']);
    expect(await run.passed()).toEqual([
      'demand-handling',
      'received',
      'register',
      'duplicate-instance',
      'duplicate-ended',
    ]);
  });

  it('first screening goes to the village, else the township, else the intake clerks', async () => {
    const cases = [
      [{}, `village_staff:${VILLAGE}`],
      [{ villageCode: null }, `township_staff:${TOWNSHIP}`],
      [{ villageCode: null, townshipCode: null }, `intake_clerk:${DISTRICT}`],
    ] as const;
    for (const [where, group] of cases) {
      const run = await demands.start(demandVariables(where));
      await run.job('demand-register', { duplicateInstance: false });
      const task = await run.task('screen-first');
      expect(task.candidateGroups).toEqual([group]);
      expect((await run.formOf(task)).formId).toBe('screen-first');
      await demands.rest(`/v2/process-instances/${run.instanceKey}/cancellation`, 'POST', {});
    }
  });

  it.each([
    ['divert_legal_channel', 'court'],
    ['invalid_false_info', 'spam'],
    ['invalid_out_of_scope', 'other_district'],
  ])('screened %s: recorded, explained to the citizen and closed', async (outcome, reason) => {
    const run = await demands.start(demandVariables());
    await run.job('demand-register', { duplicateInstance: false });
    const screening = {
      screeningOutcome: outcome,
      category: 'other',
      domain: 'other',
      screeningReasonCode: reason,
      screeningExplanation: '已向群众说明',
    };
    await run.complete('screen-first', screening);
    const recorded = await run.job('demand-record-screening');
    expect(recorded.customHeaders).toEqual({ stage: 'first' });
    expect(recorded.variables).toMatchObject({ ...screening, actor: 'tester' });
    const close = await run.job('demand-close');
    expect(close.variables).toMatchObject(screening);
    expect(await run.ended()).toEqual(['closed']);
  });

  it('a repeat with no new facts is merged into its original and ends', async () => {
    const run = await demands.start(demandVariables());
    await run.job('demand-register', { duplicateInstance: false });
    await run.complete('screen-first', {
      screeningOutcome: 'invalid_repeat_no_new_facts',
      category: 'complaint',
      domain: 'urban_management',
      duplicateOfCode: 'MS-519931-20260301-0007',
      screeningReasonCode: 'repeat',
      screeningExplanation: '原诉求正在办理',
    });
    await run.job('demand-record-screening');
    const merge = await run.job('demand-merge');
    expect(merge.variables).toMatchObject({ duplicateOfCode: 'MS-519931-20260301-0007' });
    expect(await run.ended()).toEqual(['merged']);
  });

  it('an emergency found at first screening is diverted to the number chosen', async () => {
    const run = await demands.start(demandVariables());
    await run.job('demand-register', { duplicateInstance: false });
    await run.complete('screen-first', {
      screeningOutcome: 'divert_emergency',
      category: 'request',
      domain: 'public_security',
      emergencyNumber: '110',
      screeningReasonCode: 'emergency',
      screeningExplanation: '已转110',
    });
    await run.job('demand-record-screening');
    const divert = await run.job('demand-divert-emergency');
    expect(divert.variables).toMatchObject({ emergencyNumber: '110' });
    expect(await run.ended()).toEqual(['diverted']);
  });

  it('a valid repeat with new facts is recorded with its original and goes on to review', async () => {
    const run = await demands.start(demandVariables());
    await run.job('demand-register', { duplicateInstance: false });
    await run.complete('screen-first', {
      screeningOutcome: 'valid',
      category: 'complaint',
      domain: 'urban_management',
      duplicateOfCode: 'MS-519931-20260301-0007',
    });
    const recorded = await run.job('demand-record-screening');
    expect(recorded.variables).toMatchObject({ duplicateOfCode: 'MS-519931-20260301-0007' });
    const review = await run.task('screen-review');
    expect(review.candidateGroups).toEqual([`township_staff:${TOWNSHIP}`]);
    expect((await run.formOf(review)).formId).toBe('screen-review');
    expect(await run.openJobs('demand-merge')).toBe(0);
  });

  it('review goes to the intake clerks where the demand has no township', async () => {
    const run = await demands.start(demandVariables({ villageCode: null, townshipCode: null }));
    await run.job('demand-register', { duplicateInstance: false });
    await run.complete('screen-first', {
      screeningOutcome: 'valid',
      category: 'request',
      domain: 'traffic',
    });
    await run.job('demand-record-screening');
    expect((await run.task('screen-review')).candidateGroups).toEqual([`intake_clerk:${DISTRICT}`]);
  });

  it('an unreasonable demand is recorded at review, explained and closed', async () => {
    const run = await demands.start(demandVariables());
    await run.job('demand-register', { duplicateInstance: false });
    await run.complete('screen-first', {
      screeningOutcome: 'valid',
      category: 'request',
      domain: 'social_security',
    });
    await run.job('demand-record-screening');
    await run.complete('screen-review', {
      reviewOutcome: 'unreasonable',
      reviewReasonCode: 'beyond_policy',
      reviewExplanation: '超出政策规定，已说明',
    });
    const recorded = await run.job('demand-record-screening');
    expect(recorded.customHeaders).toEqual({ stage: 'review' });
    const close = await run.job('demand-close');
    expect(close.variables).toMatchObject({ reviewOutcome: 'unreasonable' });
    expect(await run.ended()).toEqual(['closed']);
  });

  it('a reasonable demand is routed by the decision, assigned, and its clocks scheduled', async () => {
    const run = await demands.start(demandVariables());
    await screenValid(run, { reviewOutcome: 'partly_reasonable', scope: 'township' });
    const assign = await run.job('demand-assign', {
      tier: 'township',
      leadUnitCode: TOWNSHIP,
      coUnitCodes: [],
      handlerGroup: `township_staff:${TOWNSHIP}`,
    });
    expect(assign.customHeaders).toEqual({ mode: 'dispatch' });
    expect(assign.variables.routing).toEqual({ tier: 'township', coUnits: [] });
    const schedule = await run.job('demand-schedule', {});
    expect(schedule.customHeaders).toEqual({ mode: 'start' });
    // A request outside the petition channel: 1 working day to respond, 20 to resolve.
    expect(schedule.variables.policy).toMatchObject({
      responseDays: 1,
      resolutionDays: 20,
      dayKind: 'working',
      maxExtensions: 1,
      unsatisfiedEscalateAfter: 2,
    });
  });
});
