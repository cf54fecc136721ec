import { EXIT, runCli, withAppDatabase } from '../cli/app-database';
import { loadTriageLexicons } from './triage-lexicons';
import { resetModel } from './triage-store';

/**
 * `npm run triage:reset` makes the triage model forget what it learned: it stores a new model
 * version built from the lexicon files alone (reason reset) and prints its number. It only
 * writes that row, so it runs beside a running server, whose learner sees the newer reset
 * version at its next poll and reloads it. Use it after editing the lexicons heavily, or when
 * learning went wrong.
 */
const USAGE = 'usage: npm run triage:reset';

async function main(args: readonly string[]): Promise<number> {
  if (args.length > 0) {
    console.error(USAGE);
    return EXIT.usage;
  }
  // Read the lexicons first: a broken file is reported before anything is written.
  const lexicons = loadTriageLexicons();
  const version = await withAppDatabase((knex) => resetModel(knex, lexicons));
  console.log(`triage model reset: version ${version}`);
  return EXIT.ok;
}

runCli(main);
