import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import type { TriageLexicons } from './triage-lexicons';

/** A lexicon term found in a text: which head it speaks for and which class. */
export interface LexiconHit {
  head: 'domain' | 'category' | 'tier' | 'outcome' | 'reason' | 'matter';
  label: string;
  term: string;
}

export interface TextFeatures {
  /** Feature name → value, in a stable order (sorted by name), so learning is deterministic. */
  values: Map<string, number>;
  hits: LexiconHit[];
}

// Building the dictionary takes a quarter of a second: only when the first text comes.
let jieba: Jieba | undefined;
export const segmenter = (): Jieba => (jieba ??= Jieba.withDict(dict));

/** Words that say nothing about a demand's kind; kept out so they do not soak up weight. */
const STOPWORDS = new Set(
  '的 了 着 过 是 在 和 与 及 或 也 就 都 而 又 把 被 让 给 对 向 从 到 这 那 个 吗 呢 吧 啊 呀 嘛 哦 嗯 么 之 其 有 我 你 他 她 它 您 很 还 再 没 不 啥 得 地'.split(
    ' ',
  ),
);

const CJK = /\p{Script=Han}/u;
const CJK_RUN = /\p{Script=Han}+/gu;
// A word is kept when it has a Han character or a Latin letter: pure digits are phone numbers,
// dates and house numbers (noise, and personal), punctuation and emoji carry no topic.
const MEANINGFUL = /[\p{Script=Han}a-z]/u;

/**
 * The length every text's word and bigram features are scaled to, so a long letter does not
 * outvote a short call. At 1 a learned word weighed too little beside a lexicon hit (value 1,
 * seeded 3): one SGD step moved a sentence's score by about the learning rate, and a new
 * wording needed many decisions before it beat a misleading term. At 3 a handful does.
 */
export const TEXT_LENGTH = 3;

/** The words and Han character bigrams of a text, each once. */
function textFeatures(text: string): string[] {
  const names = new Set<string>();
  for (const raw of segmenter().cut(text, false)) {
    const word = raw.trim();
    if (word === '' || STOPWORDS.has(word) || !MEANINGFUL.test(word)) continue;
    names.add(`w:${word}`);
  }
  for (const run of text.match(CJK_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i += 1) names.add(`b:${run.slice(i, i + 2)}`);
    if (run.length === 1 && CJK.test(run)) names.add(`b:${run}`);
  }
  return [...names];
}

/** Every term of every lexicon found in the text, each once per class. */
export function lexiconHits(text: string, lexicons: TriageLexicons): LexiconHit[] {
  const hits: LexiconHit[] = [];
  const scan = (head: LexiconHit['head'], table: Record<string, string[]>) => {
    for (const [label, terms] of Object.entries(table)) {
      for (const term of terms) {
        if (text.includes(term.toLowerCase())) hits.push({ head, label, term });
      }
    }
  };
  scan('domain', lexicons.domain.domains);
  scan('matter', lexicons.domain.matters);
  scan('category', lexicons.category.categories);
  scan('tier', lexicons.tier.tiers);
  for (const [code, reason] of Object.entries(lexicons.screening.reasons)) {
    for (const term of reason.cues) {
      if (!text.includes(term.toLowerCase())) continue;
      hits.push({ head: 'reason', label: code, term });
      hits.push({ head: 'outcome', label: reason.outcome, term });
    }
  }
  return hits;
}

/** A longer term inside which a shorter one was found speaks once, not twice ("路灯不亮"/"路灯"). */
function withoutContained(hits: LexiconHit[]): LexiconHit[] {
  return hits.filter(
    (hit) =>
      !hits.some(
        (other) =>
          other !== hit &&
          other.head === hit.head &&
          other.label === hit.label &&
          other.term.length > hit.term.length &&
          other.term.includes(hit.term),
      ),
  );
}

/**
 * The features of a normalised demand text: jieba words (`w:`), Han character bigrams (`b:`)
 * and one feature per lexicon class hit (`lex:<head>:<class>`), which grows with the number of
 * distinct terms found (1, 1.5, then 2 at most).
 */
export function extractFeatures(normalisedText: string, lexicons: TriageLexicons): TextFeatures {
  const text = normalisedText.toLowerCase();
  const names = textFeatures(text);
  const values = new Map<string, number>();
  const scale = names.length > 0 ? TEXT_LENGTH / Math.sqrt(names.length) : 0;
  for (const name of names) values.set(name, scale);
  const hits = withoutContained(lexiconHits(text, lexicons));
  const counts = new Map<string, number>();
  for (const hit of hits) {
    if (hit.head === 'matter') continue;
    const name = `lex:${hit.head}:${hit.label}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  for (const [name, count] of counts) values.set(name, Math.min(1 + 0.5 * (count - 1), 2));
  for (const hit of hits) if (hit.head !== 'matter') values.set(`t:${hit.term}`, 1);
  const sorted = new Map([...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { values: sorted, hits };
}

/** The terms that hit for one class of one head, for reasons. */
export function termsFor(hits: LexiconHit[], head: LexiconHit['head'], label: string): string[] {
  return [...new Set(hits.filter((h) => h.head === head && h.label === label).map((h) => h.term))];
}

/** The prefix of the feature that tells the tier head the demand's domain. */
export const DOMAIN_FEATURE = 'd:';

/**
 * The features with the demand's domain added: how high a matter goes depends much on its
 * field (a water main is the utility's, a rubbish bin the village's), so the tier head reads it.
 */
export function withDomain(
  values: ReadonlyMap<string, number>,
  domain: string,
): Map<string, number> {
  return new Map([...values, [`${DOMAIN_FEATURE}${domain}`, 1]]);
}
