import { createWorkingCalendar } from '../../domain/calendar';
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import fs from 'node:fs';
import { activatableNow, activate, deploy, modelPath, startInstance } from './elements-helpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Timer events (Camunda docs, "Timer events"), driven by moving the engine clock
 * (`PUT /v2/clock`), never by waiting.
 */
describe('timer events', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);
  let now = Date.parse('2026-09-28T01:00:00Z');

  async function moveClockTo(epochMillis: number) {
    now = epochMillis;
    await engine.setClock(now);
  }

  beforeAll(async () => {
    await moveClockTo(now);
    await deploy(
      engine.zeebe,
      'timer-wait.bpmn',
      'timer-boundary.bpmn',
      'thirty-working-days.bpmn',
    );
  });

  /** Activates one job of `type` and completes it (so it cannot time out and come back). */
  async function handleOne(type: string) {
    const [job] = await activate(engine.zeebe, type);
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
    return job!;
  }

  async function completedElements(processInstanceKey: string): Promise<string[]> {
    const rows = await records.query({
      processInstanceKey,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
    });
    return rows.map((r) => (r.value as { elementId: string }).elementId);
  }

  it('an intermediate timer catch event waits for its duration (FEEL allowed) and never fires early', async () => {
    const key = await startInstance(engine.zeebe, 'timer-wait', { wait: 'PT1H' });
    await records.waitFor({ processInstanceKey: key, valueType: 'TIMER', intent: 'CREATED' });
    await moveClockTo(now + HOUR - 1_000);
    expect(await activatableNow(engine.zeebe, 'after-wait')).toEqual([]);
    await moveClockTo(now + 1_000);
    const [job] = await activate(engine.zeebe, 'after-wait');
    expect(job?.processInstanceKey).toBe(key);
    expect(await completedElements(key)).toContain('Wait');
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
  });

  it('an interrupting timer boundary event terminates the activity (its job is canceled) and takes its own flow', async () => {
    const key = await startInstance(engine.zeebe, 'timer-boundary');
    const [handle] = await activate(engine.zeebe, 'handle-in-time');
    await moveClockTo(now + 2 * HOUR + 1);
    expect((await handleOne('escalate-late')).processInstanceKey).toBe(key);
    await expect(engine.zeebe.completeJob({ jobKey: handle!.key, variables: {} })).rejects.toThrow(
      /NOT_FOUND/,
    );
  });

  it('completing the activity first cancels its boundary timer', async () => {
    const key = await startInstance(engine.zeebe, 'timer-boundary');
    const [handle] = await activate(engine.zeebe, 'handle-in-time');
    await engine.zeebe.completeJob({ jobKey: handle!.key, variables: {} });
    await records.waitFor({ processInstanceKey: key, valueType: 'TIMER', intent: 'CANCELED' });
    await moveClockTo(now + 3 * HOUR);
    expect(await activatableNow(engine.zeebe, 'escalate-late')).toEqual([]);
  });

  it('a demand with a 30-working-day deadline: warning at 80%, a daily reminder once overdue, escalation when still open', async () => {
    // Received on the eve of National Day 2026: the holidays do not count.
    const calendar = createWorkingCalendar();
    const received = now;
    const dueAt = calendar.addWorkingDays(new Date(received), 30).getTime();
    const warnAt = calendar.addWorkingDays(new Date(received), 24).getTime();
    const escalateAt = dueAt + 3 * DAY;
    const iso = (ms: number) => new Date(ms).toISOString();
    const key = await startInstance(engine.zeebe, 'thirty-working-days', {
      dueAt: iso(dueAt),
      warnAt: iso(warnAt),
      escalateAt: iso(escalateAt),
    });
    // The handler takes the demand and keeps it open past every deadline.
    await activate(engine.zeebe, 'resolve-demand');

    await moveClockTo(warnAt - 1);
    expect(await activatableNow(engine.zeebe, 'warn-before-deadline')).toEqual([]);
    await moveClockTo(warnAt);
    expect((await handleOne('warn-before-deadline')).processInstanceKey).toBe(key);
    expect(await activatableNow(engine.zeebe, 'remind-overdue')).toEqual([]);
    for (const day of [0, 1, 2]) {
      await moveClockTo(dueAt + day * DAY);
      expect((await handleOne('remind-overdue')).processInstanceKey).toBe(key);
      expect(await activatableNow(engine.zeebe, 'remind-overdue')).toEqual([]);
    }
    await moveClockTo(escalateAt);
    expect((await handleOne('escalate-to-next-tier')).processInstanceKey).toBe(key);
    // Escalation interrupted the handling, and with it the reminder cycle.
    const terminated = await records.query({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_TERMINATED',
    });
    expect(terminated.map((r) => (r.value as { elementId: string }).elementId)).toContain(
      'Resolve',
    );
    await moveClockTo(escalateAt + 5 * DAY);
    expect(await activatableNow(engine.zeebe, 'remind-overdue')).toEqual([]);
  });

  it('timers survive a crash: after SIGKILL and restart a pending timer still fires when due', async () => {
    const key = await startInstance(engine.zeebe, 'timer-wait', { wait: 'P1D' });
    await records.waitFor({ processInstanceKey: key, valueType: 'TIMER', intent: 'CREATED' });
    await engine.restart('SIGKILL');
    await moveClockTo(now + DAY + 1);
    expect((await handleOne('after-wait')).processInstanceKey).toBe(key);
  });

  it("a timer start event starts an instance on each cycle; a new version replaces the old one's timer", async () => {
    await deploy(engine.zeebe, 'timer-start.bpmn');
    await moveClockTo(now + 60_001);
    expect((await handleOne('started-by-timer')).processDefinitionVersion).toBe(1);
    await moveClockTo(now + 60_001);
    expect((await handleOne('started-by-timer')).processDefinitionVersion).toBe(1);

    const once = fs
      .readFileSync(modelPath('timer-start.bpmn'), 'utf8')
      .replace('R/PT1M', 'R1/PT1M');
    await engine.zeebe.deployResource({ process: Buffer.from(once), name: 'timer-start.bpmn' });
    await moveClockTo(now + 60_001);
    const started = await activate(engine.zeebe, 'started-by-timer');
    expect(started.map((job) => job.processDefinitionVersion)).toEqual([2]);
    await engine.zeebe.completeJob({ jobKey: started[0]!.key, variables: {} });
    // R1: one firing, and version 1's endless cycle no longer runs.
    await moveClockTo(now + 10 * 60_000);
    expect(await activatableNow(engine.zeebe, 'started-by-timer')).toEqual([]);
  });
});
