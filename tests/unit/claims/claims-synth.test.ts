import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSynthArgs, runSynth, SYNTH_SETS } from '@/scripts/claims-synth';
import { checkDataDir, ROOT } from '@/scripts/lib/data-files';
import { Lexicon } from '@/src/claims/schema';

const root = mkdtempSync(join(tmpdir(), 'claimlens-synth-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const quiet = { log: [] as string[], err: [] as string[] };
const synth = (count: number, seed: string, out: string) => runSynth({ count, seed, out }, (l) => quiet.log.push(l), (l) => quiet.err.push(l));

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(join(dir, 'claims'))) out[f] = readFileSync(join(dir, 'claims', f), 'utf8');
  out['lexicon.json'] = readFileSync(join(dir, 'lexicon.json'), 'utf8');
  return out;
}

describe('claims:synth', () => {
  const a = join(root, 'a');

  it('writes N claims and a copy of the lexicon that pass checkDatabase', () => {
    expect(synth(300, 'test', a)).toBe(0);
    expect(quiet.log.join('\n')).toMatch(/checkDatabase: 300 claims OK/);
    const r = checkDataDir(a);
    expect(r.problems).toEqual([]);
    expect(r.claims).toHaveLength(300);
    expect(readFileSync(join(a, 'lexicon.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'data', 'lexicon.json'), 'utf8'));
    const lexicon = Lexicon.parse(JSON.parse(readFileSync(join(a, 'lexicon.json'), 'utf8')));
    for (const s of SYNTH_SETS) expect(lexicon.sets).toHaveProperty(s);
  });

  it('makes varied, plausible claims on example domains only', () => {
    const claims = checkDataDir(a).claims;
    expect(new Set(claims.map((c) => c.verdict)).size).toBeGreaterThanOrEqual(6);
    const rules = claims.flatMap((c) => c.detection.rules);
    expect(rules.length).toBeGreaterThan(200);
    for (const r of rules) {
      const n = Object.values(r.triggers).flat().length;
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(6);
    }
    expect(rules.some((r) => r.requires.includes('subject'))).toBe(true);
    expect(rules.some((r) => r.requires.length === 0)).toBe(true);
    expect(new Set(rules.flatMap((r) => Object.keys(r.triggers))).size).toBeGreaterThanOrEqual(5);
    for (const c of claims) {
      expect(c.reviews.length).toBeGreaterThanOrEqual(1);
      expect(c.reviews.length).toBeLessThanOrEqual(3);
      expect(c.phrasings.length).toBeGreaterThanOrEqual(3);
      for (const url of [...c.reviews.map((r) => r.url), ...c.appearances.flatMap((x) => (x.url ? [x.url] : []))]) {
        const host = new URL(url).hostname;
        expect(host === 'example.org' || host.endsWith('.example') || host.endsWith('.example.org'), url).toBe(true);
      }
      for (const rel of c.related) expect(rel).not.toBe(c.id);
    }
    expect(claims.some((c) => c.related.length > 0)).toBe(true);
    expect(claims.some((c) => c.sourcingNote)).toBe(true);
    expect(new Set(claims.map((c) => c.statement)).size).toBe(claims.length);
  });

  it('is deterministic for a seed, and differs for another seed', () => {
    const b = join(root, 'b');
    const c = join(root, 'c');
    expect(synth(300, 'test', b)).toBe(0);
    expect(synth(300, 'other', c)).toBe(0);
    expect(files(b)).toEqual(files(a));
    expect(Object.keys(files(c))).not.toEqual(Object.keys(files(a)));
  });

  it('rewrites its own output for a new count, removing stale files', () => {
    const d = join(root, 'd');
    expect(synth(120, 'test', d)).toBe(0);
    expect(synth(80, 'test', d)).toBe(0);
    expect(readdirSync(join(d, 'claims'))).toHaveLength(80);
    expect(checkDataDir(d).problems).toEqual([]);
  });

  it('never writes into data/ or over claims it did not generate', () => {
    quiet.err.length = 0;
    expect(synth(5, 'x', join(ROOT, 'data'))).toBe(1);
    expect(synth(5, 'x', join(ROOT, 'data', 'claims'))).toBe(1);
    const foreign = join(root, 'foreign');
    mkdirSync(join(foreign, 'claims'), { recursive: true });
    writeFileSync(join(foreign, 'claims', 'mine.json'), '{}');
    expect(synth(5, 'x', foreign)).toBe(1);
    expect(readdirSync(join(foreign, 'claims'))).toEqual(['mine.json']);
    expect(quiet.err.join('\n')).toMatch(/refusing/);
  });

  it('parses its arguments, defaulting to bench/tmp/synth-N', () => {
    expect(parseSynthArgs([])).toEqual({ count: 1000, seed: '1', out: join(ROOT, 'bench', 'tmp', 'synth-1000') });
    expect(parseSynthArgs(['--count', '100000', '--out', 'bench/tmp/synth-100000', '--seed', '7'])).toEqual({ count: 100000, seed: '7', out: 'bench/tmp/synth-100000' });
    expect(parseSynthArgs(['--count=5'])).toMatchObject({ count: 5 });
    expect(parseSynthArgs(['--count', '0'])).toMatch(/--count/);
    expect(parseSynthArgs(['--bogus'])).toMatch(/unknown argument/);
  });
});
