import type { Knex } from 'knex';
import * as orgAndIdentity from './20261121_001_org_and_identity';
import * as demands from './20261121_002_demands';
import * as ledger from './20261121_003_ledger';
import * as clocks from './20261121_004_clocks';
import * as supervisionAndVerification from './20261121_005_supervision_and_verification';
import * as outboxAndArchive from './20261121_006_outbox_and_archive';
import * as rankingsAndLogs from './20261121_007_rankings_and_logs';
import * as demandVocabulary from './20261202_008_demand_vocabulary';
import * as sessionsAndChannelKeys from './20261202_010_sessions_and_channel_keys';
import * as jobEffects from './20261202_020_job_effects';
import * as processDeployments from './20261202_030_process_deployments';
import * as outboxClaims from './20261202_040_outbox_claims';
import * as triageModels from './20261203_050_triage_models';
import * as duplicateLookup from './20261203_060_duplicate_lookup';
import * as unitLadder from './20261203_070_unit_ladder';
import * as demandMonthlyHistory from './20261203_080_demand_monthly_history';
import * as spotChecks from './20261203_090_spot_checks';
import * as fraudFindings from './20261203_100_fraud_findings';
import * as ledgerCurrentIndex from './20261203_115_ledger_current_index';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Every migration, in order. Listed explicitly rather than discovered on disk, so the same
 * list works under tsx, Jest and a compiled build, and the type checker sees each one.
 */
const migrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['20261121_001_org_and_identity', orgAndIdentity],
  ['20261121_002_demands', demands],
  ['20261121_003_ledger', ledger],
  ['20261121_004_clocks', clocks],
  ['20261121_005_supervision_and_verification', supervisionAndVerification],
  ['20261121_006_outbox_and_archive', outboxAndArchive],
  ['20261121_007_rankings_and_logs', rankingsAndLogs],
  ['20261202_008_demand_vocabulary', demandVocabulary],
  ['20261202_010_sessions_and_channel_keys', sessionsAndChannelKeys],
  ['20261202_020_job_effects', jobEffects],
  ['20261202_030_process_deployments', processDeployments],
  ['20261202_040_outbox_claims', outboxClaims],
  ['20261203_050_triage_models', triageModels],
  ['20261203_060_duplicate_lookup', duplicateLookup],
  ['20261203_070_unit_ladder', unitLadder],
  ['20261203_080_demand_monthly_history', demandMonthlyHistory],
  ['20261203_090_spot_checks', spotChecks],
  ['20261203_100_fraud_findings', fraudFindings],
  ['20261203_115_ledger_current_index', ledgerCurrentIndex],
];

class ListedMigrationSource implements Knex.MigrationSource<Migration> {
  async getMigrations(): Promise<Migration[]> {
    return migrations.map(([, migration]) => migration);
  }
  getMigrationName(migration: Migration): string {
    const entry = migrations.find(([, m]) => m === migration);
    if (!entry) throw new Error('unknown migration');
    return entry[0];
  }
  async getMigration(migration: Migration): Promise<Migration> {
    return migration;
  }
}

export const migrationConfig: Knex.MigratorConfig = {
  migrationSource: new ListedMigrationSource(),
  tableName: 'knex_migrations',
};

/** Brings the schema to the newest version; returns the names of the migrations it ran. */
export async function migrateToLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(migrationConfig)) as [number, string[]];
  return applied;
}

/** Undoes every migration (used by the migration round-trip test). */
export async function migrateAllDown(knex: Knex): Promise<void> {
  await knex.migrate.rollback(migrationConfig, true);
}

export const migrationNames = migrations.map(([name]) => name);
