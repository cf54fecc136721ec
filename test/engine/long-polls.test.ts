/**
 * The queue of waiting ActivateJobs requests (Camunda 8.8 "Job workers", long polling):
 * requests of a job type are served in the order they came, a request whose activation found
 * nothing keeps its place, and jobs activated for a request that has ended are handed back.
 */
import type { ActivatedJob, ActivateJobsCommand } from '../../engine/runtime/commands';
import { LongPolls } from '../../engine/service/long-polls';

const request = (type: string, worker: string): ActivateJobsCommand => ({
  type,
  worker,
  timeout: 60_000,
  maxJobsToActivate: 10,
  fetchVariable: [],
});

const job = (key: string) => ({ key }) as ActivatedJob;

describe('waiting long polls', () => {
  it('requests of one job type are claimed in the order they came (Camunda 8.8 long polling)', () => {
    const polls = new LongPolls();
    polls.add(request('a', 'first'), () => undefined);
    polls.add(request('b', 'other type'), () => undefined);
    polls.add(request('a', 'second'), () => undefined);
    expect(polls.claim('a')?.request.worker).toBe('first');
    expect(polls.claim('a')?.request.worker).toBe('second');
    expect(polls.claim('a')).toBeUndefined();
    expect([...polls.types()]).toEqual(['b']);
  });

  it('a request whose activation found no job waits again ahead of later requests', () => {
    const polls = new LongPolls();
    const answers: string[][] = [];
    polls.add(request('a', 'first'), (jobs) => answers.push(jobs.map((j) => j.key)));
    polls.add(request('a', 'second'), () => undefined);
    const first = polls.claim('a')!;
    expect(polls.settle(first, [])).toBe(true);
    expect(answers).toEqual([]);
    const again = polls.claim('a')!;
    expect(again).toBe(first);
    expect(polls.settle(again, [job('1'), job('2')])).toBe(true);
    expect(answers).toEqual([['1', '2']]);
    expect(polls.claim('a')?.request.worker).toBe('second');
  });

  it('a request that ended (timeout, cancel) is not claimed, and jobs activated for it meanwhile are left to hand back', () => {
    const polls = new LongPolls();
    const answered: string[] = [];
    const waiting = polls.add(request('a', 'gone'), () => answered.push('gone'));
    polls.end(waiting);
    expect(polls.claim('a')).toBeUndefined();

    const claimed = polls.add(request('a', 'claimed'), () => answered.push('claimed'));
    expect(polls.claim('a')).toBe(claimed);
    polls.end(claimed);
    expect(polls.settle(claimed, [job('7')])).toBe(false);
    expect(polls.settle(claimed, [])).toBe(true);
    expect(polls.claim('a')).toBeUndefined();
    expect(answered).toEqual([]);
  });
});
