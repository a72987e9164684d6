import bundled from 'virtual:claimlens-data';
import { Claim, Lexicon, type Claim as ClaimT, type Lexicon as LexiconT } from './schema';
import { formatPath } from './check';
import type { DetectorIndex } from '../detect/detector';

/**
 * The claim database bundled with the extension. Its boundary is the build: the data plugin
 * (scripts/lib/claim-data-plugin.ts) parses every file with the zod schemas and fails the build
 * on any problem, and the module it emits is the schema's output. The worker trusts that module
 * instead of parsing it again at every start (a worker restarts often, and the parse was a fifth
 * of its start-up). Data from anywhere else (imported ClaimReview files, storage) is parsed with
 * parseDatabase or the import path.
 */

export interface Database {
  readonly claims: ClaimT[];
  readonly lexicon: LexiconT;
  /** The Detector's tables, prebuilt at build time for exactly these claims (bundled data only). */
  readonly index?: DetectorIndex;
}

export function loadBundledDatabase(): Database {
  return bundled;
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
