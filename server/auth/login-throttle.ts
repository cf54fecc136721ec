import type { Knex } from 'knex';

export interface LoginThrottleOptions {
  /** Failures within `windowMs` that lock the account. */
  maxFailures: number;
  windowMs: number;
  /** How long a locked account refuses every password, the right one included. */
  lockMs: number;
}

/**
 * Per-account lockout against password guessing. Counted by account name, existing or not, so
 * the answers never reveal which accounts exist. Successful logins clear the count; they never
 * count themselves. Each change is one statement, so parallel guesses cannot lose a failure.
 */
export function createLoginThrottle(knex: Knex, options: LoginThrottleOptions) {
  return {
    /** When the account is locked at `now`, the time the lock ends. */
    async lockedUntil(account: string, now: Date): Promise<Date | undefined> {
      const row = await knex('login_throttle')
        .where({ account })
        .where('locked_until', '>', now)
        .first<{ locked_until: Date } | undefined>('locked_until');
      return row?.locked_until;
    },

    /** Counts a failure; returns the end of the lock when this failure locked the account. */
    async recordFailure(account: string, now: Date): Promise<Date | undefined> {
      const windowStart = new Date(now.getTime() - options.windowMs);
      const lockUntil = new Date(now.getTime() + options.lockMs);
      const { rows } = await knex.raw<{ rows: { locked_until: Date | null }[] }>(
        `INSERT INTO login_throttle AS t (account, failures, window_started_at, locked_until)
         VALUES (:account, 1, :now, CASE WHEN 1 >= :max THEN CAST(:lockUntil AS timestamptz) END)
         ON CONFLICT (account) DO UPDATE SET
           failures = CASE
             WHEN t.window_started_at IS NULL OR t.window_started_at <= :windowStart THEN 1
             ELSE t.failures + 1 END,
           window_started_at = CASE
             WHEN t.window_started_at IS NULL OR t.window_started_at <= :windowStart THEN :now
             ELSE t.window_started_at END,
           locked_until = CASE
             WHEN (CASE WHEN t.window_started_at IS NULL OR t.window_started_at <= :windowStart
                        THEN 1 ELSE t.failures + 1 END) >= :max
             THEN CAST(:lockUntil AS timestamptz)
             ELSE t.locked_until END
         RETURNING locked_until`,
        { account, now, windowStart, lockUntil, max: options.maxFailures },
      );
      const lockedUntil = rows[0]?.locked_until;
      if (lockedUntil && lockedUntil.getTime() === lockUntil.getTime()) {
        // A new lock starts a new count: the next window begins when the lock ends.
        await knex('login_throttle')
          .where({ account })
          .update({ failures: 0, window_started_at: null });
        return lockedUntil;
      }
      return undefined;
    },

    async clear(account: string): Promise<void> {
      await knex('login_throttle').where({ account }).delete();
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
