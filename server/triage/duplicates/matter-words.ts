/**
 * The words that name a demand's matter, and how alike two demands are in them. Repeats are
 * paraphrases ("自来水一直是黄的" / "水还是黄的，今天停水了"), so bigram overlap alone misses
 * them; the candidates already stand at the same place, in the window, so what is left to ask is
 * whether they speak of the same thing. Words are weighted by rarity among the texts compared:
 * the place's own name, which every candidate there carries, weighs little; "KTV" or "光伏" much.
 */
import { segmenter } from '../text-features';
import { backgroundRarity } from './common-words';
import { duplicateLexicon } from './duplicate-lexicon';
import { contentRuns } from './text-similarity';

// Words that say nothing about which matter: pronouns, vague nouns and verbs, time words.
const STOPWORDS = new Set(
  (
    '的 了 着 过 是 在 和 与 及 或 也 就 都 而 把 被 让 给 对 向 从 到 这 那 个 吗 呢 吧 么 之 其 ' +
    '有 没 没有 我 你 他 她 它 您 很 还 再 不 啥 得 地 家 人 事 事情 问题 情况 问 问下 问问 进度 ' +
    '怎么样 什么 时候 今天 昨天 昨晚 前几天 这几天 每天 天天 晚上 早上 上周 几次 好几 一个 几个 ' +
    '他们 大家 自己 老是 已经 还有 而且 但是 可是 所以 因为 说 想 能 能不能 要 会 来 去 里 上 下 ' +
    '边 这边 那边 旁边 门口 附近 整个 好多 很多 太 越来越 更 直接 开始 打 电话 说过 讲 一遍 老样子'
  ).split(' '),
);

// Where at the place: every demand there may say it.
const SPOTS = '村口 路口 巷口 街口 楼下 楼上 对面 院坝 河边 路边 路上'.split(' ');

// The place a demand names: villages, groups, communities, estates, buildings. The candidates
// share it by construction, so it proves nothing about the matter.
const PLACE = /(村|组|社区|小区|坊|苑|镇|乡|栋|幢|单元|号楼|街道)$/;
const PLACE_TAGS = new Set(['ns', 'nr', 'nrt', 'nz', 'm']);
// jieba tags some matter words as names or numbers ("麻将馆"/nr, "半夜"/m): a "name" ending in
// a kind of premises, or a "number" without a numeral, is kept.
const PREMISES = /(馆|店|厂|场|站|房|厅|所|院|室|吧|棚)$/;
const NUMERAL = /[\d一二两三四五六七八九十百千万几]/;
const isPlaceOrNumber = (word: string, tag: string) =>
  PLACE_TAGS.has(tag) && !(tag === 'm' ? !NUMERAL.test(word) : PREMISES.test(word));

// How citizens say the same trouble in other words (duplicate-lexicon.json sameTrouble); each
// phrase becomes its plain form before segmenting, so "路灯不亮" meets "路灯坏了" and "噪音扰民"
// meets "吵得睡不着". Only kinds of trouble, never objects: a thing named differently is usually
// a different thing (the few that are not are the lexicon's sameThing).
const SAME_TROUBLE = duplicateLexicon().sameTrouble;

/**
 * The plain kinds of trouble: two demands at one place that name the same thing (a rare word)
 * and the same trouble are the same matter however differently told, while demands that share
 * only the thing ("路灯杆上贴广告" / "路灯坏了") are not.
 */
export const TROUBLES = new Set([
  ...SAME_TROUBLE.map(([, plain]) => plain),
  ...duplicateLexicon().troubles,
]);

const plainTrouble = (run: string) =>
  SAME_TROUBLE.reduce((text, [said, plain]) => text.split(said).join(plain), run);

// One-character troubles jieba glues to a neighbour ("车堵", "黄有"): they count on their own too.
const SHORT_TROUBLES = [...new Set(SAME_TROUBLE.map(([, plain]) => plain))].filter(
  (plain) => plain.length === 1,
);

// The nouns among a text's matter words (jieba's n…, eng and l tags: 自来水 is an l): what can
// be in trouble.
const THINGS = new WeakMap<Set<string>, Set<string>>();

/**
 * The matter words of a normalised text, each once, and the Han characters of those words
 * (prefixed "·"): paraphrases share characters where they do not share words (水黄 / 发黄,
 * 坑 / 大坑, 门锁 / 锁着门).
 */
export function matterWords(normalisedText: string): Set<string> {
  const words = new Set<string>();
  const things = new Set<string>();
  THINGS.set(words, things);
  const tagged = contentRuns(normalisedText).flatMap((run) =>
    segmenter().tag(plainTrouble(run), true),
  );
  for (const { word, tag } of tagged) {
    if (STOPWORDS.has(word) || SPOTS.includes(word) || PLACE.test(word)) continue;
    if (isPlaceOrNumber(word, tag)) continue;
    if (!/[\p{Script=Han}a-z]/u.test(word)) continue;
    words.add(word);
    if (tag.startsWith('n') || tag === 'eng' || tag === 'l') things.add(word);
    for (const trouble of SHORT_TROUBLES) if (word.includes(trouble)) words.add(trouble);
    for (const char of word) if (/\p{Script=Han}/u.test(char)) words.add(`·${char}`);
  }
  return words;
}

/** A shared character counts half a shared word: it is a weaker sign of the same matter. */
export const CHARACTER_WEIGHT = 0.5;

/**
 * Rarity of each word among the given texts' word sets: ln(1 + n / df), n counting them all.
 * With one or two candidates it cannot tell a thing's name from a word every demand says; that
 * is left to the background list (common-words.ts) where it decides: sameThingSameTrouble.
 * `matters` names the matter (duplicate group) of each text: the texts of one matter count as
 * one, so ten calls about one broken light do not make "路灯" a word everybody at the place says.
 */
export function rarity(
  texts: ReadonlyArray<Set<string>>,
  matters?: ReadonlyArray<string>,
): (word: string) => number {
  const matterOf = (i: number) => matters?.[i] ?? String(i);
  const seen = new Map<string, Set<string>>();
  texts.forEach((words, i) => {
    for (const word of words) seen.set(word, (seen.get(word) ?? new Set()).add(matterOf(i)));
  });
  const n = new Set(texts.map((_, i) => matterOf(i))).size;
  return (word) =>
    Math.log(1 + n / (seen.get(word)?.size ?? 1)) * (word.startsWith('·') ? CHARACTER_WEIGHT : 1);
}

/**
 * Whether two word sets (of matterWords) share a trouble (TROUBLES) and, besides it, a rare
 * noun (the thing that is in trouble): "自来水发黄" / "自来水是黄的", "路灯不亮" / "路灯坏了".
 */
export function sameThingSameTrouble(
  a: Set<string>,
  b: Set<string>,
  weight: (word: string) => number,
  texts: number,
): boolean {
  const shared = [...a].filter((word) => !word.startsWith('·') && b.has(word));
  const trouble = shared.find((word) => TROUBLES.has(word));
  if (trouble === undefined) return false;
  const things = THINGS.get(a);
  // Not common at large, nor said by most texts here: ln(1 + n / df) with df at most half of
  // the n texts (or both texts of a pair); repeats of the same matter share the thing too.
  const rare = Math.log(1 + Math.min(2, texts / 2));
  return shared.some(
    (word) =>
      word !== trouble &&
      things?.has(word) === true &&
      backgroundRarity(word) === 1 &&
      weight(word) >= rare - 1e-9,
  );
}

/** Whether both word sets name troubles (TROUBLES) and none in common: "灯坏了" / "垃圾臭". */
export function otherTroubles(a: Set<string>, b: Set<string>): boolean {
  const troubles = (words: Set<string>) => [...words].filter((word) => TROUBLES.has(word));
  const mine = troubles(a);
  const theirs = troubles(b);
  return mine.length > 0 && theirs.length > 0 && !mine.some((word) => b.has(word));
}

/**
 * How much the containment (shared weight over the smaller side's) counts against the weighted
 * Dice: containment finds a short repeat inside its long original, Dice keeps two long texts that
 * share only the thing they are about (路灯, 公厕) apart; measured on the labelled demands.
 */
export const CONTAINMENT_SHARE = 0.3;

/**
 * Below this many words the smaller side's containment is discounted in proportion: "路灯 坏"
 * is contained in every telling that names 路灯, whatever its trouble; such short repeats are
 * found by sameThingSameTrouble instead.
 */
export const FULL_CONTAINMENT_WORDS = 1;

/**
 * Weighted overlap 0..1 of two word sets: CONTAINMENT_SHARE of the containment plus the rest of
 * the weighted Dice, 2·shared / (left + right).
 */
export function matterSimilarity(
  a: Set<string>,
  b: Set<string>,
  weight: (word: string) => number,
): number {
  const total = (words: Set<string>) => [...words].reduce((sum, w) => sum + weight(w), 0);
  const left = total(a);
  const right = total(b);
  if (left === 0 || right === 0) return 0;
  let common = 0;
  for (const word of a) if (b.has(word)) common += weight(word);
  const count = (words: Set<string>) => [...words].filter((w) => !w.startsWith('·')).length;
  const fewest = Math.min(count(a), count(b));
  const containment =
    (common / Math.min(left, right)) * Math.min(1, fewest / FULL_CONTAINMENT_WORDS);
  const dice = (2 * common) / (left + right);
  return CONTAINMENT_SHARE * containment + (1 - CONTAINMENT_SHARE) * dice;
}
