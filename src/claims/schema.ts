import { z } from 'zod/mini';
import { lazy } from '../util/lazy';

/**
 * The claim database's schema: the single source of truth for what a claim is.
 * Field names follow schema.org ClaimReview where one exists (see docs/data.md).
 * Objects are strict: an unknown field is an error, so a typo never silently drops data.
 *
 * Written with zod/mini (functions instead of methods: `z.optional(x)`, `x.check(z.maxLength(n))`),
 * because the content script parses claims too and zod/mini tree-shakes. zod's own messages are
 * English only where people read them: see english-errors.ts.
 */

export const VERDICTS = [
  'false',
  'mostly-false',
  'mixed',
  'mostly-true',
  'true',
  'unproven',
  'misleading',
  'satire',
] as const;
export const Verdict = lazy(() => z.enum(VERDICTS));
export type Verdict = z.infer<typeof Verdict>;

export const Slug = lazy(() => z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug such as "trump-kgb-1987"')));

/** A calendar date, YYYY-MM-DD, that exists. "Not in the future" is checked by claims:check. */
export const IsoDate = lazy(() => z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
  z.refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a real calendar date'),
));

/** Only https links ever reach a card: no http:, javascript:, data: or relative URLs. */
export const HttpsUrl = lazy(() => z.string().check(
  z.refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' && u.hostname.length > 0 && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'must be an absolute https:// URL'),
));

export const LangCode = lazy(() => z.string().check(z.regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code such as "en"')));

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max, `must be at most ${max} characters`));

export const Review = lazy(() => z.strictObject({
  /** The fact-checking organisation (ClaimReview author). */
  publisher: Text(120),
  title: Text(300),
  url: HttpsUrl,
  datePublished: IsoDate,
  /** The publisher's own rating words (ClaimReview reviewRating.alternateName), e.g. "Unproven". */
  rating: Text(120),
  language: z.optional(LangCode),
  /** E.g. that the URL is a syndicated copy of the original. */
  note: z.optional(Text(300)),
}));
export type Review = z.infer<typeof Review>;

export const Appearance = lazy(() => z.strictObject({
  /** Who made or spread the claim. */
  author: Text(200),
  date: z.optional(IsoDate),
  platform: Text(100),
  url: z.optional(HttpsUrl),
}));
export type Appearance = z.infer<typeof Appearance>;

/**
 * Context sets computed by the detector rather than listed in the lexicon:
 * `$marked` — the trigger itself is written as a hashtag (#Krasnov) or in quotes ("Krasnov");
 * `$start` — (in `before` only) the trigger begins its sentence: a verb with no subject in a
 *   language that drops pronouns ("Trabaja para los rusos"), said of the post's subject.
 */
export const BUILTIN_SETS = ['$marked', '$start'] as const;

/** A set name in data/lexicon.json, e.g. "subject" or "veto-money", or a built-in set. */
/** A trigger or context phrase: a trailing `*` makes it a stem; a `*` anywhere else would never match. */
const PhraseText = lazy(() => Text(80).check(z.regex(/^[^*]*\*?$/, 'a "*" (stem) may only end a phrase: write each form out, e.g. "советская разведка", "советской разведки"')));

export const SetName = lazy(() => z.string().check(z.regex(/^([a-z][a-z0-9-]*|\$marked|\$start)$/, 'must be a lexicon set name such as "subject" (or a built-in: "$marked", "$start")')));

/** Trigger phrases per language. */
const TriggerList = lazy(() => z.record(LangCode, z.array(PhraseText).check(z.minLength(1))));
export type TriggerList = z.infer<typeof TriggerList>;

const ruleConditions = () => ({
  requires: z._default(z.array(SetName), []),
  requiresAny: z._default(z.array(SetName), []),
  near: z._default(z.array(SetName), []),
  before: z._default(z.array(SetName), []),
  vetoes: z._default(z.array(SetName), []),
  vetoesNear: z._default(z.array(SetName), []),
  blockers: z._default(z.array(SetName), []),
});

/**
 * A detection rule. Any trigger phrase (per language) fires the rule when
 * - every `requires` set and at least one `requiresAny` set (if any) occurs in the text or the
 *   page headline,
 * - every `near` set occurs in the trigger's own sentence,
 * - every `before` set has a word that ends right before the trigger (a space at most between:
 *   "he's | Putin's puppet", "es un | títere de Putin"),
 * - no `vetoes` set occurs anywhere in the text (outside the trigger), no `vetoesNear` set in
 *   the trigger's sentence ("Witkoff is a Russian asset" is about Witkoff), and
 * - no `blockers` phrase contains the trigger ("former KGB agent" is not a "KGB agent" claim).
 * A phrase ending in `*` also matches the stem followed by up to three letters (inflection:
 * Краснов*, Krasnow*).
 *
 * This is the rule after parsing: its triggers are its own plus those of the claim's
 * `triggerSets` it names in `triggersFrom` (see RuleInput).
 */
export const Rule = lazy(() => z.strictObject({ triggers: TriggerList, ...ruleConditions() }));
export type Rule = z.infer<typeof Rule>;

/**
 * A rule as written in data: its own `triggers`, and/or `triggersFrom`, names of the claim's
 * `triggerSets` whose phrases it also fires on. Several rules often share one list of phrases
 * under different conditions (recruitment idioms near "KGB", near 1987, in the eighties): the
 * list is written once, so a phrase added to it reaches every rule that uses it.
 */
const RuleInput = lazy(() => z.strictObject({
  triggers: z.optional(TriggerList),
  triggersFrom: z._default(z.array(Slug), []),
  ...ruleConditions(),
}));

/** Resolves `triggersFrom` (own phrases first, then each set's, each phrase once per language). */
function resolveTriggers(d: { priority: number; triggerSets: Record<string, TriggerList>; rules: z.infer<typeof RuleInput>[] }, ctx: z.core.ParsePayload<unknown>): { priority: number; rules: Rule[] } {
  const used = new Set<string>();
  const rules = d.rules.map(({ triggers, triggersFrom, ...conditions }, ri) => {
    const merged: Record<string, string[]> = {};
    const add = (list: TriggerList) => {
      for (const [lang, phrases] of Object.entries(list)) {
        const out = (merged[lang] ??= []);
        for (const p of phrases) if (!out.includes(p)) out.push(p);
      }
    };
    if (triggers) add(triggers);
    triggersFrom.forEach((name, i) => {
      const set = Object.hasOwn(d.triggerSets, name) ? d.triggerSets[name] : undefined;
      if (!set) {
        const known = Object.keys(d.triggerSets);
        ctx.issues.push({ code: 'custom', input: name, path: ['rules', ri, 'triggersFrom', i], message: `names trigger set "${name}", which detection.triggerSets does not define${known.length ? ` (it has: ${known.join(', ')})` : ''}` });
      } else {
        used.add(name);
        add(set);
      }
    });
    if (Object.keys(merged).length === 0 && triggersFrom.length === 0)
      ctx.issues.push({ code: 'custom', input: d.rules[ri], path: ['rules', ri], message: 'has no triggers: give "triggers", "triggersFrom" or both' });
    return { triggers: merged, ...conditions };
  });
  for (const name of Object.keys(d.triggerSets))
    if (!used.has(name)) ctx.issues.push({ code: 'custom', input: name, path: ['triggerSets', name], message: `trigger set "${name}" is named by no rule's "triggersFrom": use it or remove it` });
  return { priority: d.priority, rules };
}

export const Detection = lazy(() => z.pipe(
  z.strictObject({
    /** When several claims fire on the same words, the highest priority (the most specific claim) wins. */
    priority: z.number().check(z.int(), z.minimum(0), z.maximum(100)),
    /** Named trigger lists that rules share through `triggersFrom`. */
    triggerSets: z._default(z.record(Slug, TriggerList), {}),
    rules: z.array(RuleInput),
  }),
  z.transform(resolveTriggers),
));
export type Detection = z.infer<typeof Detection>;

export const Claim = lazy(() => z.strictObject({
  id: Slug,
  /** ClaimReview claimReviewed: the claim as a short statement. */
  statement: Text(300),
  /** Ways people phrase the claim: indexed for search. */
  phrasings: z.array(Text(300)).check(z.minLength(1)),
  verdict: Verdict,
  /** One sentence for the card. */
  summary: Text(200),
  explanation: Text(2000),
  reviews: z.array(Review).check(z.minLength(1)),
  /** Required when fewer than two independent publishers have reviewed the claim: says so on the card. */
  sourcingNote: z.optional(Text(300)),
  appearances: z._default(z.array(Appearance), []),
  related: z._default(z.array(Slug), []),
  lastReviewed: IsoDate,
  detection: Detection,
}));
export type Claim = z.infer<typeof Claim>;
export type ClaimInput = z.input<typeof Claim>;

export const LexiconSet = lazy(() => z.strictObject({
  description: Text(300),
  words: z.record(LangCode, z.array(PhraseText).check(z.minLength(1))),
}));

export const Lexicon = lazy(() => z.strictObject({
  sets: z.record(SetName, LexiconSet),
}));
export type Lexicon = z.infer<typeof Lexicon>;

/** The claim as the card and popup need it: everything but the detection rules. */
export type CardClaim = Omit<Claim, 'detection' | 'phrasings'>;
export function toCardClaim(c: Claim): CardClaim {
  const { detection: _d, phrasings: _p, ...rest } = c;
  return rest;
}
