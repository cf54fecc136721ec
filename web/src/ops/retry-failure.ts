import { ApiError, PROBLEM } from '../api/http';
import { failureMessage } from '../api/messages';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** What a refused retry says, from the API's problem document. */
export function retryFailure(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return failureMessage(error, t);
  const { problem } = error;
  if (problem.type === PROBLEM.conflict || problem.status === 409) return t('ops.retry.conflict');
  if (problem.status === 404) return t('ops.retry.gone');
  if (problem.status === 403 && problem.type !== PROBLEM.csrf) return t('ops.retry.forbidden');
  if (problem.status === 400) {
    const fields = (problem.errors ?? []).map((e) => e.field).join('、');
    return t('ops.retry.invalid', { fields: fields || '—' });
  }
  return failureMessage(error, t);
}
