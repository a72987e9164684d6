/** Word boundaries that also work for scripts written without spaces. */
const WORD = /[\p{L}\p{M}\p{N}_]/u;
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

export function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  return WORD.test(ch);
}

/** In Chinese, Japanese, Thai and similar scripts words are not separated: any position is a boundary. */
export function isNoSpaceScript(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  return ch.charCodeAt(0) >= 0x0e00 && NO_SPACE_SCRIPT.test(ch);
}

/** True when a word may start at `i` (between text[i-1] and text[i]). */
export function isBoundaryBefore(text: string, i: number): boolean {
  if (i <= 0) return true;
  const prev = text[i - 1];
  return !isWordChar(prev) || isNoSpaceScript(prev) || isNoSpaceScript(text[i]);
}

/** True when a word may end at `i` (between text[i-1] and text[i]). */
export function isBoundaryAfter(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const next = text[i];
  return !isWordChar(next) || isNoSpaceScript(next) || isNoSpaceScript(text[i - 1]);
}
