import { performance } from 'node:perf_hooks';
import { generateDemoDistrict } from '../../domain/org';
import { normaliseDemandText } from '../../domain/text';
import {
  createTriageModel,
  loadTriageLexicons,
  type ContentSuggestion,
  type OrgDirectory,
  type TriageInput,
  type TriageLabels,
} from '../../server/triage';
import {
  findDuplicate,
  loadDuplicatePolicy,
  type DuplicateCandidate,
  type DuplicateFinding,
} from '../../server/triage/duplicates';
import type { TriageFixture } from '../../test/support/triage-fixtures';

/** What the system proposed for one fixture demand, and how long proposing took. */
export interface ReplayedDemand {
  fixture: TriageFixture;
  suggestion: ContentSuggestion;
  duplicate: DuplicateFinding | undefined;
  /** The outcome the screener would see proposed: emergency, repeat, or the model's. */
  outcome: string | null;
  /** The fixture id of the group root the demand was proposed to join. */
  duplicateOf: string | null;
  /** The demand as the duplicate check saw it. */
  seen: SeenDemand;
  /** The demand as later demands' duplicate checks saw it; null when it was no candidate. */
  candidate: DuplicateCandidate | null;
  millis: number;
}

/** A demand as the duplicate check sees it: the phone stands in for its blind index. */
export type SeenDemand = Omit<DuplicateCandidate, 'id' | 'code' | 'domain' | 'groupId'>;

export interface ReplayOptions {
  /** Learn from each demand's labels after proposing for it (default true). */
  learn?: boolean;
}

const STAYS_CANDIDATE = new Set(['valid', 'invalid_repeat_no_new_facts']);

interface Place {
  districtCode: string;
  townshipCode: string | null;
  villageCode: string | null;
  gridCode: string | null;
}

/** Places and departments of the demo district, as the server reads them from org_units. */
export function demoDirectory(): { placeOf(unitCode: string): Place; org: OrgDirectory } {
  const tree = generateDemoDistrict();
  const places = new Map<string, Place>();
  for (const township of tree.children ?? []) {
    for (const village of township.children ?? []) {
      const place = {
        districtCode: tree.code,
        townshipCode: township.code,
        villageCode: village.code,
        gridCode: null,
      };
      places.set(village.code, place);
      for (const grid of village.grids ?? [])
        places.set(grid.code, { ...place, gridCode: grid.code });
    }
  }
  const owners = new Map<string, string>();
  for (const department of tree.departments ?? []) {
    for (const domain of department.domains ?? []) owners.set(domain, department.code);
  }
  return {
    placeOf(unitCode) {
      const place = places.get(unitCode);
      if (!place) throw new Error(`${unitCode} is not a place of the demo district`);
      return place;
    },
    org: {
      departmentFor: (districtCode, domain) =>
        districtCode === tree.code ? (owners.get(domain) ?? null) : null,
      cityCode: () => tree.city?.code ?? null,
    },
  };
}

/** The labels a screener's decisions give the model: only what a person decided for this demand. */
function labelsOf(fixture: TriageFixture): TriageLabels {
  const { labels } = fixture;
  return {
    outcome: labels.outcome,
    reasonCode: labels.reasonCode,
    ...(labels.category ? { category: labels.category } : {}),
    ...(labels.domain ? { domain: labels.domain } : {}),
    ...(labels.tier ? { tier: labels.tier } : {}),
  };
}

/**
 * Replays the labelled demands in time order as intake sees them: for each, the suggestion and
 * the duplicate check against the demands before it; then, as the screeners decide, the model
 * learns that demand's labels and the demand joins the candidates with its decided domain and
 * group. Nothing of a demand's own labels is known when proposing for it.
 */
export function replayTriage(
  fixtures: readonly TriageFixture[],
  options: ReplayOptions = {},
): ReplayedDemand[] {
  const learn = options.learn ?? true;
  const { placeOf, org } = demoDirectory();
  const model = createTriageModel(loadTriageLexicons(), undefined, { org });
  const policy = loadDuplicatePolicy();
  const candidates: DuplicateCandidate[] = [];
  const rootOf = new Map<string, string>();
  const results: ReplayedDemand[] = [];

  for (const fixture of fixtures) {
    const place = placeOf(fixture.unitCode);
    const text = normaliseDemandText(fixture.text).normalised;
    const input: TriageInput = { ...place, text, channel: fixture.channel };
    const started = performance.now();
    const suggestion = model.suggest(input);
    const seen: SeenDemand = {
      text,
      phoneHash: fixture.phone,
      villageCode: place.villageCode,
      gridCode: place.gridCode,
      lat: null,
      lng: null,
      submittedAt: fixture.submittedAt,
    };
    const duplicate =
      suggestion.divertedTo === null
        ? findDuplicate({ ...seen, domain: suggestion.domain }, candidates, policy)
        : undefined;
    const millis = performance.now() - started;

    const outcome =
      suggestion.divertedTo !== null
        ? 'divert_emergency'
        : duplicate?.outcome === 'invalid_repeat_no_new_facts'
          ? duplicate.outcome
          : suggestion.outcome;
    results.push({
      fixture,
      suggestion,
      duplicate,
      outcome,
      duplicateOf: duplicate?.of.id ?? null,
      seen,
      candidate: null,
      millis,
    });

    if (learn) model.learn(input, labelsOf(fixture));
    const decided = fixture.labels.duplicateOf;
    const root = decided ? (rootOf.get(decided) ?? decided) : null;
    if (root) rootOf.set(fixture.id, root);
    // Diverted and explained-and-closed demands are no candidates (load-candidates.ts).
    if (!STAYS_CANDIDATE.has(fixture.labels.outcome)) continue;
    const candidate = {
      ...seen,
      id: fixture.id,
      code: fixture.id,
      domain: fixture.labels.domain,
      groupId: root,
      rootId: root,
      rootCode: root,
    };
    candidates.push(candidate);
    results[results.length - 1]!.candidate = candidate;
  }
  return results;
}
