import { timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import { STATUS_LABELS, type DemandStatus } from '../../domain/demand';
import type { FieldCipher } from '../../domain/pii';
import { HttpProblem, isoWithOffset } from '../http';
import { DEMAND_CODE_PATTERN } from '../intake';

/** A demand as the public lookup reads it, after the phone digits matched. */
export interface PublicDemandRow {
  id: string;
  code: string;
  status: DemandStatus;
  received_at: Date;
  submitted_at: Date | null;
  result: string | null;
  /** The reason given to the citizen when the demand was screened out or redirected. */
  screening_explanation: string | null;
  resolved_at: Date | null;
  diverted_to: string | null;
  satisfaction: string | null;
  unit_code: string | null;
  unit_name: string | null;
}

/** Unknown code and wrong digits are one answer, so neither reveals whether a code exists. */
export function notFound(): HttpProblem {
  return new HttpProblem({
    status: 404,
    detail: 'No demand matches this code and phone number.',
  });
}

/**
 * The demand `code` if the last four digits of its citizen's phone are `phoneLast4`. The stored
 * number is decrypted and compared in constant time; an unknown code decrypts and compares a
 * decoy, so the response time does not tell the two cases apart either.
 */
export function createPublicLookup(knex: Knex, cipher: FieldCipher) {
  const decoy = cipher.encrypt('00000000000');

  function phoneMatches(token: string | null, phoneLast4: string): boolean {
    let phone: string;
    try {
      phone = cipher.decrypt(token ?? decoy);
    } catch {
      return false;
    }
    const stored = Buffer.from(phone.slice(-4).padStart(4, '#'));
    const given = Buffer.from(phoneLast4.padStart(4, '#').slice(0, 4));
    return timingSafeEqual(stored, given) && token !== null;
  }

  return async function find(
    code: string,
    phoneLast4: string,
    options: { db?: Knex.Transaction; forUpdate?: boolean } = {},
  ): Promise<PublicDemandRow> {
    const query = (options.db ?? knex)('demands as d')
      .leftJoin('org_units as u', 'u.code', 'd.responsible_unit_code')
      .where('d.code', DEMAND_CODE_PATTERN.test(code) ? code : '')
      .first<(PublicDemandRow & { citizen_phone_enc: string | null }) | undefined>(
        'd.id',
        'd.code',
        'd.status',
        'd.citizen_phone_enc',
        'd.received_at',
        'd.submitted_at',
        'd.result',
        'd.screening_explanation',
        'd.resolved_at',
        'd.diverted_to',
        'd.satisfaction',
        'd.responsible_unit_code as unit_code',
        'u.name as unit_name',
      );
    if (options.forUpdate) query.forUpdate('d');
    const row = await query;
    const matches = phoneMatches(row?.citizen_phone_enc ?? null, phoneLast4);
    if (!row || !matches) throw notFound();
    const { citizen_phone_enc: _phone, ...demand } = row;
    return { ...demand, id: String(demand.id) };
  };
}

export type PublicLookup = ReturnType<typeof createPublicLookup>;

const ENDS_EXPLAINED = new Set<string>(['closed_invalid', 'diverted', 'merged']);

/** What a citizen sees of their demand: no personal data, no staff names. */
export async function publicView(knex: Knex, demand: PublicDemandRow) {
  const clocks = await knex('demand_clocks')
    .where({ demand_id: demand.id })
    .select<{ kind: string; due_at: Date; state: string }[]>('kind', 'due_at', 'state');
  const due = (kind: string) => isoWithOffset(clocks.find((c) => c.kind === kind)?.due_at);
  return {
    code: demand.code,
    status: demand.status,
    statusLabel: STATUS_LABELS[demand.status] ?? demand.status,
    receivedAt: isoWithOffset(demand.received_at),
    submittedAt: isoWithOffset(demand.submitted_at),
    unit: demand.unit_code ? { code: demand.unit_code, name: demand.unit_name } : null,
    deadlines: {
      response: due('response'),
      resolution: due('resolution'),
      verification: due('verification'),
      paused: clocks.some((c) => c.state === 'paused'),
    },
    divertedTo: demand.diverted_to,
    result: demand.result,
    // Told to the citizen when the demand ends before handling (closed, diverted, merged).
    explanation: ENDS_EXPLAINED.has(demand.status) ? demand.screening_explanation : null,
    resolvedAt: isoWithOffset(demand.resolved_at),
    satisfaction: demand.satisfaction,
    awaitingFeedback: demand.status === 'awaiting_verification',
  };
}
