import type { Knex } from 'knex';
import { isoWithOffset } from '../http';
import {
  archiveOf,
  attachmentsOf,
  coUnitsOf,
  deadlinesOf,
  historyOf,
  signoffOf,
  supervisionOf,
  unitNames,
  verificationOf,
} from './demand-records';
import type { DemandRow } from './demand-rows';
import { citizenFor, unitRef, type ViewContext } from './demand-summary';
import { withholdsCitizen } from './viewer';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** API.md `suggestion`: what the system proposed on its own, units as `{code, name}`. */
async function suggestionView(knex: Knex, stored: Record<string, unknown> | null) {
  if (!stored) return null;
  const lead = text(stored.leadUnitCode);
  const co = texts(stored.coUnitCodes);
  const names = await unitNames(knex, [...(lead ? [lead] : []), ...co]);
  return {
    category: text(stored.category),
    domain: text(stored.domain),
    tier: text(stored.tier),
    leadUnit: lead ? { code: lead, name: names.get(lead) ?? null } : null,
    coUnits: co.map((code) => ({ code, name: names.get(code) ?? null })),
    outcome: text(stored.outcome),
    divertedTo: text(stored.divertedTo),
    duplicateOf: text(stored.duplicateOf),
    confidence: typeof stored.confidence === 'number' ? stored.confidence : 0,
    reasons: texts(stored.reasons),
    // Extensions: the reason code and explanation proposed for a screened-out demand, the
    // confidence of each part, and the triage model version that proposed it.
    reasonCode: text(stored.reasonCode),
    explanation: text(stored.explanation),
    confidences: isRecord(stored.confidences) ? stored.confidences : null,
    duplicateConfidence:
      typeof stored.duplicateConfidence === 'number' ? stored.duplicateConfidence : null,
    modelVersion: typeof stored.modelVersion === 'number' ? stored.modelVersion : null,
  };
}

/**
 * `GET /api/demands/{code}`: the demand as this viewer may see it (API.md). Personal data is
 * masked; for a viewer in the accused unit (or below it) the citizen is withheld altogether and
 * the texts lose the citizen's name and numbers. Extensions after the contract's fields:
 * `petition`, `accusedUnit`, `result`, `resolvedAt`, `attachments`, `processInstanceKey`.
 */
export async function demandDetail(knex: Knex, context: ViewContext, row: DemandRow) {
  const { citizen, redactor } = citizenFor(context, row);
  const withheld = withholdsCitizen(context.viewer, row.accused_unit_code);
  const [
    coUnits,
    suggestion,
    deadlines,
    supervision,
    verification,
    signoff,
    archive,
    history,
    attachments,
  ] = await Promise.all([
    coUnitsOf(knex, row.id),
    suggestionView(knex, row.suggestion),
    deadlinesOf(knex, row.id),
    supervisionOf(knex, row.id),
    verificationOf(knex, row, redactor),
    signoffOf(knex, row.id, redactor, withheld),
    archiveOf(knex, row.id),
    historyOf(knex, row.id, redactor),
    attachmentsOf(knex, row.id),
  ]);
  return {
    code: row.code,
    channel: row.channel,
    externalId: row.channel_ticket_id,
    status: row.status,
    receivedAt: isoWithOffset(row.received_at),
    submittedAt: isoWithOffset(row.submitted_at),
    citizen,
    content: redactor.text(row.content_normalised),
    contentOriginal: redactor.text(row.content_original),
    location: {
      // A home address names the complainant as surely as a phone number.
      address: withheld ? null : row.address,
      unit: unitRef(row.location_unit_code, row.location_unit_name),
    },
    category: row.category,
    domain: row.domain,
    tier: row.tier,
    leadUnit: unitRef(row.lead_unit_code, row.lead_unit_name),
    coUnits,
    screening: {
      outcome: row.screening_outcome,
      reasonCode: row.screening_reason_code,
      explanation: row.screening_explanation,
    },
    divertedTo: row.diverted_to,
    duplicateOf: row.duplicate_of_code,
    duplicateGroup: row.duplicate_group_id,
    suggestion,
    deadlines,
    supervision,
    verification,
    signoff,
    archive,
    history,
    petition: row.is_petition,
    accusedUnit: unitRef(row.accused_unit_code, row.accused_unit_name),
    result: row.result,
    resolvedAt: isoWithOffset(row.resolved_at),
    attachments,
    processInstanceKey: row.process_instance_key,
  };
}
