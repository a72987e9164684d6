import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseImportArgs, runImport } from '@/scripts/claims-import';
import { checkDataDir, ROOT } from '@/scripts/lib/data-files';
import { CLAIMLENS_KEY, toClaimReviews } from '@/src/claims/claimreview';
import { Claim } from '@/src/claims/schema';

const NOW = new Date('2026-12-31T00:00:00Z');
const root = mkdtempSync(join(tmpdir(), 'claimlens-import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
let data: string;
/** A fresh copy of data/ for each test: the script may only ever change this copy. */
beforeEach(() => {
  const base = join(root, `case-${++n}`);
  data = join(base, 'data');
  mkdirSync(base);
  cpSync(join(ROOT, 'data'), data, { recursive: true });
});

/** Every file under dir with its bytes, to prove that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length)] = readFileSync(join(e.parentPath, e.name), 'utf8');
  return out;
}

function run(file: string, opts: { dryRun?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runImport({ file, dataDir: data, now: NOW, ...opts }, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const write = (name: string, text: string) => {
  const f = join(root, `${n}-${name}`);
  writeFileSync(f, text);
  return f;
};

const foreign = (over: Record<string, unknown> = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: 'https://checker-one.example/2024/moon',
  name: 'Is the moon made of cheese?',
  datePublished: '2024-03-01',
  author: { '@type': 'Organization', name: 'Checker One' },
  claimReviewed: 'The moon is made of cheese.',
  reviewRating: { '@type': 'Rating', alternateName: 'False' },
  ...over,
});

/** No leftovers next to the data directory (the temporary merge directory is removed). */
const leftovers = () => readdirSync(join(data, '..')).filter((f) => f !== 'data');

describe('claims:import', () => {
  it('re-importing an export changes nothing and succeeds', () => {
    const before = snapshot(data);
    const f = write('all.json', JSON.stringify(toClaimReviews(checkDataDir(data).claims)));
    const r = run(f);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/nothing to change.*0 added, 0 replaced, \d+ unchanged/);
    expect(snapshot(data)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('adds new claims, replaces an existing one only with the full extension, reports conflicts and rejections', () => {
    const claims = checkDataDir(data).claims;
    const target = claims[0]!;
    const changed = { ...target, summary: 'A changed summary for the test.' };
    const other = claims[1]!;
    const records = [
      ...toClaimReviews([changed]),
      // An existing claim in a foreign feed (same statement, no extension): a conflict.
      foreign({ url: 'https://checker-one.example/x', claimReviewed: other.statement }),
      foreign(),
      foreign({ url: 'http://insecure.example/1' }),
    ];
    const f = write('mixed.json', JSON.stringify(records));
    const r = run(f);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/1 record\(s\) rejected:\n {2}item \d+: url: must be an absolute https/);
    expect(r.err).toMatch(new RegExp(`is already in the database as "${other.id}" \\(same statement or phrasing\\); skipped`));
    expect(r.out).toMatch(/1 added, 1 replaced, 0 unchanged, 1 conflict\(s\), 1 rejected/);
    const after = checkDataDir(data);
    expect(after.problems).toEqual([]);
    expect(after.claims.find((c) => c.id === target.id)!.summary).toBe('A changed summary for the test.');
    expect(after.claims.find((c) => c.id === 'the-moon-is-made-of-cheese')).toMatchObject({ verdict: 'false', sourcingNote: expect.any(String) });
    expect(after.claims.find((c) => c.id === other.id)).toEqual(other);
    expect(leftovers()).toEqual([]);
  });

  it('does not let a record that only names an existing id (no full extension) replace the claim', () => {
    const existing = checkDataDir(data).claims[3]!;
    const before = snapshot(data);
    const f = write('ref.json', JSON.stringify([foreign({ [CLAIMLENS_KEY]: { id: existing.id } })]));
    const r = run(f);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`claim "${existing.id}" already exists and the import does not carry its full claimlens:claim extension; skipped`);
    expect(snapshot(data)).toEqual(before);
  });

  it('treats a foreign record that repeats an existing statement as a conflict, not a second claim', () => {
    const existing = checkDataDir(data).claims[2]!;
    const before = snapshot(data);
    const f = write('dup.jsonl', JSON.stringify(foreign({ claimReviewed: existing.phrasings[0]! })) + '\n');
    const r = run(f);
    expect(r.code).toBe(1); // nothing imported, one conflict
    expect(r.err).toMatch(new RegExp(`already in the database as "${existing.id}"`));
    expect(snapshot(data)).toEqual(before);
  });

  it('changes nothing when the merged database fails the check', () => {
    const before = snapshot(data);
    const c = checkDataDir(data).claims[0]!;
    // Valid on its own, but names a related claim that does not exist and a lexicon set that does not either.
    const bad = { ...c, id: 'a-new-claim-for-the-test', statement: 'A new claim for the test.', phrasings: ['a new claim for the test'], related: ['no-such-claim'], detection: { priority: 5, rules: [{ triggers: { en: ['zzz test words'] }, requires: ['no-such-set'] }] } };
    const good = foreign();
    const f = write('bad-merge.json', JSON.stringify([...toClaimReviews([Claim.parse(bad)]), good]));
    const r = run(f);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the merged database would have 2 problem\(s\); nothing changed/);
    expect(r.err).toMatch(/data\/claims\/a-new-claim-for-the-test\.json: claim "a-new-claim-for-the-test": field related\[0\]: names claim "no-such-claim"/);
    expect(r.err).toMatch(/requires\[0\]: names lexicon set "no-such-set"/);
    expect(snapshot(data)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('changes nothing in a dry run, and says what it would do', () => {
    const before = snapshot(data);
    const r = run(write('dry.json', JSON.stringify([foreign()])), { dryRun: true });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/would add .*the-moon-is-made-of-cheese\.json/);
    expect(r.out).toMatch(/nothing written: 1 added/);
    expect(snapshot(data)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('exits 1 for an unreadable file, a file in no format, and a file whose records are all rejected', () => {
    const before = snapshot(data);
    expect(run(join(root, 'missing.json')).err).toMatch(/cannot read/);
    expect(run(join(root, 'missing.json')).code).toBe(1);
    const html = run(write('page.html', '<html></html>'));
    expect(html.code).toBe(1);
    expect(html.err).toMatch(/expected a JSON array/);
    const allBad = run(write('bad.jsonl', ['{oops', JSON.stringify(foreign({ reviewRating: { alternateName: 'Outdated' } }))].join('\n')));
    expect(allBad.code).toBe(1);
    expect(allBad.err).toMatch(/line 1: is not valid JSON/);
    expect(allBad.err).toMatch(/line 2: cannot map rating 'Outdated' to a verdict/);
    expect(snapshot(data)).toEqual(before);
  });

  it('writes claim files like the hand-written ones: schema order, two spaces, final newline', () => {
    const f = write('one.json', JSON.stringify([foreign()]));
    expect(run(f).code).toBe(0);
    const text = readFileSync(join(data, 'claims', 'the-moon-is-made-of-cheese.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual(['id', 'statement', 'phrasings', 'verdict', 'summary', 'explanation', 'reviews', 'sourcingNote', 'appearances', 'related', 'lastReviewed', 'detection']);
    expect(text).toContain('\n  "id": "the-moon-is-made-of-cheese",\n');
  });

  it('keeps the extension on replaced claims intact through the file (export → import → export)', () => {
    const claims = checkDataDir(data).claims;
    const edited = claims.map((c, i) => (i % 2 ? { ...c, lastReviewed: '2026-01-02' } : c));
    const records = toClaimReviews(edited);
    expect(run(write('edit.jsonl', records.map((r) => JSON.stringify(r)).join('\n'))).code).toBe(0);
    const again = toClaimReviews(checkDataDir(data).claims);
    expect(again).toEqual(records);
    expect(again.every((r) => r[CLAIMLENS_KEY].id)).toBe(true);
  });
});

describe('claims:import arguments', () => {
  it('parses FILE, --data and --dry-run', () => {
    expect(parseImportArgs(['x.json'])).toEqual({ file: 'x.json', dryRun: false });
    expect(parseImportArgs(['x.json', '--dry-run', '--data', '/d'])).toEqual({ file: 'x.json', dryRun: true, dataDir: '/d' });
    expect(parseImportArgs([])).toBe('missing FILE');
    expect(parseImportArgs(['x', '--data'])).toBe('--data needs a directory');
    expect(parseImportArgs(['x', '--force'])).toBe('unknown option --force');
  });
});
