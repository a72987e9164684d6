import { describe, expect, it } from 'vitest';
import { checkDataDir } from '../../../scripts/lib/data-files';
import { CLAIM_SENTENCES, matchBatch } from '../../../bench/pages';
import { Detector } from '@/src/detect/detector';
import { PhraseMatcher } from '@/src/detect/phrase-matcher';

// The content script's own check of a block (src/page/scanner.ts sends only blocks that pass it).
const { claims, lexicon } = checkDataDir();
const triggers = new PhraseMatcher(new Detector(claims, lexicon!).triggers);
const hasTrigger = (t: string) => triggers.hasAnyIn(t);

describe('the benchmark’s matchBlocks batch', () => {
  it('holds only blocks the content script would send, 50 of them, one in five with a claim sentence', () => {
    const b = matchBatch(50, 3, hasTrigger);
    expect(b.blocks).toHaveLength(50);
    expect(b.blocks.every((x) => hasTrigger(x.text))).toBe(true);
    expect(b.blocks.filter((x) => CLAIM_SENTENCES.some((c) => x.text.includes(c)))).toHaveLength(10);
    expect(new Set(b.blocks.map((x) => x.id)).size).toBe(50);
    // Seeded: every run and both sides of an A/B read the same batch.
    expect(matchBatch(50, 3, hasTrigger)).toEqual(b);
  });

  it('without the check, holds blocks a page would never send (why the check is there)', () => {
    expect(matchBatch(50).blocks.filter((x) => !hasTrigger(x.text)).length).toBeGreaterThan(0);
  });
});
