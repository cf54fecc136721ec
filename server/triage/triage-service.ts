import type { Knex } from 'knex';
import type { Log } from '../../platform';
import {
  findDuplicate,
  loadDuplicateCandidates,
  loadDuplicatePolicy,
  type DuplicatePolicy,
  type DuplicateProbe,
} from './duplicates';
import { loadOrgDirectory } from './org-directory';
import { createTriageLearner, type TriageLearner } from './triage-learner';
import { loadTriageLexicons, type TriageLexicons } from './triage-lexicons';
import { loadLatestModel } from './triage-store';
import type { ContentSuggestion, TriageInput, TriageModel } from './triage-types';

/** What intake stores as the demand's `suggestion` (API.md) and hands to its process. */
export interface IntakeSuggestion extends ContentSuggestion {
  duplicateOf: string | null;
  duplicateConfidence: number;
  checks: string[];
}

/** The suggestion and what intake answers with at once. */
export interface IntakeTriage {
  suggestion: IntakeSuggestion;
  /** The demand this one repeats with nothing new (the same citizen), answered as a repeat. */
  repeatOf: { id: string; code: string } | null;
  /** What the channel tells the citizen of an emergency (zh-CN, from the emergency lexicon). */
  emergencyMessage: string | null;
}

export interface TriageServiceOptions {
  knex: Knex;
  /** Default: the lexicon files in server/triage. */
  lexicons?: TriageLexicons;
  /** Default: server/triage/duplicates/duplicate-policy.json. */
  duplicatePolicy?: DuplicatePolicy;
  log?: Log;
}

/**
 * The system's proposal for a new demand, made inside the intake request: the content model
 * (emergency, screening outcome, category, domain, tier, units) and the duplicate it repeats.
 * The model is loaded from its newest stored version on first use; the learner (started by
 * the server, one per database) keeps teaching that same object from screeners' decisions.
 */
export function createTriageService(options: TriageServiceOptions) {
  const { knex } = options;
  const lexicons = options.lexicons ?? loadTriageLexicons();
  const policy = options.duplicatePolicy ?? loadDuplicatePolicy();
  let loading: Promise<TriageModel> | undefined;
  let learner: TriageLearner | undefined;

  const model = () =>
    (loading ??= (async () => {
      const org = await loadOrgDirectory(knex);
      return loadLatestModel(knex, lexicons, { org });
    })().catch((error: unknown) => {
      loading = undefined; // a database hiccup must not leave intake without triage for good
      throw error;
    }));

  async function suggest(
    input: TriageInput,
    probe: Omit<DuplicateProbe, 'domain' | 'text'>,
  ): Promise<IntakeTriage> {
    const content = (await model()).suggest(input);
    const duplicate =
      content.divertedTo === null
        ? findDuplicate(
            { ...probe, text: input.text, domain: content.domain },
            await loadDuplicateCandidates(
              knex,
              input.districtCode,
              { ...probe, text: input.text, domain: content.domain },
              policy,
            ),
            policy,
          )
        : undefined;
    const repeat = duplicate?.outcome === 'invalid_repeat_no_new_facts' ? duplicate : undefined;
    return {
      suggestion: {
        ...content,
        outcome: repeat ? 'invalid_repeat_no_new_facts' : content.outcome,
        reasonCode: repeat ? 'repeat' : content.reasonCode,
        duplicateOf: duplicate?.of.code ?? null,
        duplicateConfidence: duplicate?.similarity ?? 0,
        reasons: [...content.reasons, ...(duplicate?.reasons ?? [])],
        checks: ['emergency', 'content', 'duplicate'],
      },
      repeatOf: repeat ? repeat.of : null,
      emergencyMessage: content.divertedTo ? lexicons.emergency.messages[content.divertedTo] : null,
    };
  }

  return {
    suggest,
    /** Starts teaching the model from decisions (call once per database, in the server). */
    async startLearning(): Promise<void> {
      if (learner) return;
      learner = createTriageLearner({
        knex,
        model: await model(),
        log: options.log,
      });
      learner.start();
    },
    /** Learns what is pending now (tests, and the server before it stops). */
    async learnPending() {
      const active = learner ?? createTriageLearner({ knex, model: await model(), saveEvery: 1 });
      return active.learnPending({ save: true });
    },
    async stop(): Promise<void> {
      await learner?.stop();
      learner = undefined;
    },
  };
}

export type TriageService = ReturnType<typeof createTriageService>;
