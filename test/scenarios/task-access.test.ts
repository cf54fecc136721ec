/**
 * A task is offered to its candidate group only: staff of another village, another township or
 * a department neither see it nor may claim or complete it; read-only roles may not act.
 */
import { submitDemand } from './support/life';
import {
  OTHER_TOWNSHIP,
  OTHER_VILLAGE,
  VILLAGE,
  departmentOf,
  useSystem,
  type Role,
} from './support/system';

describe('tasks are invisible to and refused for staff outside the candidate group', () => {
  const system = useSystem('2026-11-02T09:00:00+08:00');

  test('the screening task of a village is not offered to another village, township or department', async () => {
    const { code } = await submitDemand(system, '学府路社区健身器材损坏，存在安全隐患');
    const task = await system.task('village_staff', code, 'screen-first', VILLAGE.code);
    expect(task.candidateGroups).toEqual([`village_staff:${VILLAGE.code}`]);

    const outsiders: [Role, string][] = [
      ['village_staff', OTHER_VILLAGE.code],
      ['township_staff', OTHER_TOWNSHIP.code],
      ['department_staff', departmentOf('education').code],
    ];
    for (const [role, unit] of outsiders) {
      const staff = await system.as(role, unit);
      const list = await staff.agent.get('/api/tasks?assigned=all&pageSize=100');
      expect(list.status).toBe(200);
      expect(list.body.items.map((t: { key: string }) => t.key)).not.toContain(task.key);
      expect((await staff.agent.get(`/api/tasks/${task.key}`)).status).toBe(404);
      const claim = await staff.agent
        .post(`/api/tasks/${task.key}/assignment`)
        .set('X-CSRF-Token', staff.csrfToken);
      expect(claim.status).toBe(403);
      const complete = await staff.agent
        .post(`/api/tasks/${task.key}/completion`)
        .set('X-CSRF-Token', staff.csrfToken)
        .send({
          variables: { screeningOutcome: 'valid', category: 'request', domain: 'education' },
        });
      expect(complete.status).toBe(403);
      // Nor is the demand itself theirs to read.
      expect((await staff.agent.get(`/api/demands/${code}`)).status).toBe(404);
    }

    // An auditor sees every task but may not act on one.
    const auditor = await system.as('auditor');
    const audited = await auditor.agent.get('/api/tasks?assigned=all&pageSize=100');
    expect(audited.body.items.map((t: { key: string }) => t.key)).toContain(task.key);
    const refused = await auditor.agent
      .post(`/api/tasks/${task.key}/assignment`)
      .set('X-CSRF-Token', auditor.csrfToken);
    expect(refused.status).toBe(403);

    // A colleague of the same village who did not claim it cannot take it over.
    await system.complete('village_staff', task, {
      screeningOutcome: 'valid',
      category: 'request',
      domain: 'education',
    });
    await system.demandWhen(code, 'screened', (d) => d.screening?.outcome === 'valid');
    const review = await system.task('township_staff', code, 'screen-review');
    const first = await system.as('township_staff');
    const claimed = await first.agent
      .post(`/api/tasks/${review.key}/assignment`)
      .set('X-CSRF-Token', first.csrfToken);
    expect(claimed.status).toBe(204);
    const colleague = await system.colleague('township_staff');
    const taken = await colleague.agent
      .post(`/api/tasks/${review.key}/assignment`)
      .set('X-CSRF-Token', colleague.csrfToken);
    expect(taken.status).toBe(409);
    const overruled = await colleague.agent
      .post(`/api/tasks/${review.key}/completion`)
      .set('X-CSRF-Token', colleague.csrfToken)
      .send({
        variables: {
          reviewOutcome: 'reasonable',
          scope: 'village',
          category: 'request',
          domain: 'education',
        },
      });
    expect(overruled.status).toBe(409);
    // The one who claimed it completes it.
    await system.complete(
      'township_staff',
      { ...review, assignee: first.username },
      {
        reviewOutcome: 'reasonable',
        scope: 'village',
        category: 'request',
        domain: 'education',
      },
    );
    await system.status(code, 'handling');
  });
});
