import crypto from 'node:crypto';
import type { Knex } from 'knex';
import {
  DEMO_TOWNSHIP_COUNT,
  DEMO_VILLAGE_COUNT,
  demoUsers,
  generateDemoDistrict,
  parseOrgTree,
  type RoleCode,
} from '../../domain/org';
import { hashPassword } from '../auth/password';
import { lockOrgTree, writeOrgTree } from './import-org-tree';
import { DEMO_HISTORY_MONTHS, seedDemoHistory } from './seed-demo-history';

/** A demo account's credentials, to be shown once to whoever started the system. */
export interface DemoLogin {
  username: string;
  role: RoleCode;
  /** The unit's code, as API requests name it (`location.unitCode`, ledgers' `unit`). */
  unitCode: string;
  unitName: string;
  password: string;
}

export interface SeedDemoOptions {
  /** Progress messages. Never receives a password. */
  log: (message: string) => void;
  /** "Now": the demo history covers the 24 months before this one. Default: the system clock. */
  clock?: () => Date;
}

/**
 * On a fresh database, loads the demo district and one demo user per role, each with a fresh
 * random password, and returns the logins so the caller can print them once. Does nothing
 * (returns undefined) when any org unit exists, so real data is never mixed with demo data.
 * The caller decides whether demo data is wanted at all (never in production).
 */
export async function seedDemoIfEmpty(
  knex: Knex,
  { log, clock = () => new Date() }: SeedDemoOptions,
): Promise<DemoLogin[] | undefined> {
  if (!(await orgTreeIsEmpty(knex))) return undefined;

  const parsed = parseOrgTree(generateDemoDistrict());
  if (!parsed.ok) throw new Error('the demo district does not pass its own validation');
  const unitNames = new Map(parsed.units.map((u) => [u.code, u.name]));
  // Hash before opening the transaction: scrypt is deliberately slow.
  const accounts = await Promise.all(
    demoUsers(parsed.tree).map(async (user) => {
      const password = crypto.randomBytes(12).toString('base64url');
      return { ...user, password, passwordHash: await hashPassword(password) };
    }),
  );

  const seeded = await knex.transaction(async (trx) => {
    await lockOrgTree(trx);
    // Another process may have seeded (or imported) while we were hashing.
    if (!(await orgTreeIsEmpty(trx))) return false;
    await writeOrgTree(trx, parsed.tree, parsed.units);
    // The demo's past, so statistics and forecasts have two years to show.
    await seedDemoHistory(trx, parsed.tree, clock());
    for (const account of accounts) {
      const [row] = await trx('users')
        .insert({
          username: account.username,
          display_name: account.displayName,
          password_hash: account.passwordHash,
          unit_code: account.unitCode,
        })
        .returning<{ id: string }[]>('id');
      if (!row) throw new Error(`inserting demo user ${account.username} returned no id`);
      await trx('user_roles').insert({ user_id: row.id, role_code: account.role });
    }
    return true;
  });
  if (!seeded) return undefined;

  log(
    `seeded the demo district ${parsed.tree.name} (${DEMO_TOWNSHIP_COUNT} townships/streets, ` +
      `${DEMO_VILLAGE_COUNT} villages/communities), ${accounts.length} demo users and ` +
      `${DEMO_HISTORY_MONTHS} months of demand history`,
  );
  return accounts.map(({ username, role, unitCode, password }) => ({
    username,
    role,
    unitCode,
    unitName: unitNames.get(unitCode) ?? unitCode,
    password,
  }));
}

async function orgTreeIsEmpty(knex: Knex): Promise<boolean> {
  return (await knex('org_units').first('code')) === undefined;
}
