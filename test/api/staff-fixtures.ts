import type { Knex } from 'knex';
import {
  createFieldCipher,
  createFieldHasher,
  maskIdNumber,
  maskMobile,
  maskName,
} from '../../domain/pii';
import { DISTRICT, demo } from './helpers';

/**
 * Demands written straight into the tables, standing where the job workers would have left
 * them (status, assignments, clocks, ledger events), for the staff API's tests.
 */
export interface DemandFixture {
  code: string;
  receivedAt: string;
  district?: string;
  township?: string | null;
  village?: string | null;
  grid?: string | null;
  status?: string;
  category?: string | null;
  domain?: string | null;
  tier?: string | null;
  content?: string;
  contentOriginal?: string;
  address?: string | null;
  citizen?: { name?: string; phone?: string; idNumber?: string; anonymous?: boolean } | null;
  accusedUnit?: string | null;
  /** The active lead unit (also `responsible_unit_code`). */
  lead?: string | null;
  leadAssignedAt?: string;
  coUnits?: string[];
  resolutionDue?: string | null;
  clockState?: string;
  resolvedAt?: string | null;
  satisfaction?: string | null;
  archivedAt?: string | null;
  duplicateOf?: string | null;
  duplicateGroup?: string | null;
  processInstanceKey?: string | null;
  screening?: { outcome: string; reasonCode?: string; explanation?: string } | null;
  suggestion?: Record<string, unknown> | null;
  /** Ledger entries to write: tier → the unit whose ledger it is. */
  ledgers?: Partial<Record<'district' | 'township' | 'village', string>>;
  channel?: string;
}

export function fixturePii(dataKey: Buffer) {
  return { cipher: createFieldCipher(dataKey), hasher: createFieldHasher(dataKey) };
}

/** Inserts the demand and what goes with it; returns its id. */
export async function insertDemand(knex: Knex, dataKey: Buffer, f: DemandFixture): Promise<string> {
  const { cipher, hasher } = fixturePii(dataKey);
  const citizen = f.citizen === undefined ? { name: '刘洋', phone: '15512342654' } : f.citizen;
  const enc = (value: string | undefined) => (value ? cipher.encrypt(value) : null);
  const status = f.status ?? (f.lead ? 'handling' : 'screening');
  const [row] = await knex('demands')
    .insert({
      code: f.code,
      channel: f.channel ?? 'hotline_12345',
      content_original: f.contentOriginal ?? f.content ?? `诉求 ${f.code}`,
      content_normalised: f.content ?? `诉求 ${f.code}`,
      address: f.address ?? null,
      district_code: f.district ?? DISTRICT,
      township_code: f.township ?? null,
      village_code: f.village ?? null,
      grid_code: f.grid ?? null,
      location_unit_code: f.grid ?? f.village ?? f.township ?? f.district ?? DISTRICT,
      status,
      category: f.category === undefined ? 'request' : f.category,
      domain: f.domain === undefined ? 'housing' : f.domain,
      tier: f.tier ?? (f.lead ? 'village' : null),
      responsible_unit_code: f.lead ?? null,
      accused_unit_code: f.accusedUnit ?? null,
      received_at: new Date(f.receivedAt),
      submitted_at: new Date(f.receivedAt),
      resolved_at: f.resolvedAt ? new Date(f.resolvedAt) : null,
      satisfaction: f.satisfaction ?? null,
      archived_at: f.archivedAt ? new Date(f.archivedAt) : null,
      duplicate_of_demand_id: f.duplicateOf
        ? knex('demands').where({ code: f.duplicateOf }).select('id')
        : null,
      duplicate_group_id: f.duplicateGroup ?? null,
      process_instance_key: f.processInstanceKey ?? null,
      screening_outcome: f.screening?.outcome ?? null,
      screening_reason_code: f.screening?.reasonCode ?? null,
      screening_explanation: f.screening?.explanation ?? null,
      suggestion: f.suggestion ?? null,
      citizen_name_enc: enc(citizen?.name),
      citizen_name_masked: citizen?.name ? maskName(citizen.name) : null,
      citizen_phone_enc: enc(citizen?.phone),
      citizen_phone_masked: citizen?.phone ? maskMobile(citizen.phone) : null,
      citizen_phone_hash: citizen?.phone ? hasher.hash(citizen.phone) : null,
      citizen_id_number_enc: enc(citizen?.idNumber),
      citizen_id_number_masked: citizen?.idNumber ? maskIdNumber(citizen.idNumber) : null,
      citizen_id_number_hash: citizen?.idNumber ? hasher.hash(citizen.idNumber) : null,
      citizen_anonymous: citizen?.anonymous ?? false,
    })
    .returning<{ id: string }[]>('id');
  const id = String(row!.id);
  if (f.lead) {
    await knex('assignments').insert({
      demand_id: id,
      unit_code: f.lead,
      role: 'lead',
      tier: f.tier ?? 'village',
      assigned_at: new Date(f.leadAssignedAt ?? f.receivedAt),
    });
  }
  for (const unit of f.coUnits ?? []) {
    await knex('assignments').insert({
      demand_id: id,
      unit_code: unit,
      role: 'co',
      tier: f.tier ?? 'village',
      assigned_at: new Date(f.receivedAt),
    });
  }
  if (f.resolutionDue) {
    const state = f.clockState ?? 'running';
    await knex('demand_clocks').insert({
      demand_id: id,
      kind: 'resolution',
      started_at: new Date(f.receivedAt),
      due_at: new Date(f.resolutionDue),
      state,
      stopped_at: state === 'met' ? new Date(f.resolvedAt ?? f.resolutionDue) : null,
      working_days: 5,
    });
  }
  for (const [tier, unit] of Object.entries(f.ledgers ?? {})) {
    await knex('ledger_events').insert({
      demand_id: id,
      tier,
      unit_code: unit,
      event_type: 'received',
      occurred_at: new Date(f.receivedAt),
    });
  }
  await knex('demand_history').insert({
    demand_id: id,
    at: new Date(f.receivedAt),
    actor: 'channel:hotline_12345',
    action: 'received',
    detail: { channel: f.channel ?? 'hotline_12345' },
  });
  return id;
}

/** A duplicate group led by the demand `primary`; returns its id. */
export async function insertGroup(knex: Knex, primary: string): Promise<string> {
  const [row] = await knex('duplicate_groups')
    .insert({ primary_demand_id: knex('demands').where({ code: primary }).select('id') })
    .returning<{ id: string }[]>('id');
  const id = String(row!.id);
  await knex('demands').where({ code: primary }).update({ duplicate_group_id: id });
  return id;
}

export const TOWNSHIP_A = demo.children![0]!;
export const TOWNSHIP_B = demo.children![1]!;
export const VILLAGE_A1 = TOWNSHIP_A.children!.find((v) => (v.grids ?? []).length > 0)!;
export const VILLAGE_A2 = TOWNSHIP_A.children!.find((v) => v.code !== VILLAGE_A1.code)!;
export const GRID_A1 = VILLAGE_A1.grids![0]!;
export const VILLAGE_B1 = TOWNSHIP_B.children![0]!;
export const DEPARTMENT = (domain: string) =>
  demo.departments!.find((d) => d.domains.includes(domain))!;
