/**
 * The FEEL layer's pieces for null handling and timers, as Camunda 8.8 documents them:
 * `is defined()` (Built-in functions → Boolean), `cycle()` (Concepts → Expressions → temporal
 * expressions) and the timer result types (BPMN → Timer events → Timers).
 */
import type { Expression } from '../../engine/bpmn';
import { evaluateDateTime, evaluateExpression, evaluateInterval } from '../../engine/feel';

const feel = (source: string): Expression => ({ kind: 'feel', source });
const value = (source: string, variables: Record<string, unknown> = {}) =>
  evaluateExpression(feel(source), variables);

describe('is defined()', () => {
  it('is true for a value, false for null and for a missing variable or context entry', () => {
    expect(value('is defined(1)')).toEqual({ ok: true, value: true });
    expect(value('is defined(x)', { x: false })).toEqual({ ok: true, value: true });
    expect(value('is defined(null)')).toEqual({ ok: true, value: false });
    expect(value('is defined(x)')).toEqual({ ok: true, value: false });
    expect(value('is defined(x)', { x: null })).toEqual({ ok: true, value: false });
    expect(value('is defined(x.y)', { x: {} })).toEqual({ ok: true, value: false });
    expect(value('is defined(x.y.z)')).toEqual({ ok: true, value: false });
  });
});

describe('cycle()', () => {
  it('builds the ISO 8601 repeating interval a timeCycle expects', () => {
    expect(value('cycle(3, duration("PT1H"))')).toEqual({ ok: true, value: 'R3/PT1H' });
    expect(value('cycle(duration("P7D"))')).toEqual({ ok: true, value: 'R/P7D' });
    expect(value('cycle(null, duration("P1M"))')).toEqual({ ok: true, value: 'R/P1M' });
    expect(value('cycle(repetitions: 2, interval: duration("PT5M"))')).toEqual({
      ok: true,
      value: 'R2/PT5M',
    });
  });

  it('fails the evaluation when its arguments are not a count and a duration', () => {
    const result = value('cycle(duration(x))');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(
      'cycle function expected a repetitions (number) and an interval (duration) parameter',
    );
  });
});

describe('timer values', () => {
  const now = { now: new Date('2026-09-28T01:00:00Z') };

  it('a timeDuration takes a duration, a years-months duration or text', () => {
    expect(evaluateInterval(feel('duration("PT" + string(h) + "H")'), { h: 2 })).toEqual({
      ok: true,
      value: 'PT2H',
    });
    expect(evaluateInterval(feel('duration("P1Y2M")'), {})).toEqual({ ok: true, value: 'P1Y2M' });
    expect(evaluateInterval(feel('wait'), { wait: 'P3D' })).toEqual({ ok: true, value: 'P3D' });
    expect(evaluateInterval({ kind: 'static', value: 'PT5M' }, {})).toEqual({
      ok: true,
      value: 'PT5M',
    });
  });

  it('a timeDuration of another type fails with the accepted types named', () => {
    expect(evaluateInterval(feel('wait'), { wait: true })).toEqual({
      ok: false,
      message:
        "Expected result of the expression 'wait' to be one of '[DURATION, PERIOD, STRING]', but was 'BOOLEAN'.",
    });
  });

  it('a timeDate takes a date and time (zone, offset or none = UTC) or text; now() is the given clock', () => {
    const at = (source: string) => evaluateDateTime(feel(source), {}, now);
    expect(at('date and time("2026-10-01T10:00:00@Europe/Berlin")')).toEqual({
      ok: true,
      value: '2026-10-01T10:00:00+02:00',
    });
    expect(at('date and time("2026-10-01T10:00:00-05:00")')).toEqual({
      ok: true,
      value: '2026-10-01T10:00:00-05:00',
    });
    expect(at('date and time("2026-10-01T10:00:00")')).toEqual({
      ok: true,
      value: '2026-10-01T10:00:00+00:00',
    });
    expect(at('now() + duration("P1D")')).toEqual({ ok: true, value: '2026-09-29T01:00:00+00:00' });
    expect(at('"2026-10-01T10:00:00Z"')).toEqual({ ok: true, value: '2026-10-01T10:00:00Z' });
  });

  it('a timeDate giving a date alone fails: a date is not a date-time', () => {
    expect(evaluateDateTime(feel('date("2026-10-01")'), {})).toEqual({
      ok: false,
      message:
        "Expected result of the expression 'date(\"2026-10-01\")' to be one of '[DATE_TIME, STRING]', but was 'DATE'.",
    });
  });
});
