/**
 * Timer definitions given as FEEL, as Camunda 8.8 documents them (BPMN → Timer events →
 * Timers; Concepts → Expressions → temporal expressions): the expression yields either the ISO
 * 8601 text of the static value or the equivalent temporal value — a duration, a date and time,
 * or a cycle built with cycle(). A timer start event's expression is evaluated at deployment;
 * any other when its event is entered. A result no timer can use raises an incident. Time is
 * moved with `PUT /v2/clock`.
 */
import { DateTime } from 'luxon';
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { processXml } from './fixtures';
import {
  activate,
  activatableNow,
  startInstance,
  uniqueRun,
  type Variables,
} from './elements-helpers';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An XML attribute or text value: FEEL strings carry double quotes. */
const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type TimerKind = 'timeDuration' | 'timeDate' | 'timeCycle';
const timer = (kind: TimerKind, expression: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${xml(expression)}</bpmn:${kind}></bpmn:timerEventDefinition>`;

const task = (id: string, prefix: string) =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${xml(`="${prefix}-" + type`)}" /></bpmn:extensionElements></bpmn:serviceTask>`;

/** start → intermediate timer catch event `wait` → task `after-<type>` → end. */
function catchProcess(id: string, kind: TimerKind, expression: string): string {
  return processXml(
    id,
    `<bpmn:startEvent id="start" />
     <bpmn:intermediateCatchEvent id="wait">${timer(kind, expression)}</bpmn:intermediateCatchEvent>
     ${task('after', 'after')}
     <bpmn:endEvent id="end" />
     <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
     <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after" />
     <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end" />`,
  );
}

/** start → task `work-<type>` with a timer boundary event → task `late-<type>`. */
function boundaryProcess(id: string, interrupting: boolean, kind: TimerKind, expression: string) {
  return processXml(
    id,
    `<bpmn:startEvent id="start" />
     ${task('work', 'work')}
     <bpmn:boundaryEvent id="timer" attachedToRef="work" cancelActivity="${interrupting}">${timer(kind, expression)}</bpmn:boundaryEvent>
     ${task('late', 'late')}
     <bpmn:endEvent id="end" /><bpmn:endEvent id="lateEnd" />
     <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
     <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
     <bpmn:sequenceFlow id="f3" sourceRef="timer" targetRef="late" />
     <bpmn:sequenceFlow id="f4" sourceRef="late" targetRef="lateEnd" />`,
  );
}

/** start → task `work-<type>`, with an interrupting timer event sub-process → `esp-<type>`. */
function eventSubProcess(id: string, kind: TimerKind, expression: string) {
  return processXml(
    id,
    `<bpmn:startEvent id="start" />
     ${task('work', 'work')}
     <bpmn:endEvent id="end" />
     <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
     <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
     <bpmn:subProcess id="timeout" triggeredByEvent="true">
       <bpmn:startEvent id="timeoutStart" isInterrupting="true">${timer(kind, expression)}</bpmn:startEvent>
       ${task('onTimeout', 'esp')}
       <bpmn:endEvent id="timeoutEnd" />
       <bpmn:sequenceFlow id="e1" sourceRef="timeoutStart" targetRef="onTimeout" />
       <bpmn:sequenceFlow id="e2" sourceRef="onTimeout" targetRef="timeoutEnd" />
     </bpmn:subProcess>`,
  );
}

/** A timer start event → task `<type>`: the job type is fixed, no variables exist yet. */
function timerStartProcess(id: string, kind: TimerKind, expression: string, type: string) {
  return processXml(
    id,
    `<bpmn:startEvent id="tick">${timer(kind, expression)}</bpmn:startEvent>
     <bpmn:serviceTask id="started"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements></bpmn:serviceTask>
     <bpmn:endEvent id="end" />
     <bpmn:sequenceFlow id="f1" sourceRef="tick" targetRef="started" />
     <bpmn:sequenceFlow id="f2" sourceRef="started" targetRef="end" />`,
  );
}

/** Text without milliseconds, as people write it. */
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('timer events with FEEL temporal values (Camunda 8.8)', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);
  /** The engine clock: only ever moved forward, so earlier tests' timers cannot fire late. */
  let now = Date.parse('2026-09-28T01:00:00Z');

  async function clockAt(epochMillis: number) {
    now = epochMillis;
    await engine.setClock(now);
  }

  async function deploy(name: string, content: string) {
    await engine.zeebe.deployResource({ process: Buffer.from(content), name: `${name}.bpmn` });
  }

  /** Starts an instance and waits until its first timer exists. */
  async function startWaiting(processId: string, variables: Variables) {
    const key = await startInstance(engine.zeebe, processId, variables);
    await records.waitFor({ processInstanceKey: key, valueType: 'TIMER', intent: 'CREATED' });
    return key;
  }

  /** Moves the clock to just before `dueAt` (nothing) and then to `dueAt` (the job of `jobType`). */
  async function expectDueAt(dueAt: number, jobType: string, processInstanceKey: string) {
    await clockAt(dueAt - SECOND);
    expect(await activatableNow(engine.zeebe, jobType)).toEqual([]);
    await clockAt(dueAt);
    const [job] = await activate(engine.zeebe, jobType);
    expect(job!.processInstanceKey).toBe(processInstanceKey);
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
  }

  beforeAll(async () => {
    await clockAt(now);
    await deploy(
      'feel-duration',
      catchProcess('feel-duration', 'timeDuration', '=duration("PT" + string(hours) + "H")'),
    );
    await deploy('feel-wait', catchProcess('feel-wait', 'timeDuration', '=wait'));
    await deploy('feel-date', catchProcess('feel-date', 'timeDate', '=date and time(due)'));
    await deploy('feel-date-text', catchProcess('feel-date-text', 'timeDate', '=due'));
    await deploy(
      'feel-now-plus',
      catchProcess('feel-now-plus', 'timeDate', '=now() + duration("P1D")'),
    );
    await deploy('feel-day', catchProcess('feel-day', 'timeDate', '=date(day)'));
    await deploy(
      'feel-boundary',
      boundaryProcess(
        'feel-boundary',
        true,
        'timeDuration',
        '=duration("PT" + string(hours) + "H")',
      ),
    );
    await deploy(
      'feel-reminders',
      boundaryProcess('feel-reminders', false, 'timeCycle', '=cycle(times, duration(period))'),
    );
    await deploy(
      'feel-cycle-text',
      boundaryProcess('feel-cycle-text', false, 'timeCycle', '=cycleText'),
    );
    await deploy(
      'feel-cycle-duration',
      boundaryProcess('feel-cycle-duration', false, 'timeCycle', '=duration("PT1H")'),
    );
    await deploy('feel-esp', eventSubProcess('feel-esp', 'timeDate', '=now() + duration("PT30M")'));
    await deploy(
      'feel-boundary-wait',
      boundaryProcess('feel-boundary-wait', true, 'timeDuration', '=wait'),
    );
    await deploy('feel-esp-wait', eventSubProcess('feel-esp-wait', 'timeDuration', '=wait'));
  });

  describe('intermediate timer catch events', () => {
    it('a timeDuration built with duration() waits that long on the engine clock: duration("PT" + string(hours) + "H") with hours = 2 waits 2 hours', async () => {
      const type = uniqueRun();
      const key = await startWaiting('feel-duration', { type, hours: 2 });
      await expectDueAt(now + 2 * HOUR, `after-${type}`, key);
    });

    it('a years-months duration (duration("P1M") is a FEEL period) waits one calendar month', async () => {
      const type = uniqueRun();
      const startedAt = now;
      const key = await startInstance(engine.zeebe, 'feel-wait', { type, wait: 'P1M' });
      await records.waitFor({ processInstanceKey: key, valueType: 'TIMER', intent: 'CREATED' });
      const nextMonth = new Date(startedAt);
      nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
      await expectDueAt(nextMonth.getTime(), `after-${type}`, key);
    });

    it('an ISO 8601 duration text from FEEL works like the static value', async () => {
      const type = uniqueRun();
      const key = await startWaiting('feel-wait', { type, wait: 'PT1H30M' });
      await expectDueAt(now + 90 * MINUTE, `after-${type}`, key);
    });

    it('a zero or negative duration fires at once', async () => {
      const type = uniqueRun();
      const key = await startInstance(engine.zeebe, 'feel-wait', { type, wait: '-PT5M' });
      const [job] = await activate(engine.zeebe, `after-${type}`);
      expect(job!.processInstanceKey).toBe(key);
    });

    it('a timeDate from now() + duration("P1D") is one day later on the engine clock', async () => {
      const type = uniqueRun();
      const key = await startWaiting('feel-now-plus', { type });
      await expectDueAt(now + DAY, `after-${type}`, key);
    });

    const at = (ms: number, zone: string) =>
      DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
    it.each([
      ['with a region zone', (ms: number) => `${at(ms, 'Europe/Berlin')}@Europe/Berlin`],
      ['with an offset', (ms: number) => `${at(ms, 'UTC+5:30')}+05:30`],
      ['in UTC', (ms: number) => isoSeconds(ms)],
      ['without a zone (read as UTC)', (ms: number) => isoSeconds(ms).replace('Z', '')],
    ])(
      'a timeDate from date and time() %s fires at that instant',
      async (_form, written: (ms: number) => string) => {
        const type = uniqueRun();
        const dueAt = now + 3 * HOUR;
        const key = await startWaiting('feel-date', { type, due: written(dueAt) });
        await expectDueAt(dueAt, `after-${type}`, key);
      },
    );

    it.each([
      ['with an offset', (ms: number) => `${at(ms, 'UTC-3')}-03:00`],
      ['in UTC', (ms: number) => isoSeconds(ms)],
      [
        'with an offset and a region zone, as Java writes it',
        (ms: number) =>
          `${at(ms, 'Europe/Berlin')}+0${DateTime.fromMillis(ms, { zone: 'Europe/Berlin' }).offset / 60}:00[Europe/Berlin]`,
      ],
    ])(
      'a timeDate from an ISO 8601 date-time text %s fires at that instant',
      async (_form, written: (ms: number) => string) => {
        const type = uniqueRun();
        const dueAt = now + 2 * HOUR;
        const key = await startWaiting('feel-date-text', { type, due: written(dueAt) });
        await expectDueAt(dueAt, `after-${type}`, key);
      },
    );
  });

  describe('boundary timers and timer event sub-processes', () => {
    it('an interrupting boundary timer from duration() interrupts its activity when due', async () => {
      const type = uniqueRun();
      const key = await startWaiting('feel-boundary', { type, hours: 2 });
      const [work] = await activate(engine.zeebe, `work-${type}`);
      await expectDueAt(now + 2 * HOUR, `late-${type}`, key);
      await expect(engine.zeebe.completeJob({ jobKey: work!.key, variables: {} })).rejects.toThrow(
        /NOT_FOUND/,
      );
    });

    it('a non-interrupting boundary timer with cycle(2, duration(…)) fires twice, then stops', async () => {
      const type = uniqueRun();
      const startedAt = now;
      const key = await startWaiting('feel-reminders', { type, times: 2, period: 'PT1H' });
      await expectDueAt(startedAt + HOUR, `late-${type}`, key);
      await expectDueAt(startedAt + 2 * HOUR, `late-${type}`, key);
      await clockAt(startedAt + 5 * HOUR);
      expect(await activatableNow(engine.zeebe, `late-${type}`)).toEqual([]);
      expect(await activatableNow(engine.zeebe, `work-${type}`)).toHaveLength(1);
    });

    it('a cycle text with a start date in a region zone (R2/<start>[Europe/Berlin]/PT1H) first fires at its start', async () => {
      const type = uniqueRun();
      const firstAt = now + 3 * HOUR;
      const berlin = DateTime.fromMillis(firstAt, { zone: 'Europe/Berlin' });
      const cycleText = `R2/${berlin.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ")}[Europe/Berlin]/PT1H`;
      const key = await startWaiting('feel-cycle-text', { type, cycleText });
      await expectDueAt(firstAt, `late-${type}`, key);
      await expectDueAt(firstAt + HOUR, `late-${type}`, key);
    });

    it('an interrupting timer event sub-process from now() + duration() starts when due and interrupts the process', async () => {
      const type = uniqueRun();
      const key = await startWaiting('feel-esp', { type });
      const [work] = await activate(engine.zeebe, `work-${type}`);
      await expectDueAt(now + 30 * MINUTE, `esp-${type}`, key);
      await expect(engine.zeebe.completeJob({ jobKey: work!.key, variables: {} })).rejects.toThrow(
        /NOT_FOUND/,
      );
    });
  });

  describe('timer start events (evaluated at deployment, without variables)', () => {
    it('a timeCycle from cycle(2, duration("PT10M")) starts an instance twice', async () => {
      const type = `started-${uniqueRun()}`;
      const deployedAt = now;
      await deploy(
        `feel-start-${type}`,
        timerStartProcess(`feel-start-${type}`, 'timeCycle', '=cycle(2, duration("PT10M"))', type),
      );
      for (const firing of [1, 2]) {
        await clockAt(deployedAt + firing * 10 * MINUTE - SECOND);
        expect(await activatableNow(engine.zeebe, type)).toEqual([]);
        await clockAt(deployedAt + firing * 10 * MINUTE);
        const [job] = await activate(engine.zeebe, type);
        await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
      }
      await clockAt(deployedAt + 60 * MINUTE);
      expect(await activatableNow(engine.zeebe, type)).toEqual([]);
    });

    it('a timeDate from now() + duration("PT10M") starts an instance ten minutes after deployment', async () => {
      const type = `started-${uniqueRun()}`;
      const deployedAt = now;
      await deploy(
        `feel-start-${type}`,
        timerStartProcess(`feel-start-${type}`, 'timeDate', '=now() + duration("PT10M")', type),
      );
      await clockAt(deployedAt + 10 * MINUTE - SECOND);
      expect(await activatableNow(engine.zeebe, type)).toEqual([]);
      await clockAt(deployedAt + 10 * MINUTE);
      expect(await activate(engine.zeebe, type)).toHaveLength(1);
    });

    it('a timer start event expression that needs a variable is rejected at deployment', async () => {
      const content = timerStartProcess(
        'feel-start-variable',
        'timeCycle',
        '=cycle(duration(period))',
        'x',
      );
      await expect(
        engine.zeebe.deployResource({ process: Buffer.from(content), name: 'start-variable.bpmn' }),
      ).rejects.toThrow(
        "Element 'tick': Expected a valid timer expression for start event, but encountered the following error:",
      );
    });
  });

  describe('a timer expression that yields nothing a timer can use raises an incident', () => {
    it.each([
      [
        'a number',
        5,
        "Expected result of the expression 'wait' to be one of '[DURATION, PERIOD, STRING]', but was 'NUMBER'.",
      ],
      [
        'text that is no ISO 8601 duration',
        'soon',
        "Invalid duration format 'soon' for expression 'wait'.",
      ],
      [
        'nothing (a missing variable)',
        undefined,
        "to be one of '[DURATION, PERIOD, STRING]', but was 'NULL'.",
      ],
    ])(
      'a timeDuration giving %s: EXTRACT_VALUE_ERROR; fixing the variable and resolving schedules the timer',
      async (_what, wait, message) => {
        const type = uniqueRun();
        const variables = wait === undefined ? { type } : { type, wait };
        const key = await startInstance(engine.zeebe, 'feel-wait', variables);
        const incident = await records.incident(key);
        expect(incident.errorType).toBe('EXTRACT_VALUE_ERROR');
        expect(incident.elementId).toBe('wait');
        expect(incident.errorMessage).toContain(message);
        expect(await records.query({ valueType: 'TIMER', processInstanceKey: key })).toEqual([]);

        await engine.zeebe.setVariables({
          elementInstanceKey: key,
          variables: { wait: 'PT1H' },
          local: false,
        });
        await engine.zeebe.resolveIncident({ incidentKey: incident.key });
        await records.waitFor({ processInstanceKey: key, valueType: 'TIMER', intent: 'CREATED' });
        await expectDueAt(now + HOUR, `after-${type}`, key);
      },
    );

    it('a timeDate giving a date without a time is not a date-time: EXTRACT_VALUE_ERROR', async () => {
      const type = uniqueRun();
      const key = await startInstance(engine.zeebe, 'feel-day', { type, day: '2026-12-01' });
      const incident = await records.incident(key);
      expect(incident.errorType).toBe('EXTRACT_VALUE_ERROR');
      expect(incident.errorMessage).toContain(
        "Expected result of the expression 'date(day)' to be one of '[DATE_TIME, STRING]', but was 'DATE'.",
      );
    });

    it('a timeCycle giving a duration instead of a cycle text raises an incident on the activity, which is not activated', async () => {
      const type = uniqueRun();
      const key = await startInstance(engine.zeebe, 'feel-cycle-duration', { type });
      const incident = await records.incident(key);
      expect(incident.errorType).toBe('EXTRACT_VALUE_ERROR');
      expect(incident.elementId).toBe('work');
      expect(incident.errorMessage).toContain(
        `Expected result of the expression 'duration("PT1H")' to be 'STRING', but was 'DURATION'.`,
      );
      expect(await records.intents(key, 'work')).toEqual(['ELEMENT_ACTIVATING']);
      expect(await activatableNow(engine.zeebe, `work-${type}`)).toEqual([]);
    });

    it('a boundary timer giving no timer leaves its activity activating with an incident; fixing the variable and resolving activates it with the timer', async () => {
      const type = uniqueRun();
      const key = await startInstance(engine.zeebe, 'feel-boundary-wait', { type, wait: 'later' });
      const incident = await records.incident(key);
      expect(incident.elementId).toBe('work');
      expect(incident.errorMessage).toContain(
        "Invalid duration format 'later' for expression 'wait'.",
      );
      expect(await activatableNow(engine.zeebe, `work-${type}`)).toEqual([]);

      await engine.zeebe.setVariables({
        elementInstanceKey: key,
        variables: { wait: 'PT2H' },
        local: false,
      });
      await engine.zeebe.resolveIncident({ incidentKey: incident.key });
      const [work] = await activate(engine.zeebe, `work-${type}`);
      expect(work!.processInstanceKey).toBe(key);
      await expectDueAt(now + 2 * HOUR, `late-${type}`, key);
    });

    it('an event sub-process timer giving no timer leaves its scope activating with an incident; resolving after the fix starts the process', async () => {
      const type = uniqueRun();
      const key = await startInstance(engine.zeebe, 'feel-esp-wait', { type, wait: 3 });
      const incident = await records.incident(key);
      expect(incident.elementId).toBe('feel-esp-wait');
      expect(incident.errorMessage).toContain(
        "Expected result of the expression 'wait' to be one of '[DURATION, PERIOD, STRING]', but was 'NUMBER'.",
      );
      expect(await activatableNow(engine.zeebe, `work-${type}`)).toEqual([]);

      await engine.zeebe.setVariables({
        elementInstanceKey: key,
        variables: { wait: 'PT45M' },
        local: false,
      });
      await engine.zeebe.resolveIncident({ incidentKey: incident.key });
      expect((await activate(engine.zeebe, `work-${type}`))[0]!.processInstanceKey).toBe(key);
      await expectDueAt(now + 45 * MINUTE, `esp-${type}`, key);
    });
  });
});
