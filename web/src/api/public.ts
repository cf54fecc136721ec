/**
 * The citizens' endpoints (API.md "Citizens"), used by the public page without a login. Writes
 * carry the visitor's own CSRF token from `GET /api/public/csrf`; it is fetched on first use
 * and once more when the server refuses it (the visitor cookie was cleared, say).
 */
import { ApiError, PROBLEM, queryString, request } from './http';

export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

export interface CitizenDemandInput {
  content: string;
  citizen: { name?: string; phone: string };
  location?: { address: string };
}

/** `201` of a submission: the code to keep, and an emergency number when one is happening now. */
export interface SubmittedDemand {
  code: string;
  status: string;
  divertedTo: string | null;
  duplicateOf: string | null;
  message: string;
}

/** What a citizen sees of a demand (no personal data). */
export interface PublicDemand {
  code: string;
  status: string;
  statusLabel: string;
  receivedAt: string | null;
  submittedAt: string | null;
  unit: { code: string; name: string | null } | null;
  deadlines: {
    response: string | null;
    resolution: string | null;
    verification: string | null;
    paused: boolean;
  };
  divertedTo: string | null;
  result: string | null;
  explanation: string | null;
  resolvedAt: string | null;
  satisfaction: string | null;
  awaitingFeedback: boolean;
}

let visitorToken: string | null = null;

async function token(): Promise<string> {
  if (visitorToken) return visitorToken;
  const answer = await request<{ csrfToken: string }>('GET', '/public/csrf');
  visitorToken = answer.csrfToken;
  return visitorToken;
}

async function publicWrite<T>(path: string, body: unknown): Promise<T> {
  try {
    return await request<T>('POST', path, body, { csrfToken: await token() });
  } catch (error) {
    if (!(error instanceof ApiError) || error.problem.type !== PROBLEM.csrf) throw error;
    visitorToken = null;
    return request<T>('POST', path, body, { csrfToken: await token() });
  }
}

export function submitDemand(input: CitizenDemandInput): Promise<SubmittedDemand> {
  return publicWrite<SubmittedDemand>('/public/demands', input);
}

export function lookUpDemand(code: string, phoneLast4: string): Promise<PublicDemand> {
  return request<PublicDemand>(
    'GET',
    `/public/demands/${encodeURIComponent(code)}${queryString({ phoneLast4 })}`,
  );
}

export function giveFeedback(
  code: string,
  feedback: { phoneLast4: string; satisfaction: Satisfaction; comment: string },
): Promise<void> {
  return publicWrite<void>(`/public/demands/${encodeURIComponent(code)}/feedback`, feedback);
}
