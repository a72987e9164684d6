import browser from 'webextension-polyfill';
import { z } from 'zod/mini';
import { lazy } from '../util/lazy';
import { Claim, type Claim as ClaimT } from '../claims/schema';

/**
 * Claims the user imported from a ClaimReview file: stored in storage.local as one record, so an
 * import is applied (or not) as a whole. The worker merges them into its database at every start
 * and on every change, checking each one against the Claim schema again.
 */
export const IMPORTED_KEY = 'importedClaims';
export const MAX_IMPORTED = 20_000;

const StoredImport = lazy(() => z.strictObject({
  version: z.literal(1),
  importedAt: z.number().check(z.int(), z.nonnegative()),
  claims: z.array(z.unknown()).check(z.maxLength(MAX_IMPORTED)),
}));

/** The stored imported claims that are valid claims; everything else is left out and logged. */
export function parseImported(raw: unknown, log: (msg: string) => void = console.warn): ClaimT[] {
  if (raw === undefined) return [];
  const rec = StoredImport.safeParse(raw);
  if (!rec.success) {
    log('ClaimLens: the stored imported claims are unreadable; ignoring them');
    return [];
  }
  const out: ClaimT[] = [];
  const seen = new Set<string>();
  for (const [i, c] of rec.data.claims.entries()) {
    const r = Claim.safeParse(c);
    if (!r.success) log(`ClaimLens: imported claim #${i} left out: ${r.error.issues[0]?.path.join('.') ?? ''} ${r.error.issues[0]?.message ?? ''}`);
    else if (seen.has(r.data.id)) log(`ClaimLens: imported claim "${r.data.id}" appears twice; the first is kept`);
    else {
      seen.add(r.data.id);
      out.push(r.data);
    }
  }
  return out;
}

export async function loadImported(log?: (msg: string) => void): Promise<ClaimT[]> {
  try {
    return parseImported((await browser.storage.local.get(IMPORTED_KEY))[IMPORTED_KEY], log);
  } catch (e) {
    (log ?? console.warn)(`ClaimLens: could not read imported claims (${String(e)})`);
    return [];
  }
}

/** Replaces the imported claims in one write: all of them or, if it fails, none. */
export async function saveImported(claims: readonly ClaimT[]): Promise<void> {
  const checked = claims.map((c) => Claim.parse(c));
  await browser.storage.local.set({ [IMPORTED_KEY]: { version: 1, importedAt: Date.now(), claims: checked } });
}

export async function clearImported(): Promise<void> {
  await browser.storage.local.remove(IMPORTED_KEY);
}

export function watchImported(fn: (claims: ClaimT[]) => void, log?: (msg: string) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(IMPORTED_KEY in changes)) return;
    fn(parseImported(changes[IMPORTED_KEY]!.newValue, log));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
