import type { IncidentVariable } from '../api/ops';

/** The name rule of the server (`POST /api/ops/incidents/{key}/retry`). */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
/** What the server shows instead of a personal property inside a value. */
const MASK = '***';

/** The editable variables as pretty JSON: masked and truncated ones are left out. */
export function editableJson(variables: IncidentVariable[]): string {
  const shown = variables.filter((v) => !v.masked && !v.truncated);
  return JSON.stringify(Object.fromEntries(shown.map((v) => [v.name, v.value])), null, 2);
}

/** Why an edit cannot be sent (an i18n key and its values), or the variables that changed. */
export type EditCheck =
  | { ok: true; changed: Record<string, unknown> }
  | { ok: false; key: string; values?: Record<string, unknown> };

function containsMask(value: unknown): boolean {
  if (value === MASK) return true;
  if (Array.isArray(value)) return value.some(containsMask);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsMask);
  return false;
}

/**
 * Checks the edited text before anything is sent: a JSON object, names the engine accepts, no
 * variable that is hidden as personal data, no value that still holds a mask. Only variables
 * whose value changed (or that are new) are sent, so nothing else is overwritten.
 */
export function checkEdit(text: string, variables: IncidentVariable[]): EditCheck {
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return { ok: false, key: 'ops.edit.notJson' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, key: 'ops.edit.notObject' };
  }
  const before = new Map(variables.map((v) => [v.name, v]));
  const changed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!VARIABLE_NAME.test(name)) return { ok: false, key: 'ops.edit.badName', values: { name } };
    const old = before.get(name);
    if (old?.masked || old?.truncated) {
      return { ok: false, key: 'ops.edit.hidden', values: { name } };
    }
    if (old && JSON.stringify(old.value) === JSON.stringify(value)) continue;
    if (containsMask(value)) return { ok: false, key: 'ops.edit.masked', values: { name } };
    changed[name] = value;
  }
  return { ok: true, changed };
}
