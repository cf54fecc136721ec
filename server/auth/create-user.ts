import type { Knex } from 'knex';
import { isOneOf, ROLES, type Role } from '../../domain/demand';
import { hashPassword } from './password';

export interface NewUser {
  username: string;
  password: string;
  role: string;
  unitCode: string;
  /** Shown in the web app and the history; default: the user name. */
  displayName?: string;
}

/** Why an account was not created, in words for the person running the command. */
export class UserCreateError extends Error {
  override name = 'UserCreateError';
}

/** Lower-case letters, digits and `.`, `_`, `-`, starting with a letter or digit: 3–64. */
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const MIN_PASSWORD_LENGTH = 10;

/**
 * Creates a staff account with one role at one unit. Refuses unknown roles and units, taken
 * names and short passwords, naming the problem; writes nothing then.
 */
export async function createUser(knex: Knex, input: NewUser): Promise<{ id: string; role: Role }> {
  if (!USERNAME.test(input.username)) {
    throw new UserCreateError(
      `user name "${input.username}" is not allowed: use 3–64 lower-case letters, digits, ` +
        "'.', '_' or '-', starting with a letter or digit",
    );
  }
  if (Array.from(input.password).length < MIN_PASSWORD_LENGTH) {
    throw new UserCreateError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (!isOneOf(ROLES, input.role)) {
    throw new UserCreateError(`unknown role "${input.role}"; roles: ${ROLES.join(', ')}`);
  }
  const role = input.role;
  const passwordHash = await hashPassword(input.password);

  return knex.transaction(async (trx) => {
    if (!(await trx('roles').where({ code: role }).first('code'))) {
      throw new UserCreateError(`role "${role}" is missing from the database; migrate it first`);
    }
    const unit = await trx('org_units').where({ code: input.unitCode }).first('code');
    if (!unit) {
      throw new UserCreateError(
        `no org unit has the code "${input.unitCode}"; import the org tree first (npm run org:import)`,
      );
    }
    const inserted = await trx('users')
      .insert({
        username: input.username,
        display_name: input.displayName?.trim() || input.username,
        password_hash: passwordHash,
        unit_code: input.unitCode,
      })
      .onConflict('username')
      .ignore()
      .returning<{ id: string }[]>('id');
    const id = inserted[0]?.id;
    if (id === undefined) {
      throw new UserCreateError(`the user name "${input.username}" is taken`);
    }
    await trx('user_roles').insert({ user_id: id, role_code: role });
    return { id: String(id), role };
  });
}
