export {
  createStaffGuards,
  staffOf,
  sessionIdOf,
  SESSION_COOKIE,
  CSRF_HEADER,
  type StaffGuards,
  type StaffGuardOptions,
} from './staff-guards';
export {
  loadStaffUser,
  findAccount,
  candidateGroupOf,
  type StaffUser,
  type Account,
} from './staff-user';
export {
  demandScopeOf,
  restrictToScope,
  isInScope,
  type DemandScope,
  type DemandPlacement,
} from './demand-scope';
export { createSessionStore, hashSessionId, type SessionStore } from './session-store';
export {
  createLoginThrottle,
  type LoginThrottle,
  type LoginThrottleOptions,
} from './login-throttle';
export { sessionRouter, type SessionRoutesOptions } from './session-routes';
export { createUser, UserCreateError, MIN_PASSWORD_LENGTH, type NewUser } from './create-user';
export { hashPassword, verifyPassword } from './password';
