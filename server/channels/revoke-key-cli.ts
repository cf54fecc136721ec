import { CliRefusal, EXIT, runCli, withAppDatabase } from '../cli/app-database';
import { ChannelKeyError, revokeChannelKey } from './channel-keys';

/**
 * `npm run channel:revoke-key -- KEY_ID` revokes a channel key: requests with it are refused
 * (401) from then on. Revoking a revoked key changes nothing and succeeds.
 * Exit codes: 0 revoked, 1 no such key, 2 bad usage.
 */
const USAGE = 'usage: npm run channel:revoke-key -- KEY_ID';

async function main(args: string[]): Promise<number> {
  const [id, ...extra] = args;
  if (!id || extra.length > 0 || id.startsWith('-')) {
    console.error(USAGE);
    return EXIT.usage;
  }
  try {
    const result = await withAppDatabase((knex) => revokeChannelKey(knex, id));
    console.log(
      result.alreadyRevoked
        ? `channel key ${id} (${result.channel}) was already revoked`
        : `revoked channel key ${id} (${result.channel})`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ChannelKeyError) throw new CliRefusal(`not revoked: ${error.message}`);
    throw error;
  }
}

runCli(main);
