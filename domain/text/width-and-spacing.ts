/**
 * Full-width forms (U+FF01–U+FF5E) mirror ASCII at a fixed distance. Citizens typing on phone
 * keyboards in Chinese mode produce "１３８" and "ＡＢＣ", which must match "138" and "ABC".
 *
 * The rule: every full-width form becomes its ASCII twin, except the marks that are the correct
 * punctuation of Simplified Chinese text (GB/T 15834) and would be wrong as ASCII: ！（），：；？
 * The other Chinese marks (。、“”《》…) live outside this block and are never touched.
 */
const FULL_WIDTH_FORM = /[\uFF01-\uFF5E]/g;
const CHINESE_PUNCTUATION = new Set(['！', '（', '）', '，', '：', '；', '？']);
const FULL_TO_HALF_OFFSET = 0xff01 - 0x21;

export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH_FORM, (char) =>
    CHINESE_PUNCTUATION.has(char)
      ? char
      : String.fromCharCode(char.charCodeAt(0) - FULL_TO_HALF_OFFSET),
  );
}

/**
 * Zero-width characters are removed rather than turned into spaces: pasted from WeChat they sit
 * inside words ("出\u200B入") and would split them. Joiners (U+200C/D) stay, as emoji need them.
 */
const ZERO_WIDTH = /[\u200B\u2060\uFEFF]/g;
// \s already covers tabs, newlines, NBSP, the ideographic space U+3000 and the Unicode spaces.
const WHITESPACE_RUN = /[\s\u0085]+/g;

export function collapseWhitespace(text: string): string {
  return text.replace(ZERO_WIDTH, '').replace(WHITESPACE_RUN, ' ').trim();
}
