import { readFileSync } from 'node:fs';
import { generateDemoDistrict, parseOrgTree } from '../../domain/org';
import { migrateToLatest } from '../../migrations';
import { createKnex, loadPlatformConfig, openDatabaseServer } from '../../platform';
import { importOrgTree } from './import-org-tree';
import { formatOrgTreeErrors } from './org-import-error';

/**
 * `npm run org:import -- FILE.json` loads or updates the org tree from a file;
 * `npm run org:import -- --demo` prints the demo district, as an example of the format.
 * Exit codes: 0 imported, 1 the file is unreadable or invalid (nothing written), 2 bad usage.
 */
const USAGE = 'usage: npm run org:import -- FILE.json   |   npm run org:import -- --demo';

async function main(args: readonly string[]): Promise<number> {
  if (args.length === 1 && args[0] === '--demo') {
    process.stdout.write(`${JSON.stringify(generateDemoDistrict(), null, 2)}\n`);
    return 0;
  }
  const [file] = args;
  if (args.length !== 1 || file === undefined || file.startsWith('-')) {
    console.error(USAGE);
    return 2;
  }

  const json = readJson(file);
  if (json === undefined) return 1;
  // Check the file before starting a database, so a typo is reported in a second.
  const parsed = parseOrgTree(json);
  if (!parsed.ok) {
    console.error(`${file}: ${parsed.errors.length} error(s); nothing was imported:`);
    console.error(formatOrgTreeErrors(parsed.errors));
    return 1;
  }

  const log = (message: string) => console.error(`[postgres] ${message}`);
  const server = await openDatabaseServer(loadPlatformConfig(), log);
  try {
    const knex = createKnex(server.url, { poolMax: 2 });
    try {
      await migrateToLatest(knex);
      const counts = await importOrgTree(knex, json);
      console.log(
        `imported ${file} into ${server.displayUrl}: ${parsed.units.length} units — ` +
          `${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`,
      );
      if (counts.notInFile > 0) {
        console.log(
          `${counts.notInFile} unit(s) in the database are not in the file; they were kept`,
        );
      }
      return 0;
    } finally {
      await knex.destroy();
    }
  } finally {
    await server.stop();
  }
}

/** The parsed file, or undefined after telling the user why it cannot be read. */
function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    console.error(`cannot read ${file}: ${reason}`);
    return undefined;
  }
  try {
    // A UTF-8 byte order mark (Windows editors add one) is not part of the JSON.
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    console.error(`${file} is not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
