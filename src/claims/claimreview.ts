import { z } from 'zod/mini';
import { normalizePhrase } from '../detect/normalize';
import { formatPath } from './check';
// Rejection reasons are shown to people (options import preview, claims:import): zod's English messages.
import './english-errors';
import { Appearance, Claim, Detection, HttpsUrl, IsoDate, LangCode, Review, Slug, Verdict, type Claim as ClaimT, type Verdict as VerdictT } from './schema';

/**
 * The claim database as schema.org ClaimReview JSON-LD, and back.
 *
 * Export: one ClaimReview per review of each claim. The standard properties carry what any
 * ClaimReview consumer understands (the statement, the publisher's rating words, who said it and
 * where); everything ClaimLens needs beyond that (our id, verdict, texts, phrasings, detection
 * rules …) travels in one namespaced property, `"claimlens:claim"`, which other consumers ignore.
 * A database exported and imported again is the same database.
 *
 * Import: JSON-LD arrays, a DataFeed, JSON Lines or a single record, from us or from anyone
 * else. Every record is parsed with zod; a record that lacks what a claim needs is rejected with
 * the reason, never half-accepted. See docs/data.md, "Exporting and importing ClaimReview".
 *
 * Pure: no Node APIs (the options page can reuse it).
 */

export const CLAIMLENS_KEY = 'claimlens:claim';

/**
 * Our verdict on schema.org's 1–5 truth scale (1 = false … 5 = true, the scale Google's
 * ClaimReview guidance uses). `misleading`, `unproven` and `satire` are not points on a truth
 * scale, so those records carry the rating words only, with no numbers.
 */
export const VERDICT_RATING: Readonly<Partial<Record<VerdictT, number>>> = {
  false: 1,
  'mostly-false': 2,
  mixed: 3,
  'mostly-true': 4,
  true: 5,
};

/** The ClaimLens fields that schema.org has no place for; `note` is the review's own note. */
export const ClaimLensExtension = z.strictObject({
  id: Slug,
  verdict: Verdict,
  summary: Claim.shape.summary,
  explanation: Claim.shape.explanation,
  phrasings: Claim.shape.phrasings,
  related: z.array(Slug),
  lastReviewed: IsoDate,
  detection: Detection,
  sourcingNote: Claim.shape.sourcingNote,
  note: Review.shape.note,
});
export type ClaimLensExtension = z.infer<typeof ClaimLensExtension>;

/**
 * `"claimlens:claim": { "id": … }` alone (optionally with the review's `note`): the record is a
 * review of that claim of ours without the claim's fields. It is grouped with the claim's other
 * records; on its own it makes a claim from the rating words, which may not replace ours.
 */
export const ClaimLensRef = z.strictObject({ id: Slug, note: Review.shape.note });
export type ClaimLensRef = z.infer<typeof ClaimLensRef>;

interface NamedThing {
  '@type': 'Person' | 'Organization';
  name: string;
}

export interface CreativeWorkJson {
  '@type': 'CreativeWork';
  author: NamedThing;
  datePublished?: string;
  url?: string;
  /** Where the claim appeared (our `platform`): schema.org's "genre … broadcast channel or group". */
  genre: string;
}

export interface ClaimReviewJson {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  url: string;
  name: string;
  datePublished: string;
  inLanguage?: string;
  author: { '@type': 'Organization'; name: string };
  claimReviewed: string;
  reviewRating: {
    '@type': 'Rating';
    alternateName: string;
    ratingValue?: number;
    bestRating?: number;
    worstRating?: number;
    ratingExplanation: string;
  };
  itemReviewed: {
    '@type': 'Claim';
    author?: NamedThing;
    datePublished?: string;
    appearance?: CreativeWorkJson[];
    firstAppearance?: CreativeWorkJson;
  };
  [CLAIMLENS_KEY]: ClaimLensExtension;
}

// ───────────────────────────── export ─────────────────────────────

/** Words that make an appearance's author an Organization rather than a Person (a guess: we only store a name). */
const ORGANIZATION_WORDS =
  /\b(news|times|post|journal|herald|gazette|tribune|press|media|daily|beast|network|agency|department|ministry|government|party|campaign|committee|council|inc|ltd|llc|corp|company|university|institute|foundation|tv|radio|channel|website|group|bureau|office|magazine)\b/i;

function agent(name: string): NamedThing {
  return { '@type': ORGANIZATION_WORDS.test(name) ? 'Organization' : 'Person', name };
}

function creativeWork(a: ClaimT['appearances'][number]): CreativeWorkJson {
  return {
    '@type': 'CreativeWork',
    author: agent(a.author),
    ...(a.date ? { datePublished: a.date } : {}),
    ...(a.url ? { url: a.url } : {}),
    genre: a.platform,
  };
}

/** The earliest dated appearance, or the first listed when none is dated. */
function firstAppearance(list: ClaimT['appearances']): ClaimT['appearances'][number] | undefined {
  let best: ClaimT['appearances'][number] | undefined;
  for (const a of list) if (a.date && (!best?.date || a.date < best.date)) best = a;
  return best ?? list[0];
}

/** schema.org ClaimReview JSON-LD: one record per review of each claim. */
export function toClaimReviews(claims: readonly ClaimT[]): ClaimReviewJson[] {
  const out: ClaimReviewJson[] = [];
  for (const c of claims) {
    const first = firstAppearance(c.appearances);
    const itemReviewed: ClaimReviewJson['itemReviewed'] = { '@type': 'Claim' };
    if (first) {
      itemReviewed.author = agent(first.author);
      if (first.date) itemReviewed.datePublished = first.date;
      itemReviewed.appearance = c.appearances.map(creativeWork);
      itemReviewed.firstAppearance = creativeWork(first);
    }
    const value = VERDICT_RATING[c.verdict];
    for (const r of c.reviews) {
      const ext: ClaimLensExtension = {
        id: c.id,
        verdict: c.verdict,
        summary: c.summary,
        explanation: c.explanation,
        phrasings: c.phrasings,
        related: c.related,
        lastReviewed: c.lastReviewed,
        detection: c.detection,
        ...(c.sourcingNote !== undefined ? { sourcingNote: c.sourcingNote } : {}),
        ...(r.note !== undefined ? { note: r.note } : {}),
      };
      out.push({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        url: r.url,
        name: r.title,
        datePublished: r.datePublished,
        ...(r.language ? { inLanguage: r.language } : {}),
        author: { '@type': 'Organization', name: r.publisher },
        claimReviewed: c.statement,
        reviewRating: {
          '@type': 'Rating',
          alternateName: r.rating,
          ...(value !== undefined ? { ratingValue: value, bestRating: 5, worstRating: 1 } : {}),
          ratingExplanation: c.summary,
        },
        itemReviewed,
        [CLAIMLENS_KEY]: ext,
      });
    }
  }
  return out;
}

// ───────────────────────────── rating words → verdict ─────────────────────────────

/** Folds rating words for lookup: case, accents, punctuation and spacing. */
export function foldRating(words: string): string {
  return words
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Publishers' rating words (folded) → our verdict, for records without our extension. Follows
 * docs/data.md "Mapping publishers' ratings". Words needing a human judgement ("Outdated", a
 * one-sentence conclusion) are not here: such a record is rejected.
 */
export const RATING_VERDICTS: Readonly<Record<string, VerdictT>> = {
  // PolitiFact
  true: 'true',
  'mostly true': 'mostly-true',
  'half true': 'mixed',
  'mostly false': 'mostly-false',
  false: 'false',
  'pants on fire': 'false',
  // Snopes
  mixture: 'mixed',
  unproven: 'unproven',
  unfounded: 'unproven',
  miscaptioned: 'misleading',
  'labeled satire': 'satire',
  'labelled satire': 'satire',
  // Common labels of other fact-checkers
  correct: 'true',
  accurate: 'true',
  'partly true': 'mixed',
  'partly false': 'mixed',
  'partially true': 'mixed',
  'partially false': 'mixed',
  'half truth': 'mixed',
  mixed: 'mixed',
  incorrect: 'false',
  fake: 'false',
  misleading: 'misleading',
  'missing context': 'misleading',
  'out of context': 'misleading',
  'needs context': 'misleading',
  'no evidence': 'unproven',
  unverified: 'unproven',
  unsubstantiated: 'unproven',
  'unverified rumor': 'unproven',
  rumor: 'unproven',
  rumour: 'unproven',
  unsupported: 'unproven',
  satire: 'satire',
  parody: 'satire',
  // The same labels in other languages (es, pt, it, fr, de, pl)
  falso: 'false',
  faux: 'false',
  falsch: 'false',
  fałsz: 'false',
  verdadero: 'true',
  verdadeiro: 'true',
  vero: 'true',
  vrai: 'true',
  wahr: 'true',
  prawda: 'true',
  enganoso: 'misleading',
  enganador: 'misleading',
  fuorviante: 'misleading',
  trompeur: 'misleading',
  irrefuhrend: 'misleading',
  'sin pruebas': 'unproven',
  'sem provas': 'unproven',
  'sans preuve': 'unproven',
  'senza prove': 'unproven',
  'keine belege': 'unproven',
  satira: 'satire',
};

/** Words that mark a rating as "no evidence" wherever they appear in it. */
const UNPROVEN_MARKERS = /(^| )(no evidence|unverified|unproven|unsubstantiated|unfounded)( |$)/;

/** Our verdict for a publisher's rating words, or undefined when they need a human. */
export function verdictForRating(words: string): VerdictT | undefined {
  const f = foldRating(words);
  return RATING_VERDICTS[f] ?? (UNPROVEN_MARKERS.test(f) ? 'unproven' : undefined);
}

// ───────────────────────────── import: record schema ─────────────────────────────

/** A name: a string, `{ name }`, or a list of those (the first with a name wins). */
function nameOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v)) {
    for (const x of v) {
      const n = nameOf(x);
      if (n) return n;
    }
    return undefined;
  }
  if (typeof v === 'object' && v !== null) {
    const n = (v as Record<string, unknown>).name;
    return typeof n === 'string' ? n.trim() || undefined : undefined;
  }
  return undefined;
}

const ISO_DATE_OR_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** YYYY-MM-DD, or a full ISO date-time of which the date part is taken. */
const DateIn = z.pipe(
  z.pipe(
    z.string().check(z.trim(), z.regex(ISO_DATE_OR_TIME, 'must be a date written YYYY-MM-DD or an ISO date-time')),
    z.transform((s: string) => s.slice(0, 10)),
  ),
  IsoDate,
);

const UrlIn = z.pipe(z.string().check(z.trim()), HttpsUrl);

const Text = z.string().check(z.trim(), z.minLength(1, 'must not be empty'));

/** Runs `schema` on the value and reports its issues at the current path (clearer than a union's "Invalid input"). */
function via<T>(pick: (v: unknown) => z.ZodMiniType<T>) {
  return z.pipe(
    z.unknown(),
    z.transform((v: unknown, ctx): T => {
      const r = pick(v).safeParse(v);
      if (r.success) return r.data;
      // zod/mini's transform context has no addIssue: raw issues go into the payload, as classic's addIssue did.
      for (const i of r.error.issues) ctx.issues.push({ code: 'custom', message: i.message, path: i.path as PropertyKey[], input: v });
      return z.NEVER;
    }),
  );
}

interface AppearanceFound {
  url?: string;
  author?: string;
  date?: string;
  platform?: string;
}

const CreativeWorkFields = z.looseObject({
  url: z.optional(UrlIn),
  author: z.optional(z.unknown()),
  creator: z.optional(z.unknown()),
  datePublished: z.optional(DateIn),
  genre: z.optional(Text),
  publisher: z.optional(z.unknown()),
});
const CreativeWorkIn = z.pipe(
  CreativeWorkFields,
  z.transform(
    (w: z.output<typeof CreativeWorkFields>): AppearanceFound => ({
      url: w.url,
      author: nameOf(w.author) ?? nameOf(w.creator),
      date: w.datePublished,
      platform: w.genre ?? nameOf(w.publisher),
    }),
  ),
);

/** A CreativeWork in which the claim appeared, or just its URL. */
const AppearanceIn = via<AppearanceFound>((v) => (typeof v === 'string' ? z.pipe(UrlIn, z.transform((url: string): AppearanceFound => ({ url }))) : CreativeWorkIn));

const oneOrMany = <T>(s: z.ZodMiniType<T>) =>
  z.pipe(
    z.pipe(
      z.unknown(),
      z.transform((v: unknown) => (Array.isArray(v) ? v : [v])),
    ),
    z.array(s),
  );

const TYPE_OK = /^(?:(?:https?:\/\/)?schema\.org\/|schema:)?ClaimReview$/;

/**
 * One ClaimReview record as found in a feed. Lenient about anything we do not use (extra
 * properties, `@context` spelling, numbers written as strings); strict about what a claim needs:
 * the statement, an https url, the publisher, a real date and the rating words.
 */
export const ClaimReviewIn = z.looseObject({
  '@type': z.optional(z.unknown()).check(
    z.superRefine((t, ctx) => {
      if (t === undefined) return;
      const types = Array.isArray(t) ? t : [t];
      if (!types.some((x) => typeof x === 'string' && TYPE_OK.test(x))) ctx.addIssue({ code: 'custom', message: `is ${JSON.stringify(t)}, not ClaimReview` });
    }),
  ),
  claimReviewed: Text,
  url: UrlIn,
  name: z.optional(Text),
  headline: z.optional(Text),
  datePublished: DateIn,
  inLanguage: z.optional(z.unknown()),
  author: z.optional(z.unknown()),
  publisher: z.optional(z.unknown()),
  reviewRating: z.looseObject({
    alternateName: z.optional(Text),
    name: z.optional(Text),
    ratingExplanation: z.optional(Text),
  }),
  itemReviewed: z.optional(
    z.looseObject({
      author: z.optional(z.unknown()),
      datePublished: z.optional(DateIn),
      appearance: z.optional(oneOrMany(AppearanceIn)),
      firstAppearance: z.optional(AppearanceIn),
    }),
  ),
  [CLAIMLENS_KEY]: z.optional(
    via<{ full: ClaimLensExtension } | { ref: ClaimLensRef }>((v) =>
      typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).every((k) => k === 'id' || k === 'note')
        ? z.pipe(ClaimLensRef, z.transform((ref: ClaimLensRef) => ({ ref })))
        : z.pipe(ClaimLensExtension, z.transform((full: ClaimLensExtension) => ({ full }))),
    ),
  ),
});

/** A record after parsing: what we take from it. */
interface ParsedRecord {
  readonly label: string;
  readonly statement: string;
  readonly review: z.infer<typeof Review>;
  readonly ratingExplanation?: string;
  readonly appearances: z.infer<typeof Appearance>[];
  /** The full extension: this record carries the whole claim. */
  readonly ext?: ClaimLensExtension;
  /** Only our claim's id. */
  readonly ref?: string;
  /** Position in the input, for reporting in order. */
  readonly pos: number;
}

function reason(error: z.core.$ZodError): string {
  return error.issues.map((i) => `${formatPath(i.path) || 'record'}: ${i.message}`).join('; ');
}

/** The primary language subtag of `inLanguage` ("en-US" → "en"; `{ alternateName: "de" }` → "de"). */
function languageOf(v: unknown): string | undefined | null {
  if (v === undefined) return undefined;
  const s = typeof v === 'string' ? v : typeof v === 'object' && v !== null ? (v as Record<string, unknown>).alternateName : undefined;
  if (typeof s !== 'string') return null;
  const code = s.trim().toLowerCase().split(/[-_]/)[0]!;
  return LangCode.safeParse(code).success ? code : null;
}

function parseRecord(raw: unknown, label: string, pos: number): ParsedRecord | { label: string; reason: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { label, reason: 'is not a JSON object' };
  const r = ClaimReviewIn.safeParse(raw);
  if (!r.success) return { label, reason: reason(r.error) };
  const d = r.data;
  const problems: string[] = [];
  const publisher = nameOf(d.author) ?? nameOf(d.publisher);
  if (!publisher) problems.push('author: the publisher (the fact-checker) is missing');
  const title = d.name ?? d.headline;
  if (!title) problems.push('name: the review has no title (name or headline)');
  const rating = d.reviewRating.alternateName ?? d.reviewRating.name;
  if (!rating) problems.push("reviewRating.alternateName: the publisher's rating words are missing");
  const language = languageOf(d.inLanguage);
  if (language === null) problems.push('inLanguage: is not an ISO 639 language code');
  if (problems.length > 0) return { label, reason: problems.join('; ') };

  const lens = d[CLAIMLENS_KEY];
  const ext = lens && 'full' in lens ? lens.full : undefined;
  const ref = lens && 'ref' in lens ? lens.ref : undefined;
  const note = ext?.note ?? ref?.note;
  const claimAuthor = nameOf(d.itemReviewed?.author);
  const appearances: z.infer<typeof Appearance>[] = [];
  const list = d.itemReviewed?.appearance ?? (d.itemReviewed?.firstAppearance ? [d.itemReviewed.firstAppearance] : []);
  for (const a of list) {
    const author = a.author ?? claimAuthor;
    // Our schema needs who said it; an appearance that does not say is left out.
    if (!author) continue;
    const platform = a.platform ?? (a.url ? new URL(a.url).hostname.replace(/^www\./, '') : 'Unknown');
    appearances.push({ author, platform, ...(a.date ? { date: a.date } : {}), ...(a.url ? { url: a.url } : {}) });
  }
  if (list.length === 0 && claimAuthor && !ext)
    appearances.push({ author: claimAuthor, platform: 'Unknown', ...(d.itemReviewed?.datePublished ? { date: d.itemReviewed.datePublished } : {}) });

  return {
    label,
    statement: d.claimReviewed.replace(/\s+/g, ' '),
    review: {
      publisher: publisher!,
      title: title!,
      url: d.url,
      datePublished: d.datePublished,
      rating: rating!,
      ...(language ? { language } : {}),
      ...(note !== undefined ? { note } : {}),
    },
    ...(d.reviewRating.ratingExplanation ? { ratingExplanation: d.reviewRating.ratingExplanation } : {}),
    appearances,
    ...(ext ? { ext } : {}),
    ...(ref ? { ref: ref.id } : {}),
    pos,
  };
}

// ───────────────────────────── import: reading the input ─────────────────────────────

/** The input as a whole could not be read (not one of the accepted formats). */
export class ClaimReviewInputError extends Error {
  override name = 'ClaimReviewInputError';
}

interface RawRecord {
  readonly label: string;
  readonly raw?: unknown;
  readonly error?: string;
}

const typeIs = (v: unknown, t: string) => {
  const ty = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)['@type'] : undefined;
  return (Array.isArray(ty) ? ty : [ty]).some((x) => typeof x === 'string' && x.replace(/^.*[/:]/, '') === t);
};

/** A DataFeedItem (or anything with `item` and no claim) stands for the record(s) it wraps. */
function unwrap(raw: unknown, label: string, out: RawRecord[]): void {
  const obj = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  if (obj && 'item' in obj && (typeIs(obj, 'DataFeedItem') || !('claimReviewed' in obj))) {
    const item = obj.item;
    if (Array.isArray(item)) {
      if (item.length === 1) out.push({ label, raw: item[0] });
      else item.forEach((x, i) => out.push({ label: `${label}.${i + 1}`, raw: x }));
    } else out.push({ label, raw: item });
    return;
  }
  out.push({ label, raw });
}

function fromDocument(doc: unknown): RawRecord[] {
  const out: RawRecord[] = [];
  let items: unknown[];
  if (Array.isArray(doc)) items = doc;
  else if (typeof doc === 'object' && doc !== null) {
    const o = doc as Record<string, unknown>;
    if (typeIs(o, 'DataFeed') || 'dataFeedElement' in o) {
      if (!Array.isArray(o.dataFeedElement)) throw new ClaimReviewInputError('the DataFeed has no dataFeedElement list');
      items = o.dataFeedElement;
    } else if (Array.isArray(o['@graph'])) items = o['@graph'];
    else items = [o];
  } else throw new ClaimReviewInputError('is neither a JSON array nor a JSON object');
  items.forEach((x, i) => unwrap(x, `item ${i + 1}`, out));
  return out;
}

function records(input: string): RawRecord[] {
  const text = input.replace(/^\uFEFF/, '');
  const trimmed = text.trim();
  if (trimmed === '') throw new ClaimReviewInputError('the input is empty');
  if (trimmed.startsWith('[')) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch (e) {
      throw new ClaimReviewInputError(`the JSON array is not valid JSON (${(e as Error).message})`);
    }
    return fromDocument(doc);
  }
  if (!trimmed.startsWith('{')) throw new ClaimReviewInputError('expected a JSON array, a JSON object (ClaimReview or DataFeed) or JSON Lines');
  try {
    return fromDocument(JSON.parse(trimmed));
  } catch (e) {
    if (e instanceof ClaimReviewInputError) throw e;
  }
  // JSON Lines: one record per line; blank lines are skipped.
  const out: RawRecord[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const label = `line ${i + 1}`;
    if (line.trim() === '') return;
    try {
      unwrap(JSON.parse(line), label, out);
    } catch (e) {
      out.push({ label, error: `is not valid JSON (${(e as Error).message})` });
    }
  });
  return out;
}

// ───────────────────────────── import: records → claims ─────────────────────────────

export interface Rejected {
  /** Where it was in the input: "line 3" (JSON Lines), "item 2" (array or DataFeed), or the claim's records. */
  readonly record: string;
  readonly reason: string;
}

export interface ImportResult {
  readonly claims: ClaimT[];
  readonly rejected: Rejected[];
  /** Ids of the claims built from a complete `claimlens:claim` extension (these may replace an existing claim). */
  readonly withExtension: string[];
}

export interface ImportOptions {
  /** "Today", for rejecting dates in the future. Default: now. */
  readonly now?: Date;
  /** Ids already taken (e.g. by the database): a claim from a foreign record never gets one of these as a derived id. Default: none. */
  readonly takenIds?: ReadonlySet<string>;
}

/** The key that groups records of the same claim when they carry no id: the statement, folded. */
export function statementKey(statement: string): string {
  return normalizePhrase(statement).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The folded statement and phrasings of a claim: a foreign record whose statement is one of these is about that claim. */
export function claimKeys(c: Pick<ClaimT, 'statement' | 'phrasings'>): Set<string> {
  return new Set([c.statement, ...c.phrasings].map(statementKey));
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** A lowercase slug of at most 60 characters from a statement (Cyrillic transliterated; otherwise a hash). */
export function slugify(statement: string): string {
  let s = '';
  for (const ch of statement.toLowerCase()) s += CYRILLIC[ch] ?? ch;
  s = s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length > 60) {
    const cut = s.slice(0, 61);
    const at = cut.lastIndexOf('-');
    s = at > 20 ? cut.slice(0, at) : s.slice(0, 60).replace(/-+$/, '');
  }
  if (s) return s;
  // FNV-1a: a stable id for a statement with no Latin or Cyrillic letters.
  let h = 0x811c9dc5;
  for (let i = 0; i < statement.length; i++) h = Math.imul(h ^ statement.charCodeAt(i), 0x01000193) >>> 0;
  return `claim-${h.toString(36)}`;
}

/** Cuts text to `max` characters: the first sentences that fit, else at a word, with "…". */
export function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  let fit = '';
  for (const s of t.split(/(?<=[.!?])\s+/)) {
    const next = fit ? `${fit} ${s}` : s;
    if (next.length > max) break;
    fit = next;
  }
  if (fit) return fit;
  const cut = t.slice(0, max - 1);
  const at = cut.lastIndexOf(' ');
  return `${(at > max / 2 ? cut.slice(0, at) : cut).replace(/[\s,;:]+$/, '')}…`;
}

function extClaimPart(e: ClaimLensExtension): string {
  const { note: _n, ...rest } = e;
  return JSON.stringify(rest);
}

interface Group {
  readonly key: string;
  readonly records: ParsedRecord[];
  readonly urls: Map<string, string>;
  /** The first record with the full extension, if any: the claim comes from it. */
  full?: ParsedRecord & { ext: ClaimLensExtension };
}

/**
 * Reads ClaimReview records (a JSON-LD array, a DataFeed, JSON Lines or a single object) and
 * groups them into claims: records with the same `claimlens:claim.id`, else with the same
 * statement (folded), are reviews of one claim. Every record that cannot become part of a valid
 * claim is in `rejected`, with the reason, in input order. Throws ClaimReviewInputError when the
 * input as a whole is in none of the accepted formats.
 */
export function fromClaimReviews(input: string, opts: ImportOptions = {}): ImportResult {
  const today = (opts.now ?? new Date()).toISOString().slice(0, 10);
  const rejected: (Rejected & { pos: number })[] = [];
  const groups = new Map<string, Group>();

  records(input).forEach((rr, pos) => {
    const reject = (reason: string) => rejected.push({ record: rr.label, reason, pos });
    if (rr.error !== undefined) return reject(rr.error);
    const p = parseRecord(rr.raw, rr.label, pos);
    if ('reason' in p) return reject(p.reason);
    const future = [p.review.datePublished, p.ext?.lastReviewed, ...p.appearances.map((a) => a.date)].find((d) => d !== undefined && d > today);
    if (future) return reject(`date ${future} is in the future`);
    const id = p.ext?.id ?? p.ref;
    const key = id !== undefined ? `id:${id}` : `text:${statementKey(p.statement)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, records: [], urls: new Map() }));
    if (p.ext && g.full && (extClaimPart(g.full.ext) !== extClaimPart(p.ext) || g.full.statement !== p.statement))
      return reject(`its claim "${p.ext.id}" differs from the one in ${g.full.label} (statement or claimlens:claim fields)`);
    const dup = g.urls.get(p.review.url);
    if (dup) return reject(`repeats the review in ${dup} (same url ${p.review.url})`);
    g.urls.set(p.review.url, p.label);
    g.records.push(p);
    if (p.ext && !g.full) g.full = p as ParsedRecord & { ext: ClaimLensExtension };
  });

  // Ids: ours first, then derived ones, never clashing with each other or with takenIds.
  const used = new Set<string>(opts.takenIds ?? []);
  for (const g of groups.values()) if (g.key.startsWith('id:')) used.add(g.key.slice(3));

  // A foreign claim that is one of our claims in other words (its statement is our statement or
  // phrasing) is not a second claim: its records are rejected.
  const ours = new Map<string, string>();
  for (const g of groups.values()) if (g.full) for (const k of claimKeys({ statement: g.full.statement, phrasings: g.full.ext.phrasings })) ours.set(k, g.full.ext.id);

  const claims: ClaimT[] = [];
  const withExtension: string[] = [];
  for (const g of groups.values()) {
    let recs = g.records;
    let candidate: unknown;
    if (g.full) candidate = fromExtension(recs, g.full);
    else {
      // Without our fields the verdict comes from the rating words: each must map to one.
      recs = recs.filter((r) => {
        if (verdictForRating(r.review.rating) !== undefined) return true;
        rejected.push({ record: r.label, reason: `cannot map rating '${r.review.rating}' to a verdict`, pos: r.pos });
        return false;
      });
      if (recs.length === 0) continue;
      let id = g.key.startsWith('id:') ? g.key.slice(3) : undefined;
      if (id === undefined) {
        const same = ours.get(statementKey(recs[0]!.statement));
        if (same !== undefined) {
          for (const r of recs) rejected.push({ record: r.label, reason: `its claimReviewed is a statement or phrasing of claim "${same}" in this input; add the review to that claim by hand`, pos: r.pos });
          continue;
        }
        const base = slugify(recs[0]!.statement);
        id = base;
        for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
        used.add(id);
      }
      candidate = fromForeign(recs, id);
    }
    const r = Claim.safeParse(candidate);
    if (r.success) {
      claims.push(r.data);
      if (g.full) withExtension.push(r.data.id);
    } else {
      const id = (candidate as { id: string }).id;
      rejected.push({ record: recs.map((x) => x.label).join(', '), reason: `claim "${id}": ${reason(r.error)}`, pos: recs[0]!.pos });
    }
  }
  rejected.sort((a, b) => a.pos - b.pos);
  return { claims, rejected: rejected.map(({ record, reason }) => ({ record, reason })), withExtension };
}

function fromExtension(recs: readonly ParsedRecord[], full: ParsedRecord & { ext: ClaimLensExtension }): unknown {
  const e = full.ext;
  return {
    id: e.id,
    statement: full.statement,
    phrasings: e.phrasings,
    verdict: e.verdict,
    summary: e.summary,
    explanation: e.explanation,
    reviews: recs.map((r) => r.review),
    ...(e.sourcingNote !== undefined ? { sourcingNote: e.sourcingNote } : {}),
    appearances: full.appearances,
    related: e.related,
    lastReviewed: e.lastReviewed,
    detection: e.detection,
  };
}

/** A claim from records with no extension: verdict from the rating words, texts from the ratings. */
function fromForeign(recs: readonly ParsedRecord[], id: string): unknown {
  // Verdict: the one most reviews map to; a tie goes to the most recent review among the tied.
  const count = new Map<VerdictT, number>();
  const latest = new Map<VerdictT, string>();
  recs.forEach((r, i) => {
    const v = verdictForRating(r.review.rating)!;
    count.set(v, (count.get(v) ?? 0) + 1);
    const stamp = `${r.review.datePublished}|${String(i).padStart(8, '0')}`;
    if ((latest.get(v) ?? '') < stamp) latest.set(v, stamp);
  });
  let verdict: VerdictT | undefined;
  for (const v of count.keys())
    if (verdict === undefined || count.get(v)! > count.get(verdict)! || (count.get(v) === count.get(verdict) && latest.get(v)! > latest.get(verdict)!)) verdict = v;

  const byDate = [...recs].sort((a, b) => (a.review.datePublished < b.review.datePublished ? 1 : a.review.datePublished > b.review.datePublished ? -1 : 0));
  const newest = byDate[0]!;
  const withExplanation = byDate.find((r) => r.ratingExplanation);
  const summary = clip(withExplanation?.ratingExplanation ?? `${newest.review.publisher} rated it "${newest.review.rating}".`, 200);
  const sentences = recs.map((r) => `${r.review.publisher} rated it "${r.review.rating}" on ${r.review.datePublished}.`);
  if (count.size > 1) sentences.push('The ratings differ; the verdict follows most of them.');
  const explanation = clip(`Imported from ClaimReview markup. ${sentences.join(' ')}`, 2000);

  const publishers = new Set(recs.map((r) => r.review.publisher.toLowerCase()));
  const appearances: z.infer<typeof Appearance>[] = [];
  const seen = new Set<string>();
  for (const r of recs)
    for (const a of r.appearances) {
      const k = JSON.stringify([a.author, a.platform, a.date, a.url]);
      if (!seen.has(k)) seen.add(k), appearances.push(a);
    }
  const statement = recs[0]!.statement;
  return {
    id,
    statement,
    phrasings: [statement],
    verdict,
    summary,
    explanation,
    reviews: recs.map((r) => r.review),
    ...(publishers.size < 2 ? { sourcingNote: `Only one publisher (${recs[0]!.review.publisher}) has reviewed this claim; imported from ClaimReview markup.` } : {}),
    appearances,
    related: [],
    lastReviewed: newest.review.datePublished,
    detection: { priority: 10, rules: [] },
  };
}
