import type { Claim } from '../claims/schema';

/**
 * Full-text search over every claim (the popup's search box). Indexes the statement, every
 * phrasing in every language, the summary and the detection triggers (the words people use, in
 * every language); prefix and fuzzy matching, so "krasnow", "KGB asset" and "Краснов" all find
 * their claim. Pure (no browser APIs): tested in Node.
 *
 * An inverted index in flat typed arrays (no object per term or per document): the terms sorted,
 * so a prefix is a range found by binary search and a fuzzy match a walk of that sorted list as a
 * trie (shared prefixes share the rows of the edit-distance table, and a prefix already too far
 * skips every term under it); each term's postings (document, field, frequency) in one array. A
 * query scores only the postings of the terms it matches into one array of per-document scores
 * and keeps the best `limit` in a small heap: no result object per matching document, which is
 * what made MiniSearch cost ~0.4 s per keystroke at 100,000 claims (a word such as "a" or
 * "russian" matches most of them). Scoring is MiniSearch's (BM25+ per field, with field boosts;
 * prefix and fuzzy expansions weighted down), so the ranking stayed the same.
 *
 * Built in the worker over every claim (bundled and imported) when the database is loaded for a
 * search, or while the worker is idle: see docs/architecture.md.
 */

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

/** Words: letters and digits of any script. */
const WORD_SPLIT = /[^\p{L}\p{N}]+/u;
const tokenize = (text: string): string[] => text.split(WORD_SPLIT).filter(Boolean);

/** statement, phrasings, summary, triggers (a posting's field is its low 2 bits). */
const FIELDS = 4;
const BOOST = [2, 1.5, 1, 1];
/** BM25+ as MiniSearch computes it. */
const K = 1.2;
const B = 0.7;
const D = 0.5;
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MAX_FUZZY = 2;
const MAX_QUERY_TERMS = 20;

function fieldsOf(c: Claim): string[] {
  return [
    c.statement,
    c.phrasings.join('\n'),
    c.summary,
    c.detection.rules
      .flatMap((r) => Object.values(r.triggers).flat())
      .map((t) => t.replace(/\*$/, ''))
      .join('\n'),
  ];
}

/** A growable Int32Array. */
class IntList {
  a = new Int32Array(1024);
  n = 0;
  push(x: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }
}

export class SearchIndex {
  private readonly ids: string[];
  /** Every indexed term, folded, sorted by code unit. */
  private readonly terms: string[];
  /** Per term t: its postings are [postStart[t], postStart[t + 1]). */
  private readonly postStart: Int32Array;
  /** Per posting: document × FIELDS + field. */
  private readonly postDocField: Int32Array;
  /**
   * Per posting: BM25+'s term-frequency part, D + tf × (K + 1) ÷ (tf + K × (1 − B + B × length ÷
   * average)), computed once here; a query multiplies it by the term's weight and idf.
   */
  private readonly postBm: Float32Array;
  /** Per term × FIELDS + field: documents with the term in that field. */
  private readonly fieldDf: Int32Array;
  /** Per document × FIELDS + field: distinct words in the field. */
  private readonly fieldLen: Int32Array;
  private readonly avgLen = new Float64Array(FIELDS);
  // Scratch for one query (search is synchronous): scores, which query term last touched a document, how many matched.
  private readonly score: Float64Array;
  private readonly stamp: Int32Array;
  private readonly matched: Int32Array;
  private readonly touched: Int32Array;

  constructor(claims: readonly Claim[]) {
    const n = claims.length;
    this.ids = claims.map((c) => c.id);
    const fold = new Map<string, string>();
    const termId = new Map<string, number>();
    const termText: string[] = [];
    const eTerm = new IntList();
    const eDocField = new IntList();
    const eTf = new IntList();
    this.fieldLen = new Int32Array(n * FIELDS);
    const local = new Map<number, number>();
    for (let d = 0; d < n; d++) {
      const fields = fieldsOf(claims[d]!);
      for (let f = 0; f < FIELDS; f++) {
        const tokens = tokenize(fields[f]!);
        this.fieldLen[d * FIELDS + f] = new Set(tokens).size;
        local.clear();
        for (const tok of tokens) {
          let t = fold.get(tok);
          if (t === undefined) fold.set(tok, (t = foldTerm(tok)));
          if (!t) continue;
          let id = termId.get(t);
          if (id === undefined) {
            id = termText.length;
            termId.set(t, id);
            termText.push(t);
          }
          local.set(id, (local.get(id) ?? 0) + 1);
        }
        for (const [id, tf] of local) {
          eTerm.push(id);
          eDocField.push(d * FIELDS + f);
          eTf.push(tf);
        }
      }
    }
    for (let f = 0; f < FIELDS; f++) {
      let sum = 0;
      for (let d = 0; d < n; d++) sum += this.fieldLen[d * FIELDS + f]!;
      this.avgLen[f] = n > 0 ? sum / n : 0;
    }

    // Terms in sorted order; postings grouped by term (a stable counting sort keeps document order).
    const order = termText.map((_, i) => i).sort((a, b) => (termText[a]! < termText[b]! ? -1 : 1));
    const rank = new Int32Array(termText.length);
    order.forEach((old, r) => (rank[old] = r));
    this.terms = order.map((i) => termText[i]!);
    const T = this.terms.length;
    this.postStart = new Int32Array(T + 1);
    const E = eTerm.n;
    for (let e = 0; e < E; e++) this.postStart[rank[eTerm.a[e]!]! + 1]!++;
    for (let t = 0; t < T; t++) this.postStart[t + 1]! += this.postStart[t]!;
    const next = this.postStart.slice(0, T);
    this.postDocField = new Int32Array(E);
    this.postBm = new Float32Array(E);
    this.fieldDf = new Int32Array(T * FIELDS);
    for (let e = 0; e < E; e++) {
      const t = rank[eTerm.a[e]!]!;
      const at = next[t]!++;
      const df = eDocField.a[e]!;
      this.postDocField[at] = df;
      const tf = eTf.a[e]!;
      const avg = this.avgLen[df & 3]!;
      this.postBm[at] = D + (tf * (K + 1)) / (tf + K * (1 - B + (avg > 0 ? (B * this.fieldLen[df]!) / avg : 0)));
      this.fieldDf[t * FIELDS + (df & 3)]!++;
    }
    this.score = new Float64Array(n);
    this.stamp = new Int32Array(n).fill(-1);
    this.matched = new Int32Array(n);
    this.touched = new Int32Array(n);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The indexed terms, sorted (for tests). */
  vocabulary(): readonly string[] {
    return this.terms;
  }

  /** Indexed terms within `max` edits of a folded word, sorted (for tests). */
  termsNear(word: string, max: number): string[] {
    return this.fuzzyTerms(word, max).map(([t]) => this.terms[t]!);
  }

  /**
   * The best claims for a query, best first. Every word must match (AND); when none does, any
   * word may (OR), so a long query with one unknown word still finds something. Every word is
   * also a prefix ("kras" finds Krasnov, from 2 letters) and may have a typo or a transliteration
   * difference ("krasnow": one edit from 4 letters, two from 8).
   */
  search(query: string, limit = 20): { hits: Hit[]; total: number } {
    const q = query.trim().slice(0, 200);
    const words = tokenize(q)
      .map(foldTerm)
      .filter((t) => t.length > 0)
      .slice(0, MAX_QUERY_TERMS);
    if (words.length === 0) return { hits: [], total: 0 };
    // Exact and prefix matches first: on a large database they usually fill the page, and a
    // fuzzy search costs more. Typos and other transliterations ("krasnow") are looked for only
    // when the first pass found too little.
    const expansions = new Map<string, [term: number, weight: number][]>();
    let r = this.run(words, false, true, limit, expansions);
    if (r.total < limit) r = this.run(words, true, true, limit, expansions);
    // Any word, when no claim has them all; a single letter ("kgb a", typed on the way to "kgb
    // agent") only narrows, it finds nothing on its own (it is in most claims).
    const some = words.some((w) => w.length > 1) ? words.filter((w) => w.length > 1) : words;
    if (r.total === 0) r = this.run(some, true, false, limit, expansions);
    return r;
  }

  private run(words: string[], fuzzy: boolean, all: boolean, limit: number, cache: Map<string, [number, number][]>): { hits: Hit[]; total: number } {
    const { score, stamp, matched, touched, postDocField, postBm } = this;
    const expansions = words.map((w) => {
      const key = `${fuzzy ? 1 : 0}${w}`;
      let terms = cache.get(key);
      if (!terms) cache.set(key, (terms = this.expand(w, fuzzy)));
      return terms;
    });
    // Every word required and one matches no term: nothing to score.
    if (all && expansions.some((e) => e.length === 0)) return { hits: [], total: 0 };
    let count = 0;
    const wf = new Float64Array(FIELDS);
    const N = this.ids.length;
    for (let qi = 0; qi < words.length; qi++) {
      for (const [t, weight] of expansions[qi]!) {
        for (let f = 0; f < FIELDS; f++) {
          const n = this.fieldDf[t * FIELDS + f]!;
          wf[f] = weight * BOOST[f]! * Math.log(1 + (N - n + 0.5) / (n + 0.5));
        }
        for (let p = this.postStart[t]!, end = this.postStart[t + 1]!; p < end; p++) {
          const df = postDocField[p]!;
          const d = df >> 2;
          if (stamp[d] !== qi) {
            // With every word required, a document an earlier word missed cannot qualify.
            if (all && matched[d] !== qi) continue;
            if (stamp[d] === -1) touched[count++] = d;
            stamp[d] = qi;
            matched[d]!++;
          }
          score[d]! += wf[df & 3]! * postBm[p]!;
        }
      }
    }
    // The best `limit` of the documents that qualify, in a min-heap; ties go to the earlier document.
    const need = all ? words.length : 1;
    const heap: number[] = [];
    const hs: number[] = [];
    const worse = (i: number, j: number) => hs[i]! < hs[j]! || (hs[i] === hs[j] && heap[i]! > heap[j]!);
    const swap = (i: number, j: number) => {
      [heap[i], heap[j]] = [heap[j]!, heap[i]!];
      [hs[i], hs[j]] = [hs[j]!, hs[i]!];
    };
    let total = 0;
    for (let k = 0; k < count; k++) {
      const d = touched[k]!;
      const m = matched[d]!;
      const s = score[d]! * m;
      stamp[d] = -1;
      matched[d] = 0;
      score[d] = 0;
      if (m < need) continue;
      total++;
      if (heap.length < limit) {
        heap.push(d);
        hs.push(s);
        for (let i = heap.length - 1; i > 0; ) {
          const parent = (i - 1) >> 1;
          if (!worse(i, parent)) break;
          swap(i, parent);
          i = parent;
        }
      } else if (s > hs[0]! || (s === hs[0] && d < heap[0]!)) {
        heap[0] = d;
        hs[0] = s;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m2 = i;
          if (l < heap.length && worse(l, m2)) m2 = l;
          if (r < heap.length && worse(r, m2)) m2 = r;
          if (m2 === i) break;
          swap(i, m2);
          i = m2;
        }
      }
    }
    const hits = heap.map((d, i) => ({ doc: d, id: this.ids[d]!, score: hs[i]! }));
    hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return { hits, total };
  }

  /** The terms a query word stands for, with their weights: itself, its completions, and near spellings. */
  private expand(w: string, fuzzy: boolean): [term: number, weight: number][] {
    const out: [number, number][] = [];
    const lo = this.lowerBound(w);
    const prefix = w.length >= 2;
    let hi = lo;
    if (prefix) {
      hi = this.prefixEnd(w, lo);
      for (let t = lo; t < hi; t++) {
        const len = this.terms[t]!.length;
        const distance = len - w.length;
        out.push([t, distance === 0 ? 1 : (PREFIX_WEIGHT * len) / (len + 0.3 * distance)]);
      }
    } else if (this.terms[lo] === w) out.push([lo, 1]);
    const maxDistance = fuzzy && w.length >= 4 ? Math.min(MAX_FUZZY, Math.round(w.length * 0.2)) : 0;
    if (maxDistance > 0) {
      for (const [t, distance] of this.fuzzyTerms(w, maxDistance)) {
        if (distance === 0 || (prefix && t >= lo && t < hi)) continue; // counted above
        const len = this.terms[t]!.length;
        out.push([t, (FUZZY_WEIGHT * len) / (len + distance)]);
      }
    }
    return out;
  }

  /** The first term ≥ w. */
  private lowerBound(w: string, from = 0): number {
    let lo = from;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]! < w) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The end of the range of terms that start with p (the range begins at `lo`). */
  private prefixEnd(p: string, lo: number): number {
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]!.startsWith(p)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Terms within `max` edits (Levenshtein) of w, with their distance. The sorted terms are walked
   * as a trie: a term reuses the table rows of the prefix it shares with the one before, and a
   * prefix whose row is already over `max` skips every term that starts with it.
   */
  private fuzzyTerms(w: string, max: number): [number, number][] {
    const out: [number, number][] = [];
    const m = w.length;
    const cols = m + 1;
    const maxDepth = m + max;
    const rows = new Int32Array((maxDepth + 1) * cols);
    for (let j = 0; j <= m; j++) rows[j] = j;
    const terms = this.terms;
    let prev = '';
    let t = 0;
    while (t < terms.length) {
      const term = terms[t]!;
      let shared = 0;
      const lim = Math.min(prev.length, term.length);
      while (shared < lim && prev.charCodeAt(shared) === term.charCodeAt(shared)) shared++;
      // Rows 0..shared are valid from the previous term (rows deeper than maxDepth are never kept).
      let depth = Math.min(shared, maxDepth);
      let pruned = -1;
      while (depth < term.length && depth < maxDepth) {
        const c = term.charCodeAt(depth);
        const base = (depth + 1) * cols;
        const above = depth * cols;
        rows[base] = depth + 1;
        let rowMin = depth + 1;
        for (let j = 1; j <= m; j++) {
          const cost = w.charCodeAt(j - 1) === c ? 0 : 1;
          const v = Math.min(rows[above + j]! + 1, rows[base + j - 1]! + 1, rows[above + j - 1]! + cost);
          rows[base + j] = v;
          if (v < rowMin) rowMin = v;
        }
        depth++;
        if (rowMin > max) {
          pruned = depth;
          break;
        }
      }
      if (pruned >= 0) {
        // Every term that starts with term[0..pruned) is too far: skip them all.
        const p = term.slice(0, pruned);
        const end = this.prefixEnd(p, t + 1);
        prev = p;
        t = end;
        continue;
      }
      if (term.length <= maxDepth) {
        const dist = rows[term.length * cols + m]!;
        if (dist <= max) out.push([t, dist]);
      }
      prev = term;
      t++;
    }
    return out;
  }
}
