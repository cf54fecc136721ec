import { parseArgs } from 'node:util';
import { CliRefusal, EXIT, runCli, withAppDatabase } from '../cli/app-database';
import { createUser, UserCreateError } from './create-user';

/**
 * `npm run user:create -- --username U --password P --role ROLE --unit CODE [--name "显示名"]`
 * creates a staff account in the database `npm start` uses.
 * Exit codes: 0 created, 1 refused (reason on stderr; nothing written), 2 bad usage.
 */
const USAGE =
  'usage: npm run user:create -- --username U --password P --role ROLE --unit CODE [--name NAME]';

async function main(args: string[]): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        username: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        unit: { type: 'string' },
        name: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  const { username, password, role, unit, name } = values;
  if (!username || !password || !role || !unit) {
    console.error(USAGE);
    return EXIT.usage;
  }
  try {
    const created = await withAppDatabase((knex) =>
      createUser(knex, { username, password, role, unitCode: unit, displayName: name }),
    );
    console.log(`created user ${username} (id ${created.id}) as ${created.role} at unit ${unit}`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UserCreateError) throw new CliRefusal(`not created: ${error.message}`);
    throw error;
  }
}

runCli(main);
