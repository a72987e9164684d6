import { isNoSpaceScript } from './boundaries';

/**
 * Text normalisation for matching, with an exact map back to the original string.
 *
 * What it folds: Unicode NFKC, case, diacritics (in Latin, Greek, Cyrillic, Arabic and Hebrew
 * script only: in Indic scripts the marks are vowels), curly quotes and dashes, zero-width
 * characters and soft hyphens, runs of white space, hyphens and dashes (word separators), hashtags and CamelCase (`#TrumpKrasnov` →
 * `trump krasnov`), and Latin/Cyrillic/Greek look-alike letters inside a mixed-script word
 * (a "Krasnov" typed with a Cyrillic "а").
 *
 * `start[i]`/`end[i]` give the original UTF-16 range that produced normalised char i, so any
 * match [s, e) in `text` maps back to the original range [start[s], end[e - 1]).
 * Pure: no DOM, safe in a worker, a content script or Node.
 */
export interface Normalized {
  readonly text: string;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

const ZERO_WIDTH = new Set([0x00ad, 0x034f, 0x061c, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff]);
const isIgnorable = (cp: number) => ZERO_WIDTH.has(cp) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);

const QUOTES: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '\u02bc': "'", '\u0060': "'", '\u00b4': "'",
  // Double quotes separate words like spaces: a word quoted inside a phrase (Trump "spia" del KGB,
  // a Russian "asset") still reads as the phrase. Whether a name is quoted is read from the
  // original text (detector.ts isMarked), not from the normalised one.
  '\u201c': ' ', '\u201d': ' ', '\u201e': ' ', '\u201f': ' ', '\u2033': ' ', '\u00ab': ' ', '\u00bb': ' ', '\u2039': ' ', '\u203a': ' ',
  // CJK corner brackets are quotes too: ロシア「アセット」説 reads as ロシア アセット 説.
  '\u300c': ' ', '\u300d': ' ', '\u300e': ' ', '\u300f': ' ',
  // Dashes and hyphens separate words: "Kreml-Agent", "Trump–Krasnov" and "Trump Krasnov" read alike.
  '\u2010': ' ', '\u2011': ' ', '\u2012': ' ', '\u2013': ' ', '\u2014': ' ', '\u2015': ' ', '\u2212': ' ', '\u2e3a': ' ', '\u2e3b': ' ',
};

/** Letters with a stroke or bar (no Unicode decomposition), folded as people type them without diacritics; Arabic variants. */
const STROKE: Record<string, string> = {
  'ł': 'l', 'đ': 'd', 'ø': 'o', 'ħ': 'h', 'ŧ': 't', 'ƀ': 'b', 'ƚ': 'l', 'ɨ': 'i', 'ʉ': 'u',
  // Turkish dotless i: "AJANI" lower-cases to "ajani", and people type "ajani" for "ajanı".
  'ı': 'i',
  // Arabic spelling variants, as Arabic search folds them: alef maksura and Persian yeh → yeh,
  // teh marbuta → heh, keheh and gaf → kaf, and the letters dialects borrow for v, p and ch
  // (كراسنوڤ = كراسنوف). Hamza and madda on alef are marks, stripped like accents.
  'ى': 'ي', 'ی': 'ي', 'ة': 'ه', 'ک': 'ك', 'گ': 'ك', 'ڤ': 'ف', 'پ': 'ب', 'چ': 'ج',
  // Arabic-Indic and Persian digits (NFKC keeps them): "سنة ٨٧" is the year 87.
  ...Object.fromEntries([..."٠١٢٣٤٥٦٧٨٩", ..."۰۱۲۳۴۵۶۷۸۹"].map((d, i) => [d, String(i % 10)])),
};

/** Scripts whose combining marks are accents (removable), not vowels. */
const STRIP_MARKS = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}]/u;
const MARK = /\p{M}/u;
const MARKS_G = /\p{M}/gu;
const ORPHAN_MARKS = /(^|[^\p{L}\p{N}\p{M}])\p{M}+/gu;
const SPACE = /[\s\p{Zs}\u2028\u2029]/u;
const UPPER = /\p{Lu}/u;
const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;

// Per-code-point folding is memoised: real text repeats few distinct non-ASCII characters.
const foldCache = new Map<number, string>();

function foldCodePoint(ch: string, cp: number): string {
  let out = foldCache.get(cp);
  if (out !== undefined) return out;
  let t = ch.normalize('NFKC').toLowerCase();
  if (t === 'ß' || t === 'ẞ') t = 'ss';
  else if (t === 'ς') t = 'σ';
  if (STRIP_MARKS.test(t.normalize('NFD').charAt(0))) t = t.normalize('NFD').replace(MARKS_G, '').normalize('NFC');
  // A compatibility form may expand to marks with no letter to carry them (U+FC5E → " ٌّ"):
  // drop those, as the main loop drops a mark that follows a space.
  t = t.replace(ORPHAN_MARKS, '$1');
  // The expansion may itself hold quotes, dashes, spaces or '#' (U+FE63 → "-"): fold those too.
  let r = '';
  for (const c of t) {
    const code = c.charCodeAt(0);
    // Letters with a stroke have no decomposition (people type "l" for "ł"); Arabic variants.
    r += code < 128 ? ASCII[code]! : (QUOTES[c] ?? STROKE[c] ?? (SPACE.test(c) ? ' ' : c));
  }
  out = r;
  if (foldCache.size < 20_000) foldCache.set(cp, out);
  return out;
}

// ASCII fast path: letters are lower-cased; '#', '@', '-' and '_' separate words like spaces.
const ASCII = new Array<string>(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII[c] = c === 0x60 ? "'" : c === 0x22 || c === 0x23 || c === 0x40 || c === 0x2d || c === 0x5f || /\s/.test(ch) || c < 0x20 ? ' ' : ch.toLowerCase();
}

const isAsciiUpper = (c: number) => c >= 65 && c <= 90;
const isAsciiLower = (c: number) => c >= 97 && c <= 122;

export function normalize(input: string): Normalized {
  const n = input.length;
  const out: string[] = [];
  // Most text keeps its length; NFKC expansions (up to 18 units each, e.g. "⁗" → four primes)
  // grow the maps when they run out.
  let start = new Int32Array(n * 2 + 4);
  let end = new Int32Array(n * 2 + 4);
  let len = 0;
  let lastWasSpace = true; // collapse leading space
  let prevKind = 0; // 0 other, 1 lower letter, 2 upper letter
  let prevPrevKind = 0;
  let stripMarks = true; // whether combining marks after the current base are accents

  const push = (s: string, from: number, to: number) => {
    for (let k = 0; k < s.length; k++) {
      const ch = s[k]!;
      if (ch === ' ') {
        if (lastWasSpace) continue;
        lastWasSpace = true;
      } else lastWasSpace = false;
      if (len >= start.length) {
        const s2 = new Int32Array(start.length * 2);
        const e2 = new Int32Array(end.length * 2);
        s2.set(start);
        e2.set(end);
        start = s2;
        end = e2;
      }
      out.push(ch);
      start[len] = from;
      end[len] = to;
      len++;
    }
  };

  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (c < 128) {
      // CamelCase: split "TrumpKrasnov" and "KGBAgent" (an upper letter after a lower one, or an
      // upper letter followed by a lower one after an upper run).
      if (isAsciiUpper(c)) {
        const next = i + 1 < n ? input.charCodeAt(i + 1) : 0;
        if (prevKind === 1 || (prevKind === 2 && prevPrevKind === 2 && isAsciiLower(next))) push(' ', i, i);
      }
      push(ASCII[c]!, i, i + 1);
      prevPrevKind = prevKind;
      prevKind = isAsciiLower(c) ? 1 : isAsciiUpper(c) ? 2 : 0;
      stripMarks = true;
      i++;
      continue;
    }
    const cp = input.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    const ch = w === 2 ? input.slice(i, i + 2) : input[i]!;
    if (isIgnorable(cp)) {
      i += w;
      continue;
    }
    if (MARK.test(ch)) {
      // A combining mark after its base: drop accents, keep Indic vowel signs.
      if (!stripMarks) push(ch.normalize('NFKC'), i, i + w);
      else if (len > 0) end[len - 1] = i + w; // the base letter now covers its accent
      i += w;
      continue;
    }
    const kind = UPPER.test(ch) ? 2 : LOWER.test(ch) ? 1 : 0;
    if (kind === 2) {
      const next = i + w < n ? input.charAt(i + w) : '';
      if (prevKind === 1 || (prevKind === 2 && prevPrevKind === 2 && LOWER.test(next))) push(' ', i, i);
    }
    let folded = foldCodePoint(ch, cp);
    if (folded.length > 18) folded = folded.slice(0, 18);
    push(folded, i, i + w);
    // A following mark is kept only as part of a letter in a script whose marks are vowels.
    const last = folded.charAt(folded.length - 1);
    stripMarks = !last || !LETTER.test(last) || STRIP_MARKS.test(last);
    prevPrevKind = prevKind;
    prevKind = kind;
    i += w;
  }
  let text = out.join('');
  // Trailing space carries no meaning.
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    len--;
  }
  text = unmixScripts(text);
  return { text, start: start.subarray(0, len), end: end.subarray(0, len) };
}

/** Normalise a phrase from data (no offsets needed). */
export function normalizePhrase(phrase: string): string {
  return normalize(phrase).text;
}

const ANY_NON_ASCII = /[^\x00-\x7f]/;

/**
 * normalize(input).text without the offset maps: what the content script's first pass needs
 * to ask "is any trigger here?" of every block. Plain ASCII text (most blocks) takes a tight
 * loop with no allocation but the result; anything else takes the full path. Equal to
 * normalize(input).text for every input (property-tested).
 */
export function normalizeText(input: string): string {
  if (ANY_NON_ASCII.test(input)) return normalize(input).text;
  let out = '';
  let lastWasSpace = true;
  let prevKind = 0;
  let prevPrevKind = 0;
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (isAsciiUpper(c) && (prevKind === 1 || (prevKind === 2 && prevPrevKind === 2 && i + 1 < n && isAsciiLower(input.charCodeAt(i + 1))))) {
      if (!lastWasSpace) {
        out += ' ';
        lastWasSpace = true;
      }
    }
    const ch = ASCII[c]!;
    if (ch === ' ') {
      if (!lastWasSpace) {
        out += ' ';
        lastWasSpace = true;
      }
    } else {
      out += ch;
      lastWasSpace = false;
    }
    prevPrevKind = prevKind;
    prevKind = isAsciiLower(c) ? 1 : isAsciiUpper(c) ? 2 : 0;
  }
  return lastWasSpace && out.length > 0 ? out.slice(0, -1) : out;
}

/**
 * How the content script's first pass reads a UTF-16 code unit without the full normaliser
 * (see PhraseMatcher.hasAnyIn), from fastTables(): `kind` is 0 other, 1 lower-case letter, 2
 * upper-case letter, 3 ignorable (dropped), 4 not handled (the caller falls back to normalize);
 * `fold` holds what normalize() appends for it. Covers ASCII, Latin-1 and Latin Extended-A/B, general
 * punctuation (typographic quotes, dashes, ellipsis, zero-width characters), currency signs and
 * letter-like symbols: what Latin-script pages are made of. Derived from normalize's own
 * folding, so the two cannot disagree (property-tested).
 */
export const FAST_LIMIT = 0x2150;
const outsideFast = (c: number) => (c >= 0x250 && c < 0x2000) || c >= FAST_LIMIT;
export interface FastTables {
  readonly kind: Uint8Array;
  readonly fold: string[];
  /** The one code unit normalize() appends for a code unit, or -1 when it appends several. */
  readonly foldCode: Int32Array;
}
let fast: FastTables | undefined;

/** The first pass's tables, built on first use (about a thousand code units, once per page). */
export function fastTables(): FastTables {
  if (fast) return fast;
  const kind = new Uint8Array(FAST_LIMIT).fill(4);
  const fold = new Array<string>(FAST_LIMIT).fill('');
  const foldCode = new Int32Array(FAST_LIMIT).fill(-1);
  for (let c = 0; c < FAST_LIMIT; c++) {
    if (outsideFast(c)) continue;
    const ch = String.fromCharCode(c);
    if (c < 128) {
      fold[c] = ASCII[c]!;
      kind[c] = isAsciiLower(c) ? 1 : isAsciiUpper(c) ? 2 : 0;
      continue;
    }
    if (isIgnorable(c)) {
      kind[c] = 3;
      continue;
    }
    if (MARK.test(ch)) continue;
    const f = foldCodePoint(ch, c);
    // Only output that normalize() would not rewrite again (no look-alike repair, no marks).
    if (f.length === 0 || [...f].some((x) => outsideFast(x.charCodeAt(0)) || MARK.test(x))) continue;
    fold[c] = f;
    kind[c] = UPPER.test(ch) ? 2 : LOWER.test(ch) ? 1 : 0;
  }
  for (let c = 0; c < FAST_LIMIT; c++) if (fold[c]!.length === 1) foldCode[c] = fold[c]!.charCodeAt(0);
  return (fast = { kind, fold, foldCode });
}

const passCache = new Map<number, number>();

/**
 * For a code point the fast tables do not cover (emoji, symbols, arrows, dingbats, variation
 * selectors): 2 when normalize() drops it (ignorable), 1 when it appends it unchanged and it is
 * no part of a word (not a letter, mark or digit, not in a script written without spaces, not a
 * Cyrillic or Greek character the look-alike repair reads), 0 otherwise (the caller falls back to
 * normalize). Derived from normalize's own folding, memoised.
 */
export function fastPassThrough(cp: number): number {
  let v = passCache.get(cp);
  if (v !== undefined) return v;
  const ch = String.fromCodePoint(cp);
  if (isIgnorable(cp)) v = 2;
  else if (MARK.test(ch) || LETTER.test(ch) || /\p{N}/u.test(ch) || CYRILLIC_OR_GREEK.test(ch) || isNoSpaceScript(ch)) v = 0;
  else v = foldCodePoint(ch, cp) === ch ? 1 : 0;
  if (passCache.size < 20_000) passCache.set(cp, v);
  return v;
}

// Look-alike letters, lower case (after folding), one char for one char so offsets stay valid.
const CYR_TO_LAT: Record<string, string> = {
  'а': 'a', 'в': 'b', 'е': 'e', 'і': 'i', 'ј': 'j', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'ѕ': 's', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ү': 'y', 'һ': 'h',
};
const GRK_TO_LAT: Record<string, string> = {
  'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'μ': 'm', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ζ': 'z',
};
const LAT_TO_CYR: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', y: 'у', x: 'х', k: 'к', i: 'і', m: 'м', t: 'т', h: 'н', b: 'в' };
const LATIN_L = /\p{Script=Latin}/u;
const CYRILLIC_L = /\p{Script=Cyrillic}/u;
const GREEK_L = /\p{Script=Greek}/u;
const MIXED_WORD = /[\p{L}\p{M}\p{N}]+/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const CYRILLIC_OR_GREEK = /[\u0370-\u052f\u1c80-\u1c8f\u1f00-\u1fff\u2de0-\u2dff\ua640-\ua69f]/;

/** In a word that mixes scripts, rewrite look-alike letters into the word's majority script. */
function unmixScripts(text: string): string {
  // Only a word with a Cyrillic or Greek letter can mix scripts in a way this repairs.
  if (!CYRILLIC_OR_GREEK.test(text)) return text;
  return text.replace(MIXED_WORD, (word) => {
    if (!NON_ASCII.test(word)) return word;
    let lat = 0, cyr = 0, grk = 0;
    for (const ch of word) {
      if (LATIN_L.test(ch)) lat++;
      else if (CYRILLIC_L.test(ch)) cyr++;
      else if (GREEK_L.test(ch)) grk++;
    }
    const scripts = (lat > 0 ? 1 : 0) + (cyr > 0 ? 1 : 0) + (grk > 0 ? 1 : 0);
    if (scripts < 2) return word;
    if (lat >= cyr && lat >= grk) {
      let r = '';
      for (const ch of word) r += CYR_TO_LAT[ch] ?? GRK_TO_LAT[ch] ?? ch;
      return r.length === word.length ? r : word;
    }
    if (cyr > lat && cyr >= grk) {
      let r = '';
      for (const ch of word) r += LAT_TO_CYR[ch] ?? ch;
      return r.length === word.length ? r : word;
    }
    return word;
  });
}
