import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import type { Knex } from 'knex';
import { createFieldCipher, createFieldHasher, loadDataKey } from '../../domain/pii';
import { loadPlatformConfig } from '../../platform';
import { CliRefusal, EXIT, runCli, withAppDatabase } from '../cli/app-database';
import { createIntakeService } from '../intake';
import { loadServerConfig } from '../server-config';
import { createTriageService } from '../triage';
import { auditImport } from './import-audit';
import { importDemandRows, type ImportSummary, type RowOutcome } from './import-demands';
import { writeRejectionReport } from './report-file';
import { channelOfWord, type ImportChannel } from './row-delivery';
import { describeReason } from './row-reasons';
import { ImportFileError } from './sheet-row';
import { countFilledRows, openSheet } from './sheet-source';

/**
 * `npm run demands:import -- FILE [--dry-run] [--report FILE] [--channel C] [--district CODE]`
 * imports a questionnaire or door-to-door sheet (CSV or .xlsx) as demands. Exit codes: 0 every
 * row imported (or imported before), 1 some rows rejected, 2 bad usage or a file that cannot be
 * imported (unreadable, no header, a required column missing).
 */
const USAGE =
  'usage: npm run demands:import -- FILE.csv|FILE.xlsx [--dry-run] [--report REJECTED.csv] ' +
  '[--channel questionnaire|door_visit] [--district CODE]';

/** Rejected rows listed on the terminal when a report file has them all. */
const LISTED_WITH_REPORT = 20;

interface Options {
  file: string;
  dryRun: boolean;
  report: string | undefined;
  channel: ImportChannel | null;
  district: string | undefined;
}

function parseOptions(args: string[]): Options | string {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        'dry-run': { type: 'boolean' },
        report: { type: 'string' },
        channel: { type: 'string' },
        district: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return (error as Error).message;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) return 'name one file';
  let channel: ImportChannel | null = null;
  if (parsed.values.channel !== undefined) {
    channel = channelOfWord(parsed.values.channel) ?? null;
    if (!channel)
      return `unknown channel "${parsed.values.channel}": questionnaire (问卷) or door_visit (走访)`;
  }
  return {
    file,
    dryRun: parsed.values['dry-run'] === true,
    report: parsed.values.report,
    channel,
    district: parsed.values.district,
  };
}

async function checkDistrict(knex: Knex, code: string): Promise<void> {
  const unit = await knex('org_units').where({ code }).first<{ tier: string } | undefined>('tier');
  if (!unit) throw new ImportFileError(`--district: no org unit has the code "${code}"`);
  if (unit.tier !== 'district') {
    throw new ImportFileError(`--district: "${code}" is a ${unit.tier}, not a district`);
  }
}

function progressBar(total: number) {
  const bar = new SingleBar({
    stream: process.stderr,
    format:
      '导入 importing {bar} {percentage}% | {value}/{total} rows | {imported} new | {already} seen | {rejected} rejected',
    hideCursor: true,
    clearOnComplete: false,
  });
  bar.start(total, 0, { imported: 0, already: 0, rejected: 0 });
  return bar;
}

async function main(args: string[]): Promise<number> {
  const options = parseOptions(args);
  if (typeof options === 'string') {
    console.error(`${options}\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await run(options);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    console.error(`${options.file}: ${error.message}`);
    return EXIT.usage;
  }
}

async function run(options: Options): Promise<number> {
  let bar: SingleBar | undefined;
  const counts = { rows: 0, imported: 0, already: 0, rejected: 0 };
  // The header is one of the filled rows; title rows above it make the total a little high.
  const total = process.stderr.isTTY ? Math.max((await countFilledRows(options.file)) - 1, 1) : 0;
  // Opening checks the file before a database is started, so a typo is reported at once.
  const sheet = await openSheet(options.file);

  const summary = await withAppDatabase(async (knex) => {
    if (options.district !== undefined) await checkDistrict(knex, options.district);
    const dataKey = loadDataKey({
      env: process.env,
      dataDir: loadPlatformConfig().dataDir,
      warn: (message) => console.error(message),
    });
    const intake = createIntakeService({
      knex,
      pii: { cipher: createFieldCipher(dataKey), hasher: createFieldHasher(dataKey) },
      triage: createTriageService({ knex: knex }),
      clock: () => new Date(),
    });
    bar = total > 0 ? progressBar(total) : undefined;
    try {
      const done = await importDemandRows(sheet.rows, {
        knex,
        intake,
        clock: () => new Date(),
        submittedAtSkewMs: loadServerConfig().submittedAtSkewMs,
        fileName: path.basename(options.file),
        channel: options.channel,
        districtCode: options.district ?? null,
        dryRun: options.dryRun,
        onRow: (outcome) => {
          counts.rows += 1;
          if (outcome.kind === 'imported' || outcome.kind === 'valid') counts.imported += 1;
          else if (outcome.kind === 'already_imported') counts.already += 1;
          else counts.rejected += 1;
          bar?.update(Math.min(counts.rows, total), counts);
        },
      });
      bar?.update(total, counts);
      if (!options.dryRun) {
        await auditImport(knex, {
          fileName: path.basename(options.file),
          channel: options.channel,
          districtCode: options.district ?? null,
          summary: done,
        });
      }
      return done;
    } catch (error) {
      bar?.stop();
      bar = undefined;
      if (error instanceof ImportFileError) throw error;
      // The database went away, say: what was stored stays, and a second run skips it.
      throw new CliRefusal(
        `${options.file}: stopped after ${counts.rows} row(s) (${counts.imported} imported): ` +
          `${(error as Error).message}. Import the same file again to go on; rows already ` +
          'stored are skipped.',
      );
    } finally {
      bar?.stop();
    }
  });

  if (options.report) {
    await writeRejectionReport(options.report, summary.rejected, {
      digestTickets: summary.columns.ticket === undefined,
    });
  }
  printSummary(options, summary);
  return summary.rejected.length > 0 ? EXIT.refused : EXIT.ok;
}

function rejectionLine(outcome: RowOutcome, withTicket: boolean): string {
  if (outcome.kind !== 'rejected') return '';
  const ticket = withTicket && outcome.ticket ? ` (编号 ${outcome.ticket})` : '';
  return `  row ${outcome.row}${ticket}: ${outcome.reasons.map(describeReason).join('; ')}`;
}

function printSummary(options: Options, summary: ImportSummary): void {
  const { imported, alreadyImported, rejected } = summary;
  if (summary.ignoredHeaders.length > 0) {
    console.log(`ignored columns (忽略的列): ${summary.ignoredHeaders.join(', ')}`);
  }
  if (rejected.length > 0) {
    console.log(`rejected rows (退回的行; the header is row ${summary.headerRow}):`);
    const listed = options.report ? rejected.slice(0, LISTED_WITH_REPORT) : rejected;
    for (const outcome of listed)
      console.log(rejectionLine(outcome, summary.columns.ticket !== undefined));
    if (listed.length < rejected.length) {
      console.log(`  … and ${rejected.length - listed.length} more in ${options.report}`);
    }
  }
  for (const emergency of summary.emergencies) {
    console.log(
      `  row ${emergency.row} → ${emergency.code}: reports an emergency now; call ${emergency.divertedTo} (紧急情况，请转 ${emergency.divertedTo})`,
    );
  }
  const newWord = options.dryRun ? 'would be imported' : 'imported';
  console.log(
    `${options.dryRun ? 'dry run, nothing written: ' : ''}${imported} ${newWord}, ` +
      `${alreadyImported} already imported, ${rejected.length} rejected ` +
      `(${options.dryRun ? '可导入' : '新导入'} ${imported} 条，已导入过 ${alreadyImported} 条，退回 ${rejected.length} 条)`,
  );
  if (options.report) console.log(`rejected rows written to ${options.report}`);
  if (!options.dryRun && imported > 0) {
    console.log(
      'their processes start within seconds while npm start runs, else when it next starts',
    );
  }
}

runCli(main);
