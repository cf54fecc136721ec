import { userInfo } from 'node:os';
import type { Knex } from 'knex';
import type { ImportSummary } from './import-demands';

/**
 * One `audit_log` row per import that wrote (not a dry run): which file, by which system
 * account, with what result. The demands themselves carry the file and row in their history.
 */
export async function auditImport(
  knex: Knex,
  entry: {
    fileName: string;
    channel: string | null;
    districtCode: string | null;
    summary: ImportSummary;
  },
): Promise<void> {
  const { summary } = entry;
  let operator: string | null = null;
  try {
    operator = userInfo().username;
  } catch {
    // A container user without a passwd entry: the row says nothing about who, not why.
  }
  await knex('audit_log').insert({
    user_id: null,
    action: 'demand.import',
    entity_type: 'import_file',
    entity_id: entry.fileName,
    details: {
      via: 'npm run demands:import',
      operator,
      channel: entry.channel,
      districtCode: entry.districtCode,
      imported: summary.imported,
      alreadyImported: summary.alreadyImported,
      rejected: summary.rejected.length,
      outcome: summary.rejected.length > 0 ? 'partly_refused' : 'succeeded',
    },
  });
}
