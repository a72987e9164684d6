import { describe, expect, it } from 'vitest';
import { fromClaimReviews, toClaimReviews } from '@/src/claims/claimreview';
import { loadBundled } from '../helpers/bundled-db';
import type { Claim } from '@/src/claims/schema';
import { applyPreview, previewImport, sameClaim } from '@/src/ui/options/import-preview';

const db = { claims: [...(await loadBundled()).claims] };
const reasons = { bundledId: (id: string) => `bundled id ${id}` };
const tapes = db.claims.find((c) => c.id === 'trump-krasnov-tapes')!;
const imported: Claim = { ...structuredClone(tapes), id: 'quux-weather-machine', statement: 'A quux weather machine exists.', related: [] };

describe('import preview', () => {
  it('a re-import of the export changes nothing', () => {
    const converted = fromClaimReviews(JSON.stringify(toClaimReviews(db.claims)));
    const p = previewImport(converted, db.claims, [], reasons);
    expect(p.add).toEqual([]);
    expect(p.replace).toEqual([]);
    expect(p.rejected).toEqual([]);
    expect(p.unchanged).toHaveLength(db.claims.length);
  });

  it('sorts claims into add, replace and rejected; bad records keep their reason', () => {
    const changedBundled = { ...tapes, summary: 'Rewritten.' };
    const newer = { ...imported, summary: 'Updated summary.' };
    const fresh = { ...imported, id: 'fresh-claim' };
    const p = previewImport({ claims: [changedBundled, newer, fresh], rejected: [{ record: 'item 4', reason: 'url must be https' }] }, db.claims, [imported], reasons);
    expect(p.add.map((c) => c.id)).toEqual(['fresh-claim']);
    expect(p.replace.map((c) => c.id)).toEqual(['quux-weather-machine']);
    expect(p.rejected).toEqual([
      { record: 'item 4', reason: 'url must be https' },
      { record: '"trump-krasnov-tapes"', reason: 'bundled id trump-krasnov-tapes' },
    ]);
    expect(applyPreview([imported], p).map((c) => [c.id, c.summary])).toEqual([
      ['quux-weather-machine', 'Updated summary.'],
      ['fresh-claim', imported.summary],
    ]);
  });

  it('compares claims as data, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(tapes).reverse()) as Claim;
    expect(sameClaim(tapes, reordered)).toBe(true);
    expect(sameClaim(tapes, { ...tapes, verdict: 'false' })).toBe(false);
  });
});
