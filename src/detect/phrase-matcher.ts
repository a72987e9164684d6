import { Automaton } from './automaton';
import { isBoundaryAfter, isBoundaryBefore, isWordChar } from './boundaries';
import { normalizePhrase } from './normalize';

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

  constructor(readonly phrases: readonly Phrase[]) {
    this.automaton = new Automaton(phrases.map((p) => p.text));
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

  /** The end of the accepted match, or -1 when the occurrence is inside a longer word. */
  private accept(text: string, p: number, start: number, end: number): number {
    if (!isBoundaryBefore(text, start)) return -1;
    if (isBoundaryAfter(text, end)) return end;
    if (!this.phrases[p]!.stem) return -1;
    let e = end;
    while (e < text.length && e - end < MAX_STEM_SUFFIX && isWordChar(text[e])) e++;
    return isBoundaryAfter(text, e) ? e : -1;
  }
}
