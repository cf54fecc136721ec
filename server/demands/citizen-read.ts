import type { Knex } from 'knex';
import type { Role } from '../../domain/demand';
import type { FieldCipher } from '../../domain/pii';
import type { DemandRow } from './demand-rows';
import type { Viewer } from './viewer';

/**
 * Roles whose work is to contact the citizen, and so may read the full name, phone and ID
 * number: the intake clerk (return visits, explanations), the staff who handle the demand in
 * villages, townships and departments, the dispatcher (clarifying where it belongs) and the
 * discipline inspector (investigating a complaint). Leaders, auditors, administrators and
 * process owners work with masked values only.
 */
export const CITIZEN_CONTACT_ROLES: readonly Role[] = [
  'intake_clerk',
  'village_staff',
  'township_staff',
  'department_staff',
  'dispatcher',
  'discipline_inspector',
];

export const DEFAULT_ACCESS_PURPOSE = 'contact_citizen';

const FIELDS = [
  { column: 'citizen_name_enc', field: 'citizen_name', key: 'name' },
  { column: 'citizen_phone_enc', field: 'citizen_phone', key: 'phone' },
  { column: 'citizen_id_number_enc', field: 'citizen_id_number', key: 'idNumber' },
] as const;

/**
 * The citizen's full values. Each read is written to `access_log` (one row per field present)
 * before the answer is sent: a value leaves the server only once its read is recorded.
 */
export async function readCitizen(
  knex: Knex,
  cipher: FieldCipher,
  viewer: Viewer,
  demand: DemandRow,
  access: { purpose: string; ip: string | undefined },
) {
  const values: Record<'name' | 'phone' | 'idNumber', string | null> = {
    name: null,
    phone: null,
    idNumber: null,
  };
  const read = FIELDS.filter((entry) => demand[entry.column] !== null);
  for (const entry of read) values[entry.key] = cipher.decrypt(demand[entry.column] as string);
  if (read.length > 0) {
    await knex('access_log').insert(
      read.map((entry) => ({
        user_id: viewer.user.id,
        demand_id: demand.id,
        field: entry.field,
        purpose: access.purpose,
        ip: access.ip ?? null,
      })),
    );
  }
  return { ...values, anonymous: demand.citizen_anonymous };
}
