/**
 * A repeat without new facts is merged into the original's group; a wrong merge is undone with
 * the staff split API and the demand is screened again on its own.
 */
import { citizen, submitDemand, toHandling } from './support/life';
import { useSystem } from './support/system';

describe('duplicates: merge into the original, split back out', () => {
  const system = useSystem('2026-11-02T09:30:00+08:00');

  test('a repeat is merged (status merged, in the original group); split sends it back to screening', async () => {
    const person = citizen();
    const original = await submitDemand(system, '学府路社区3号楼门口路灯坏了一个月', {
      citizen: person,
    });
    await toHandling(system, original.code, {
      scope: 'village',
      category: 'request',
      domain: 'urban_management',
    });

    const repeat = await submitDemand(system, '3号楼门口路灯还是坏的，之前反映过', {
      citizen: person,
    });
    await system.act('village_staff', repeat.code, 'screen-first', {
      screeningOutcome: 'invalid_repeat_no_new_facts',
      category: 'request',
      domain: 'urban_management',
      duplicateOfCode: original.code,
      screeningReasonCode: 'repeat',
      screeningExplanation: '与此前反映的路灯问题相同，已并入原诉求办理。',
    });

    const merged = await system.status(repeat.code, 'merged');
    expect(merged.duplicateOf).toBe(original.code);
    expect(merged.duplicateGroup).toEqual(expect.anything());
    const first = await system.demand(original.code);
    expect(first.duplicateGroup).toBe(merged.duplicateGroup);
    expect(first.status).toBe('handling');
    // The citizen is told the original's code and progress.
    const told = await system.toldCitizen(repeat.code, 'demand_merged');
    expect(told.text).toContain(original.code);

    // The merge was wrong: the dispatcher splits it out.
    const dispatcher = await system.as('dispatcher');
    const split = await dispatcher.agent
      .post(`/api/demands/${repeat.code}/split`)
      .set('X-CSRF-Token', dispatcher.csrfToken)
      .send({ from: original.code });
    expect(split.status).toBe(200);
    expect(split.body).toEqual(
      expect.objectContaining({ code: repeat.code, status: 'screening', restarted: true }),
    );

    // It is screened again, by a new process of its own, and no longer in the group.
    const again = await system.task('village_staff', repeat.code, 'screen-first');
    expect(again.processInstanceKey).not.toBe(merged.processInstanceKey);
    const alone = await system.demand(repeat.code);
    expect(alone).toEqual(
      expect.objectContaining({ status: 'screening', duplicateOf: null, duplicateGroup: null }),
    );
    expect((await system.demand(original.code)).status).toBe('handling');

    // Screened valid this time, it goes its own way to handling.
    await toHandling(system, repeat.code, {
      scope: 'village',
      category: 'request',
      domain: 'urban_management',
    });
  });
});
