/**
 * How alike two demand texts are, on text already normalised by domain/text (Simplified script,
 * half-width, single spaces). Chinese has no spaces between words, so texts are compared as
 * sets of character bigrams ("路灯不亮" → 路灯 灯不 不亮), which survive reordered clauses and
 * small wording changes, after removing what says nothing about the matter: punctuation, emoji,
 * spaces, polite and dialect filler, and the words a citizen uses to say "again".
 */
import { duplicateLexicon } from './duplicate-lexicon';

// Sichuan and Cantonese spellings of common words, so both sides meet in one form.
const DIALECT: ReadonlyArray<readonly [string, string]> = [
  ['不得行', '不行'],
  ['莫得', '没有'],
  ['没得', '没有'],
  ['冇', '没有'],
  ['咋个', '怎么'],
  ['啥子', '什么'],
  ['晓得', '知道'],
  ['娃儿', '孩子'],
  ['嘅', '的'],
];

// Greetings, politeness, the closing plea every demand ends with ("希望有关部门尽快解决"), and
// "I reported this before / it is still so": they make two different matters look alike, or a
// repeat look unlike its original, and are no fact in either. Longer phrases first.
const FILLER_PHRASES = [
  '有关部门',
  '相关部门',
  '帮帮忙',
  '反映一下',
  '反映过',
  '投诉过',
  '打过电话',
  '请问',
  '你好',
  '您好',
  '麻烦',
  '谢谢',
  '感谢',
  '拜托',
  '帮忙',
  '那个',
  '这个',
  '就是',
  '一下',
  '我想',
  '我要',
  '反映',
  '之前',
  '以前',
  '上次',
  '还是',
  '仍然',
  '依然',
  '一直',
  '再次',
  '至今',
  '到现在',
  '现在',
  '得很',
  '希望',
  '要求',
  '恳请',
  '尽快',
  '尽早',
  '早日',
  '赶紧',
  '解决',
  '处理',
  '落实',
  '重视',
  '我们',
  '请',
  '又',
];

const { channelPhrases: CHANNEL_PHRASES, sameThing: SAME_THING } = duplicateLexicon();

// Particles and interjections, removed wherever they stand.
const FILLER_CHARS = /[的了吗呢啊嘛哈哦呀吧啦哎唉嗯噢喔哟咯嘞噻哒]/g;

// Anything that is not a letter or a digit: punctuation, symbols, emoji, spaces.
const NOT_CONTENT = /[^\p{L}\p{N}]/gu;

// "三号楼" and "3号楼", "停了三天" and "停了3天": Chinese numerals before a unit or a measure.
const NUMERAL =
  /([一二两三四五六七八九十]{1,3})(?=号|栋|幢|楼|单元|组|室|层|期|巷|弄|排|天|个|次|年|月|周|户|家|元|块|米|小时|点)/g;

// Building, entrance and village-group numbers: two texts naming only different ones speak of
// different places ("3号楼电梯坏了" is not "5号楼电梯坏了").
const ADDRESS_NUMBER = /(\d+)(号楼|栋|幢|单元|组)/g;
const DIGIT: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

function numeralValue(numeral: string): string {
  const [tens, units] = numeral.split('十') as [string, string | undefined];
  if (units === undefined) return numeral.length === 1 ? String(DIGIT[numeral]) : numeral;
  if (numeral.indexOf('十') !== numeral.lastIndexOf('十')) return numeral;
  const value =
    (tens === '' ? 1 : (DIGIT[tens] ?? NaN)) * 10 + (units === '' ? 0 : (DIGIT[units] ?? NaN));
  return Number.isNaN(value) ? numeral : String(value);
}

/** The text with dialect words in their standard form. */
export function standardWords(text: string): string {
  return DIALECT.reduce((out, [dialect, standard]) => out.split(dialect).join(standard), text);
}

/**
 * The runs of characters that carry the matter, in their order, split where filler or
 * punctuation stood (so a word segmenter does not read "事" + "不亮" as one word).
 */
export function contentRuns(normalisedText: string): string[] {
  let text = standardWords(normalisedText.toLowerCase());
  // How the demand came in says nothing of the matter: a QR-code report compares as a call.
  for (const phrase of CHANNEL_PHRASES) text = text.split(phrase).join(' ');
  for (const phrase of FILLER_PHRASES) text = text.split(phrase).join(' ');
  text = SAME_THING.reduce((out, [said, plain]) => out.split(said).join(plain), text);
  text = text.replace(NUMERAL, numeralValue);
  return text
    .replace(FILLER_CHARS, ' ')
    .replace(NOT_CONTENT, ' ')
    .split(' ')
    .filter((run) => run !== '');
}

/** The text reduced to the characters that carry the matter, in their order. */
export function contentText(normalisedText: string): string {
  return contentRuns(normalisedText).join('');
}

/** The content's character bigrams (a one-character content is its own "bigram"). */
export function contentBigrams(normalisedText: string): Set<string> {
  const chars = Array.from(contentText(normalisedText));
  if (chars.length === 1) return new Set(chars);
  const bigrams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) bigrams.add(chars[i]! + chars[i + 1]!);
  return bigrams;
}

/** How many of a's bigrams b has too. */
export function shared(a: Set<string>, b: Set<string>): number {
  let count = 0;
  for (const bigram of a) if (b.has(bigram)) count++;
  return count;
}

/** Whether the texts name numbers of one kind (号楼, 单元, 组 …) and none of them in common. */
export function namesOtherAddress(a: string, b: string): boolean {
  const numbers = (content: string) => {
    const byKind = new Map<string, Set<string>>();
    for (const [, number, kind] of content.matchAll(ADDRESS_NUMBER)) {
      const key = kind === '栋' || kind === '幢' ? '号楼' : kind!;
      byKind.set(key, (byKind.get(key) ?? new Set()).add(number!));
    }
    return byKind;
  };
  const left = numbers(contentText(a));
  const right = numbers(contentText(b));
  for (const [kind, mine] of left) {
    const theirs = right.get(kind);
    if (theirs && ![...mine].some((number) => theirs.has(number))) return true;
  }
  return false;
}

/**
 * Below this many bigrams the shorter text's containment is discounted in proportion: "路灯"
 * alone is contained in every street-light complaint and proves nothing.
 */
export const FULL_CONTAINMENT_BIGRAMS = 8;

/**
 * Similarity 0..1 of two normalised texts: 0 when they name different buildings, entrances or
 * village groups (namesOtherAddress), else the larger of
 * - Dice, 2·|A∩B| / (|A|+|B|), for two tellings of similar length, and
 * - the containment of the shorter, |A∩B| / min(|A|,|B|), scaled by min(1, min(|A|,|B|)/8), for
 *   a short repeat ("3号楼路灯还是坏的") of a long original, or a long repeat that adds facts
 *   to a short original.
 */
export function textSimilarity(a: string, b: string): number {
  const left = contentBigrams(a);
  const right = contentBigrams(b);
  const smaller = Math.min(left.size, right.size);
  if (smaller === 0 || namesOtherAddress(a, b)) return 0;
  const common = shared(left, right);
  const dice = (2 * common) / (left.size + right.size);
  const containment = (common / smaller) * Math.min(1, smaller / FULL_CONTAINMENT_BIGRAMS);
  return Math.max(dice, containment);
}
