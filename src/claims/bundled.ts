import lexiconJson from '../../data/lexicon.json';
import { Claim, Lexicon, type Claim as ClaimT, type Lexicon as LexiconT } from './schema';
import { formatPath } from './check';

/**
 * The claim database bundled with the extension. It was checked at build time (claims:check);
 * it is parsed again here because a build can be tampered with and the schema is cheap:
 * an invalid claim is left out and logged, never allowed to break the worker.
 */
const claimFiles = import.meta.glob<unknown>('../../data/claims/*.json', { eager: true, import: 'default' });

export interface Database {
  readonly claims: ClaimT[];
  readonly lexicon: LexiconT;
}

export function loadBundledDatabase(log: (msg: string) => void = console.error): Database {
  return parseDatabase(claimFiles, lexiconJson, log);
}

export function parseDatabase(files: Record<string, unknown>, lexicon: unknown, log: (msg: string) => void): Database {
  const lex = Lexicon.safeParse(lexicon);
  if (!lex.success) log(`ClaimLens: data/lexicon.json is invalid, context words disabled: ${lex.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`);
  const claims: ClaimT[] = [];
  for (const [path, raw] of Object.entries(files)) {
    const r = Claim.safeParse(raw);
    if (r.success) claims.push(r.data);
    else log(`ClaimLens: ${path} left out: ${r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`);
  }
  claims.sort((a, b) => a.id.localeCompare(b.id));
  return { claims, lexicon: lex.success ? lex.data : { sets: {} } };
}
