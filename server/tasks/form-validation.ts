import { evaluate } from 'feelin';
import type { FieldError } from '../http';
import type { FieldRule, FormRules, ListRule, Rule } from './form-fields';

/** Text fields without their own `maxLength` still stop here: a variable is not a document. */
export const MAX_TEXT_CHARACTERS = 10_000;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{5,19}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** A FEEL expression of the form (`=…`) against the data; undefined when it cannot be evaluated. */
function feel(expression: string, data: Record<string, unknown>): unknown {
  const source = expression.startsWith('=') ? expression.slice(1) : expression;
  try {
    return evaluate(source, data).value;
  } catch {
    return undefined;
  }
}

/** form-js hides a field when its condition is true; a broken condition hides nothing. */
function isHidden(hide: string[], data: Record<string, unknown>): boolean {
  return hide.some((expression) => feel(expression, data) === true);
}

function isReadonly(rule: FieldRule, data: Record<string, unknown>): boolean {
  if (typeof rule.readonly === 'boolean') return rule.readonly;
  return rule.readonly.startsWith('=') ? feel(rule.readonly, data) === true : false;
}

function valueAt(data: unknown, path: string[]): unknown {
  let current = data;
  for (const part of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0);

/** The options of a choice: static values, a variable (`valuesKey`) or an expression. */
function optionsOf(rule: FieldRule, data: Record<string, unknown>): unknown[] | undefined {
  const raw =
    rule.values ??
    (rule.valuesKey ? data[rule.valuesKey] : undefined) ??
    (rule.valuesExpression ? feel(rule.valuesExpression, data) : undefined);
  if (!Array.isArray(raw)) return undefined;
  return raw.map((option) =>
    typeof option === 'object' && option !== null && 'value' in option
      ? (option as { value: unknown }).value
      : option,
  );
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function choiceError(rule: FieldRule, options: unknown[]): FieldError {
  return {
    field: rule.key,
    message: `One of: ${options.map((option) => String(option)).join(', ')}.`,
    allowedValues: options,
  };
}

function checkText(rule: FieldRule, value: unknown): string | undefined {
  if (typeof value !== 'string') return 'Must be text.';
  const length = Array.from(value).length;
  const max = rule.maxLength ?? MAX_TEXT_CHARACTERS;
  if (rule.minLength !== undefined && length < rule.minLength) {
    return `At least ${rule.minLength} characters.`;
  }
  if (length > max) return `At most ${max} characters.`;
  if (rule.pattern !== undefined) {
    let matches = true;
    try {
      matches = new RegExp(rule.pattern).test(value);
    } catch {
      // A broken pattern in the form is the model's problem, not the caller's.
    }
    if (!matches) return 'Does not have the expected format.';
  }
  if (rule.validationType === 'email' && !EMAIL.test(value)) return 'Must be an e-mail address.';
  if (rule.validationType === 'phone' && !PHONE.test(value)) return 'Must be a phone number.';
  return undefined;
}

function checkNumber(rule: FieldRule, value: unknown): string | undefined {
  const numeric =
    typeof value === 'number'
      ? value
      : rule.serializeToString && typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  if (!Number.isFinite(numeric)) return 'Must be a number.';
  if (rule.min !== undefined && numeric < rule.min) return `At least ${rule.min}.`;
  if (rule.max !== undefined && numeric > rule.max) return `At most ${rule.max}.`;
  if (rule.decimalDigits !== undefined) {
    const decimals = (String(numeric).split('.')[1] ?? '').length;
    if (decimals > rule.decimalDigits) return `At most ${rule.decimalDigits} decimal digits.`;
  }
  return undefined;
}

function checkDate(rule: FieldRule, value: unknown): string | undefined {
  if (typeof value !== 'string') return 'Must be a date or time as text.';
  const shape = rule.subtype === 'date' ? DATE : rule.subtype === 'time' ? TIME : DATE_TIME;
  const valid = shape.test(value) && (rule.subtype === 'time' || !Number.isNaN(Date.parse(value)));
  if (!valid) {
    return rule.subtype === 'date'
      ? 'A date such as 2026-03-02.'
      : rule.subtype === 'time'
        ? 'A time such as 09:30.'
        : 'A date and time such as 2026-03-02T09:30:00+08:00.';
  }
  return undefined;
}

function checkField(rule: FieldRule, data: Record<string, unknown>, value: unknown): FieldError[] {
  if (isHidden(rule.hide, data)) return [];
  const fail = (message: string): FieldError[] => [{ field: rule.key, message }];
  const editable = !isReadonly(rule, data);
  if (isEmpty(value) || (rule.type === 'checkbox' && value === false)) {
    return rule.required && editable ? fail('Required.') : [];
  }
  switch (rule.type) {
    case 'textfield':
    case 'textarea': {
      const problem = checkText(rule, value);
      return problem ? fail(problem) : [];
    }
    case 'number': {
      const problem = checkNumber(rule, value);
      return problem ? fail(problem) : [];
    }
    case 'datetime': {
      const problem = checkDate(rule, value);
      return problem ? fail(problem) : [];
    }
    case 'checkbox':
      return typeof value === 'boolean' ? [] : fail('Must be true or false.');
    case 'select':
    case 'radio': {
      const options = optionsOf(rule, data);
      if (options && !options.some((option) => sameValue(option, value))) {
        return [choiceError(rule, options)];
      }
      return typeof value === 'object' ? fail('Must be one value.') : [];
    }
    case 'checklist':
    case 'taglist': {
      if (!Array.isArray(value)) return fail('Must be a list.');
      const options = optionsOf(rule, data);
      if (options && !value.every((item) => options.some((option) => sameValue(option, item)))) {
        return [choiceError(rule, options)];
      }
      return [];
    }
    case 'other':
      return [];
  }
}

function checkList(rule: ListRule, data: Record<string, unknown>, value: unknown): FieldError[] {
  if (isHidden(rule.hide, data) || value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [{ field: rule.key, message: 'Must be a list.' }];
  return value.flatMap((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return [{ field: `${rule.key}[${index}]`, message: 'Must be an object.' }];
    }
    const itemData = { ...data, ...(item as Record<string, unknown>) };
    return checkRules(rule.items, itemData, item).map((error) => ({
      ...error,
      field: `${rule.key}[${index}].${error.field}`,
    }));
  });
}

function checkRules(rules: Rule[], data: Record<string, unknown>, values: unknown): FieldError[] {
  return rules.flatMap((rule) =>
    rule.kind === 'list'
      ? checkList(rule, data, valueAt(values, rule.path))
      : checkField(rule, data, valueAt(values, rule.path)),
  );
}

/**
 * Checks the variables a completion submits against the task's form, as Camunda Tasklist's
 * form-js would before submitting: each field's required flag, text length and pattern, number
 * limits, date shapes and, for choices, the allowed values — only for fields the form shows
 * (FEEL `conditional.hide` evaluated over the process variables and the submitted values).
 * Names the form does not write are refused, so a completion cannot set other process
 * variables (a candidate group, a due date). Returns every problem at once; empty means valid.
 */
export function validateAgainstForm(
  form: FormRules,
  variables: Record<string, unknown>,
  processVariables: Record<string, unknown>,
): FieldError[] {
  const unknown: FieldError[] = Object.keys(variables)
    .filter((name) => !form.names.has(name))
    .map((name) => ({
      field: name,
      message: `Not a field of the form ${form.formId ?? ''}`.trim() + '.',
    }));
  const data = { ...processVariables, ...variables };
  return [...unknown, ...checkRules(form.rules, data, variables)];
}
