import { Automaton } from './automaton';
import { isBoundaryAfter, isBoundaryBefore, isWordChar } from './boundaries';
import { FAST_LIMIT, fastPassThrough, fastTables, normalizePhrase, normalizeText } from './normalize';

/**
 * A phrase from data, normalised. A trailing `*` makes it a stem: it also matches when up to
 * MAX_STEM_SUFFIX letters follow (Краснова, Красновым, Krasnowa) but not a longer word
 * (Красноводск, Krasnovodsk).
 */
export interface Phrase {
  readonly text: string;
  readonly stem: boolean;
}

export const MAX_STEM_SUFFIX = 3;

export function parsePhrase(raw: string): Phrase {
  const t = raw.trim();
  const stem = t.endsWith('*');
  return { text: normalizePhrase(stem ? t.slice(0, -1) : t), stem };
}

/** A phrase found in normalised text: [start, end) in normalised coordinates. */
export interface PhraseHit {
  readonly phrase: number;
  readonly start: number;
  readonly end: number;
}

/** Finds whole-word occurrences of many phrases in one pass (Aho–Corasick + boundary checks). */
export class PhraseMatcher {
  private readonly automaton: Automaton;
  /** Per phrase: 1 for a stem. */
  private readonly stems: Uint8Array;
  /** The last normalised code units hasAnyIn read (longer than the longest phrase). */
  private ring: Uint16Array | undefined;

  /**
   * `packed` is this phrase list's automaton as `pack()` returned it (prebuilt at build time):
   * wrapped instead of built. It must have been built from exactly these phrases. The worker's
   * packaged tables give, instead of the phrases, only which of them are stems (`stems`, 1 for a
   * stem): the automaton knows each phrase's length, and matching needs no more. `Impl` is the
   * automaton's class (the worker's Detector gives CachedAutomaton).
   */
  constructor(phrases: readonly Phrase[] | Uint8Array, packed?: Uint8Array, Impl: typeof Automaton = Automaton) {
    if (phrases instanceof Uint8Array) {
      if (!packed) throw new Error('PhraseMatcher: stems without an automaton');
      this.automaton = new Impl(packed);
      this.stems = phrases;
      if (this.automaton.patternLengths.length !== phrases.length) throw new Error('PhraseMatcher: the packed automaton was built from other phrases');
      return;
    }
    this.automaton = new Impl(packed ?? phrases.map((p) => p.text));
    this.stems = Uint8Array.from(phrases, (p) => (p.stem ? 1 : 0));
    if (packed) {
      const lengths = this.automaton.patternLengths;
      if (lengths.length !== phrases.length || phrases.some((p, i) => p.text.length !== lengths[i])) throw new Error('PhraseMatcher: the packed automaton was built from other phrases');
    }
  }

  /** The automaton as bytes, for `new PhraseMatcher(phrases, bytes)`. */
  pack(): Uint8Array {
    return this.automaton.pack();
  }

  get stateCount(): number {
    return this.automaton.stateCount;
  }

  findAll(text: string): PhraseHit[] {
    const hits: PhraseHit[] = [];
    this.automaton.scan(text, (p, start, end) => {
      const e = this.accept(text, p, start, end);
      if (e >= 0) hits.push({ phrase: p, start, end: e });
    });
    return hits;
  }

  /** Cheaper than findAll when only the yes/no matters (the content script's first pass). */
  hasAny(text: string): boolean {
    let found = false;
    this.automaton.scan(text, (p, start, end) => {
      if (this.accept(text, p, start, end) >= 0) {
        found = true;
        return false;
      }
      return true;
    });
    return found;
  }

  /** Builds what hasAnyIn reads (the fold tables, shared; this matcher's ring) ahead of the first call. */
  prepare(): void {
    fastTables();
    wordTable();
    this.ring ??= newRing(this.automaton.patternLengths);
  }

  /**
   * The content script's check of raw page text: hasAny(normalizeText(input)), but for text the
   * fold tables cover (ASCII, Latin-1, Latin Extended, typographic punctuation: the great
   * majority of blocks on most pages) without building the normalised string: each code unit is
   * folded from a table and fed straight to the automaton, and where a phrase ends its word
   * boundaries are checked on the folded code units themselves (the one before it from a small
   * ring of the last ones, the ones after it as they arrive). Only a block with a character
   * outside the tables (another script, a combining mark) is normalised and checked the slow way.
   */
  hasAnyIn(input: string): boolean {
    return this.hasAnyFast(input) ?? this.hasAny(normalizeText(input));
  }

  /** hasAnyIn's fused pass: its answer, or undefined when the text needs the normaliser. */
  hasAnyFast(input: string): boolean | undefined {
    const r = this.fastHasAny(input);
    return r === FALLBACK ? undefined : r === FOUND;
  }

  private fastHasAny(input: string): number {
    const { kind, fold, foldCode } = fastTables();
    const word = wordTable();
    const a = this.automaton;
    const { classOf, classes, rowCount, rows, emitting } = a;
    const ring = (this.ring ??= newRing(a.patternLengths));
    const mask = ring.length - 1;
    const limit = FAST_LIMIT;
    const n = input.length;
    let s = 0;
    /** Normalised code units so far (the position in normalize(input).text). */
    let pos = 0;
    /**
     * Phrases that ended with a word boundary before them and wait for one after: the most word
     * characters (a stem's suffix) any of them may still take, or -1 when none waits.
     */
    let waiting = -1;
    let lastWasSpace = true;
    let prevKind = 0;
    let prevPrevKind = 0;
    for (let i = 0; i < n; i++) {
      const c = input.charCodeAt(i);
      const k = c < limit ? kind[c]! : 4;
      if (k === 3) continue;
      if (k === 4) {
        // Emoji, symbols, arrows: normalize() appends them unchanged (or drops them), and they
        // are no part of a word. Anything else (another script, a mark) takes the slow path.
        const cp = input.codePointAt(i)!;
        const w = cp > 0xffff ? 2 : 1;
        const pass = fastPassThrough(cp);
        if (pass === 0) return FALLBACK;
        if (pass === 2) {
          i += w - 1;
          continue;
        }
        if (waiting >= 0) return FOUND; // not a word character: a phrase waiting for its end has it
        lastWasSpace = false;
        prevPrevKind = prevKind;
        prevKind = 0;
        for (let j = 0; j < w; j++) {
          const e = input.charCodeAt(i + j);
          if (waiting >= 0) return FOUND;
          ring[pos++ & mask] = e;
          s = a.advance(s, e);
          if (emitting[s] === 1 || (emitting[s] === 0 && a.resolve(s) === 1)) waiting = Math.max(waiting, this.endedAt(s, pos, ring, word));
        }
        i += w - 1;
        continue;
      }
      // CamelCase splits as in normalize(): "TrumpKrasnov", "KGBAgent".
      if (k === 2 && !lastWasSpace) {
        let split = prevKind === 1;
        if (!split && prevKind === 2 && prevPrevKind === 2 && i + 1 < n) {
          const d = input.charCodeAt(i + 1);
          split = c < 128 ? d >= 97 && d <= 122 : d < limit && kind[d] === 1;
        }
        if (split) {
          lastWasSpace = true;
          if (waiting >= 0) return FOUND; // a space ends a word
          ring[pos++ & mask] = 32;
          s = a.advance(s, 32);
          if (emitting[s] === 1 || (emitting[s] === 0 && a.resolve(s) === 1)) waiting = Math.max(waiting, this.endedAt(s, pos, ring, word));
        }
      }
      prevPrevKind = prevKind;
      prevKind = k;
      const d = foldCode[c]!;
      if (d >= 0) {
        // One code unit out (nearly always): the automaton's step inlined.
        if (d === 32) {
          if (lastWasSpace) continue;
          lastWasSpace = true;
        } else lastWasSpace = false;
        if (waiting >= 0) {
          if (word[d] !== 1) return FOUND;
          waiting--;
        }
        ring[pos++ & mask] = d;
        s = s < rowCount ? rows[s * classes + classOf[d]!]! : a.advance(s, d);
        if (emitting[s] === 1 || (emitting[s] === 0 && a.resolve(s) === 1)) waiting = Math.max(waiting, this.endedAt(s, pos, ring, word));
        continue;
      }
      const f = fold[c]!;
      for (let j = 0; j < f.length; j++) {
        const e = f.charCodeAt(j);
        if (e === 32) {
          if (lastWasSpace) continue;
          lastWasSpace = true;
        } else lastWasSpace = false;
        if (waiting >= 0) {
          if (word[e] !== 1) return FOUND;
          waiting--;
        }
        ring[pos++ & mask] = e;
        s = a.advance(s, e);
        if (emitting[s] === 1 || (emitting[s] === 0 && a.resolve(s) === 1)) waiting = Math.max(waiting, this.endedAt(s, pos, ring, word));
      }
    }
    // The end of the text is a word boundary.
    return waiting >= 0 ? FOUND : NONE;
  }

  /**
   * Phrases end in state s after `pos` normalised code units (the last ones in `ring`): the most
   * word characters one of those preceded by a word boundary may still take before its own
   * boundary (a stem's suffix, else 0), or -1 when every one is inside a longer word.
   */
  private endedAt(s: number, pos: number, ring: Uint16Array, word: Uint8Array): number {
    const mask = ring.length - 1;
    const lengths = this.automaton.patternLengths;
    let best = -1;
    this.automaton.someOutput(s, (p) => {
      const start = pos - lengths[p]!;
      if (start > 0 && word[ring[(start - 1) & mask]!] === 1) return false;
      best = Math.max(best, this.stems[p] === 1 ? MAX_STEM_SUFFIX : 0);
      return best === MAX_STEM_SUFFIX;
    });
    return best;
  }

  /** The end of the accepted match, or -1 when the occurrence is inside a longer word. */
  private accept(text: string, p: number, start: number, end: number): number {
    // Between two ASCII characters (most of the time) a boundary is just "not a word character";
    // anything else asks the full rules (scripts without spaces, Arabic proclitics).
    if (start > 0) {
      const a = text.charCodeAt(start - 1);
      if (a < 128 && text.charCodeAt(start) < 128) {
        if (isAsciiWord(a)) return -1;
      } else if (!isBoundaryBefore(text, start) && !afterArabicProclitic(text, start)) return -1;
    }
    if (end >= text.length) return end;
    const b = text.charCodeAt(end);
    if (b < 128 && text.charCodeAt(end - 1) < 128 ? !isAsciiWord(b) : isBoundaryAfter(text, end)) return end;
    if (this.stems[p] !== 1) return -1;
    let e = end;
    while (e < text.length && e - end < MAX_STEM_SUFFIX && isWordChar(text[e])) e++;
    return isBoundaryAfter(text, e) ? e : -1;
  }
}

/** isWordChar for an ASCII code unit: a letter, a digit or '_'. */
const isAsciiWord = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;

const NONE = 0;
const FOUND = 1;
const FALLBACK = 2;

/** A ring buffer (power-of-two length) that holds a phrase and the code unit before it. */
function newRing(lengths: Int32Array): Uint16Array {
  let max = 0;
  for (let i = 0; i < lengths.length; i++) if (lengths[i]! > max) max = lengths[i]!;
  let size = 64;
  while (size < max + 2) size *= 2;
  return new Uint16Array(size);
}

let words: Uint8Array | undefined;

/**
 * 1 for the code units below FAST_LIMIT that isWordChar counts as part of a word. (No code unit
 * there is in a script written without spaces or an Arabic letter, the other two cases of the
 * boundary rules.)
 */
function wordTable(): Uint8Array {
  if (words) return words;
  const w = new Uint8Array(FAST_LIMIT);
  // The folded stream is made of code units in the tables' ranges (see fastTables): the rest
  // (0x250–0x1fff, other scripts) never reaches it.
  for (let c = 0; c < FAST_LIMIT; c++) if ((c < 0x250 || c >= 0x2000) && isWordChar(String.fromCharCode(c))) w[c] = 1;
  return (words = w);
}

/** و ف ب ل ك: Arabic conjunctions and prepositions written joined to the next word. */
const PROCLITICS = new Set([0x0648, 0x0641, 0x0628, 0x0644, 0x0643]);
const isArabicLetter = (c: number) => c >= 0x0620 && c <= 0x064a;

/**
 * In Arabic "and", "so", "with", "for" and "like" are letters joined to the word they govern
 * (وترامب "and Trump", كعميل "as an agent", بالكرملين "with the Kremlin"): a phrase starting
 * with an Arabic letter may follow one or two of them at the start of a word.
 */
function afterArabicProclitic(text: string, start: number): boolean {
  if (!isArabicLetter(text.charCodeAt(start))) return false;
  for (let k = 1; k <= 2 && start - k >= 0; k++) {
    if (!PROCLITICS.has(text.charCodeAt(start - k))) return false;
    if (isBoundaryBefore(text, start - k)) return true;
  }
  return false;
}

