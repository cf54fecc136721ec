import { request, setCsrfToken } from './http';
import type { SessionAnswer, StaffUser } from './types';

/** `POST /api/session`: logs in; keeps the session's CSRF token for later requests. */
export async function login(username: string, password: string): Promise<StaffUser> {
  const answer = await request<SessionAnswer>(
    'POST',
    '/session',
    { username, password },
    { expectUnauthenticated: true },
  );
  setCsrfToken(answer.csrfToken);
  return answer.user;
}

/** `GET /api/session`: the user of the browser's session, or null without one. */
export async function currentUser(): Promise<StaffUser | null> {
  try {
    const answer = await request<SessionAnswer>('GET', '/session', undefined, {
      expectUnauthenticated: true,
    });
    setCsrfToken(answer.csrfToken);
    return answer.user;
  } catch (error) {
    if ((error as { status?: number }).status === 401) return null;
    throw error;
  }
}

/** `DELETE /api/session` (with the CSRF token, as every state change). */
export async function logout(): Promise<void> {
  try {
    await request<void>('DELETE', '/session', undefined, { expectUnauthenticated: true });
  } finally {
    setCsrfToken(null);
  }
}
