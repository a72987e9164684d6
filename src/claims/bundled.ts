import bundled from 'virtual:claimlens-data';
import { Claim, Lexicon, type Claim as ClaimT, type Lexicon as LexiconT } from './schema';
import { formatPath } from './check';

/**
 * The claim database bundled with the extension. It was checked at build time (see
 * scripts/lib/claim-data-plugin.ts); it is parsed again here because the schema is the
 * boundary: an invalid claim is left out and logged, never allowed to break the worker.
 */

export interface Database {
  readonly claims: ClaimT[];
  readonly lexicon: LexiconT;
}

export function loadBundledDatabase(log: (msg: string) => void = console.error): Database {
  return parseDatabase(bundled.claims, bundled.lexicon, log);
}

export function parseDatabase(claimsRaw: readonly unknown[], lexicon: unknown, log: (msg: string) => void): Database {
  const lex = Lexicon.safeParse(lexicon);
  if (!lex.success) log(`ClaimLens: data/lexicon.json is invalid, context words disabled: ${lex.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`);
  const claims: ClaimT[] = [];
  for (const [i, raw] of claimsRaw.entries()) {
    const r = Claim.safeParse(raw);
    if (r.success) claims.push(r.data);
    else log(`ClaimLens: claim #${i} left out: ${r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`);
  }
  claims.sort((a, b) => a.id.localeCompare(b.id));
  return { claims, lexicon: lex.success ? lex.data : { sets: {} } };
}
