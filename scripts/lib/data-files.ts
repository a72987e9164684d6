import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkDatabase, type CheckResult, type SourceFile } from '../../src/claims/check';

export const ROOT = new URL('../..', import.meta.url).pathname;

/** Reads data/claims/*.json and data/lexicon.json from a data directory. */
export function readDataDir(dataDir = join(ROOT, 'data')): { claims: SourceFile[]; lexicon: SourceFile } {
  const claimsDir = join(dataDir, 'claims');
  const claims = readdirSync(claimsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: relative(ROOT, join(claimsDir, f)), text: readFileSync(join(claimsDir, f), 'utf8') }));
  const lexPath = join(dataDir, 'lexicon.json');
  return { claims, lexicon: { file: relative(ROOT, lexPath), text: readFileSync(lexPath, 'utf8') } };
}

export function checkDataDir(dataDir?: string, now?: Date): CheckResult {
  const { claims, lexicon } = readDataDir(dataDir);
  return checkDatabase(claims, lexicon, now);
}
