import type { FieldCipher } from '../../domain/pii';

/** The citizen columns of `demands` the views read. */
export interface CitizenColumns {
  citizen_name_enc: string | null;
  citizen_name_masked: string | null;
  citizen_phone_enc: string | null;
  citizen_phone_masked: string | null;
  citizen_id_number_enc: string | null;
  citizen_id_number_masked: string | null;
  citizen_anonymous: boolean;
}

/** What a view shows of the citizen: masked values, or nothing at all for an accused unit. */
export type CitizenView =
  | { name: string | null; phone: string | null; idNumber: string | null; anonymous: boolean }
  | { withheld: true };

export function citizenView(row: CitizenColumns, withheld: boolean): CitizenView {
  if (withheld) return { withheld: true };
  return {
    name: row.citizen_name_masked,
    phone: row.citizen_phone_masked,
    idNumber: row.citizen_id_number_masked,
    anonymous: row.citizen_anonymous,
  };
}

/** How the citizen appears in one ledger cell (`诉求人(脱敏)`). */
export function citizenCell(row: CitizenColumns, withheld: boolean): string {
  if (withheld) return '（不予显示）';
  const name = row.citizen_anonymous ? '匿名' : (row.citizen_name_masked ?? '');
  return [name, row.citizen_phone_masked ?? ''].filter((part) => part !== '').join(' ');
}

const REDACTED = '［已隐去］';
/** A mainland mobile or a resident ID number anywhere in a text (a signature, a call-back number). */
const PERSONAL_NUMBERS = /(?<!\d)(?:1[3-9]\d{9}|\d{17}[\dXx])(?!\d)/g;

/**
 * Removes the citizen's "signature in the text" for a viewer from whom the citizen is withheld:
 * their own name, phone and ID number wherever the text repeats them, and any other mobile or ID
 * number. The stored text is not changed; only what this viewer is sent.
 */
export function createCitizenRedactor(cipher: FieldCipher, row: CitizenColumns) {
  const known: string[] = [];
  for (const token of [row.citizen_name_enc, row.citizen_phone_enc, row.citizen_id_number_enc]) {
    if (!token) continue;
    try {
      const value = cipher.decrypt(token).trim();
      // A one-character name would blank out that character everywhere: masks cover it instead.
      if (Array.from(value).length >= 2) known.push(value);
    } catch {
      // An unreadable value cannot be in the text as we know it; the patterns still apply.
    }
  }
  const text = (value: string): string => {
    let out = value;
    for (const secret of known) out = out.split(secret).join(REDACTED);
    return out.replace(PERSONAL_NUMBERS, REDACTED);
  };
  const deep = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(deep);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, deep(inner)]));
    }
    return value;
  };
  return { text, deep };
}

export type CitizenRedactor = ReturnType<typeof createCitizenRedactor>;

/** For viewers who may see the citizen (masked): texts pass unchanged. */
export const NO_REDACTION: CitizenRedactor = { text: (value) => value, deep: (value) => value };
