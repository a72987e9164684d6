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
