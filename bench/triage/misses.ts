/**
 * `npm run bench:triage -- --misses`: the true duplicate pairs the replay did not put in one
 * group and the pairs it put in one group wrongly, with both texts and why: out of the window,
 * not at the same place, or the parts of the later one's similarity to the earlier one.
 */
import {
  loadDuplicatePolicy,
  samePlaceReason,
  type DuplicatePolicy,
} from '../../server/triage/duplicates';
import { similarities } from '../../server/triage/duplicates/find-duplicate';
import { duplicateGroups } from '../../test/support/triage-metrics';
import type { ReplayedDemand } from './replay';

const DAY_MS = 86_400_000;

/** Each demand's group (named by its first demand), for the demands in any group. */
function groupOf(links: Array<{ id: string; duplicateOf: string | null }>): Map<string, string> {
  const group = new Map<string, string>();
  for (const members of duplicateGroups(links)) {
    for (const id of members) group.set(id, members[0]!);
  }
  return group;
}

const millisBefore = (later: ReplayedDemand, earlier: { submittedAt: Date }) =>
  later.seen.submittedAt.getTime() - earlier.submittedAt.getTime();

/** Why `later` did or did not join `earlier`, in the words of the duplicate check. */
function why(
  later: ReplayedDemand,
  earlier: ReplayedDemand,
  replayed: readonly ReplayedDemand[],
  policy: DuplicatePolicy,
): string {
  const millis = millisBefore(later, earlier.seen);
  const days = `${(millis / DAY_MS).toFixed(0)} d`;
  if (millis > policy.windowDays * DAY_MS) return `${days} apart, out of the window`;
  const place = samePlaceReason(later.seen, earlier.seen, policy);
  if (place === undefined) return 'not at the same place';
  if (earlier.candidate === null) return `${place}, but no candidate (closed or diverted)`;
  // Words are weighed among the probe and all its candidates, as findDuplicate does.
  const pool = replayed.flatMap(({ candidate }) =>
    candidate !== null &&
    candidate.submittedAt < later.seen.submittedAt &&
    millisBefore(later, candidate) <= policy.windowDays * DAY_MS &&
    samePlaceReason(later.seen, candidate, policy) !== undefined
      ? [candidate]
      : [],
  );
  const at = pool.indexOf(earlier.candidate);
  const parts = similarities(later.seen, pool, policy)[at]!;
  const caller = later.seen.phoneHash === earlier.seen.phoneHash ? 'same caller' : 'other caller';
  const flags = [
    parts.sameTrouble ? 'same thing same trouble' : '',
    parts.otherAddress ? 'other address' : '',
    parts.otherTroubles ? 'other troubles' : '',
  ].filter((flag) => flag !== '');
  return (
    `${place}, ${days}, ${caller}, score ${parts.score.toFixed(2)} = max(copy ` +
    `${parts.copy.toFixed(2)}, matter ${parts.matter.toFixed(2)})` +
    `${flags.length > 0 ? `, ${flags.join(', ')}` : ''}; ${pool.length} candidates`
  );
}

/** Prints each missed true pair and each false pair (earlier → later), then their counts. */
export function printMisses(replayed: readonly ReplayedDemand[]): void {
  const policy = loadDuplicatePolicy();
  const truth = groupOf(
    replayed.map(({ fixture }) => ({ id: fixture.id, duplicateOf: fixture.labels.duplicateOf })),
  );
  const proposed = groupOf(
    replayed.map((demand) => ({ id: demand.fixture.id, duplicateOf: demand.duplicateOf })),
  );
  const together = (groups: Map<string, string>, a: string, b: string) =>
    groups.has(a) && groups.get(a) === groups.get(b);
  let missed = 0;
  let wrong = 0;
  replayed.forEach((later, j) => {
    for (const earlier of replayed.slice(0, j)) {
      const [a, b] = [earlier.fixture.id, later.fixture.id];
      const isTrue = together(truth, a, b);
      if (isTrue === together(proposed, a, b)) continue;
      if (isTrue) missed++;
      else wrong++;
      console.log(`${isTrue ? 'missed' : 'false'} ${a} → ${b} (${later.fixture.channel})`);
      console.log(`  ${a} ${earlier.seen.text}`);
      console.log(`  ${b} ${later.seen.text}`);
      console.log(`  ${why(later, earlier, replayed, policy)}`);
      console.log(`  ${b} was proposed to join ${later.duplicateOf ?? 'nothing'}`);
    }
  });
  console.log(`${missed} true pairs missed, ${wrong} false pairs`);
}
