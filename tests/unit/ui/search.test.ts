import { describe, expect, it } from 'vitest';
import { foldTerm, SearchIndex } from '@/src/background/search-index';
import { loadBundled } from '../helpers/bundled-db';

const { claims } = await loadBundled();
const index = new SearchIndex(claims);
const ids = (q: string) => index.search(q).hits.map((h) => h.id);

describe('claim search (popup)', () => {
  it.each([
    ['krasnov', 'trump-kgb-recruited-1987-krasnov'],
    ['krasnow', 'trump-kgb-recruited-1987-krasnov'], // German spelling: fuzzy
    ['Краснов', 'trump-kgb-recruited-1987-krasnov'], // Russian phrasing
    ['краснова', 'trump-krasnov-tapes'], // inflected Russian: prefix/fuzzy
    ['KGB asset', 'trump-russian-asset'],
    ['recruited 1987', 'trump-kgb-recruited-1987-krasnov'],
    ['rekrutiert', 'trump-kgb-recruited-1987-krasnov'], // German phrasing
    ['mueler', 'mueller-report-found-conspiracy'], // typo
    ['steele', 'steele-dossier-confirmed'],
    ['moscow agent gov', 'maga-moscow-agent-governing-america'], // prefix of the last word
    ['MAGA', 'maga-moscow-agent-governing-america'],
  ])('"%s" finds %s', (q, id) => {
    expect(ids(q)).toContain(id);
  });

  it.each([
    ['krasnov tapes', 'trump-krasnov-tapes'],
    ['moscow agent governing america', 'maga-moscow-agent-governing-america'],
    ['steele dossier confirmed', 'steele-dossier-confirmed'],
    ['Mueller report', 'mueller-report-found-conspiracy'],
    ['newspaper ads', 'trump-1987-newspaper-ads'],
    ['Shvets', 'shvets-unger-kgb-cultivated-1980'],
    ['Krasnov means red', 'krasnov-name-proves-agent'],
    ['KGB asset', 'trump-russian-asset'],
    ['puppet', 'trump-russian-asset'], // a trigger word, not in the statement
  ])('ranks the claim that says "%s" first', (q, id) => {
    expect(ids(q)[0]).toBe(id);
  });

  it('a bare name finds every claim about it', () => {
    expect(ids('krasnov').slice(0, 3).sort()).toEqual(['krasnov-name-proves-agent', 'trump-kgb-recruited-1987-krasnov', 'trump-krasnov-tapes']);
  });

  it('ranks the claim whose statement has the words above one that only mentions them', () => {
    const r = ids('KGB recruited Trump 1987');
    expect(r[0]).toBe('trump-kgb-recruited-1987-krasnov');
  });

  it('needs every word, unless no claim has them all', () => {
    expect(ids('krasnov tapes')).not.toContain('steele-dossier-confirmed');
    // "unicorn" is in no claim: the other words still find something.
    expect(ids('unicorn krasnov tapes')[0]).toBe('trump-krasnov-tapes');
  });

  it('finds nothing for nothing', () => {
    expect(index.search('').hits).toEqual([]);
    expect(index.search('   ').hits).toEqual([]);
    expect(ids('zzqqxx')).toEqual([]);
  });

  it('limits and counts', () => {
    const r = index.search('trump', 3);
    expect(r.hits).toHaveLength(3);
    expect(r.total).toBeGreaterThan(3);
    expect(r.hits[0]!.score).toBeGreaterThanOrEqual(r.hits[1]!.score);
  });

  it('folds case, accents and ё', () => {
    expect(foldTerm('Krasnów')).toBe('krasnow');
    expect(foldTerm('Плёнки')).toBe('пленки');
  });
});

describe('search index internals', () => {
  const lev = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let diag = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const up = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
        diag = up;
      }
    }
    return row[b.length]!;
  };

  it('the fuzzy walk of the sorted terms finds exactly the terms a brute-force edit distance finds', () => {
    const vocab = index.vocabulary();
    expect([...vocab]).toEqual([...vocab].sort());
    for (const [w, max] of [['krasnow', 1], ['mueler', 1], ['краснов', 2], ['recruted', 2], ['kgb', 1], ['zzqq', 1], ['trump', 2]] as const) {
      expect(index.termsNear(w, max), w).toEqual(vocab.filter((t) => lev(w, t) <= max));
    }
  });

  it('counts every match but returns only the page, best first; AND narrows, OR only when AND finds nothing', () => {
    const all = index.search('trump', 50);
    const page = index.search('trump', 5);
    expect(page.total).toBe(all.total);
    expect(page.hits.map((h) => h.id)).toEqual(all.hits.slice(0, 5).map((h) => h.id));
    expect(index.search('trump kgb', 50).total).toBeLessThan(all.total);
    expect(index.search('trump zzqqxx', 50).total).toBeGreaterThan(0);
    for (const h of all.hits) expect(claims[h.doc]!.id).toBe(h.id);
  });
});

describe('search on the way to a word', () => {
  it('a single letter narrows a query but finds nothing on its own when the other words match nothing', () => {
    const narrowed = index.search('krasnov a', 50).hits.map((h) => h.id);
    expect(narrowed.length).toBeGreaterThan(0);
    const all = new Set(index.search('krasnov', 50).hits.map((h) => h.id));
    expect(narrowed.every((id) => all.has(id))).toBe(true);
    expect(index.search('zzqqxx a').total).toBe(0);
    expect(index.search('a').total).toBeGreaterThan(0);
  });
});
