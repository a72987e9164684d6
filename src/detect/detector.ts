import type { Claim, Lexicon } from '../claims/schema';
import type { Normalized } from './normalize';
import { CachedAutomaton } from './cached-automaton';
import { NormalizeScratch, normalizeFast } from './normalize-fast';
import { parsePhrase, PhraseMatcher, type Phrase, type PhraseHit } from './phrase-matcher';

/** What made a match fire: shown on the card under "Why am I seeing this?". */
export interface Evidence {
  /** The words that triggered, as written on the page. */
  readonly trigger: string;
  /** Language of the trigger phrase in the data. */
  readonly language: string;
  /** The context that supported it: lexicon set, the words found, and where. */
  readonly context: readonly { set: string; words: string[]; where: 'text' | 'headline' }[];
}

export interface Match {
  /** Range in the original text, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly claimId: string;
  readonly evidence: Evidence;
}

export type Ref =
  | { kind: 'trigger'; claim: number; rule: number; lang: string; hashtag?: boolean }
  | { kind: 'set'; set: string };

/**
 * What each phrase refers to, in flat typed arrays (no object per phrase, so a packaged table is
 * read in place): the refs of phrase p are `start[p]` … `start[p + 1] − 1`; a ref is a trigger of
 * claim `claim[k]` (≥ 0) with `info[k]` = rule × 512 + language × 2 + hashtag, or a lexicon set
 * when `claim[k]` = −(set + 1).
 */
export interface RefTable {
  readonly start: Uint32Array;
  readonly claim: Int32Array;
  readonly info: Int32Array;
  readonly langs: readonly string[];
  readonly sets: readonly string[];
}

/** The refs of phrase p as objects (for tests and tools; detection reads the arrays). */
export function refsOf(t: RefTable, p: number): Ref[] {
  const out: Ref[] = [];
  for (let k = t.start[p]!; k < t.start[p + 1]!; k++) {
    const c = t.claim[k]!;
    if (c < 0) out.push({ kind: 'set', set: t.sets[-c - 1]! });
    else {
      const info = t.info[k]!;
      const r: Ref = { kind: 'trigger', claim: c, rule: info >>> 9, lang: t.langs[(info >>> 1) & 255]! };
      if (info & 1) r.hashtag = true;
      out.push(r);
    }
  }
  return out;
}

/**
 * A Detector's tables, computed at build time for the bundled database (scripts/lib/
 * claim-data-plugin.ts) so a starting worker does not normalise every phrase and build its
 * automata again: which phrases are stems, what each one refers to, and both automata packed as
 * bytes (`Automaton.pack`: the detector's own, and the trigger-only one the content script uses).
 * The build writes them to packaged binary files (src/claims/packaged.ts). The phrases' texts are
 * needed only for the trigger list pages ask for: `phrases` when they are at hand.
 */
export interface DetectorIndex {
  readonly stems: Uint8Array;
  readonly refs: RefTable;
  readonly automaton: Uint8Array;
  /** Left out for a database whose trigger automaton is too large to send to a page. */
  readonly triggerAutomaton?: Uint8Array;
  readonly phrases?: readonly Phrase[];
}

/**
 * What detection reads of a claim: its id and its rules (card data is not needed to detect).
 * `ruleCount`, when given, is `detection.rules.length` known without reading the rules (the
 * packaged database reads a claim's rules on its first match).
 */
export type DetectionClaim = Pick<Claim, 'id' | 'detection'> & { readonly ruleCount?: number };

interface Accepted {
  start: number; // normalised
  end: number;
  claim: number;
  priority: number;
  evidence: Evidence;
}

/**
 * People run a phrase together in a hashtag, often in lower case (#putinspuppet,
 * #agentedokremlin), where CamelCase cannot split it. Every phrase of several words also
 * matches in that form, but only right after a '#'.
 */
function hashtagForm(p: Phrase): Phrase | undefined {
  if (!p.text.includes(' ')) return undefined;
  const text = p.text.replace(/[ ']/g, '');
  return text.length >= 8 ? { text, stem: p.stem } : undefined;
}

/** Every trigger and set phrase, normalised once, with what it refers to. */
function buildTables(claims: readonly DetectionClaim[], lexicon: Lexicon): { phrases: Phrase[]; refs: RefTable } {
  const index = new Map<string, number>();
  const phrases: Phrase[] = [];
  const lists: [number, number][][] = [];
  const langs: string[] = [];
  const sets: string[] = [];
  const indexOf = (list: string[], max: number) => {
    const m = new Map<string, number>();
    return (x: string) => {
      let i = m.get(x);
      if (i === undefined) {
        if (list.length >= max) throw new Error(`detection tables: more than ${max} distinct values`);
        m.set(x, (i = list.length));
        list.push(x);
      }
      return i;
    };
  };
  const lang = indexOf(langs, 256);
  const set = indexOf(sets, 1 << 30);
  const add = (raw: string, claim: number, info: number) => {
    const p = parsePhrase(raw);
    if (p.text.length === 0) return;
    const key = `${p.text}\u0000${p.stem}`;
    let i = index.get(key);
    if (i === undefined) {
      i = phrases.length;
      index.set(key, i);
      phrases.push(p);
      lists.push([]);
    }
    lists[i]!.push([claim, info]);
  };
  claims.forEach((c, ci) =>
    c.detection.rules.forEach((r, ri) => {
      if (ri >= 1 << 20) throw new Error(`claim ${c.id}: too many rules`);
      for (const [l, list] of Object.entries(r.triggers))
        for (const raw of list) {
          const info = ri * 512 + lang(l) * 2;
          add(raw, ci, info);
          const h = hashtagForm(parsePhrase(raw));
          if (h) add(`${h.text}${h.stem ? '*' : ''}`, ci, info + 1);
        }
    }),
  );
  for (const [name, def] of Object.entries(lexicon.sets)) for (const list of Object.values(def.words)) for (const raw of list) add(raw, -(set(name) + 1), 0);
  const start = new Uint32Array(phrases.length + 1);
  let k = 0;
  lists.forEach((l, i) => {
    start[i] = k;
    k += l.length;
  });
  start[phrases.length] = k;
  const claim = new Int32Array(k);
  const info = new Int32Array(k);
  k = 0;
  for (const l of lists)
    for (const [c, x] of l) {
      claim[k] = c;
      info[k++] = x;
    }
  return { phrases, refs: { start, claim, info, langs, sets } };
}

/** Per phrase: 1 when some rule triggers on it (the rest are only context words). */
function triggerFlags(refs: RefTable, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let p = 0; p < count; p++)
    for (let k = refs.start[p]!; k < refs.start[p + 1]!; k++)
      if (refs.claim[k]! >= 0) {
        out[p] = 1;
        break;
      }
  return out;
}

const stemsOf = (phrases: readonly Phrase[]) => Uint8Array.from(phrases, (p) => (p.stem ? 1 : 0));

/**
 * Decides which claim, if any, a piece of text refers to. Pure: claims and lexicon in, matches
 * out. A trigger becomes a match only when every set its rule requires is present in the text
 * or the page headline and no veto set is present in the text.
 */
export class Detector {
  private readonly matcher: PhraseMatcher;
  private readonly refs: RefTable;
  /** Per phrase: 1 when some rule triggers on it. */
  private readonly isTrigger: Uint8Array;
  /** The phrases' texts, when at hand (built here, or given with the index). */
  private readonly texts: readonly Phrase[] | undefined;
  private triggerList: Phrase[] | undefined;
  private lastHeadline: { text: string; head: { norm: Normalized; sets: Map<string, PhraseHit[]> } } | undefined;
  /** Where detect() normalises each text: its offset maps are views of it, used only within the call. */
  private readonly scratch = new NormalizeScratch();

  /** The trigger automaton packed as bytes, when the detector was made from a prebuilt index. */
  readonly packedTriggers: Uint8Array | undefined;
  /** Per phrase: 1 for a stem. */
  private readonly stems: Uint8Array;
  private triggerStemList: Uint8Array | undefined;

  /**
   * `index` (from `Detector.index` at build time, for exactly these claims and lexicon) skips
   * normalising every phrase and building the automata. Its tables are checked against the
   * claims (every reference in range) in one pass over typed arrays.
   */
  constructor(
    private readonly claims: readonly DetectionClaim[],
    lexicon: Lexicon,
    index?: DetectorIndex,
  ) {
    if (index) {
      this.refs = index.refs;
      this.texts = index.phrases;
      this.matcher = new PhraseMatcher(index.stems, index.automaton, CachedAutomaton);
      this.packedTriggers = index.triggerAutomaton;
      this.stems = index.stems;
      checkRefs(index.refs, index.stems.length, claims);
    } else {
      const built = buildTables(claims, lexicon);
      this.refs = built.refs;
      this.texts = built.phrases;
      this.matcher = new PhraseMatcher(built.phrases, undefined, CachedAutomaton);
      this.packedTriggers = undefined;
      this.stems = stemsOf(built.phrases);
    }
    this.isTrigger = triggerFlags(this.refs, this.refs.start.length - 1);
  }

  /** The trigger phrases (hashtag forms included) the content script looks for before asking. */
  get triggers(): Phrase[] {
    if (!this.texts) throw new Error('Detector: the phrase texts are not loaded (use triggersOf)');
    return (this.triggerList ??= this.triggersOf(this.texts));
  }

  /**
   * Per trigger phrase (in the order of `triggers`, which the trigger automaton was built from):
   * 1 for a stem. With the prebuilt automaton this is all a page needs: no phrase texts.
   */
  get triggerStems(): Uint8Array {
    return (this.triggerStemList ??= this.stems.filter((_, i) => this.isTrigger[i] === 1));
  }

  /** The trigger phrases among `phrases` (this detector's phrase texts, in order). */
  triggersOf(phrases: readonly Phrase[]): Phrase[] {
    if (phrases.length !== this.isTrigger.length) throw new Error('Detector: the phrase texts do not fit the tables');
    return phrases.filter((_, i) => this.isTrigger[i] === 1);
  }

  /** This database's tables, for `new Detector(claims, lexicon, index)` (run at build time). */
  static index(claims: readonly DetectionClaim[], lexicon: Lexicon): DetectorIndex & { phrases: Phrase[] } {
    const { phrases, refs } = buildTables(claims, lexicon);
    const flags = triggerFlags(refs, phrases.length);
    return {
      phrases,
      stems: stemsOf(phrases),
      refs,
      automaton: new PhraseMatcher(phrases).pack(),
      triggerAutomaton: new PhraseMatcher(phrases.filter((_, i) => flags[i] === 1)).pack(),
    };
  }

  detect(text: string, headline?: string): Match[] {
    const norm = normalizeFast(text, this.scratch);
    const hits = this.matcher.findAll(norm.text);
    if (hits.length === 0) return [];
    const triggers = hits.filter((h) => this.isTrigger[h.phrase] === 1);
    if (triggers.length === 0) return [];
    const { start: refStart, claim: refClaim, info: refInfo, langs } = this.refs;
    const inText = this.setOccurrences(hits);
    const head = headline ? this.headlineSets(headline) : undefined;

    const accepted: Accepted[] = [];
    for (const h of triggers) {
      let best: Accepted | undefined;
      let sentence: { start: number; end: number } | undefined;
      for (let k = refStart[h.phrase]!; k < refStart[h.phrase + 1]!; k++) {
        const ci = refClaim[k]!;
        if (ci < 0) continue;
        const info = refInfo[k]!;
        if (info & 1 && text[norm.start[h.start]! - 1] !== '#') continue;
        const claim = this.claims[ci]!;
        const rule = claim.detection.rules[info >>> 9]!;
        const context: Evidence['context'][number][] = [];
        // Is a set present in the text (or only the trigger's sentence), else in the headline?
        const find = (set: string, scope?: { start: number; end: number }): boolean => {
          if (set === '$marked') {
            const marked = isMarked(text, norm.start[h.start]!, norm.end[h.end - 1]!);
            if (marked) context.push({ set, words: [marked], where: 'text' });
            return !!marked;
          }
          const here = (inText.get(set) ?? []).filter((o) => !scope || (o.start >= scope.start && o.end <= scope.end));
          if (here.length > 0) {
            context.push({ set, words: uniqueSlices(text, norm, here), where: 'text' });
            return true;
          }
          const there = scope ? undefined : head?.sets.get(set);
          if (head && there && there.length > 0) {
            context.push({ set, words: uniqueSlices(headline!, head.norm, there), where: 'headline' });
            return true;
          }
          return false;
        };
        if (!rule.requires.every((set) => find(set))) continue;
        if (rule.requiresAny.length > 0 && !rule.requiresAny.some((set) => find(set))) continue;
        let span = { start: h.start, end: h.end };
        if (rule.near.length > 0) {
          sentence ??= sentenceAround(norm.text, h.start, h.end);
          if (!rule.near.every((set) => find(set, sentence))) continue;
          // "recruited by the KGB" reads as one phrase: highlight it whole when the words are close.
          for (const set of rule.near)
            for (const o of inText.get(set) ?? []) {
              const gap = o.start >= h.end ? o.start - h.end : o.end <= h.start ? h.start - o.end : 0;
              if (gap <= NEAR_JOIN_GAP) span = { start: Math.min(span.start, o.start), end: Math.max(span.end, o.end) };
            }
        }
        if (rule.before.length > 0) {
          // Right before the trigger: normalised text has single spaces, so a gap of 0 or 1.
          const adjacent = (set: string) => {
            if (set === '$start') {
              // Nothing but spaces between the sentence's start and the trigger: a pro-drop verb
              // ("Lucrează pentru ruși", "Trabaja para los rusos") whose subject is the post's.
              sentence ??= sentenceAround(norm.text, h.start, h.end);
              const first = norm.text.slice(sentence.start, h.start).trim() === '';
              if (first) context.push({ set, words: [slice(text, norm, h.start, h.end)], where: 'text' });
              return first;
            }
            const o = (inText.get(set) ?? []).find((x) => x.end <= h.start && h.start - x.end <= 1);
            if (o) context.push({ set, words: uniqueSlices(text, norm, [o]), where: 'text' });
            return !!o;
          };
          if (!rule.before.every(adjacent)) continue;
        }
        const outside = (v: PhraseHit) => v.end <= h.start || v.start >= h.end;
        if (rule.vetoes.some((set) => (inText.get(set) ?? []).some(outside))) continue;
        if (rule.vetoesNear.length > 0) {
          sentence ??= sentenceAround(norm.text, h.start, h.end);
          const s = sentence;
          if (rule.vetoesNear.some((set) => (inText.get(set) ?? []).some((v) => outside(v) && v.start >= s.start && v.end <= s.end))) continue;
        }
        const contains = (v: PhraseHit) => v.start <= h.start && v.end >= h.end && v.end - v.start > h.end - h.start;
        if (rule.blockers.some((set) => (inText.get(set) ?? []).some(contains))) continue;
        const priority = claim.detection.priority;
        if (!best || priority > best.priority) {
          best = {
            start: span.start,
            end: span.end,
            claim: ci,
            priority,
            evidence: { trigger: slice(text, norm, h.start, h.end), language: langs[(info >>> 1) & 255]!, context },
          };
        }
      }
      if (best) accepted.push(best);
    }
    return this.resolveOverlaps(accepted).map((a) => ({
      start: norm.start[a.start]!,
      end: norm.end[a.end - 1]!,
      claimId: this.claims[a.claim]!.id,
      evidence: a.evidence,
    }));
  }

  /** The headline's set words: the same headline comes with every block of a batch, so the last one is kept. */
  private headlineSets(headline: string): { norm: Normalized; sets: Map<string, PhraseHit[]> } {
    if (this.lastHeadline?.text !== headline) {
      const norm = normalizeFast(headline);
      this.lastHeadline = { text: headline, head: { norm, sets: this.setOccurrences(this.matcher.findAll(norm.text)) } };
    }
    return this.lastHeadline.head;
  }

  private setOccurrences(hits: PhraseHit[]): Map<string, PhraseHit[]> {
    const out = new Map<string, PhraseHit[]>();
    const { start, claim, sets } = this.refs;
    for (const h of hits)
      for (let k = start[h.phrase]!; k < start[h.phrase + 1]!; k++) {
        const c = claim[k]!;
        if (c >= 0) continue;
        const set = sets[-c - 1]!;
        let l = out.get(set);
        if (!l) out.set(set, (l = []));
        l.push(h);
      }
    return out;
  }

  /**
   * Overlapping matches become one. Words inside a longer matched phrase belong to that phrase
   * ("American Kompromat" is the book, not "kompromat"); otherwise the more specific claim (higher
   * priority) wins, and ties go to the longer span.
   */
  private resolveOverlaps(list: Accepted[]): Accepted[] {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: Accepted[] = [];
    for (const a of list) {
      const last = out[out.length - 1];
      if (last && a.start < last.end) {
        const contains = (x: Accepted, y: Accepted) => x.start <= y.start && x.end >= y.end && x.end - x.start > y.end - y.start;
        const winner = contains(last, a)
          ? last
          : contains(a, last)
            ? a
            : a.priority > last.priority || (a.priority === last.priority && a.end - a.start > last.end - last.start)
              ? a
              : last;
        out[out.length - 1] = { ...winner, start: Math.min(a.start, last.start), end: Math.max(a.end, last.end) };
      } else out.push(a);
    }
    return out;
  }
}

/**
 * Checks prebuilt tables against the claims: every phrase's refs in range, every trigger's claim,
 * rule and language known, every set known. Throws when they do not fit.
 */
function checkRefs(t: RefTable, count: number, claims: readonly DetectionClaim[]): void {
  const bad = () => new Error('Detector: the prebuilt index does not fit these claims');
  const K = t.claim.length;
  if (t.start.length !== count + 1 || t.info.length !== K || t.start[0] !== 0 || t.start[count] !== K) throw bad();
  for (let p = 0; p < count; p++) if (t.start[p]! > t.start[p + 1]!) throw bad();
  const rules = new Int32Array(claims.length);
  for (let i = 0; i < claims.length; i++) {
    const c = claims[i]!;
    rules[i] = c.ruleCount ?? c.detection.rules.length;
  }
  const sets = t.sets.length;
  const langs = t.langs.length;
  for (let k = 0; k < K; k++) {
    const c = t.claim[k]!;
    if (c < 0) {
      if (-c - 1 >= sets) throw bad();
      continue;
    }
    const info = t.info[k]!;
    if (c >= claims.length || info < 0 || info >>> 9 >= rules[c]! || ((info >>> 1) & 255) >= langs) throw bad();
  }
}

const QUOTE_OPEN = new Set(['"', "'", '“', '”', '„', '«', '‘', '’', '‚', '‹', '「', '『']);
const QUOTE_CLOSE = new Set(['"', "'", '“', '”', '»', '’', '‘', '›', '」', '』']);

/** How the trigger at [start, end) of the original text is marked: '#…' or '"…"', if it is. */
function isMarked(original: string, start: number, end: number): string | undefined {
  if (original[start - 1] === '#') return original.slice(start - 1, end);
  // French and others put a (narrow) space inside the quotes: « Krasnov ».
  const s = /\s/.test(original[start - 1] ?? '') ? start - 2 : start - 1;
  const e = /\s/.test(original[end] ?? '') ? end + 1 : end;
  if (QUOTE_OPEN.has(original[s] ?? '') && QUOTE_CLOSE.has(original[e] ?? '')) return original.slice(s, e + 1);
  return undefined;
}

/** Context words this close (in characters) to a trigger are highlighted with it. */
const NEAR_JOIN_GAP = 12;

const SENTENCE_END = /[.!?…。！？؟।]/;

/** The sentence around [start, end) in normalised text: bounded by . ! ? … and their kin. */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  while (s > 0 && !(SENTENCE_END.test(text[s - 1]!) && (s >= text.length || text[s] === ' '))) s--;
  let e = end;
  while (e < text.length && !(SENTENCE_END.test(text[e]!) && (e + 1 >= text.length || text[e + 1] === ' '))) e++;
  return { start: s, end: e };
}

function slice(original: string, norm: Normalized, s: number, e: number): string {
  return original.slice(norm.start[s]!, norm.end[e - 1]!);
}

function uniqueSlices(original: string, norm: Normalized, hits: PhraseHit[]): string[] {
  return [...new Set(hits.map((h) => slice(original, norm, h.start, h.end)))].slice(0, 5);
}
