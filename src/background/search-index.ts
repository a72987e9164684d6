import MiniSearch from 'minisearch';
import type { Claim } from '../claims/schema';

/**
 * Full-text search over every claim (the popup's search box). Indexes the statement, every
 * phrasing in every language, the summary and the detection triggers (the words people use, in
 * every language); prefix and fuzzy matching, so "krasnow", "KGB asset" and "Краснов" all find
 * their claim. Pure (no browser APIs): tested in Node.
 *
 * Built in the worker on the first search after a start (a few ms for the bundled claims,
 * ~0.2 s for 2,000) and answered per keystroke by message: see docs/architecture.md.
 */

interface Doc {
  /** Position in the claims the index was built over. */
  id: number;
  statement: string;
  phrasings: string;
  summary: string;
  /** The detection triggers: the words people use for the claim, in every language. */
  triggers: string;
}

export interface Hit {
  /** Position of the claim in the list the index was built over. */
  doc: number;
  id: string;
  score: number;
}

/** Case, accents and compatibility forms folded, so "Krasnów" finds "Krasnow" and "ё" finds "е". */
export function foldTerm(term: string): string {
  return term
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ё/g, 'е');
}

/** Words: letters and digits of any script (MiniSearch's default splits on punctuation too). */
const tokenize = (text: string): string[] => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

export class SearchIndex {
  private readonly index: MiniSearch<Doc>;
  private readonly ids: string[];

  constructor(claims: readonly Claim[]) {
    this.ids = claims.map((c) => c.id);
    this.index = new MiniSearch<Doc>({
      fields: ['statement', 'phrasings', 'summary', 'triggers'],
      storeFields: [],
      tokenize,
      processTerm: (t) => {
        const f = foldTerm(t);
        return f.length > 0 ? f : null;
      },
      searchOptions: {
        boost: { statement: 2, phrasings: 1.5, summary: 1, triggers: 1 },
        // Every word of a query is a prefix ("kras" finds Krasnov) and may have a typo or a
        // transliteration difference ("krasnow"): one edit from 4 letters, two from 9.
        prefix: (term) => term.length >= 2,
        fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
        maxFuzzy: 2,
        combineWith: 'AND',
      },
    });
    this.index.addAll(
      claims.map((c, i) => ({
        id: i,
        statement: c.statement,
        phrasings: c.phrasings.join('\n'),
        summary: c.summary,
        triggers: c.detection.rules.flatMap((r) => Object.values(r.triggers).flat()).map((t) => t.replace(/\*$/, '')).join('\n'),
      })),
    );
  }

  /**
   * The best claims for a query, best first. Every word must match (AND); when none does, any
   * word may (OR), so a long query with one unknown word still finds something.
   */
  search(query: string, limit = 20): { hits: Hit[]; total: number } {
    const q = query.trim().slice(0, 200);
    if (!q) return { hits: [], total: 0 };
    // Exact and prefix matches first: on a large database they usually fill the page, and a
    // fuzzy search (edit distance over the whole term tree) costs far more. Typos and other
    // transliterations ("krasnow") are looked for only when the first pass found too little.
    let results = this.index.search(q, { fuzzy: false });
    if (results.length < limit) results = this.index.search(q);
    if (results.length === 0) results = this.index.search(q, { combineWith: 'OR' });
    return { hits: results.slice(0, limit).map((r) => ({ doc: r.id as number, id: this.ids[r.id as number]!, score: r.score })), total: results.length };
  }
}
