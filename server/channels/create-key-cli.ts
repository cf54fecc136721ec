import { parseArgs } from 'node:util';
import { CliRefusal, EXIT, runCli, withAppDatabase } from '../cli/app-database';
import { ChannelKeyError, createChannelKey } from './channel-keys';

/**
 * `npm run channel:create-key -- CHANNEL [--district CODE]` creates an API key for one intake
 * channel and prints it alone on the last line of stdout; it is stored hashed and never shown
 * again. Exit codes: 0 created, 1 refused (reason on stderr), 2 bad usage.
 */
const USAGE = 'usage: npm run channel:create-key -- CHANNEL [--district CODE]';

async function main(args: string[]): Promise<number> {
  let parsed: { values: { district?: string | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { district: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  const [channel, ...extra] = parsed.positionals;
  if (!channel || extra.length > 0) {
    console.error(USAGE);
    return EXIT.usage;
  }
  try {
    const created = await withAppDatabase((knex) =>
      createChannelKey(knex, { channel, districtCode: parsed.values.district }),
    );
    const where = created.districtCode ? ` in district ${created.districtCode}` : '';
    console.log(`channel key ${created.id} for ${created.channel}${where}.`);
    console.log(
      'Store it now: it is not shown again. Revoke with npm run channel:revoke-key -- ' +
        created.id,
    );
    console.log(created.key);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ChannelKeyError) throw new CliRefusal(`not created: ${error.message}`);
    throw error;
  }
}

runCli(main);
