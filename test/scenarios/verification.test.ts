/* eslint-disable @typescript-eslint/no-explicit-any -- the API answers untyped JSON */
/**
 * When the result is not accepted: a citizen unsatisfied twice has the demand escalated, and a
 * refused sign-off sends it back to handling with the refusal's reason on the handler's form.
 */
import { feedback, handle, resolve, submitDemand, toHandling } from './support/life';
import { DISTRICT, TOWNSHIP, VILLAGE, useSystem } from './support/system';

const village = { role: 'village_staff' as const, unit: VILLAGE.code };

describe('verification and sign-off sending a demand back', () => {
  const system = useSystem('2026-11-02T09:00:00+08:00');

  test('unsatisfied once: handled again by the same unit; unsatisfied twice: supervised and escalated', async () => {
    const submitted = await submitDemand(system, '小区路面坑洼积水，雨天无法出行');
    const { code } = submitted;
    await toHandling(system, code, {
      scope: 'village',
      category: 'request',
      domain: 'urban_management',
    });

    await resolve(system, code, village);
    await feedback(system, submitted, 'unsatisfied', '只填了一部分坑');
    const again = await system.demandWhen(
      code,
      'back to handling after the first refusal',
      (d) => d.status === 'handling' && d.verification?.unsatisfiedCount === 1,
    );
    expect(again.tier).toBe('village');
    expect(again.verification).toEqual(
      expect.objectContaining({ satisfaction: 'unsatisfied', method: 'citizen_web' }),
    );
    const second = await system.task('village_staff', code, 'handle', VILLAGE.code);
    expect(second.candidateGroups).toEqual([`village_staff:${VILLAGE.code}`]);

    await resolve(system, code, village);
    await feedback(system, submitted, 'unsatisfied', '还是积水');
    const escalated = await system.demandWhen(
      code,
      'escalated after the second refusal',
      (d) => d.tier === 'township' && d.status === 'handling',
    );
    expect(escalated.verification.unsatisfiedCount).toBe(2);
    expect(escalated.leadUnit.code).toBe(TOWNSHIP.code);
    expect(escalated.supervision).toEqual([
      expect.objectContaining({
        level: 'red',
        unit: expect.objectContaining({ code: VILLAGE.code }),
      }),
    ]);
    const moved = await system.task('township_staff', code, 'handle', TOWNSHIP.code);
    expect(moved.candidateGroups).toEqual([`township_staff:${TOWNSHIP.code}`]);
    expect(
      (await system.tasksOf('village_staff', code, VILLAGE.code)).map((t) => t.elementId),
    ).not.toContain('handle');
  });

  test('a refused sign-off goes back to handling, its reason on the handle form; the next round passes', async () => {
    const submitted = await submitDemand(system, '楼道声控灯坏了，老人上下楼不便');
    const { code } = submitted;
    await toHandling(system, code, { scope: 'village', category: 'request', domain: 'utilities' });
    await resolve(system, code, village);
    await feedback(system, submitted, 'satisfied');

    await system.act(
      'village_staff',
      code,
      'signoff-citizen',
      {
        signoffApproved: true,
        signoffStatement: '群众确认',
      },
      VILLAGE.code,
    );
    await system.act(
      'village_staff',
      code,
      'signoff-handler',
      {
        signoffApproved: true,
        signoffStatement: '已更换灯具',
      },
      VILLAGE.code,
    );
    const reason = '缺少更换前后的照片，请补充佐证材料。';
    const supervisorTask = await system.task('supervisor', code, 'signoff-supervisor');
    expect(supervisorTask.candidateGroups).toEqual([`supervisor:${DISTRICT}`]);
    await system.complete('supervisor', supervisorTask, {
      signoffApproved: false,
      signoffStatement: reason,
    });

    const back = await system.task('village_staff', code, 'handle', VILLAGE.code);
    const handling = await system.demandWhen(
      code,
      'back to handling',
      (d) => d.status === 'handling',
    );
    expect(handling.signoff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          party: 'supervising_leader',
          approved: false,
          statement: reason,
        }),
      ]),
    );
    // The handler sees why on the form (its text shows signoffRejectionReason).
    const staff = await system.as('village_staff', VILLAGE.code);
    const detail = await staff.agent.get(`/api/tasks/${back.key}`);
    expect(detail.status).toBe(200);
    expect(JSON.stringify(detail.body.form.schema)).toContain('signoffRejectionReason');
    expect(detail.body.variables.signoffRejectionReason).toBe(reason);

    // Handled again and signed by all four: archived.
    await handle(system, code, village, {
      handleAction: 'resolve',
      result: '已补充照片',
      evidence: '更换前后照片各一张',
    });
    await feedback(system, submitted, 'satisfied');
    for (const [role, element, unit] of [
      ['village_staff', 'signoff-citizen', VILLAGE.code],
      ['village_staff', 'signoff-handler', VILLAGE.code],
      ['supervisor', 'signoff-supervisor', DISTRICT],
      ['principal_leader', 'signoff-principal', DISTRICT],
    ] as const) {
      await system.act(
        role,
        code,
        element,
        { signoffApproved: true, signoffStatement: '同意' },
        unit,
      );
    }
    const archived = await system.status(code, 'archived');
    const rounds = archived.signoff.map((s: any) => `${s.round}:${s.party}:${s.approved}`);
    expect(rounds).toEqual(
      expect.arrayContaining([
        '1:supervising_leader:false',
        '2:citizen:true',
        '2:handler:true',
        '2:supervising_leader:true',
        '2:principal_leader:true',
      ]),
    );
  });
});
