import type { Validation } from './validation';

export type MobileProblem = 'format' | 'length' | 'prefix';

/**
 * Checks a mainland mobile number and returns its 11 bare digits, the one form we store and
 * index. People write "+86 138-1234-1234", "0086 13812341234" or "138 1234 1234"; all are the
 * same phone. Numbers start 13–19: 10, 11 and 12 are not assigned to mobile networks.
 */
export function validateMobile(input: string): Validation<MobileProblem> {
  const compact = input.replace(/[\s-]/g, '');
  const digits = compact.replace(/^(\+86|0086|86)(?=\d{11}$)/, '');
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'format' };
  if (digits.length !== 11) return { ok: false, reason: 'length' };
  if (!/^1[3-9]/.test(digits)) return { ok: false, reason: 'prefix' };
  return { ok: true, value: digits };
}
