/**
 * The input fields of a Camunda form (form-js schema, as `GET /v2/user-tasks/{key}/form` returns
 * it), read into the rules a completion is checked against. Layout components (text, spacer,
 * separator, image, html, iframe, table, button) carry no value and are skipped; groups with a
 * `path` nest their fields under it; a dynamic list is an array of items, each checked against
 * the list's own fields.
 */

export type InputType =
  | 'textfield'
  | 'textarea'
  | 'number'
  | 'select'
  | 'radio'
  | 'checkbox'
  | 'checklist'
  | 'taglist'
  | 'datetime'
  /** A keyed component whose value the form computes or uploads (expression, filepicker). */
  | 'other';

export interface FieldRule {
  kind: 'field';
  /** The form key as written (`screeningOutcome`, `address.street`): named in errors. */
  key: string;
  path: string[];
  type: InputType;
  label: string | null;
  required: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  pattern?: string;
  validationType?: string;
  decimalDigits?: number;
  serializeToString?: boolean;
  subtype?: string;
  /** A static option list (`values`), else where the options come from. */
  values?: unknown[];
  valuesKey?: string;
  valuesExpression?: string;
  /** FEEL `conditional.hide` of the field and every container around it. */
  hide: string[];
  readonly: boolean | string;
}

export interface ListRule {
  kind: 'list';
  key: string;
  path: string[];
  hide: string[];
  items: Rule[];
}

export type Rule = FieldRule | ListRule;

export interface FormRules {
  formId: string | null;
  rules: Rule[];
  /** Top-level variable names the form writes: every other name is refused. */
  names: Set<string>;
}

const INPUT_TYPES = new Set<string>([
  'textfield',
  'textarea',
  'number',
  'select',
  'radio',
  'checkbox',
  'checklist',
  'taglist',
  'datetime',
]);

type Component = Record<string, unknown>;

const isObject = (value: unknown): value is Component =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const number = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const splitPath = (value: string) => value.split('.').filter((part) => part !== '');

function fieldRule(component: Component, prefix: string[], hide: string[]): FieldRule {
  const key = String(component.key);
  const validate = isObject(component.validate) ? component.validate : {};
  const type = String(component.type);
  return {
    kind: 'field',
    key: [...prefix, key].join('.'),
    path: [...prefix, ...splitPath(key)],
    type: INPUT_TYPES.has(type) ? (type as InputType) : 'other',
    label: text(component.label) ?? null,
    required: validate.required === true,
    minLength: number(validate.minLength),
    maxLength: number(validate.maxLength),
    min: number(validate.min),
    max: number(validate.max),
    pattern: text(validate.pattern),
    validationType: text(validate.validationType),
    decimalDigits: number(component.decimalDigits),
    serializeToString: component.serializeToString === true,
    subtype: text(component.subtype),
    values: Array.isArray(component.values) ? component.values : undefined,
    valuesKey: text(component.valuesKey),
    valuesExpression: text(component.valuesExpression),
    hide,
    readonly:
      component.disabled === true
        ? true
        : typeof component.readonly === 'string' || typeof component.readonly === 'boolean'
          ? component.readonly
          : false,
  };
}

function walk(components: unknown, prefix: string[], hide: string[]): Rule[] {
  if (!Array.isArray(components)) return [];
  const rules: Rule[] = [];
  for (const component of components) {
    if (!isObject(component)) continue;
    const conditional = isObject(component.conditional)
      ? text(component.conditional.hide)
      : undefined;
    const hides = conditional ? [...hide, conditional] : hide;
    const path = text(component.path);
    if (component.type === 'dynamiclist' && path) {
      rules.push({
        kind: 'list',
        key: [...prefix, path].join('.'),
        path: [...prefix, ...splitPath(path)],
        hide: hides,
        items: walk(component.components, [], []),
      });
    } else if (Array.isArray(component.components)) {
      rules.push(
        ...walk(component.components, path ? [...prefix, ...splitPath(path)] : prefix, hides),
      );
    } else if (typeof component.key === 'string' && component.key !== '') {
      rules.push(fieldRule(component, prefix, hides));
    }
  }
  return rules;
}

export function formRules(schema: unknown): FormRules {
  const form = isObject(schema) ? schema : {};
  const rules = walk(form.components, [], []);
  const names = new Set(rules.map((rule) => rule.path[0]).filter((n): n is string => !!n));
  return { formId: text(form.id) ?? null, rules, names };
}
