import { validateMobile } from './mobile';

/**
 * Masks for showing personal data to staff who need to recognise a record, not to contact or
 * identify the person. When the input is not in the expected shape, everything is starred:
 * a mask must never be the path by which a full number leaks.
 */
const stars = (count: number): string => '*'.repeat(count);

/** '13812341234' → '138****1234': network prefix and last four, as telecom operators show it. */
export function maskMobile(mobile: string): string {
  const checked = validateMobile(mobile);
  if (!checked.ok) return stars(mobile.trim().length || 1);
  return `${checked.value.slice(0, 3)}****${checked.value.slice(7)}`;
}

/** '51199919900101123X' → '5119**********123X': the birth date and most of the region hidden. */
export function maskIdNumber(idNumber: string): string {
  const value = idNumber.replace(/\s+/g, '').toUpperCase();
  // Shorter than the 15-digit first-generation numbers, showing 8 characters would reveal most.
  if (value.length < 15) return stars(value.length || 1);
  return `${value.slice(0, 4)}${stars(value.length - 8)}${value.slice(-4)}`;
}

/** '张三丰' → '张**': the first character (usually the surname) and one star per other. */
export function maskName(name: string): string {
  // Array.from counts characters beyond the BMP (rare name characters) as one each.
  const characters = Array.from(name.trim());
  if (characters.length <= 1) return stars(1);
  return `${characters[0]}${stars(characters.length - 1)}`;
}
