import { toExpression } from '../../engine/bpmn';
import type { Expression } from '../../engine/bpmn';
import { checkFeelSyntax, evaluateCondition, evaluateExpression } from '../../engine/feel';

const feel = (source: string): Expression => ({ kind: 'feel', source });
const fixed = (value: string): Expression => ({ kind: 'static', value });

describe('expressions in attributes', () => {
  it('an expression starting with = is FEEL', () => {
    expect(toExpression('=order.total')).toEqual({ kind: 'feel', source: 'order.total' });
  });

  it('anything else is a static value', () => {
    expect(toExpression('check-order')).toEqual({ kind: 'static', value: 'check-order' });
    expect(toExpression(' =x')).toEqual({ kind: 'static', value: ' =x' });
  });
});

describe('static expressions', () => {
  it('a static value is returned as text where a string is expected', () => {
    expect(evaluateExpression(fixed('check-order'), {}, 'string')).toEqual({
      ok: true,
      value: 'check-order',
    });
    expect(evaluateExpression(fixed('123'), {}, 'string')).toEqual({ ok: true, value: '123' });
  });

  it('a static number is a number where a number is expected (retries "3" is 3)', () => {
    expect(evaluateExpression(fixed('3'), {}, 'number')).toEqual({ ok: true, value: 3 });
    expect(evaluateExpression(fixed('-2.5e1'), {}, 'number')).toEqual({ ok: true, value: -25 });
  });

  it('a static non-number where a number is expected is an error', () => {
    expect(evaluateExpression(fixed('three'), {}, 'number')).toEqual({
      ok: false,
      message: "Expected result of the expression 'three' to be 'NUMBER', but was 'STRING'.",
    });
  });

  it('static values are typed as Zeebe types them: null, booleans, numbers, else strings', () => {
    expect(evaluateExpression(fixed('null'), {})).toEqual({ ok: true, value: null });
    expect(evaluateExpression(fixed('true'), {})).toEqual({ ok: true, value: true });
    expect(evaluateExpression(fixed('42'), {})).toEqual({ ok: true, value: 42 });
    expect(evaluateExpression(fixed('x + 1'), {})).toEqual({ ok: true, value: 'x + 1' });
    expect(evaluateCondition(fixed('false'), {})).toEqual({ ok: true, value: false });
  });

  it('a static expression is not parsed as FEEL', () => {
    expect(evaluateExpression(fixed('x +'), {}, 'string')).toEqual({ ok: true, value: 'x +' });
  });
});

describe('FEEL expressions', () => {
  it('evaluates against the variables', () => {
    expect(evaluateExpression(feel('order.total * 2'), { order: { total: 21 } }, 'number')).toEqual(
      {
        ok: true,
        value: 42,
      },
    );
    expect(evaluateExpression(feel('"ship-" + region'), { region: 'north' }, 'string')).toEqual({
      ok: true,
      value: 'ship-north',
    });
  });

  it('a missing variable is null, and the type check says so with FEEL warnings', () => {
    expect(evaluateExpression(feel('x'), {})).toEqual({ ok: true, value: null });
    expect(evaluateExpression(feel('x'), {}, 'string')).toEqual({
      ok: false,
      message:
        "Expected result of the expression 'x' to be 'STRING', but was 'NULL'. " +
        "The evaluation reported the following warnings:\n[NO_VARIABLE_FOUND] No variable found with name 'x'",
    });
  });

  it('a result of the wrong type is an error naming both types', () => {
    expect(evaluateExpression(feel('"3"'), {}, 'number')).toEqual({
      ok: false,
      message: `Expected result of the expression '"3"' to be 'NUMBER', but was 'STRING'.`,
    });
    expect(evaluateExpression(feel('{a: 1}'), {}, 'array')).toMatchObject({
      ok: false,
      message: "Expected result of the expression '{a: 1}' to be 'ARRAY', but was 'OBJECT'.",
    });
  });

  it('a syntax error is a failure to parse the expression', () => {
    const result = evaluateExpression(feel('x + '), { x: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^failed to parse expression 'x \+ ': /);
  });

  it('names with spaces are written in backticks (Camunda dialect)', () => {
    expect(evaluateExpression(feel('`order total` + 1'), { 'order total': 1 })).toEqual({
      ok: true,
      value: 2,
    });
  });

  it('lists and contexts become arrays and objects', () => {
    expect(
      evaluateExpression(feel('{items: for i in [1, 2] return i * 10, ok: true}'), {}, 'object'),
    ).toEqual({ ok: true, value: { items: [10, 20], ok: true } });
    expect(evaluateExpression(feel('items[item > 1]'), { items: [1, 2, 3] }, 'array')).toEqual({
      ok: true,
      value: [2, 3],
    });
  });
});

describe('conditions', () => {
  it('a true or false condition decides', () => {
    expect(evaluateCondition(feel('amount >= 100'), { amount: 150 })).toEqual({
      ok: true,
      value: true,
    });
    expect(evaluateCondition(feel('amount >= 100'), { amount: 50 })).toEqual({
      ok: true,
      value: false,
    });
  });

  it('a non-boolean condition is an error', () => {
    expect(evaluateCondition(feel('"yes"'), {})).toEqual({
      ok: false,
      message: `Expected result of the expression '"yes"' to be 'BOOLEAN', but was 'STRING'.`,
    });
  });

  it('a condition on a missing variable is an error, not false', () => {
    expect(evaluateCondition(feel('orderValue >= 100'), {})).toEqual({
      ok: false,
      message:
        "Expected result of the expression 'orderValue >= 100' to be 'BOOLEAN', but was 'NULL'. " +
        "The evaluation reported the following warnings:\n[NO_VARIABLE_FOUND] No variable found with name 'orderValue'",
    });
  });
});

describe('time in FEEL', () => {
  it('now() and today() read the engine clock', () => {
    const now = new Date('2021-03-04T23:59:30.250Z');
    expect(evaluateExpression(feel('now()'), {}, 'any', { now })).toEqual({
      ok: true,
      value: '2021-03-04T23:59:30.25Z',
    });
    expect(evaluateExpression(feel('today()'), {}, 'any', { now })).toEqual({
      ok: true,
      value: '2021-03-04',
    });
    expect(
      evaluateCondition(feel('now() > date and time("2021-01-01T00:00:00Z")'), {}, { now }),
    ).toEqual({
      ok: true,
      value: true,
    });
  });

  it('a variable named now is the variable, not the clock', () => {
    expect(evaluateExpression(feel('now'), { now: 5 })).toEqual({ ok: true, value: 5 });
  });
});

describe('checkFeelSyntax', () => {
  it('accepts valid FEEL', () => {
    expect(checkFeelSyntax('some r in results satisfies r = false')).toBeUndefined();
    expect(checkFeelSyntax('if x then "a" else "b"')).toBeUndefined();
  });

  it('reports invalid FEEL as a failure to parse', () => {
    expect(checkFeelSyntax('x +')).toBe(
      "failed to parse expression 'x +': unexpected end of expression (position 3)",
    );
    expect(checkFeelSyntax('')).toMatch(/^failed to parse expression '': /);
  });
});

describe("Camunda's extra built-in functions", () => {
  const run = (source: string, variables: Record<string, unknown> = {}): unknown => {
    const result = evaluateExpression(feel(source), variables);
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };

  it('get or else() replaces null, also with named arguments', () => {
    expect(run('get or else(x, "none")')).toBe('none');
    expect(run('get or else(value: x, default: 0)', { x: 5 })).toBe(5);
  });

  it('assert() fails the evaluation when its condition is not fulfilled', () => {
    expect(run('assert(x, x != null)', { x: 1 })).toBe(1);
    expect(evaluateExpression(feel('assert(x, x != null)'), {})).toEqual({
      ok: false,
      message:
        "Assertion failure on evaluate the expression 'assert(x, x != null)': The condition is not fulfilled",
    });
    expect(evaluateExpression(feel('assert(x, x != null, "x is required")'), {})).toMatchObject({
      ok: false,
      message:
        'Assertion failure on evaluate the expression \'assert(x, x != null, "x is required")\': x is required',
    });
  });

  it('string functions: trim(), is blank(), extract(), to base64(), uuid()', () => {
    expect(run('trim("  a b ")')).toBe('a b');
    expect(run('is blank(" ")')).toBe(true);
    expect(run('extract("a1b22", "[0-9]+")')).toEqual(['1', '22']);
    expect(run('to base64("FEEL")')).toBe('RkVFTA==');
    expect(run('uuid()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('list functions: is empty(), duplicate values(), partition()', () => {
    expect(run('is empty([])')).toBe(true);
    expect(run('duplicate values([1, 2, 3, 2, 1])')).toEqual([1, 2]);
    expect(run('partition([1, 2, 3], 2)')).toEqual([[1, 2], [3]]);
  });

  it('last day of month() and random number()', () => {
    expect(run('last day of month(date("2024-02-10"))')).toBe('2024-02-29');
    expect(run('random number() < 1')).toBe(true);
  });

  it('built-in names with spaces parse at deployment', () => {
    expect(checkFeelSyntax('get or else(x, 1)')).toBeUndefined();
  });
});
