import { isOneOf, STATUSES, STATUS_LABELS, TIERS, TIER_LABELS } from '../../domain/demand';

/**
 * What the templates share: reading payload fields that may be missing, labels for the codes
 * the payload carries, Beijing-time dates, and the last guard against a full number in a text.
 */

export type Payload = Record<string, unknown>;

/** A template that cannot be rendered from its payload: retrying would not help. */
export class TemplateError extends Error {
  override name = 'TemplateError';
  readonly permanent = true;
}

/**
 * A non-empty string field, trimmed, without closing punctuation (templates end the sentence
 * themselves); undefined when missing or not text.
 */
export function text(payload: Payload, field: string): string | undefined {
  const value = payload[field];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim().replace(/[。．！？；，、.!?;,\s]+$/u, '');
  return trimmed === '' ? undefined : trimmed;
}

/** A positive whole number field (days), also accepted as a numeric string. */
export function count(payload: Payload, field: string): number | undefined {
  const value = payload[field];
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined;
}

/** The demand code every payload must carry: it is what the reader quotes back to us. */
export function demandCode(payload: Payload): string {
  const code = text(payload, 'demandCode');
  if (!code) throw new TemplateError('the payload has no demandCode');
  return code;
}

const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An ISO time as Beijing readers write it, `2026年3月9日 18:00`; undefined if unreadable. */
export function beijingTime(payload: Payload, field: string): string | undefined {
  const value = text(payload, field);
  if (!value) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  const parts = Object.fromEntries(BEIJING.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日 ${parts.hour}:${parts.minute}`;
}

export function tierLabel(payload: Payload, field: string): string | undefined {
  const value = payload[field];
  return isOneOf(TIERS, value) ? TIER_LABELS[value] : undefined;
}

export function statusLabel(payload: Payload, field: string): string | undefined {
  const value = payload[field];
  return isOneOf(STATUSES, value) ? STATUS_LABELS[value] : undefined;
}

/** A label from a table, or undefined for a missing or unknown code. */
export function labelOf(table: Record<string, string>, payload: Payload, field: string) {
  const value = text(payload, field);
  return value !== undefined && Object.hasOwn(table, value) ? table[value] : undefined;
}

export const EMERGENCY_SERVICES: Record<string, string> = {
  '110': '公安报警',
  '119': '消防救援',
  '120': '医疗急救',
  '122': '交通事故报警',
};

/** Joins the present parts of a sentence; absent optional fields simply drop out. */
export function join(...parts: Array<string | false | undefined>): string {
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join('');
}

// Mainland mobiles (11 digits, maybe grouped 3-4-4), resident ID numbers (15, or 17 and a
// check character), and any other run of 11 or 13+ digits (landlines with area code, bank
// cards). Runs of exactly 12 digits are administrative division codes (unit codes): kept.
const MOBILE = /(?<!\d)1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g;
const LONG_NUMBER = /(?<!\d)(?:\d{17}[Xx]|\d{11}|\d{13,})(?!\d)/g;

/**
 * Masks every full phone or ID number left in a rendered text, whichever field brought it in
 * (an explanation quoting a phone number, say): a message must never carry one in full.
 */
export function maskNumbers(rendered: string): string {
  return rendered
    .replace(MOBILE, (match) => {
      const digits = match.replace(/\D/g, '');
      return `${digits.slice(0, 3)}****${digits.slice(7)}`;
    })
    .replace(
      LONG_NUMBER,
      (match) => `${match.slice(0, 3)}${'*'.repeat(match.length - 7)}${match.slice(-4)}`,
    );
}
