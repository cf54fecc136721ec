/**
 * The values a task's form submits, as the processes read them. form-js gives an untouched
 * text field as `""`, but the models test optional values against `null` (a complaint accuses a
 * unit when `accusedUnitCode != null`, processes/README.md step 8): an empty text is sent as
 * `null`, so leaving a field empty means "none", as it does for a caller that omits it.
 */
export function formValues(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [
      key,
      typeof value === 'string' && value.trim() === '' ? null : value,
    ]),
  );
}
