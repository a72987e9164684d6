import { describe, expect, it } from 'vitest';
import { checkDataDir } from '../../../scripts/lib/data-files';
import { Detector, type DetectorIndex } from '@/src/detect/detector';
import { loadCorpus, runCorpus, tally } from '../../../scripts/lib/evaluate';

// Floors, not targets: they keep a regression in the rules or the engine from landing unseen.
// Current figures and the targets are in docs/detection.md (npm run eval).
const { claims, lexicon } = checkDataDir();
const segments = loadCorpus();
const results = runCorpus(claims, lexicon!, segments);

describe('detection quality on tests/corpus', () => {
  it('has the corpus the issue asks for: ≥ 400 segments, ≥ 8 languages, ≥ half hard negatives', () => {
    expect(segments.length).toBeGreaterThanOrEqual(400);
    expect(new Set(segments.map((s) => s.lang)).size).toBeGreaterThanOrEqual(8);
    expect(segments.filter((s) => s.label === 'negative').length * 2).toBeGreaterThanOrEqual(segments.length);
    expect(new Set(segments.map((s) => s.id)).size).toBe(segments.length);
  });

  it.each([
    ['tune', 0.98, 0.94],
    ['heldout', 0.96, 0.87],
  ] as const)('%s split: precision ≥ %d and recall ≥ %d overall', (split, p, r) => {
    const s = tally(results.filter((x) => x.segment.split === split), () => 'all').get('all')!;
    expect(s.precision).toBeGreaterThanOrEqual(p);
    expect(s.recall).toBeGreaterThanOrEqual(r);
    expect(s.claimAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  // Per language the held-out sets are small (48–75 segments, 18–30 positives): one segment moves
  // a figure by 3–6 points, so these floors sit under the current figures (docs/detection.md).
  it('held-out split: no language with ≥ 20 segments falls below precision 0.85 / recall 0.75', () => {
    const low: string[] = [];
    for (const [lang, s] of tally(results.filter((x) => x.segment.split === 'heldout'), (x) => x.lang)) {
      if (s.n >= 20 && (s.precision < 0.85 || s.recall < 0.75)) low.push(`${lang}: P=${s.precision.toFixed(2)} R=${s.recall.toFixed(2)}`);
    }
    expect(low).toEqual([]);
  });

  it('a Detector from the prebuilt index (as the build emits it) decides exactly as one built at start', () => {
    const index = JSON.parse(JSON.stringify(Detector.index(claims, lexicon!))) as DetectorIndex;
    const prebuilt = new Detector(claims, lexicon!, index);
    const fresh = new Detector(claims, lexicon!);
    expect(prebuilt.triggers).toEqual(fresh.triggers);
    expect(prebuilt.packedTriggers).toBe(index.triggerAutomaton);
    for (const s of segments) expect(prebuilt.detect(s.text, s.headline), s.id).toEqual(fresh.detect(s.text, s.headline));
  });

  it('refuses a prebuilt index made for other claims', () => {
    const index = Detector.index(claims, lexicon!);
    expect(() => new Detector(claims.slice(0, 2), lexicon!, index)).toThrow(/does not fit/);
  });
});

