/**
 * `npm run bench:triage`: replays the labelled demands of test/fixtures/triage in time order,
 * proposing for each before learning its labels (online, from earlier demands only), and prints
 * the quality of the proposals beside the same replay without learning (lexicons alone).
 * `-- --misses` then lists the duplicate pairs missed or made wrongly, with their score parts.
 */
import { loadTriageFixtures } from '../test/support/triage-fixtures';
import { printMisses } from './triage/misses';
import { replayTriage } from './triage/replay';
import { scoreReplay, type TriageScores } from './triage/scores';

const pct = (value: number) => (Number.isNaN(value) ? '—' : `${(value * 100).toFixed(1)}%`);
const num = (value: number, digits = 3) => (Number.isNaN(value) ? '—' : value.toFixed(digits));

/**
 * Lexicons and rules were written looking at the first half of the set only; the second half
 * (from this id on) is held out, so its column shows how they carry over to unseen texts.
 */
export const HELD_OUT_FROM = 'T0181';

type Row = [string, string, string, string, string];

function rows(learned: TriageScores, heldOut: TriageScores, lexiconOnly: TriageScores): Row[] {
  const both = (label: string, target: string, pick: (s: TriageScores) => string): Row => [
    label,
    pick(learned),
    pick(heldOut),
    pick(lexiconOnly),
    target,
  ];
  return [
    both('emergency recall', '100%', (s) => `${pct(s.emergencyRecall)} of ${s.emergencies}`),
    both('false diversions', '≤ 2%', (s) => pct(s.falseDiversions)),
    both('duplicate pairs precision', '≥ 0.9', (s) => num(s.duplicate.precision)),
    both('duplicate pairs recall', '≥ 0.9', (s) => num(s.duplicate.recall)),
    both('duplicate pairs F1', '≥ 0.9', (s) => num(s.duplicate.f1)),
    both(
      'false merges (hard negatives)',
      '≤ 2%',
      (s) => `${pct(s.falseMerges)} of ${s.hardNegatives}`,
    ),
    both('screening outcome accuracy', '', (s) => pct(s.outcomeAccuracy)),
    both(
      'category accuracy / macro-F1',
      '',
      (s) => `${pct(s.category.accuracy)} / ${num(s.category.macroF1)}`,
    ),
    both(
      'domain accuracy / macro-F1',
      '',
      (s) => `${pct(s.domain.accuracy)} / ${num(s.domain.macroF1)}`,
    ),
    both('tier accuracy / macro-F1', '', (s) => `${pct(s.tier.accuracy)} / ${num(s.tier.macroF1)}`),
    both('lead unit agreement', '', (s) => pct(s.leadUnitAgreement)),
    both('suggestions per second', '', (s) => s.perSecond.toFixed(0)),
    both('latency p50 / p99 (ms)', '', (s) => `${num(s.p50Millis, 2)} / ${num(s.p99Millis, 2)}`),
  ];
}

function main() {
  const fixtures = loadTriageFixtures();
  // A first pass warms the segmenter and the JIT so the timed passes compare like with like.
  replayTriage(fixtures.slice(0, 50));
  const replayed = replayTriage(fixtures, { learn: true });
  const learned = scoreReplay(replayed);
  const heldOut = scoreReplay(replayed.filter(({ fixture }) => fixture.id >= HELD_OUT_FROM));
  const lexiconOnly = scoreReplay(replayTriage(fixtures, { learn: false }));
  const table = [
    ['', 'online learning', `held out (${HELD_OUT_FROM}–)`, 'lexicons only', 'target'],
    ...rows(learned, heldOut, lexiconOnly),
  ];
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...table.map((row) => row[i]!.length)));
  console.log(`triage replay of ${learned.demands} labelled demands in time order`);
  for (const row of table) {
    console.log(`| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`);
  }
  console.log(
    'Latency is the suggestion and the duplicate check in memory; intake adds one candidate query.',
  );
  if (process.argv.includes('--misses')) printMisses(replayed);
}

main();
