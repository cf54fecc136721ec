import type { FieldCipher } from '../../domain/pii';
import { isoWithOffset } from '../http';
import {
  citizenView,
  createCitizenRedactor,
  NO_REDACTION,
  type CitizenRedactor,
  type CitizenView,
} from './citizen-view';
import type { DemandRow } from './demand-rows';
import { withholdsCitizen, type Viewer } from './viewer';

/** Who is looking and how personal data is read: what every demand view is built with. */
export interface ViewContext {
  viewer: Viewer;
  cipher: FieldCipher;
}

export interface UnitRef {
  code: string;
  name: string | null;
}

export function unitRef(code: string | null, name: string | null): UnitRef | null {
  return code === null ? null : { code, name };
}

/** How the viewer sees this demand's citizen, and how its texts are to be redacted. */
export function citizenFor(
  context: ViewContext,
  row: DemandRow,
): { citizen: CitizenView; redactor: CitizenRedactor } {
  const withheld = withholdsCitizen(context.viewer, row.accused_unit_code);
  return {
    citizen: citizenView(row, withheld),
    redactor: withheld ? createCitizenRedactor(context.cipher, row) : NO_REDACTION,
  };
}

const EXCERPT_CHARACTERS = 120;

function excerpt(text: string): string {
  const characters = Array.from(text);
  return characters.length <= EXCERPT_CHARACTERS
    ? text
    : `${characters.slice(0, EXCERPT_CHARACTERS).join('')}…`;
}

/** A demand in a list or on a task (`DemandSummary`): enough to recognise and sort it. */
export function demandSummary(context: ViewContext, row: DemandRow) {
  const { citizen, redactor } = citizenFor(context, row);
  return {
    code: row.code,
    status: row.status,
    channel: row.channel,
    receivedAt: isoWithOffset(row.received_at),
    submittedAt: isoWithOffset(row.submitted_at),
    category: row.category,
    domain: row.domain,
    tier: row.tier,
    petition: row.is_petition,
    excerpt: excerpt(redactor.text(row.content_normalised)),
    citizen,
    location: { unit: unitRef(row.location_unit_code, row.location_unit_name) },
    leadUnit: unitRef(row.lead_unit_code, row.lead_unit_name),
    resolutionDue: isoWithOffset(row.resolution_due_at),
    overdue: row.overdue,
  };
}

export type DemandSummary = ReturnType<typeof demandSummary>;
