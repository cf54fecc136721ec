import { SingleBar } from 'cli-progress';
import { verifyArchiveChain, type ArchiveVerification } from '../../workers';
import { withAppDatabase } from './app-database';

/**
 * `npm run archive:verify` walks the archive hash chain (建档销号) of the database `npm start`
 * uses and reports whether every entry is intact. It only reads, so it runs beside a running
 * system. Exit codes: 0 intact, 1 broken (the first broken entry on stdout), 2 bad usage or
 * the database cannot be reached.
 */
const USAGE = 'usage: npm run archive:verify';
const EXIT = { intact: 0, broken: 1, usage: 2 } as const;

async function main(args: readonly string[]): Promise<number> {
  if (args.length > 0) {
    console.error(USAGE);
    return EXIT.usage;
  }
  let result: ArchiveVerification;
  try {
    result = await withAppDatabase((knex) => verifyWithProgress(knex));
  } catch (error) {
    console.error(`cannot verify the archive: ${(error as Error).message}`);
    return EXIT.usage;
  }
  if (result.ok) {
    console.log(`archive chain intact: ${result.checked} entries verified`);
    return EXIT.intact;
  }
  const broken = result.firstBroken!;
  const demand = broken.demandCode ? ` (demand ${broken.demandCode})` : '';
  console.log(`archive chain BROKEN at entry ${broken.sequence}${demand}: ${broken.problem}`);
  console.log(`${result.checked} entries read; the entries before ${broken.sequence} are intact`);
  return EXIT.broken;
}

/** A progress bar on a terminal (stderr, so stdout stays the answer); nothing otherwise. */
async function verifyWithProgress(
  knex: Parameters<typeof verifyArchiveChain>[0],
): Promise<ArchiveVerification> {
  if (!process.stderr.isTTY) return verifyArchiveChain(knex);
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'verifying archive [{bar}] {value}/{total} entries',
    hideCursor: true,
  });
  let started = false;
  try {
    return await verifyArchiveChain(knex, {
      onProgress: ({ checked, total }) => {
        if (!started) {
          bar.start(total, checked);
          started = true;
        } else {
          bar.setTotal(total);
          bar.update(checked);
        }
      },
    });
  } finally {
    if (started) bar.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = EXIT.usage;
  },
);
