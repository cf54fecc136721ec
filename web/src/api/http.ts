/**
 * The one place the web app talks to the server (API.md). It sends the session's CSRF token
 * on every state-changing request (fetching it anew once when the server refuses it), turns
 * RFC 9457 problem documents into `ApiError`s, and reports a lost session (401) to whoever
 * registered with `onSessionLost` — the router then sends the user to the login page and back.
 */

export interface FieldProblem {
  field: string;
  message: string;
  allowedValues?: unknown[];
}

export interface Problem {
  type: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
  /** From the `Retry-After` header of a 429. */
  retryAfterSeconds?: number;
}

export const PROBLEM = {
  unauthenticated: 'urn:minsheng:problem:unauthenticated',
  sessionExpired: 'urn:minsheng:problem:session-expired',
  csrf: 'urn:minsheng:problem:csrf-token-invalid',
  loginLocked: 'urn:minsheng:problem:login-locked',
  rateLimited: 'urn:minsheng:problem:rate-limited',
  invalidInput: 'urn:minsheng:problem:invalid-input',
  conflict: 'urn:minsheng:problem:conflict',
  engineUnavailable: 'urn:minsheng:problem:engine-unavailable',
} as const;

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
}

let csrfToken: string | null = null;
let sessionLost: (problem: Problem) => void = () => {};

/** The token of the current session (login and `GET /api/session` hand it out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called once per request that finds the session gone (401), except the login itself. */
export function onSessionLost(handler: (problem: Problem) => void): void {
  sessionLost = handler;
}

export interface RequestOptions {
  /** A 401 is the answer itself (login, who-am-I), not a lost session. */
  expectUnauthenticated?: boolean;
  /** The public page's own token (`GET /api/public/csrf`), sent instead of the session's. */
  csrfToken?: string;
}

async function problemOf(response: Response): Promise<Problem> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const base: Problem = {
    type: 'about:blank',
    status: response.status,
    title: response.statusText,
    ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return { ...base, ...body, status: response.status };
    } catch {
      // a broken body: the problem is its status alone
    }
  }
  return base;
}

function send(
  method: string,
  path: string,
  body: unknown,
  token: string | null = csrfToken,
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && token) headers['X-CSRF-Token'] = token;
  return fetch(`/api${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * After a 403 for the CSRF token (the session was renewed in another tab, say): fetches the
 * session's current token, so the request can be sent once more. False for any other 403.
 */
async function refreshedCsrfToken(refusal: Response): Promise<boolean> {
  const problem = (await refusal
    .clone()
    .json()
    .catch(() => null)) as Partial<Problem> | null;
  if (problem?.type !== PROBLEM.csrf) return false;
  const current = await send('GET', '/session', undefined).catch(() => null);
  if (!current?.ok) return false;
  const answer = (await current.json()) as { csrfToken?: string };
  if (!answer.csrfToken || answer.csrfToken === csrfToken) return false;
  setCsrfToken(answer.csrfToken);
  return true;
}

/** A JSON request to `/api{path}`; resolves with the parsed body (undefined for 204). */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await send(method, path, body, options.csrfToken ?? csrfToken);
  } catch {
    throw new ApiError({ type: 'network', status: 0, title: 'Network error' });
  }
  const staffRequest = options.csrfToken === undefined;
  if (
    staffRequest &&
    response.status === 403 &&
    method !== 'GET' &&
    (await refreshedCsrfToken(response))
  ) {
    response = await send(method, path, body).catch(() => response);
  }
  if (response.ok) {
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
  const problem = await problemOf(response);
  if (response.status === 401 && !options.expectUnauthenticated) {
    setCsrfToken(null);
    sessionLost(problem);
  }
  throw new ApiError(problem);
}

/** `?a=1&b=2` of the defined, non-empty values. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
