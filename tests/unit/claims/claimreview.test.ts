import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExport } from '@/scripts/claims-export';
import { checkDataDir } from '@/scripts/lib/data-files';
import { checkDatabase } from '@/src/claims/check';
import {
  CLAIMLENS_KEY,
  ClaimReviewIn,
  ClaimReviewInputError,
  clip,
  fromClaimReviews,
  slugify,
  toClaimReviews,
  verdictForRating,
  type ClaimReviewJson,
} from '@/src/claims/claimreview';
import { Claim } from '@/src/claims/schema';

const real = checkDataDir();
const NOW = new Date('2026-12-31T00:00:00Z');
const tmp = mkdtempSync(join(tmpdir(), 'claimlens-cr-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A ClaimReview as another publisher's feed would have it: no ClaimLens extension. */
const foreign = (over: Record<string, unknown> = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: 'https://checker-one.example/fact-check/moon-cheese',
  name: 'Is the moon made of cheese?',
  datePublished: '2024-03-01',
  author: { '@type': 'Organization', name: 'Checker One', url: 'https://checker-one.example' },
  claimReviewed: 'The moon is made of cheese.',
  reviewRating: { '@type': 'Rating', ratingValue: '1', bestRating: '5', worstRating: '1', alternateName: 'False' },
  itemReviewed: {
    '@type': 'Claim',
    author: { '@type': 'Person', name: 'Wallace Example' },
    datePublished: '2024-02-20',
    appearance: [{ '@type': 'CreativeWork', url: 'https://video.example/watch/1' }],
  },
  ...over,
});

describe('toClaimReviews (the real database)', () => {
  const file = join(tmp, 'export.json');

  it('exports every claim of data/, one ClaimReview per review, with https url, publisher and rating words', () => {
    const lines: string[] = [];
    expect(real.problems).toEqual([]);
    expect(runExport({ file }, (l) => lines.push(l), (l) => lines.push(l))).toBe(0);
    const records = JSON.parse(readFileSync(file, 'utf8')) as ClaimReviewJson[];
    const ids = new Set(records.map((r) => r[CLAIMLENS_KEY].id));
    expect(ids.size).toBeGreaterThanOrEqual(11);
    expect(ids).toEqual(new Set(real.claims.map((c) => c.id)));
    expect(records).toHaveLength(real.claims.reduce((n, c) => n + c.reviews.length, 0));
    for (const r of records) {
      expect(r['@context']).toBe('https://schema.org');
      expect(r['@type']).toBe('ClaimReview');
      expect(new URL(r.url).protocol).toBe('https:');
      expect(r.author).toMatchObject({ '@type': 'Organization', name: expect.stringMatching(/\S/) });
      expect(r.reviewRating['@type']).toBe('Rating');
      expect(r.reviewRating.alternateName).toMatch(/\S/);
      expect(r.reviewRating.ratingExplanation).toMatch(/\S/);
      expect(r.name).toMatch(/\S/);
      expect(r.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.itemReviewed['@type']).toBe('Claim');
      expect(ClaimReviewIn.safeParse(r).success).toBe(true);
    }
    expect(lines.join('\n')).toMatch(/claims:export: \d+ claims, \d+ ClaimReview records/);
  });

  it('maps our verdict to the 1–5 scale only where it is a point on it', () => {
    const records = toClaimReviews(real.claims);
    for (const r of records) {
      const v = r[CLAIMLENS_KEY].verdict;
      const expected = { false: 1, 'mostly-false': 2, mixed: 3, 'mostly-true': 4, true: 5 }[v as string];
      if (expected === undefined) expect(r.reviewRating).not.toHaveProperty('ratingValue');
      else expect(r.reviewRating).toMatchObject({ ratingValue: expected, bestRating: 5, worstRating: 1 });
    }
  });

  it('describes where the claim appeared: author, appearance list with platform (genre) and url, firstAppearance', () => {
    const c = real.claims.find((x) => x.appearances.some((a) => a.url))!;
    const r = toClaimReviews([c])[0]!;
    expect(r.itemReviewed.appearance).toHaveLength(c.appearances.length);
    expect(r.itemReviewed.appearance!.map((a) => a.genre)).toEqual(c.appearances.map((a) => a.platform));
    expect(r.itemReviewed.appearance!.filter((a) => a.url).map((a) => a.url)).toEqual(c.appearances.filter((a) => a.url).map((a) => a.url));
    expect(r.itemReviewed.firstAppearance).toBeDefined();
    expect(['Person', 'Organization']).toContain(r.itemReviewed.author!['@type']);
    const dated = c.appearances.filter((a) => a.date).map((a) => a.date!).sort();
    if (dated.length > 0) expect(r.itemReviewed.datePublished).toBe(dated[0]);
  });

  it('writes JSON Lines for a .jsonl file and refuses to export an invalid database', () => {
    const jsonl = join(tmp, 'export.jsonl');
    expect(runExport({ file: jsonl }, () => {}, () => {})).toBe(0);
    const lines = readFileSync(jsonl, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(toClaimReviews(real.claims).length);
    lines.forEach((l) => expect(JSON.parse(l)['@type']).toBe('ClaimReview'));

    const errors: string[] = [];
    expect(runExport({ file: join(tmp, 'never.json'), dataDir: join(tmp, 'no-such-dir') }, () => {}, (l) => errors.push(l))).toBe(1);
    expect(() => readFileSync(join(tmp, 'never.json'))).toThrow();
    expect(errors.join('\n')).toMatch(/cannot read the database/);
  });
});

describe('round trip', () => {
  const records = toClaimReviews(real.claims);

  it('export → import → export gives the same database (array form)', () => {
    const back = fromClaimReviews(JSON.stringify(records, null, 2), { now: NOW });
    expect(back.rejected).toEqual([]);
    expect(back.claims).toEqual(real.claims);
    expect(back.withExtension.sort()).toEqual(real.claims.map((c) => c.id).sort());
    expect(toClaimReviews(back.claims)).toEqual(records);
    // And it still passes the full check.
    const files = back.claims.map((c) => ({ file: `data/claims/${c.id}.json`, text: JSON.stringify(c) }));
    expect(checkDatabase(files, { file: 'data/lexicon.json', text: JSON.stringify(real.lexicon) }, NOW).problems).toEqual([]);
  });

  it('reads the same records as JSON Lines, as a DataFeed (plain and wrapped in DataFeedItem), and one at a time', () => {
    const jsonl = records.map((r) => JSON.stringify(r)).join('\n');
    expect(fromClaimReviews(jsonl, { now: NOW }).claims).toEqual(real.claims);
    const feed = {
      '@context': 'https://schema.org',
      '@type': 'DataFeed',
      dataFeedElement: records.map((r, i) => (i % 3 === 0 ? r : i % 3 === 1 ? { '@type': 'DataFeedItem', item: r } : { '@type': 'DataFeedItem', dateCreated: '2026-01-01', item: [r] })),
    };
    expect(fromClaimReviews(JSON.stringify(feed), { now: NOW }).claims).toEqual(real.claims);
    const one = real.claims.find((c) => c.reviews.length === 1) ?? real.claims[0]!;
    const single = fromClaimReviews(JSON.stringify(toClaimReviews([{ ...one, reviews: [one.reviews[0]!] }])[0]), { now: NOW });
    expect(single.claims.map((c) => c.id)).toEqual([one.id]);
  });

  it('keeps review notes, languages and the claim-level fields exactly', () => {
    const back = fromClaimReviews(JSON.stringify(records), { now: NOW }).claims;
    const withLang = real.claims.flatMap((c) => c.reviews).filter((r) => r.language || r.note);
    expect(withLang.length).toBeGreaterThan(0);
    expect(back.flatMap((c) => c.reviews).filter((r) => r.language || r.note)).toEqual(withLang);
  });
});

describe('fromClaimReviews (foreign feeds)', () => {
  it('reads a Data Commons style DataFeed: DataFeedItem wrappers, item lists, author lists, numbers as strings', () => {
    const feed = {
      '@context': 'http://schema.org',
      '@type': 'DataFeed',
      dataFeedElement: [
        { '@context': 'http://schema.org', '@type': 'DataFeedItem', dateCreated: '2024-03-02T10:00:00Z', item: [foreign()] },
        {
          '@type': 'DataFeedItem',
          item: foreign({
            url: 'https://checker-two.example/2024/moon',
            author: [{ '@type': 'Organization', name: 'Checker Two' }],
            datePublished: '2024-03-05T08:30:00-05:00',
            claimReviewed: 'the Moon is made of  cheese',
            inLanguage: 'en-GB',
            reviewRating: { '@type': 'Rating', alternateName: 'Pants on Fire!', ratingExplanation: 'Samples returned by several missions are rock. Nothing suggests dairy.' },
            itemReviewed: { '@type': 'Claim', author: 'Wallace Example', appearance: ['https://blog.example/moon', { '@type': 'CreativeWork', url: 'https://video.example/watch/1' }] },
          }),
        },
      ],
    };
    const r = fromClaimReviews(JSON.stringify(feed), { now: NOW });
    expect(r.rejected).toEqual([]);
    expect(r.withExtension).toEqual([]);
    expect(r.claims).toHaveLength(1);
    const c = r.claims[0]!;
    expect(c.id).toBe('the-moon-is-made-of-cheese');
    expect(c.statement).toBe('The moon is made of cheese.');
    expect(c.verdict).toBe('false');
    expect(c.reviews.map((x) => [x.publisher, x.datePublished, x.rating, x.language])).toEqual([
      ['Checker One', '2024-03-01', 'False', undefined],
      ['Checker Two', '2024-03-05', 'Pants on Fire!', 'en'],
    ]);
    expect(c.summary).toBe('Samples returned by several missions are rock. Nothing suggests dairy.');
    expect(c.explanation).toMatch(/Checker One rated it "False" on 2024-03-01/);
    expect(c.sourcingNote).toBeUndefined(); // two publishers
    expect(c.lastReviewed).toBe('2024-03-05');
    expect(c.detection).toEqual({ priority: 10, rules: [] });
    expect(c.phrasings).toEqual(['The moon is made of cheese.']);
    expect(c.appearances).toEqual([
      { author: 'Wallace Example', platform: 'video.example', url: 'https://video.example/watch/1' },
      { author: 'Wallace Example', platform: 'blog.example', url: 'https://blog.example/moon' },
    ]);
    expect(Claim.safeParse(c).success).toBe(true);
  });

  it('reads JSON Lines as Data Commons publishes them, one claim per distinct statement', () => {
    const lines = [
      JSON.stringify(foreign()),
      '',
      JSON.stringify(foreign({ url: 'https://checker-one.example/b', claimReviewed: 'Birds are government drones.', reviewRating: { alternateName: 'Unfounded' } })),
      JSON.stringify(foreign({ url: 'https://checker-one.example/c', claimReviewed: 'A photo shows a shark on a flooded highway.', reviewRating: { alternateName: 'Miscaptioned' } })),
    ].join('\r\n');
    const r = fromClaimReviews(lines, { now: NOW });
    expect(r.rejected).toEqual([]);
    expect(r.claims.map((c) => [c.id, c.verdict])).toEqual([
      ['the-moon-is-made-of-cheese', 'false'],
      ['birds-are-government-drones', 'unproven'],
      ['a-photo-shows-a-shark-on-a-flooded-highway', 'misleading'],
    ]);
    // One publisher each: the sourcing note the checker requires is there.
    for (const c of r.claims) expect(c.sourcingNote).toMatch(/Only one publisher \(Checker One\)/);
  });

  it('lists every rejected record with its reason and keeps the good ones', () => {
    const lines = [
      JSON.stringify(foreign()), // 1 ok
      '{"@type": "ClaimReview", "url": ', // 2 bad JSON
      JSON.stringify(foreign({ url: 'http://checker-one.example/insecure' })), // 3 http
      JSON.stringify(foreign({ url: 'https://x.example/3', reviewRating: { alternateName: 'Outdated' } })), // 4 unknown rating
      JSON.stringify({ ...foreign({ url: 'https://x.example/4' }), datePublished: undefined }), // 5 no date
      JSON.stringify(foreign({ url: 'https://x.example/5', datePublished: 'March 3, 2024' })), // 6 bad date
      JSON.stringify(foreign({ url: 'https://x.example/6', author: undefined })), // 7 no publisher
      JSON.stringify(foreign({ url: 'https://x.example/7', datePublished: '2024-02-30' })), // 8 no such day
      JSON.stringify(foreign({ url: 'https://x.example/8', itemReviewed: { appearance: [{ url: 'http://old.example/x' }] } })), // 9 http appearance
      JSON.stringify(foreign({ url: 'https://x.example/9', '@type': 'NewsArticle' })), // 10 not a ClaimReview
      JSON.stringify(foreign({ url: 'https://x.example/10', datePublished: '2030-01-01' })), // 11 future
      JSON.stringify(foreign()), // 12 same url again
      JSON.stringify(foreign({ url: 'https://x.example/12', datePublished: '2024-03-09T12:00:00Z', author: { name: 'Checker Three' } })), // 13 ok, ISO date-time
      '[1, 2]', // 14 not an object
    ].join('\n');
    const r = fromClaimReviews(lines, { now: NOW });
    const byRecord = Object.fromEntries(r.rejected.map((x) => [x.record, x.reason]));
    expect(Object.keys(byRecord)).toEqual(['line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9', 'line 10', 'line 11', 'line 12', 'line 14']);
    expect(byRecord['line 2']).toMatch(/not valid JSON/);
    expect(byRecord['line 3']).toMatch(/^url: must be an absolute https:\/\/ URL/);
    expect(byRecord['line 4']).toBe("cannot map rating 'Outdated' to a verdict");
    // zod's own message, in English (claimreview.ts loads the locale zod/mini does not ship).
    expect(byRecord['line 5']).toBe('datePublished: Invalid input: expected string, received undefined');
    expect(byRecord['line 6']).toMatch(/^datePublished: must be a date written YYYY-MM-DD/);
    expect(byRecord['line 7']).toMatch(/author: the publisher .* is missing/);
    expect(byRecord['line 8']).toMatch(/^datePublished: is not a real calendar date/);
    expect(byRecord['line 9']).toMatch(/^itemReviewed\.appearance\[0\]\.url: must be an absolute https/);
    expect(byRecord['line 10']).toMatch(/^@type: is "NewsArticle", not ClaimReview/);
    expect(byRecord['line 11']).toMatch(/2030-01-01 is in the future/);
    expect(byRecord['line 12']).toMatch(/repeats the review in line 1/);
    expect(byRecord['line 14']).toMatch(/not a JSON object/);
    expect(r.claims).toHaveLength(1);
    expect(r.claims[0]!.reviews.map((x) => x.datePublished)).toEqual(['2024-03-01', '2024-03-09']);
  });

  it('labels array and DataFeed records "item N"', () => {
    const arr = [foreign(), foreign({ url: 'ftp://checker.example/x' }), { '@type': 'ClaimReview' }];
    const r = fromClaimReviews(JSON.stringify(arr), { now: NOW });
    expect(r.rejected.map((x) => x.record)).toEqual(['item 2', 'item 3']);
    expect(r.rejected[1]!.reason).toMatch(/claimReviewed: .*; url: .*; datePublished: .*; reviewRating: /);
    const feed = { '@type': 'DataFeed', dataFeedElement: [{ '@type': 'DataFeedItem', item: [foreign(), foreign({ url: 'http://a.example' })] }] };
    expect(fromClaimReviews(JSON.stringify(feed), { now: NOW }).rejected.map((x) => x.record)).toEqual(['item 1.2']);
  });

  it('rejects a claim that fails the Claim schema, naming its records and the zod messages', () => {
    const long = 'x'.repeat(301);
    const r = fromClaimReviews(JSON.stringify([foreign({ name: long }), foreign({ url: 'https://b.example/1', name: long })]), { now: NOW });
    expect(r.claims).toEqual([]);
    expect(r.rejected).toEqual([{ record: 'item 1, item 2', reason: expect.stringMatching(/^claim "the-moon-is-made-of-cheese": reviews\[0\]\.title: must be at most 300 characters; reviews\[1\]\.title/) }]);
  });

  it('does not turn a foreign record about one of our claims into a second claim', () => {
    const ours = toClaimReviews([real.claims[0]!]);
    const copy = foreign({ url: 'https://other.example/1', claimReviewed: real.claims[0]!.statement.toUpperCase() });
    const r = fromClaimReviews(JSON.stringify([...ours, copy]), { now: NOW });
    expect(r.claims.map((c) => c.id)).toEqual([real.claims[0]!.id]);
    expect(r.rejected).toEqual([{ record: `item ${ours.length + 1}`, reason: expect.stringContaining(`claim "${real.claims[0]!.id}"`) }]);
  });

  it('adds a record that only names our id to that claim, and keeps it apart from foreign claims otherwise', () => {
    const c = real.claims[0]!;
    const extra = foreign({ url: 'https://extra.example/review', [CLAIMLENS_KEY]: { id: c.id, note: 'Found later.' }, reviewRating: { alternateName: 'Outdated' } });
    const r = fromClaimReviews(JSON.stringify([...toClaimReviews([c]), extra]), { now: NOW });
    expect(r.rejected).toEqual([]);
    expect(r.withExtension).toEqual([c.id]);
    expect(r.claims[0]!.reviews.at(-1)).toMatchObject({ url: 'https://extra.example/review', rating: 'Outdated', note: 'Found later.' });
    expect(r.claims[0]!.summary).toBe(c.summary);

    // Alone, it is a claim made from its rating words, under that id, but not a complete one.
    const alone = fromClaimReviews(JSON.stringify([foreign({ [CLAIMLENS_KEY]: { id: c.id } })]), { now: NOW });
    expect(alone.claims.map((x) => [x.id, x.verdict])).toEqual([[c.id, 'false']]);
    expect(alone.withExtension).toEqual([]);
    // A broken full extension is an error, not a reference.
    const broken = fromClaimReviews(JSON.stringify([foreign({ [CLAIMLENS_KEY]: { id: c.id, verdict: 'nope' } })]), { now: NOW });
    expect(broken.rejected[0]!.reason).toMatch(/^claimlens:claim\.verdict: /);
  });

  it('rejects records of one id whose claim fields disagree', () => {
    const [a, b] = toClaimReviews([real.claims.find((c) => c.reviews.length >= 2)!]);
    const edited = { ...b!, [CLAIMLENS_KEY]: { ...b![CLAIMLENS_KEY], summary: 'Something else.' } };
    const r = fromClaimReviews(JSON.stringify([a, edited]), { now: NOW });
    expect(r.rejected).toEqual([{ record: 'item 2', reason: expect.stringMatching(/differs from the one in item 1/) }]);
  });

  it('throws for input that is in none of the formats', () => {
    expect(() => fromClaimReviews('')).toThrow(ClaimReviewInputError);
    expect(() => fromClaimReviews('<html></html>')).toThrow(ClaimReviewInputError);
    expect(() => fromClaimReviews('[{"a": 1}')).toThrow(/not valid JSON/);
    expect(() => fromClaimReviews('{"@type": "DataFeed", "dataFeedElement": 3}')).toThrow(/dataFeedElement/);
  });

  it('derives unique slugs, avoiding taken ids', () => {
    const r = fromClaimReviews(JSON.stringify([foreign(), foreign({ url: 'https://b.example/2', claimReviewed: 'The moon is made of cheese!?' })]), { now: NOW, takenIds: new Set(['the-moon-is-made-of-cheese']) });
    expect(r.claims.map((c) => c.id)).toEqual(['the-moon-is-made-of-cheese-2']);
    expect(slugify('Трамп был завербован КГБ')).toBe('tramp-byl-zaverbovan-kgb');
    expect(slugify('特朗普')).toMatch(/^claim-[a-z0-9]+$/);
    expect(slugify('A'.repeat(30) + ' ' + 'b'.repeat(40)).length).toBeLessThanOrEqual(60);
  });
});

describe('rating words → verdict', () => {
  it.each([
    ['True', 'true'],
    ['Mostly True', 'mostly-true'],
    ['Half True', 'mixed'],
    ['Mostly False', 'mostly-false'],
    ['FALSE.', 'false'],
    ['Pants on Fire!', 'false'],
    ['Mixture', 'mixed'],
    ['Unproven', 'unproven'],
    ['Unfounded', 'unproven'],
    ['Miscaptioned', 'misleading'],
    ['Labeled Satire', 'satire'],
    ['no evidence', 'unproven'],
    ['Unverified', 'unproven'],
    ['unverified rumor', 'unproven'],
    ["There's no evidence this happened", 'unproven'],
    ['Falso', 'false'],
    ['Irreführend', 'misleading'],
  ])('%s → %s', (words, verdict) => expect(verdictForRating(words)).toBe(verdict));

  it.each(['Outdated', 'This is incorrect', 'Four Pinocchios', ''])('%s needs a human', (words) => expect(verdictForRating(words)).toBeUndefined());
});

describe('clip', () => {
  it('keeps whole sentences, else cuts at a word', () => {
    expect(clip('One. Two three.', 10)).toBe('One.');
    expect(clip('abcdef ghijkl mnopqr', 15)).toBe('abcdef ghijkl…');
    expect(clip('short', 10)).toBe('short');
  });
});
