import type { Knex } from 'knex';
import { HttpProblem } from '../http';
import { parseIntakeInput, placeDemand, type IntakeInput, type IntakeService } from '../intake';
import { FIELD_HEADERS, type ColumnMap } from './columns';
import { findHeader } from './header-row';
import { rowDelivery, type ImportChannel, type RowDelivery } from './row-delivery';
import { reasonOfFieldError, reasons, type RowReason } from './row-reasons';
import { isBlankRow, type SheetRow } from './sheet-row';
import { loadUnitDirectory, type UnitDirectory } from './unit-directory';

/** What happened to one row. */
export type RowOutcome =
  | {
      row: number;
      ticket: string;
      kind: 'imported';
      code: string;
      divertedTo: string | null;
      duplicateOf: string | null;
    }
  | { row: number; ticket: string; kind: 'valid' }
  | { row: number; ticket: string; kind: 'already_imported'; code: string }
  | { row: number; ticket: string; kind: 'rejected'; reasons: RowReason[] };

export interface ImportSummary {
  /** The row holding the column headers. */
  headerRow: number;
  columns: ColumnMap;
  ignoredHeaders: string[];
  /** New demands (a dry run: rows that would be). */
  imported: number;
  alreadyImported: number;
  rejected: RowOutcome[];
  /** Imported rows the emergency check diverted (row, code, number to call). */
  emergencies: Array<{ row: number; code: string; divertedTo: string }>;
}

export interface ImportOptions {
  knex: Knex;
  intake: IntakeService;
  clock: () => Date;
  /** How far ahead of the clock a date may lie (the intake's clock skew). */
  submittedAtSkewMs: number;
  /** The file's base name: part of a row's ticket when the file has no 编号 column. */
  fileName: string;
  /** The channel of rows whose 来源 is empty (or of every row, when the file has none). */
  channel: ImportChannel | null;
  /** As a district-bound channel key: rows must be in it; rows without a unit go to it. */
  districtCode: string | null;
  /** Check every row, write nothing. */
  dryRun: boolean;
  onRow?: (outcome: RowOutcome) => void;
}

class RowRejected extends Error {
  constructor(readonly reasons: RowReason[]) {
    super('row rejected');
  }
}

const fieldErrorsOf = (error: unknown): RowReason[] | undefined =>
  error instanceof HttpProblem && error.problem.status === 400
    ? (error.problem.errors ?? []).map(reasonOfFieldError)
    : undefined;

/**
 * Imports the rows of a questionnaire or door-to-door sheet as demands, each exactly as if its
 * channel had delivered it to `POST /api/demands`: the intake's validation, placement, PII
 * protection, emergency and repeat checks, and its transaction (demand, history, process-start
 * outbox) per row. A bad row is reported and skipped; the others go on.
 */
export async function importDemandRows(
  rows: AsyncIterable<SheetRow>,
  options: ImportOptions,
): Promise<ImportSummary> {
  const iterator = rows[Symbol.asyncIterator]();
  const header = await findHeader(iterator, options.channel);
  const directory = await loadUnitDirectory(options.knex, options.districtCode);
  const summary: ImportSummary = {
    headerRow: header.row,
    columns: header.columns,
    ignoredHeaders: header.ignored,
    imported: 0,
    alreadyImported: 0,
    rejected: [],
    emergencies: [],
  };
  // channel + ticket → the first row carrying it, to catch a row repeated in the file.
  const seen = new Map<string, number>();

  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    const row = next.value;
    if (isBlankRow(row)) continue;
    const delivery = rowDelivery(row, header.columns, {
      fileName: options.fileName,
      defaultChannel: options.channel,
    });
    let outcome: RowOutcome;
    try {
      outcome = await importRow(row.number, delivery, options, directory, seen);
    } catch (error) {
      if (!(error instanceof RowRejected)) throw error;
      outcome = {
        row: row.number,
        ticket: delivery.ticket,
        kind: 'rejected',
        reasons: error.reasons,
      };
    }
    if (outcome.kind === 'imported' || outcome.kind === 'valid') summary.imported += 1;
    else if (outcome.kind === 'already_imported') summary.alreadyImported += 1;
    else summary.rejected.push(outcome);
    if (outcome.kind === 'imported' && outcome.divertedTo) {
      summary.emergencies.push({
        row: outcome.row,
        code: outcome.code,
        divertedTo: outcome.divertedTo,
      });
    }
    options.onRow?.(outcome);
  }
  return summary;
}

async function importRow(
  rowNumber: number,
  delivery: RowDelivery,
  options: ImportOptions,
  directory: UnitDirectory,
  seen: Map<string, number>,
): Promise<RowOutcome> {
  const problems = [...delivery.problems];
  const unit = directory.resolve(delivery.units);
  if (!unit.ok) {
    const header = FIELD_HEADERS[unit.tier];
    problems.push(
      unit.problem === 'unknown'
        ? reasons.unknownUnit(header, unit.value)
        : reasons.ambiguousUnit(header, unit.value),
    );
  }
  const body = {
    ...delivery.body,
    location: {
      ...(delivery.body.location as object),
      unitCode: unit.ok ? (unit.code ?? undefined) : undefined,
    },
  };
  let input: IntakeInput | undefined;
  try {
    input = parseIntakeInput(body, {
      channel: delivery.channel ?? 'questionnaire',
      now: options.clock(),
      submittedAtSkewMs: options.submittedAtSkewMs,
      phoneRequired: false,
    });
  } catch (error) {
    const fieldProblems = fieldErrorsOf(error);
    if (!fieldProblems) throw error;
    problems.push(...fieldProblems);
  }
  if (problems.length > 0 || !input || !delivery.channel) throw new RowRejected(problems);
  const channel = delivery.channel;

  const key = `${channel}\u0000${delivery.ticket}`;
  const firstRow = seen.get(key);
  if (firstRow !== undefined) throw new RowRejected([reasons.duplicateInFile(firstRow)]);
  seen.set(key, rowNumber);

  const base = { row: rowNumber, ticket: delivery.ticket };
  const existing = await options
    .knex('demands')
    .where({ channel, channel_ticket_id: delivery.ticket })
    .first<{ code: string; content_normalised: string } | undefined>('code', 'content_normalised');
  if (existing) {
    if (existing.content_normalised !== input.content.normalised) {
      throw new RowRejected([reasons.ticketConflict(existing.code)]);
    }
    return { ...base, kind: 'already_imported', code: existing.code };
  }

  try {
    if (options.dryRun) {
      await placeDemand(options.knex, input.location.unitCode, options.districtCode);
      return { ...base, kind: 'valid' };
    }
    const result = await options.intake.submit(input, {
      channel,
      keyId: null,
      districtCode: options.districtCode,
      actor: `import:${channel}`,
      historyDetail: {
        importFile: options.fileName,
        importRow: rowNumber,
        ...(delivery.visitor ? { collectedBy: delivery.visitor } : {}),
      },
    });
    if (!result.created) return { ...base, kind: 'already_imported', code: result.answer.code };
    return {
      ...base,
      kind: 'imported',
      code: result.answer.code,
      divertedTo: result.answer.divertedTo,
      duplicateOf: result.answer.duplicateOf,
    };
  } catch (error) {
    const fieldProblems = fieldErrorsOf(error);
    if (fieldProblems) throw new RowRejected(fieldProblems);
    throw error;
  }
}
