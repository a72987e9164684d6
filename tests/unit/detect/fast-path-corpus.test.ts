import { describe, expect, it } from 'vitest';
import { checkDataDir } from '../../../scripts/lib/data-files';
import { Detector } from '@/src/detect/detector';
import { normalizeText } from '@/src/detect/normalize';
import { PhraseMatcher } from '@/src/detect/phrase-matcher';
import { loadCorpus } from '../../../scripts/lib/evaluate';

const { claims, lexicon } = checkDataDir();
const segments = loadCorpus();

describe("the content script's check on the corpus, with the real trigger phrases", () => {
  it("first pass (hasAnyIn, the fused fast path) says yes exactly where the exact check on normalised text does", () => {
    const triggers = new PhraseMatcher(new Detector(claims, lexicon!).triggers);
    let yes = 0;
    for (const s of segments) {
      // Each segment, and its words run together with case changes and typographic noise.
      for (const t of [s.text, s.text.replace(/ /g, '\u00a0'), s.text.replace(/ (\p{L})/gu, (_, c: string) => c.toUpperCase())]) {
        const expected = triggers.hasAny(normalizeText(t));
        expect(triggers.hasAnyIn(t), `${s.id}: ${t}`).toBe(expected);
        if (expected) yes++;
      }
    }
    expect(yes).toBeGreaterThan(100);
  });
});
