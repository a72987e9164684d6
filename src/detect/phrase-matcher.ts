import { Automaton } from './automaton';
import { isBoundaryAfter, isBoundaryBefore, isWordChar } from './boundaries';
import { FAST_LIMIT, fastTables, normalizePhrase, normalizeText } from './normalize';

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

  /**
   * `packed` is this phrase list's automaton as `pack()` returned it (prebuilt at build time):
   * wrapped instead of built. It must have been built from exactly these phrases.
   */
  constructor(
    readonly phrases: readonly Phrase[],
    packed?: Uint8Array,
  ) {
    this.automaton = new Automaton(packed ?? phrases.map((p) => p.text));
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

  /**
   * The content script's first pass over raw page text: hasAny(normalizeText(input)), but for
   * text in Latin script (the great majority of blocks on most pages) without building the
   * normalised string: each code unit is folded from a table and fed straight to the automaton.
   * Only when a phrase may end somewhere, or a character outside the table appears (another
   * script, a combining mark), is the block normalised and checked exactly.
   */
  hasAnyIn(input: string): boolean {
    return this.mayMatch(input) && this.hasAny(normalizeText(input));
  }

  /** False only when no phrase can occur in normalize(input).text (see hasAnyIn). */
  mayMatch(input: string): boolean {
    const { kind, fold, foldCode } = fastTables();
    const a = this.automaton;
    const { classOf, classes, rowOf, rows, emitting } = a;
    const limit = FAST_LIMIT;
    const n = input.length;
    let s = 0;
    let lastWasSpace = true;
    let prevKind = 0;
    let prevPrevKind = 0;
    for (let i = 0; i < n; i++) {
      const c = input.charCodeAt(i);
      if (c >= limit) return true;
      const k = kind[c]!;
      if (k === 4) return true;
      if (k === 3) continue;
      // CamelCase splits as in normalize(): "TrumpKrasnov", "KGBAgent".
      if (k === 2 && !lastWasSpace) {
        let split = prevKind === 1;
        if (!split && prevKind === 2 && prevPrevKind === 2 && i + 1 < n) {
          const d = input.charCodeAt(i + 1);
          split = c < 128 ? d >= 97 && d <= 122 : d < limit && kind[d] === 1;
        }
        if (split) {
          lastWasSpace = true;
          s = a.advance(s, 32);
          if (emitting[s] === 1) return true;
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
        const r = rowOf[s]!;
        s = r >= 0 ? rows[r * classes + classOf[d]!]! : a.advance(s, d);
        if (emitting[s] === 1) return true;
        continue;
      }
      const f = fold[c]!;
      for (let j = 0; j < f.length; j++) {
        const e = f.charCodeAt(j);
        if (e === 32) {
          if (lastWasSpace) continue;
          lastWasSpace = true;
        } else lastWasSpace = false;
        s = a.advance(s, e);
        if (emitting[s] === 1) return true;
      }
    }
    return false;
  }

  /** The end of the accepted match, or -1 when the occurrence is inside a longer word. */
  private accept(text: string, p: number, start: number, end: number): number {
    if (!isBoundaryBefore(text, start) && !afterArabicProclitic(text, start)) return -1;
    if (isBoundaryAfter(text, end)) return end;
    if (!this.phrases[p]!.stem) return -1;
    let e = end;
    while (e < text.length && e - end < MAX_STEM_SUFFIX && isWordChar(text[e])) e++;
    return isBoundaryAfter(text, e) ? e : -1;
  }
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

