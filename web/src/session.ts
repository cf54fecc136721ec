import { reactive } from 'vue';
import * as sessionApi from './api/session';
import type { StaffUser } from './api/types';

/** Who is logged in, shared by the router guard, the shell and the pages. */
export const session = reactive<{ user: StaffUser | null; checked: boolean }>({
  user: null,
  checked: false,
});

/** Asks the server once per page load whether the browser still has a session. */
export async function restoreSession(): Promise<void> {
  if (session.checked) return;
  try {
    session.user = await sessionApi.currentUser();
  } catch {
    session.user = null;
  }
  session.checked = true;
}

export async function logIn(username: string, password: string): Promise<StaffUser> {
  const user = await sessionApi.login(username, password);
  session.user = user;
  session.checked = true;
  return user;
}

export async function logOut(): Promise<void> {
  try {
    await sessionApi.logout();
  } finally {
    session.user = null;
  }
}

/** The server ended the session (expired, logged out elsewhere): forget the user. */
export function forgetSession(): void {
  session.user = null;
}
