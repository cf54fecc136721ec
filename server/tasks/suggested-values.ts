/**
 * Which suggestion field fills which form field of the screening forms (processes/forms): the
 * screener opens a form already filled in with what triage proposed and only changes what is
 * wrong. What they then submit is recorded beside the suggestion and teaches triage.
 */
const FORM_FIELD_SOURCES: Record<string, string> = {
  screeningOutcome: 'outcome',
  screeningReasonCode: 'reasonCode',
  screeningExplanation: 'explanation',
  emergencyNumber: 'divertedTo',
  duplicateOfCode: 'duplicateOf',
  category: 'category',
  domain: 'domain',
  scope: 'tier',
};

/**
 * The form fields a suggestion fills where the process holds no value yet, and the names of
 * those fields (the page marks them as proposed, not decided).
 */
export function suggestedValues(
  fieldNames: ReadonlySet<string>,
  variables: Record<string, unknown>,
  suggestion: Record<string, unknown> | null,
): { values: Record<string, unknown>; fields: string[] } {
  const values: Record<string, unknown> = {};
  if (!suggestion) return { values, fields: [] };
  for (const [field, source] of Object.entries(FORM_FIELD_SOURCES)) {
    if (!fieldNames.has(field)) continue;
    if (variables[field] !== undefined && variables[field] !== null) continue;
    const proposed = suggestion[source];
    if (typeof proposed === 'string' && proposed !== '') values[field] = proposed;
  }
  return { values, fields: Object.keys(values) };
}
