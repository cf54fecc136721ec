import { ApiError, PROBLEM } from '../api/http';

/** The server's limits (server/intake/intake-input.ts, server/public/public-feedback.ts). */
export const LIMITS = { content: 5000, name: 50, address: 500, comment: 1000 } as const;

/** Characters as the server counts them (code points, so an emoji is one). */
export const characters = (text: string): number => Array.from(text.trim()).length;

/** A mainland mobile number, spaces and dashes allowed (domain/pii `validateMobile`). */
export const isMobile = (text: string): boolean => /^1[3-9]\d{9}$/.test(text.replace(/[\s-]/g, ''));

export const isPhoneLast4 = (text: string): boolean => /^\d{4}$/.test(text.trim());

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * What a citizen reads when a request failed: too many submissions (with how long to wait),
 * which fields to correct, an expired page, or a busy system. Never the server's English.
 */
export function citizenFailure(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('citizen.errors.unavailable');
  const { problem } = error;
  if (problem.status === 0) return t('common.networkError');
  if (problem.status === 429) {
    const seconds = problem.retryAfterSeconds;
    return seconds
      ? t('citizen.errors.rateLimited', { minutes: Math.max(1, Math.ceil(seconds / 60)) })
      : t('citizen.errors.rateLimitedNoTime');
  }
  if (problem.type === PROBLEM.invalidInput || problem.status === 400) {
    const fields = [...new Set((problem.errors ?? []).map((e) => fieldName(e.field, t)))];
    return t('citizen.errors.invalid', { fields: fields.join('、') || '-' });
  }
  if (problem.type === PROBLEM.csrf || problem.status === 403) return t('citizen.errors.csrf');
  return t('citizen.errors.unavailable');
}

function fieldName(field: string, t: Translate): string {
  const key = `citizen.fields.${field.replace(/\./g, '_')}`;
  const name = t(key);
  return name === key ? field : name;
}
