import type { Knex } from 'knex';
import { ModelStateError } from './online-model';
import type { OrgDirectory } from './org-directory';
import { createTriageModel } from './triage-model';
import type { TriageLexicons } from './triage-lexicons';
import type { TriageModel, TriageModelState } from './triage-types';

/** Older versions beyond this many are deleted when a new one is saved. */
export const KEPT_MODEL_VERSIONS = 20;

export type ModelVersionReason = 'seed' | 'learned' | 'reset';

interface ModelRow {
  id: string;
  reason: ModelVersionReason;
  examples_seen: number;
  state: TriageModelState;
  created_at: Date;
}

/** Stores the model's state as a new version, prunes old ones; returns and sets the version. */
export async function saveModelVersion(
  knex: Knex,
  model: TriageModel,
  reason: ModelVersionReason,
): Promise<number> {
  const version = await insertState(knex, model.exportState(), reason);
  model.version = version;
  return version;
}

async function insertState(
  knex: Knex,
  state: TriageModelState,
  reason: ModelVersionReason,
): Promise<number> {
  return knex.transaction(async (trx) => {
    const [row] = await trx('triage_models')
      .insert({ reason, examples_seen: state.examplesSeen, state: JSON.stringify(state) })
      .returning<Array<{ id: string }>>('id');
    const version = Number(row!.id);
    // By rank, not by id arithmetic: ids have gaps where an insert rolled back.
    await trx('triage_models')
      .whereNotIn(
        'id',
        trx('triage_models').select('id').orderBy('id', 'desc').limit(KEPT_MODEL_VERSIONS),
      )
      .delete();
    return version;
  });
}

/**
 * The newest stored model; on an empty table the lexicon-only model, stored as the first
 * version (reason seed), so every suggestion names a version.
 */
export async function loadLatestModel(
  knex: Knex,
  lexicons: TriageLexicons,
  options: { org?: OrgDirectory } = {},
): Promise<TriageModel> {
  const row = await knex('triage_models')
    .orderBy('id', 'desc')
    .first<ModelRow | undefined>('id', 'state');
  if (row) {
    try {
      return createTriageModel(lexicons, row.state, { ...options, version: Number(row.id) });
    } catch (error) {
      // A version stored by an older release whose features meant something else: start
      // again from the lexicons (as `npm run triage:reset` would) rather than refuse to start.
      if (!(error instanceof ModelStateError)) throw error;
      const fresh = createTriageModel(lexicons, undefined, options);
      await saveModelVersion(knex, fresh, 'reset');
      return fresh;
    }
  }
  const model = createTriageModel(lexicons, undefined, options);
  await saveModelVersion(knex, model, 'seed');
  return model;
}

/**
 * Forgets everything learned: a new version from the lexicons alone (reason reset). Older
 * versions stay until pruned, so a reset can itself be looked at later.
 */
export async function resetModel(knex: Knex, lexicons: TriageLexicons): Promise<number> {
  return insertState(knex, createTriageModel(lexicons).exportState(), 'reset');
}

/** The newest reset version after `version`, with its state, if there is one. */
export async function resetAfter(
  knex: Knex,
  version: number | null,
): Promise<{ version: number; state: TriageModelState } | undefined> {
  const row = await knex('triage_models')
    .where({ reason: 'reset' })
    .andWhere('id', '>', version ?? 0)
    .orderBy('id', 'desc')
    .first<ModelRow | undefined>('id', 'state');
  return row ? { version: Number(row.id), state: row.state } : undefined;
}

/** The stored versions, newest first, without their states (for the process owner's view). */
export async function listModelVersions(knex: Knex) {
  const rows = await knex('triage_models')
    .orderBy('id', 'desc')
    .select<ModelRow[]>('id', 'reason', 'examples_seen', 'created_at');
  return rows.map((r) => ({
    version: Number(r.id),
    reason: r.reason,
    examplesSeen: r.examples_seen,
    createdAt: r.created_at,
  }));
}
