/**
 * Whether a repeat brings new facts: what it says that its original did not, leaving out what a
 * citizen says only to chase the earlier demand.
 */
import { contentBigrams, contentRuns, shared, standardWords } from './text-similarity';

// Asking after progress, pressing, or saying it is still so: what a citizen says when calling
// again about the same matter, no fact about it ("问下进度", "还没人来修", "什么时候解决").
const CHASING_PHRASES = [
  '问下进度',
  '进度',
  '怎么样',
  '办得',
  '有没有',
  '没有',
  '处理没',
  '办了没',
  '还没人',
  '没人来',
  '人来',
  '什么时候',
  '啥时候',
  '能不能',
  '快点',
  '再说一遍',
  '老样子',
  '打过',
  '说过',
  '事情',
  '那个事',
  '的事',
  '问问',
  '问一下',
  '想问',
  '还在',
  '电话',
  '上周',
  '上个月',
  '前几天',
  '前天',
];

/**
 * The repeat's bigrams within its content runs (none across the place where filler stood, which
 * would pair words never said together), without what only chases the earlier demand.
 */
function factBigrams(normalisedText: string): Set<string> {
  let text = standardWords(normalisedText);
  for (const phrase of CHASING_PHRASES) text = text.split(phrase).join('，');
  const bigrams = new Set<string>();
  for (const run of contentRuns(text)) {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) bigrams.add(chars[i]! + chars[i + 1]!);
  }
  return bigrams;
}

/**
 * Fewer new bigrams than this are no new fact whatever their share: a short repeat says a few
 * words its original did not ("还没人来补") without telling anything new.
 */
export const NEW_FACT_BIGRAMS = 6;

/**
 * The share 0..1 of the new text's content bigrams, after chasing phrases, that the original
 * does not have: how much the citizen says that was not said before (0 for a plain repeat or a
 * progress question, 0 for a text with no content, and 0 below NEW_FACT_BIGRAMS new bigrams).
 */
export function novelty(newText: string, originalText: string): number {
  const added = factBigrams(newText);
  if (added.size === 0) return 0;
  const newOnes = added.size - shared(added, contentBigrams(originalText));
  return newOnes < NEW_FACT_BIGRAMS ? 0 : newOnes / added.size;
}
