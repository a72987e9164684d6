import type { z } from 'zod/mini';
import { parsePhrase, type Phrase } from '../detect/phrase-matcher';
import { BUILTIN_SETS, Claim, Lexicon, type Claim as ClaimT, type Lexicon as LexiconT } from './schema';
// Problems are read by people (claims:check, the build, claims:import, the options page): zod's English messages.
import './english-errors';

/** One thing wrong with the data, precise enough to fix without reading code. */
export interface Problem {
  readonly file: string;
  readonly claimId?: string;
  /** Field path inside the file, e.g. `reviews[1].url`. Empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

export interface SourceFile {
  /** Path as shown to a person, e.g. `data/claims/trump-russian-asset.json`. */
  readonly file: string;
  readonly text: string;
}

export interface CheckResult {
  readonly problems: Problem[];
  readonly claims: ClaimT[];
  readonly lexicon?: LexiconT;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out ? `.${String(k)}` : String(k);
  return out;
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.claimId ? `claim "${p.claimId}"` : '', p.path ? `field ${p.path}` : ''].filter(Boolean).join(': ');
  return `${where}: ${p.message}`;
}

function zodProblems(file: string, claimId: string | undefined, error: z.core.$ZodError): Problem[] {
  return error.issues.map((i) => ({ file, claimId, path: formatPath(i.path), message: i.message }));
}

function parseJson(f: SourceFile, problems: Problem[]): unknown {
  try {
    return JSON.parse(f.text);
  } catch (e) {
    problems.push({ file: f.file, path: '', message: `is not valid JSON (${(e as Error).message})` });
    return undefined;
  }
}

/**
 * Checks the whole database and reports every problem, not just the first: schema, unique ids,
 * ids matching file names, https-only URLs, real dates not in the future, related ids that
 * exist, lexicon sets that exist, and no phrasing or trigger claimed by two claims.
 */
export function checkDatabase(claimFiles: readonly SourceFile[], lexiconFile: SourceFile, now: Date = new Date()): CheckResult {
  const problems: Problem[] = [];
  const today = now.toISOString().slice(0, 10);

  let lexicon: LexiconT | undefined;
  const lexRaw = parseJson(lexiconFile, problems);
  if (lexRaw !== undefined) {
    const r = Lexicon.safeParse(lexRaw);
    if (r.success) lexicon = r.data;
    else problems.push(...zodProblems(lexiconFile.file, undefined, r.error));
  }

  const claims: { file: string; claim: ClaimT; raw: unknown }[] = [];
  // Files that parse as JSON objects, valid or not: the checks below run on these too, so one
  // run reports every problem, not only the schema's.
  const raws: { file: string; raw: Record<string, unknown>; id: string | undefined }[] = [];
  for (const f of claimFiles) {
    const raw = parseJson(f, problems);
    if (raw === undefined) continue;
    const obj = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
    const rawId = typeof obj?.id === 'string' ? obj.id : undefined;
    if (obj) raws.push({ file: f.file, raw: obj, id: rawId });
    const r = Claim.safeParse(raw);
    if (!r.success) {
      problems.push(...zodProblems(f.file, rawId, r.error));
      continue;
    }
    claims.push({ file: f.file, claim: r.data, raw });
  }

  const byId = new Map<string, string>();
  for (const { file, raw, id } of raws) {
    const p = (path: string, message: string) => problems.push({ file, claimId: id, path, message });
    if (id === undefined) continue;
    const base = file.split('/').pop()!.replace(/\.json$/, '');
    if (base !== id) p('id', `must match the file name ("${base}")`);
    const prev = byId.get(id);
    if (prev) p('id', `is also used by ${prev}`);
    else byId.set(id, file);

    const future = (path: string, d: unknown) => {
      if (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && d > today) p(path, `date ${d} is in the future`);
    };
    future('lastReviewed', raw.lastReviewed);
    list(raw.reviews).forEach((r, i) => future(`reviews[${i}].datePublished`, field(r, 'datePublished')));
    list(raw.appearances).forEach((a, i) => future(`appearances[${i}].date`, field(a, 'date')));
    const reviews = list(raw.reviews);
    const publishers = new Set(reviews.map((r) => String(field(r, 'publisher') ?? '').toLowerCase()));
    if (publishers.size < 2 && !raw.sourcingNote) p('sourcingNote', 'is required when fewer than two independent publishers reviewed the claim: say so');
    const urls = new Set<unknown>();
    reviews.forEach((r, i) => {
      const u = field(r, 'url');
      if (urls.has(u)) p(`reviews[${i}].url`, `lists the same source twice (${String(u)})`);
      urls.add(u);
    });
    if (lexicon)
      list(field(raw.detection, 'rules')).forEach((rule, ri) => {
        for (const key of ['requires', 'requiresAny', 'near', 'before', 'vetoes', 'vetoesNear', 'blockers'] as const)
          list(field(rule, key)).forEach((set, si) => {
            if (typeof set === 'string' && !(set in lexicon!.sets) && !(BUILTIN_SETS as readonly string[]).includes(set)) p(`detection.rules[${ri}].${key}[${si}]`, `names lexicon set "${set}", which data/lexicon.json does not define`);
            // $start is a position, read only by `before`: anywhere else it would never be found.
            else if (set === '$start' && key !== 'before') p(`detection.rules[${ri}].${key}[${si}]`, `"$start" (the trigger begins its sentence) only works in "before"`);
          });
      });
  }

  for (const { file, raw, id } of raws)
    list(raw.related).forEach((rel, i) => {
      if (typeof rel !== 'string') return;
      if (rel === id) problems.push({ file, claimId: id, path: `related[${i}]`, message: 'a claim cannot be related to itself' });
      else if (!byId.has(rel)) problems.push({ file, claimId: id, path: `related[${i}]`, message: `names claim "${rel}", which does not exist` });
    });

  // No two claims may claim the same phrasing, nor the same trigger under the same conditions.
  const phrasingOwner = new Map<string, string>();
  const triggerOwner = new Map<string, string>();
  for (const { file, claim, raw } of claims) {
    const rawRules = list(field(field(raw, 'detection'), 'rules'));
    claim.phrasings.forEach((ph, i) => {
      const key = checkPhrase(ph).text;
      const owner = phrasingOwner.get(key);
      if (owner && owner !== claim.id) problems.push({ file, claimId: claim.id, path: `phrasings[${i}]`, message: `"${ph}" is already a phrasing of claim "${owner}"` });
      else phrasingOwner.set(key, claim.id);
    });
    claim.detection.rules.forEach((rule, ri) => {
      const cond = [rule.requires, rule.requiresAny, rule.near, rule.before, rule.vetoes, rule.vetoesNear, rule.blockers].map((l) => [...l].sort().join(',')).join('|') + `|${claim.detection.priority}`;
      // Resolved triggers list the rule's own phrases first, then those from its triggerSets.
      const own = field(rawRules[ri], 'triggers');
      for (const [lang, phrases] of Object.entries(rule.triggers)) {
        const ownCount = new Set(list(field(own, lang))).size;
        phrases.forEach((t, ti) => {
          const ph = checkPhrase(t);
          const path = ti < ownCount ? `detection.rules[${ri}].triggers.${lang}[${ti}]` : `detection.rules[${ri}].triggersFrom`;
          if (ph.text.length === 0) {
            problems.push({ file, claimId: claim.id, path, message: 'normalises to nothing: use letters' });
            return;
          }
          const key = `${ph.text}|${ph.stem}|${cond}`;
          const owner = triggerOwner.get(key);
          if (owner && owner !== claim.id)
            problems.push({ file, claimId: claim.id, path, message: `trigger "${t}" is claimed by "${owner}" with the same conditions and priority: one text would match both` });
          else triggerOwner.set(key, claim.id);
        });
      }
    });
  }

  return { problems, claims: claims.map((c) => c.claim), lexicon };
}

/**
 * A phrase of plain ASCII words (lower-case letters and digits, a capital only as a word's first
 * letter, single spaces) normalises to itself in lower case: no folding, no CamelCase split.
 */
const PLAIN_ASCII = /^(?:[A-Z]?[a-z0-9]+|[A-Z])(?: (?:[A-Z]?[a-z0-9]+|[A-Z]))*$/;

/**
 * parsePhrase, with a shortcut for plain ASCII phrases (most triggers and many phrasings), which
 * halves the time the check spends normalising a large database. Equal to parsePhrase for every
 * input (tests/unit/claims/check-phrase.test.ts compares them).
 */
export function checkPhrase(raw: string): Phrase {
  const t = raw.trim();
  const stem = t.endsWith('*');
  const body = stem ? t.slice(0, -1) : t;
  return PLAIN_ASCII.test(body) ? { text: body.toLowerCase(), stem } : parsePhrase(raw);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function field(v: unknown, key: string): unknown {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
}
