/**
 * Expression evaluation as Zeebe's ExpressionProcessor does it: FEEL through feelin (Camunda
 * dialect), static values without parsing, results type-checked and failures worded as Zeebe
 * words incidents, e.g. `Expected result of the expression 'x' to be 'STRING', but was 'NULL'.`
 */
import { date, dateAndTime, evaluate, SyntaxError as FeelSyntaxError, type Warning } from 'feelin';
import type { Expression } from '../bpmn/model';
import { AssertionFailure, CAMUNDA_BUILTINS } from './builtins';
import { resultTypeOf, toJsonValue, type ResultType } from './convert';

export type ExpectedType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'any';

export type EvaluationResult<T = unknown> = { ok: true; value: T } | { ok: false; message: string };

export interface EvaluationOptions {
  /** The engine's clock (pinnable through /v2/clock): what FEEL's now() and today() return. */
  now?: Date;
}

const EXPECTED: Record<Exclude<ExpectedType, 'any'>, ResultType> = {
  string: 'STRING',
  number: 'NUMBER',
  boolean: 'BOOLEAN',
  array: 'ARRAY',
  object: 'OBJECT',
};

export function evaluateExpression(
  expression: Expression,
  variables: Record<string, unknown>,
  expected: ExpectedType = 'any',
  options: EvaluationOptions = {},
): EvaluationResult {
  if (expression.kind === 'static') return evaluateStatic(expression.value, expected);
  const evaluated = evaluateFeel(expression.source, variables, options);
  if (!evaluated.ok) return evaluated;
  const { value, warnings } = evaluated;
  if (expected !== 'any') {
    const actual = resultTypeOf(value);
    if (actual !== EXPECTED[expected]) {
      return {
        ok: false,
        message: typeMismatch(expression.source, EXPECTED[expected], actual, warnings),
      };
    }
  }
  return { ok: true, value: toJsonValue(value) };
}

/** A FEEL value as feelin returns it (temporal values unconverted), with FEEL's warnings. */
export type FeelOutcome =
  { ok: true; value: unknown; warnings: Warning[] } | { ok: false; message: string };

/** Evaluates FEEL source; a failure is worded as Zeebe words it. */
export function evaluateFeel(
  source: string,
  variables: Record<string, unknown>,
  options: EvaluationOptions = {},
): FeelOutcome {
  try {
    const { value, warnings } = evaluate(source, evaluationContext(variables, options), 'camunda');
    return { ok: true, value, warnings };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof AssertionFailure) {
      return {
        ok: false,
        message: `Assertion failure on evaluate the expression '${source}': ${reason}`,
      };
    }
    const verb = error instanceof FeelSyntaxError ? 'parse' : 'evaluate';
    return { ok: false, message: `failed to ${verb} expression '${source}': ${reason}` };
  }
}

/** Sequence-flow and completion conditions: a boolean, anything else (null too) is a failure. */
export function evaluateCondition(
  expression: Expression,
  variables: Record<string, unknown>,
  options: EvaluationOptions = {},
): EvaluationResult<boolean> {
  return evaluateExpression(expression, variables, 'boolean', options) as EvaluationResult<boolean>;
}

/**
 * Static values are typed as Zeebe's StaticExpression types them (null, true/false, numbers,
 * else string), except that a string is always accepted where a string is expected: a job type
 * or assignee "123" is meant as text (camunda/camunda#14109).
 */
function evaluateStatic(text: string, expected: ExpectedType): EvaluationResult {
  if (expected === 'string') return { ok: true, value: text };
  const value = staticValue(text);
  if (expected === 'any') return { ok: true, value };
  const actual = resultTypeOf(value);
  if (actual !== EXPECTED[expected]) {
    return { ok: false, message: typeMismatch(text, EXPECTED[expected], actual, []) };
  }
  return { ok: true, value };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function staticValue(text: string): unknown {
  if (text === 'null') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  return NUMBER.test(text) ? Number(text) : text;
}

/** Zeebe's wording; several expected types are listed as `'[DURATION, PERIOD, STRING]'`. */
export function typeMismatch(
  expression: string,
  expected: ResultType | ResultType[],
  actual: ResultType,
  warnings: Warning[],
): string {
  const wanted = Array.isArray(expected) ? `one of '[${expected.join(', ')}]'` : `'${expected}'`;
  return (
    `Expected result of the expression '${expression}' to be ${wanted}, but was '${actual}'.` +
    formatWarnings(warnings)
  );
}

/** Zeebe appends FEEL's warnings to failure messages; they tell why a value was null. */
function formatWarnings(warnings: Warning[]): string {
  if (warnings.length === 0) return '';
  const lines = warnings.map((warning) => `[${warning.type}] ${warningMessage(warning)}`);
  return ` The evaluation reported the following warnings:\n${lines.join('\n')}`;
}

/** feel-scala's wording where it differs from feelin's and clients may match on it. */
function warningMessage(warning: Warning): string {
  const missing = /^Variable '(.*)' not found$/.exec(warning.message);
  if (warning.type === 'NO_VARIABLE_FOUND' && missing) {
    return `No variable found with name '${missing[1]}'`;
  }
  return warning.message;
}

/**
 * The evaluation context: Camunda's extra built-ins, now() and today() on the engine's clock,
 * then the variables (a variable named like a function wins, as it would be looked up first).
 */
function evaluationContext(
  variables: Record<string, unknown>,
  options: EvaluationOptions,
): Record<string, unknown> {
  const instant = (options.now ?? new Date()).toISOString();
  return {
    ...CAMUNDA_BUILTINS,
    now: () => dateAndTime(instant),
    today: () => date(instant.slice(0, 10)),
    ...variables,
  };
}
