import bundled from 'virtual:claimlens-data';
import type { Claim as ClaimT, Lexicon as LexiconT } from './schema';
import type { DetectorIndex } from '../detect/detector';

/**
 * The claim database bundled with the extension. Its boundary is the build: the data plugin
 * (scripts/lib/claim-data-plugin.ts) parses every file with the zod schemas and fails the build
 * on any problem, and the module it emits is the schema's output. The worker trusts that module
 * instead of parsing it again at every start (a worker restarts often, and the parse was a fifth
 * of its start-up). Data from anywhere else (imported ClaimReview files, storage) is parsed where
 * it enters (src/claims/claimreview.ts, src/settings/imported.ts).
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
