import type { Knex } from 'knex';
import type { TriageInput, TriageLabels, TriageModel } from './triage-types';
import { resetAfter, saveModelVersion } from './triage-store';

/** The demand's columns a decision is learned with. */
export interface DecisionDemandRow {
  content_normalised: string;
  channel: string;
  is_petition: boolean;
  district_code: string | null;
  township_code: string | null;
  village_code: string | null;
  grid_code: string | null;
}

interface DecisionRow extends DecisionDemandRow {
  id: string;
  demand_id: string;
  stage: string;
  field: string;
  decided: string | null;
}

export interface TriageLearnerOptions {
  knex: Knex;
  /** The model the server suggests with: learning and resets change this very object. */
  model: TriageModel;
  /** The text the model learns from (default: the stored normalised text). */
  normalisedTextOf?: (demand: DecisionDemandRow) => string;
  /** Save a new version after this many learned examples (default 50). */
  saveEvery?: number;
  /** Poll interval of start() in ms (default 2000). */
  intervalMs?: number;
  /** Decisions read per transaction (default 200). */
  batchSize?: number;
  log?: (line: string) => void;
}

export interface LearnResult {
  /** Examples learned: one per demand and stage. */
  examples: number;
  decisions: number;
  savedVersion: number | null;
}

/** triage_decisions.field → the label it sets; other fields are marked and skipped. */
const FIELD_LABELS: Record<string, keyof TriageLabels> = {
  category: 'category',
  domain: 'domain',
  tier: 'tier',
  outcome: 'outcome',
  reasonCode: 'reasonCode',
  reason_code: 'reasonCode',
};

/**
 * Teaches the model from people's decisions (triage_decisions), oldest first. The decisions
 * of one demand at one stage make one example. Decisions are locked while read (SKIP LOCKED) and
 * marked learned in the same transaction, so two learners never both learn one; the model
 * lives in one process, so run one learner per database. Also picks up a reset made by
 * `npm run triage:reset` while the server runs.
 */
export function createTriageLearner(options: TriageLearnerOptions) {
  const { knex, model } = options;
  const saveEvery = options.saveEvery ?? 50;
  const intervalMs = options.intervalMs ?? 2000;
  const batchSize = options.batchSize ?? 200;
  const textOf = options.normalisedTextOf ?? ((demand) => demand.content_normalised);
  let unsaved = 0;

  async function learnBatch(): Promise<{ examples: number; decisions: number }> {
    return knex.transaction(async (trx) => {
      const rows = await trx('triage_decisions as t')
        .join('demands as d', 'd.id', 't.demand_id')
        .whereNull('t.learned_at')
        .orderBy('t.id')
        .limit(batchSize)
        .forUpdate('t')
        .skipLocked()
        .select<DecisionRow[]>(
          't.id',
          't.demand_id',
          't.stage',
          't.field',
          't.decided',
          'd.content_normalised',
          'd.channel',
          'd.is_petition',
          'd.district_code',
          'd.township_code',
          'd.village_code',
          'd.grid_code',
        );
      const examples = new Map<string, { demand: DecisionRow; labels: TriageLabels }>();
      for (const row of rows) {
        const key = `${row.demand_id}|${row.stage}`;
        const example = examples.get(key) ?? { demand: row, labels: {} };
        const label = FIELD_LABELS[row.field];
        // A later decision on the same field at the same stage is the one that stood.
        if (label) (example.labels as Record<string, string | null>)[label] = row.decided;
        examples.set(key, example);
      }
      for (const { demand, labels } of examples.values()) {
        const input: TriageInput = {
          text: textOf(demand),
          channel: demand.channel,
          isPetition: demand.is_petition,
          districtCode: demand.district_code ?? '',
          townshipCode: demand.township_code,
          villageCode: demand.village_code,
          gridCode: demand.grid_code,
        };
        model.learn(input, labels);
      }
      if (rows.length > 0) {
        await trx('triage_decisions')
          .whereIn(
            'id',
            rows.map((r) => r.id),
          )
          .update({ learned_at: trx.fn.now() });
      }
      return { examples: examples.size, decisions: rows.length };
    });
  }

  /** Reloads the newest reset version if one was stored after the model's own version. */
  async function pickUpReset(): Promise<void> {
    const reset = await resetAfter(knex, model.version);
    if (!reset) return;
    model.loadState(reset.state, reset.version);
    unsaved = 0;
    options.log?.(`triage model reset to version ${reset.version}`);
  }

  /** Learns every pending decision; saves a version every `saveEvery` examples or when asked. */
  async function learnPending(opts: { save?: boolean } = {}): Promise<LearnResult> {
    await pickUpReset();
    const result: LearnResult = { examples: 0, decisions: 0, savedVersion: null };
    for (;;) {
      const batch = await learnBatch();
      result.examples += batch.examples;
      result.decisions += batch.decisions;
      unsaved += batch.examples;
      if (unsaved >= saveEvery) result.savedVersion = await save();
      if (batch.decisions < batchSize) break;
    }
    if (opts.save && unsaved > 0) result.savedVersion = await save();
    return result;
  }

  async function save(): Promise<number> {
    unsaved = 0;
    return saveModelVersion(knex, model, 'learned');
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  // setTimeout after each run (not setInterval), so a slow run never overlaps the next.
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = learnPending()
        .then(
          () => undefined,
          (error: unknown) => options.log?.(`triage learning failed: ${(error as Error).message}`),
        )
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, intervalMs);
  };

  return {
    learnPending,
    /** Saves what was learned since the last version, if anything. */
    async saveNow(): Promise<number | null> {
      return unsaved > 0 ? save() : null;
    },
    start(): void {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    /** Stops polling and waits for a run in progress to finish. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type TriageLearner = ReturnType<typeof createTriageLearner>;
