import { ApiError, PROBLEM } from './http';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The message staff see for a failed request that no page explains more precisely. */
export function failureMessage(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('common.unknownError');
  const { problem } = error;
  if (problem.status === 0) return t('common.networkError');
  if (problem.type === PROBLEM.engineUnavailable || problem.status === 503) {
    return t('common.engineUnavailable');
  }
  if (problem.status === 403) return t('common.forbidden');
  return problem.detail ?? t('common.unknownError');
}
