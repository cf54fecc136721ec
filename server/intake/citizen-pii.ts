import {
  maskIdNumber,
  maskMobile,
  maskName,
  type FieldCipher,
  type FieldHasher,
} from '../../domain/pii';
import type { IntakeInput } from './intake-input';

export interface PiiProtection {
  cipher: FieldCipher;
  hasher: FieldHasher;
}

/**
 * The `demands` columns of a citizen's personal data: each value encrypted, masked for lists,
 * and (phone and ID number) indexed by a keyed hash for repeat-caller and duplicate lookups.
 * The clear values go nowhere else.
 */
export function citizenColumns(citizen: IntakeInput['citizen'], pii: PiiProtection) {
  const { cipher, hasher } = pii;
  return {
    citizen_name_enc: citizen.name ? cipher.encrypt(citizen.name) : null,
    citizen_name_masked: citizen.name ? maskName(citizen.name) : null,
    citizen_phone_enc: citizen.phone ? cipher.encrypt(citizen.phone) : null,
    citizen_phone_masked: citizen.phone ? maskMobile(citizen.phone) : null,
    citizen_phone_hash: citizen.phone ? hasher.hash(citizen.phone) : null,
    citizen_id_number_enc: citizen.idNumber ? cipher.encrypt(citizen.idNumber) : null,
    citizen_id_number_masked: citizen.idNumber ? maskIdNumber(citizen.idNumber) : null,
    citizen_id_number_hash: citizen.idNumber ? hasher.hash(citizen.idNumber) : null,
    citizen_anonymous: citizen.anonymous,
  };
}
