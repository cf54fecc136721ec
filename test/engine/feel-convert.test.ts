import type { Expression } from '../../engine/bpmn';
import { evaluateExpression, resultTypeOf } from '../../engine/feel';

const value = (source: string, variables: Record<string, unknown> = {}): unknown => {
  const expression: Expression = { kind: 'feel', source };
  const result = evaluateExpression(expression, variables);
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe('FEEL results are stored as Zeebe stores them', () => {
  it('a date is an ISO date string', () => {
    expect(value('date("2020-01-31")')).toBe('2020-01-31');
  });

  it('a local date-time keeps its seconds and drops a zero fraction', () => {
    expect(value('date and time("2020-01-01T10:00")')).toBe('2020-01-01T10:00:00');
    expect(value('date and time("2020-01-01T10:00:00.5")')).toBe('2020-01-01T10:00:00.5');
  });

  it('a date-time with a zero offset ends in Z, with an offset keeps it', () => {
    expect(value('date and time("2020-01-01T10:00:00+00:00")')).toBe('2020-01-01T10:00:00Z');
    expect(value('date and time("2020-01-01T10:00:00Z")')).toBe('2020-01-01T10:00:00Z');
    expect(value('date and time("2020-01-01T10:00:00+02:00")')).toBe('2020-01-01T10:00:00+02:00');
  });

  it('a date-time in a region zone is written with offset and zone, as Java does', () => {
    expect(value('date and time("2020-07-01T10:00:00@Europe/Paris")')).toBe(
      '2020-07-01T10:00:00+02:00[Europe/Paris]',
    );
  });

  it('a local time drops zero seconds, as Java LocalTime does', () => {
    expect(value('time("10:00:00")')).toBe('10:00');
    expect(value('time("10:00:30")')).toBe('10:00:30');
  });

  it('durations are ISO 8601 durations', () => {
    expect(value('duration("PT36H")')).toBe('P1DT12H');
    expect(value('duration("P1Y2M")')).toBe('P1Y2M');
  });

  it('ranges and functions cannot be stored: they become null, as in Zeebe', () => {
    expect(value('[1..3]')).toBeNull();
    expect(value('{f: function(x) x, n: 1}')).toEqual({ f: null, n: 1 });
  });

  it('temporal values nested in lists and contexts are converted too', () => {
    expect(value('{due: [date("2020-01-01")]}')).toEqual({ due: ['2020-01-01'] });
  });

  it('a division by zero is null', () => {
    expect(value('1 / 0')).toBeNull();
  });
});

describe('result types, named as Zeebe names them', () => {
  it.each([
    ['null', 'NULL'],
    ['true', 'BOOLEAN'],
    ['1.5', 'NUMBER'],
    ['"a"', 'STRING'],
    ['[1]', 'ARRAY'],
    ['{a: 1}', 'OBJECT'],
    ['duration("PT1H")', 'DURATION'],
    ['duration("P1M")', 'PERIOD'],
    ['date("2020-01-01")', 'DATE'],
    ['date and time("2020-01-01T00:00:00Z")', 'DATE_TIME'],
    ['time("10:00:00")', 'UNKNOWN'],
    ['[1..2]', 'UNKNOWN'],
  ])('%s is %s', (source, type) => {
    // Check through evaluation with a wrong expected type: the message names the actual type.
    const result = evaluateExpression(
      { kind: 'feel', source },
      {},
      type === 'STRING' ? 'number' : 'string',
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`but was '${type}'`);
  });

  it('resultTypeOf classifies plain JSON values', () => {
    expect([undefined, false, 0, '', [], {}].map(resultTypeOf)).toEqual([
      'NULL',
      'BOOLEAN',
      'NUMBER',
      'STRING',
      'ARRAY',
      'OBJECT',
    ]);
  });
});
