import { beforeEach, describe, expect, it, vi } from 'vitest';
import browser from 'webextension-polyfill';
import { fakeBrowser } from 'wxt/testing';
import { ClaimStore } from '@/src/background/claim-store';
import { loadBundled } from '../helpers/bundled-db';
import type { Claim } from '@/src/claims/schema';
import { IMPORTED_KEY, loadImported, parseImported, saveImported } from '@/src/settings/imported';

const { db, claims: bundledClaims } = await loadBundled();
const tapes = bundledClaims.find((c) => c.id === 'trump-krasnov-tapes')!;
const quux: Claim = {
  ...structuredClone(tapes),
  id: 'quux-weather-machine',
  statement: 'A quux weather machine exists.',
  phrasings: ['the quux weather machine controls the rain'],
  related: [],
  detection: { priority: 50, rules: [{ ...tapes.detection.rules[0]!, triggers: { en: ['quux weather machine'] }, requires: [], vetoes: [] }] },
};

describe('imported claims', () => {
  beforeEach(() => fakeBrowser.reset());

  it('are stored in one write and read back through the Claim schema', async () => {
    await saveImported([quux]);
    expect(await loadImported()).toEqual([quux]);
  });

  it('refuses to store an invalid claim (nothing is written)', async () => {
    await expect(saveImported([{ ...quux, reviews: [] }])).rejects.toThrow();
    expect(await browser.storage.local.get(IMPORTED_KEY)).toEqual({});
  });

  it('leaves out stored claims that are invalid or repeated, and logs each', () => {
    const logs: string[] = [];
    const out = parseImported({ version: 1, importedAt: 1, claims: [quux, { ...quux, reviews: [{ url: 'http://x' }] }, quux] }, (m) => logs.push(m));
    expect(out.map((c) => c.id)).toEqual(['quux-weather-machine']);
    expect(logs).toHaveLength(2);
    expect(parseImported('garbage', (m) => logs.push(m))).toEqual([]);
  });
});

describe('the worker\'s claim store', () => {
  it('merges imported claims: detected, searchable, listed and exported; bundled ids cannot be taken', async () => {
    const log = vi.fn();
    const store = new ClaimStore(db, log);
    await store.setImported([quux, { ...quux, id: 'trump-krasnov-tapes', statement: 'Hijack' }]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('"trump-krasnov-tapes" has the id of a bundled claim'));
    expect(store.size).toBe(bundledClaims.length + 1);
    expect((await store.list()).find((c) => c.id === 'quux-weather-machine')).toMatchObject({ source: 'imported' });
    expect((await store.list()).find((c) => c.id === 'trump-krasnov-tapes')).toMatchObject({ source: 'bundled', statement: tapes.statement });
    expect((await store.search('quux')).results.map((r) => [r.claim.id, r.source])).toEqual([['quux-weather-machine', 'imported']]);
    const res = await store.matcher.matchBlocks({ type: 'matchBlocks', blocks: [{ id: 1, text: 'They built the quux weather machine.' }] });
    expect(res.matches.map((m) => m.claimId)).toEqual(['quux-weather-machine']);
    expect((await store.all()).map((c) => c.id)).toContain('quux-weather-machine');
    // The bundled claims are still found: their triggers come from the claims in full (rules.bin leaves them to the prebuilt tables).
    const bundledHit = await store.matcher.matchBlocks({ type: 'matchBlocks', blocks: [{ id: 1, text: 'So agent Krasnov is in the White House.' }] });
    expect(bundledHit.matches).toHaveLength(1);
    // A later import wins over an earlier one still reading the bundled claims.
    const first = store.setImported([quux]);
    const second = store.setImported([{ ...quux, id: 'quux-two' }]);
    await Promise.all([first, second]);
    const two = await store.matcher.matchBlocks({ type: 'matchBlocks', blocks: [{ id: 1, text: 'They built the quux weather machine.' }] });
    expect(two.matches.map((m) => m.claimId)).toEqual(['quux-two']);
    // Removing the import brings the database back to the bundle.
    await store.setImported([]);
    expect((await store.search('quux')).results).toEqual([]);
  });
});
