import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, normalizePhrase, normalizeText } from '@/src/detect/normalize';
import { NormalizeScratch, normalizeFast, normalizeFused } from '@/src/detect/normalize-fast';

const back = (s: string, from: number, to: number) => {
  const n = normalize(s);
  return s.slice(n.start[from]!, n.end[to - 1]!);
};

describe('normalize', () => {
  it('folds case, diacritics, quotes and dashes', () => {
    // Apostrophes stay (putin's); double quotes of every kind separate words, like dashes.
    expect(normalizePhrase('Trump’s “Krásnov” — AGENT')).toBe(`trump's krasnov agent`);
    expect(normalizePhrase('a Russian "asset", «agente» „russo“')).toBe('a russian asset , agente russo');
    expect(normalizePhrase('Kreml-Agent Trump–Krasnov')).toBe('kreml agent trump krasnov');
    expect(normalizePhrase('Straße Ёлка')).toBe('strasse елка');
  });

  it('removes zero-width characters and soft hyphens, collapses white space', () => {
    expect(normalizePhrase('Kras\u200bno\u00adv \n\t  tapes')).toBe('krasnov tapes');
  });

  it('splits hashtags and CamelCase', () => {
    expect(normalizePhrase('#TrumpKrasnov')).toBe('trump krasnov');
    expect(normalizePhrase('KGBAgent')).toBe('kgb agent');
    expect(normalizePhrase('@realDonaldTrump')).toBe('real donald trump');
  });

  it('applies NFKC: full-width letters and ligatures', () => {
    expect(normalizePhrase('ＫＧＢ ﬁle')).toBe('kgb file');
  });

  it('rewrites look-alike letters in mixed-script words only', () => {
    expect(normalizePhrase('Kr\u0430snov')).toBe('krasnov'); // Cyrillic а inside a Latin word
    expect(normalizePhrase('Кр\u0061снов')).toBe('краснов'); // Latin a inside a Cyrillic word
    expect(normalizePhrase('Краснов Krasnov')).toBe('краснов krasnov'); // each word keeps its script
  });

  it('folds letters people type without their stroke, and Arabic spelling variants', () => {
    expect(normalizePhrase('Służby, Krasnowa, Ødegaard, Đoković')).toBe('sluzby, krasnowa, odegaard, dokovic');
    // Turkish dotless ı: lower-cased capitals and text typed without Turkish letters read alike.
    expect(normalizePhrase('Rus ajanı')).toBe(normalizePhrase('RUS AJANI'));
    expect(normalizePhrase('Putin’in kuklası')).toBe("putin'in kuklasi");
    expect(normalizePhrase('كراسنوڤ')).toBe(normalizePhrase('كراسنوف'));
    expect(normalizePhrase('دمية على')).toBe(normalizePhrase('دميه علي'));
    expect(normalizePhrase('أمريكا إيران آمن')).toBe(normalizePhrase('امريكا ايران امن'));
    const n = normalize('و كراسنوڤ');
    expect(n.text.length).toBe(n.start.length);
    // Arabic-Indic and Persian digits read as digits ("in the year 87"), each mapped to its source.
    expect(normalizePhrase('سنة ١٩٨٧ و ۸۷')).toBe(normalizePhrase('سنة 1987 و 87'));
    const d = normalize('سنة ٨٧');
    expect(d.text.slice(-2)).toBe('87');
    expect([d.start[d.text.length - 1], d.end[d.text.length - 1]]).toEqual([5, 6]);
  });

  it('keeps vowel signs in Indic scripts', () => {
    expect(normalizePhrase('ट्रंप')).toBe('ट्रंप');
  });

  it('keeps every unit of a text made of NFKC expansions (three "⁗" are twelve primes, each mapped to its source)', () => {
    // The offset maps start at twice the input's length and grow: a fast-check counterexample once
    // found the output cut at that size.
    const n = normalize('⁗⁗⁗');
    expect(n.text).toBe("''''''''''''");
    expect([...n.start]).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect([...n.end]).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    expect(normalizeFast('⁗⁗⁗').text).toBe(n.text);
  });

  it('maps matches back to the original text', () => {
    const s = '  #TrumpKrasnov is “AGENT Krásnov”';
    const n = normalize(s);
    const i = n.text.indexOf('agent krasnov');
    expect(back(s, i, i + 'agent krasnov'.length)).toBe('AGENT Krásnov');
    const j = n.text.indexOf('trump krasnov');
    expect(back(s, j, j + 'trump krasnov'.length)).toBe('TrumpKrasnov');
  });

  it('property: never throws, maps every position in bounds, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const n = normalize(s);
        expect(n.start.length).toBe(n.text.length);
        for (let i = 0; i < n.text.length; i++) {
          expect(n.start[i]).toBeGreaterThanOrEqual(0);
          expect(n.end[i]).toBeLessThanOrEqual(s.length);
          expect(n.start[i]).toBeLessThanOrEqual(n.end[i]!);
          if (i > 0) expect(n.start[i]).toBeGreaterThanOrEqual(n.start[i - 1]!);
        }
        expect(normalize(n.text).text).toBe(n.text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizeText (the content script’s map-free first pass)', () => {
  it('property: equals normalize(s).text for every string', () => {
    for (const unit of ['binary-ascii', 'binary', 'grapheme'] as const)
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 60 }), (s) => {
          expect(normalizeText(s)).toBe(normalize(s).text);
        }),
        { numRuns: 1500 },
      );
  });

  it('handles the usual cases', () => {
    for (const s of ['#TrumpKrasnov is  AGENT-Krasnov ', 'KGBAgent', '  ', '', 'aB', 'ABc', 'x\n\ty'])
      expect(normalizeText(s)).toBe(normalize(s).text);
  });
});

describe('normalizeFast (the worker’s fused normaliser, with offsets)', () => {
  const same = (s: string) => {
    const want = normalize(s);
    const got = normalizeFast(s);
    expect(got.text).toBe(want.text);
    expect([...got.start]).toEqual([...want.start]);
    expect([...got.end]).toEqual([...want.end]);
  };
  // Everything the fused loop handles or refuses: cases, CamelCase, Latin-1 and Latin Extended,
  // typographic punctuation, zero-width characters, multi-character folds, emoji, marks, other scripts.
  const piece = fc.oneof(
    fc.constantFrom('Agent', 'KRASNOV', 'Krasnov', 'KGBAgent', 'TrumpKrasnov', 'aB', 'ABc', 'O’Brien', 'Krasnów', 'Élysée', 'STRAßE', 'Łódź', 'ǅ', 'İ', 'ı', 'N°', '½', 'ﬁ', '⁗'),
    fc.constantFrom(' ', '  ', '\n', '\t', '#', '@', '-', '_', '–', '—', '…', '\u00a0', '\u00ad', '\u200b', '’', '“', '«', '»', '`', '€', '™', '.', '!'),
    fc.constantFrom('☀️', '🧵', '😂', '👍🏻', '→', '❤', '\ufe0f', '\ud83d', '\ude02', '٣', '𝐀', '々', '。', '\u{e0100}', '\u0301', 'а', 'К', 'о', 'Trиmp', 'ال'),
    fc.string({ unit: 'binary', maxLength: 3 }),
  );
  it('property: equals normalize(s) (text and both offset maps) for every string', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 16 }).map((a) => a.join('')), same), { numRuns: 4000 });
    for (const unit of ['binary-ascii', 'binary', 'grapheme'] as const) fc.assert(fc.property(fc.string({ unit, maxLength: 60 }), same), { numRuns: 1500 });
  });

  it('takes the fused path on Latin text, emoji included, and leaves other scripts to normalize()', () => {
    for (const s of ['#TrumpKrasnov is  AGENT-Krasnov ', 'KGBAgent', '  ', '', 'Straße — «Élysée» 😂\ufe0f', 'x'.repeat(5000)]) {
      expect(normalizeFused(s), s).toBeDefined();
      same(s);
    }
    for (const s of ['Трамп', 'Trуmp', 'e\u0301', 'الكرملين']) expect(normalizeFused(s), s).toBeUndefined();
  });

  it('with a scratch, returns views of it (no copies) that equal normalize(s), for texts of every length', () => {
    const scratch = new NormalizeScratch();
    // Growing past the first buffers (1,024 units) and back: each result is right when returned.
    for (const s of ['Agent KRASNOV, said “Élysée”', 'TrumpKrasnov '.repeat(400), 'x', 'Трамп is KGBAgent', '']) {
      const want = normalize(s);
      const got = normalizeFast(s, scratch);
      expect(got.text).toBe(want.text);
      expect([...got.start]).toEqual([...want.start]);
      expect([...got.end]).toEqual([...want.end]);
      if (normalizeFused(s) !== undefined) expect(got.start.buffer).toBe(scratch.starts.buffer);
    }
    // The next use overwrites a view; a result without a scratch is a copy and stays as it was.
    const a = normalizeFast('Krasnov', scratch);
    const copy = normalizeFast('Krasnov');
    normalizeFast('#MAGA Moscow', scratch);
    expect([...a.start]).not.toEqual([...normalize('Krasnov').start]);
    expect([...copy.start]).toEqual([...normalize('Krasnov').start]);
  });
});

