import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod/mini';
import type { Claim, Lexicon } from '../../src/claims/schema';
import { Detector, type Match } from '../../src/detect/detector';
import { ROOT } from './data-files';
// A broken corpus line is reported with zod's English messages.
import '../../src/claims/english-errors';

export const Segment = z.strictObject({
  id: z.string(),
  lang: z.string(),
  text: z.string(),
  headline: z.optional(z.string()),
  label: z.enum(['positive', 'negative']),
  claim: z.optional(z.string()),
  kind: z.string(),
  split: z.enum(['tune', 'heldout']),
});
export type Segment = z.infer<typeof Segment>;

export function loadCorpus(dir = join(ROOT, 'tests/corpus')): Segment[] {
  const out: Segment[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl')).sort()) {
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        const r = Segment.safeParse(JSON.parse(line));
        if (!r.success) throw new Error(`tests/corpus/${f} line ${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
        out.push(r.data);
      });
  }
  return out;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** True positives whose best match named the labelled claim. */
  rightClaim: number;
}

export interface Scores extends Counts {
  n: number;
  precision: number;
  recall: number;
  f1: number;
  claimAccuracy: number;
}

export interface SegmentResult {
  segment: Segment;
  matches: Match[];
  predicted: boolean;
}

export function score(c: Counts): Scores {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, n: c.tp + c.fp + c.fn + c.tn, precision, recall, f1, claimAccuracy: c.tp === 0 ? 1 : c.rightClaim / c.tp };
}

/** Runs the detector over every segment: a segment is predicted positive when anything matches. */
export function runCorpus(claims: Claim[], lexicon: Lexicon, segments: Segment[]): SegmentResult[] {
  const d = new Detector(claims, lexicon);
  return segments.map((segment) => {
    // As on a page: the paragraph with the headline as context, and the headline as its own block.
    const matches = [...d.detect(segment.text, segment.headline), ...(segment.headline ? d.detect(segment.headline) : [])];
    return { segment, matches, predicted: matches.length > 0 };
  });
}

export function tally(results: SegmentResult[], key: (s: Segment) => string): Map<string, Scores> {
  const groups = new Map<string, Counts>();
  for (const r of results) {
    const k = key(r.segment);
    let c = groups.get(k);
    if (!c) groups.set(k, (c = { tp: 0, fp: 0, fn: 0, tn: 0, rightClaim: 0 }));
    const pos = r.segment.label === 'positive';
    if (pos && r.predicted) {
      c.tp++;
      if (r.matches.some((m) => m.claimId === r.segment.claim)) c.rightClaim++;
    } else if (pos) c.fn++;
    else if (r.predicted) c.fp++;
    else c.tn++;
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => [k, score(c)]));
}
