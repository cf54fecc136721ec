import type { ReplayStep } from '../../web/src/api/replay';
import { beijingTime, replayFrames } from '../../web/src/replay/replay-frames';

/** The replay page's state at each step: what runs, what is done, who acted, on which diagram. */
describe('replay frames', () => {
  let position = 0;
  const step = (
    processInstanceKey: string,
    elementId: string,
    event: string,
    more: Partial<ReplayStep> = {},
  ): ReplayStep => ({
    at: `2026-03-02T09:00:0${position % 10}+08:00`,
    event,
    processInstanceKey,
    processDefinitionKey: processInstanceKey === 'P' ? 'D1' : 'D2',
    elementId,
    elementType: elementId === 'demand' || elementId === 'signoff-proc' ? 'PROCESS' : 'TASK',
    elementInstanceKey: `${processInstanceKey}-${elementId}-${position++}`,
    ...more,
  });

  it('marks running, completed and terminated elements per instance, as they were then', () => {
    const steps = [
      step('P', 'demand', 'ELEMENT_ACTIVATED', { elementInstanceKey: 'p' }),
      step('P', 'screen', 'ELEMENT_ACTIVATED', { elementInstanceKey: 's' }),
      step('P', 'screen', 'USER_TASK_ASSIGNED', {
        elementInstanceKey: 's',
        userTaskKey: 'T1',
        assignee: 'village-li',
      }),
      step('P', 'screen', 'USER_TASK_COMPLETED', { elementInstanceKey: 's', userTaskKey: 'T1' }),
      step('P', 'screen', 'ELEMENT_COMPLETED', { elementInstanceKey: 's' }),
      step('P', 'f1', 'SEQUENCE_FLOW_TAKEN'),
      step('P', 'signoff', 'ELEMENT_ACTIVATED', { elementInstanceKey: 'c' }),
      step('C', 'signoff-proc', 'ELEMENT_ACTIVATED', { elementInstanceKey: 'cp' }),
      step('C', 'sign', 'ELEMENT_ACTIVATED', { elementInstanceKey: 'x' }),
      step('C', 'sign', 'ELEMENT_TERMINATED', { elementInstanceKey: 'x' }),
      step('P', 'signoff', 'ELEMENT_COMPLETED', { elementInstanceKey: 'c' }),
      step('P', 'demand', 'ELEMENT_COMPLETED', { elementInstanceKey: 'p' }),
    ];
    const frames = replayFrames(steps, [
      {
        at: '2026-03-02T09:00:04+08:00',
        actor: 'village-wang',
        action: 'task.complete',
        entityType: 'user_task',
        entityId: 'T1',
        outcome: 'succeeded',
      },
    ]);
    expect(frames.map((f) => f.instanceKey).join('')).toBe('PPPPPPPCCCPP');
    expect(frames[1]).toMatchObject({ active: ['screen'], completed: [] });
    expect(frames[2]!.actor).toBe('village-li');
    // The audit log names who completed it (it was claimed by someone else first).
    expect(frames[3]!.actor).toBe('village-wang');
    expect(frames[5]).toMatchObject({ active: [], completed: ['screen', 'f1'] });
    expect(frames[6]).toMatchObject({ active: ['signoff'], completed: ['screen', 'f1'] });
    // The called process has a diagram and a state of its own; its root is never marked.
    expect(frames[8]).toMatchObject({ active: ['sign'], completed: [] });
    expect(frames[9]).toMatchObject({ active: [], terminated: ['sign'] });
    expect(frames[11]).toMatchObject({ active: [], completed: ['screen', 'f1', 'signoff'] });
    expect(frames[0]!.actor).toBeNull();
  });

  it('shows an element run again (a loop back) as running, not done', () => {
    const frames = replayFrames([
      step('P', 'handle', 'ELEMENT_ACTIVATED', { elementInstanceKey: 'h1' }),
      step('P', 'handle', 'ELEMENT_COMPLETED', { elementInstanceKey: 'h1' }),
      step('P', 'handle', 'ELEMENT_ACTIVATED', { elementInstanceKey: 'h2' }),
    ]);
    expect(frames[1]).toMatchObject({ active: [], completed: ['handle'] });
    expect(frames[2]).toMatchObject({ active: ['handle'], completed: [] });
  });

  it('gives times in Beijing whatever the browser’s zone', () => {
    expect(beijingTime('2026-03-02T01:02:03Z', 'zh-CN')).toBe('2026/03/02 09:02:03');
    expect(beijingTime(null, 'zh-CN')).toBe('—');
  });
});
