/**
 * Triage at work: the screener's form opens filled in with what the system proposed; what the
 * screener decides instead is recorded beside the proposal and teaches the model, which then
 * proposes differently for the next demand worded the same way.
 */
import { submitDemand } from './support/life';
import { useSystem } from './support/system';

interface DecisionRow {
  stage: string;
  field: string;
  suggested: string | null;
  decided: string | null;
  learned_at: Date | null;
}

describe('triage: proposals fill the screening form, decisions teach the model', () => {
  const system = useSystem('2026-11-02T09:30:00+08:00');

  test('the form is pre-filled, a different decision is recorded and learned', async () => {
    // A wording no lexicon knows: 耍坝子 (a village square) is a matter for 城市管理 here.
    const content = '我们这边耍坝子的石凳子全部烂完了，娃娃耍的时候划伤了手';
    const first = await submitDemand(system, content);
    const proposed = (await system.demand(first.code)).suggestion;
    expect(proposed).toEqual(
      expect.objectContaining({ outcome: 'valid', modelVersion: expect.any(Number) }),
    );
    const decidedDomain = proposed.domain === 'housing' ? 'urban_management' : 'housing';

    const task = await system.task('village_staff', first.code, 'screen-first');
    const staff = await system.as('village_staff');
    const detail = await staff.agent.get(`/api/tasks/${task.key}`);
    expect(detail.status).toBe(200);
    expect(detail.body.variables).toEqual(
      expect.objectContaining({
        screeningOutcome: 'valid',
        category: proposed.category,
        domain: proposed.domain,
      }),
    );
    expect(detail.body.suggestedFields).toEqual(
      expect.arrayContaining(['screeningOutcome', 'category', 'domain']),
    );

    await system.complete('village_staff', task, {
      screeningOutcome: 'valid',
      category: proposed.category,
      domain: decidedDomain,
    });
    await system.status(first.code, 'reviewing');

    const demandId = (await system.knex('demands').where({ code: first.code }).first()).id;
    const rows = await system
      .knex('triage_decisions')
      .where({ demand_id: demandId })
      .orderBy('id')
      .select<DecisionRow[]>('stage', 'field', 'suggested', 'decided', 'learned_at');
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          stage: 'first',
          field: 'domain',
          suggested: proposed.domain,
          decided: decidedDomain,
        }),
        expect.objectContaining({ field: 'outcome', suggested: 'valid', decided: 'valid' }),
      ]),
    );

    const before = await system.knex('triage_models').max<{ max: string }[]>('id as max');
    const learned = await system.triage.learnPending();
    expect(learned.examples).toBeGreaterThanOrEqual(1);
    expect(learned.savedVersion).toBeGreaterThan(Number(before[0]!.max));
    const marked = await system.knex('triage_decisions').where({ demand_id: demandId });
    expect(marked.every((row: DecisionRow) => row.learned_at !== null)).toBe(true);

    // Taught a few more times (as more screeners decide the same), the model proposes the
    // screeners' domain for a new demand worded the same way, and says so in its reasons.
    for (let i = 0; i < 4; i += 1) {
      await system.knex('triage_decisions').insert({
        demand_id: demandId,
        stage: 'first',
        field: 'domain',
        suggested: proposed.domain,
        decided: decidedDomain,
        decided_by: 'village-staff',
        decided_at: new Date(),
      });
      await system.triage.learnPending();
    }
    const next = await submitDemand(system, '耍坝子边上的石凳子又烂了，麻烦来修一下');
    const again = (await system.demand(next.code)).suggestion;
    expect(again.domain).toBe(decidedDomain);
  });
});
