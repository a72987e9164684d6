import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton, fromBase64, toBase64 } from '@/src/detect/automaton';
import { FAST_LIMIT, fastTables, normalize, normalizeText } from '@/src/detect/normalize';
import { parsePhrase, PhraseMatcher } from '@/src/detect/phrase-matcher';

const find = (phrases: string[], text: string) => {
  const m = new PhraseMatcher(phrases.map(parsePhrase));
  const n = normalize(text);
  return m.findAll(n.text).map((h) => text.slice(n.start[h.start]!, n.end[h.end - 1]!));
};

describe('Automaton', () => {
  it('finds every occurrence of every pattern, overlapping ones included', () => {
    const a = new Automaton(['he', 'she', 'his', 'hers']);
    const got: string[] = [];
    a.scan('ushers', (p, s, e) => void got.push(`${p}:${s}-${e}`));
    expect(got.sort()).toEqual(['0:2-4', '1:1-4', '3:2-6'].sort());
  });

  it('agrees with a naive search on random inputs', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[ab]{1,4}$/), { minLength: 1, maxLength: 6 }), fc.stringMatching(/^[abc]{0,40}$/), (pats, text) => {
        const a = new Automaton(pats);
        const got = new Set<string>();
        a.scan(text, (p, s, e) => void got.add(`${pats[p]}@${s}-${e}`));
        const want = new Set<string>();
        pats.forEach((p) => {
          for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) want.add(`${p}@${i}-${i + p.length}`);
        });
        expect(got).toEqual(want);
      }),
    );
  });

  it('property: a packed automaton (through base64) finds exactly what the built one finds', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 80 }), (pats, text) => {
        const built = new Automaton(pats);
        const packed = new Automaton(fromBase64(toBase64(built.pack())));
        const run = (a: Automaton) => {
          const out: string[] = [];
          a.scan(text + pats.join(''), (p, s, e) => void out.push(`${p}@${s}-${e}`));
          return out;
        };
        expect(run(packed)).toEqual(run(built));
        expect(packed.stateCount).toBe(built.stateCount);
        expect([...packed.rows]).toEqual([...built.rows]);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses packed data that is truncated, from another layout, or points out of range', () => {
    const bytes = new Automaton(['agent krasnov', 'krasnov tapes']).pack();
    expect(() => new Automaton(bytes.subarray(0, bytes.length - 4))).toThrow(/wrong size/);
    const other = bytes.slice();
    other[0] = 0;
    expect(() => new Automaton(other)).toThrow(/not a packed automaton/);
    // A changed byte breaks the build's checksum.
    const H = 8; // header words
    const wild = bytes.slice();
    const ints = new Int32Array(wild.buffer);
    ints[H + 1] = 1_000_000; // state 1's failure link
    expect(() => new Automaton(wild)).toThrow(/checksum does not match/);
    // Resealed with a matching checksum, the structure is still checked: no link forward, no
    // child before its parent, no output past the states.
    const reseal = (b: Uint8Array) => {
      const w = new Int32Array(b.buffer);
      let h = 0x811c9dc5 | 0;
      for (let i = H; i < w.length; i++) h = Math.imul(h ^ w[i]!, 0x01000193);
      w[H - 1] = h;
      return b;
    };
    expect(() => new Automaton(reseal(wild))).toThrow(/state out of range/);
    const selfLink = bytes.slice();
    new Int32Array(selfLink.buffer)[H + 3] = 3; // a failure link to itself would loop for ever
    expect(() => new Automaton(reseal(selfLink))).toThrow(/state out of range/);
    const farOutput = bytes.slice();
    const h = new Int32Array(farOutput.buffer);
    h[H + h[1]!] = h[1]!; // the first output ends past the last state
    expect(() => new Automaton(reseal(farOutput))).toThrow(/output out of range/);
    // A view at an odd offset into a larger buffer is copied, not misread.
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes, 1);
    const shifted = new Automaton(padded.subarray(1));
    const hits: number[] = [];
    shifted.scan('so agent krasnov', (p) => void hits.push(p));
    expect(hits).toEqual([0]);
  });
});

describe('PhraseMatcher', () => {
  it('wraps a packed automaton only when it was built from the same phrases', () => {
    const phrases = ['agent krasnov', 'krasnov*'].map(parsePhrase);
    const bytes = new PhraseMatcher(phrases).pack();
    expect(new PhraseMatcher(phrases, bytes).hasAnyIn('Agent Krasnova!')).toBe(true);
    expect(() => new PhraseMatcher(['agent krasnow', 'kgb'].map(parsePhrase), bytes)).toThrow(/other phrases/);
  });

  it('matches whole words only', () => {
    expect(find(['krasnov'], 'Krasnovodsk is a port; Krasnov is a name')).toEqual(['Krasnov']);
  });

  it('matches stems with short inflections, not longer words', () => {
    expect(find(['краснов*'], 'агентом Красновым, Краснова и Красноводск')).toEqual(['Красновым', 'Краснова']);
  });

  it('matches across normalisation: hashtags, case, look-alikes, split markup text', () => {
    expect(find(['trump krasnov', 'agent krasnov'], '#TrumpKrasnov and AGENT KRАSNOV')).toEqual(['TrumpKrasnov', 'AGENT KRАSNOV']);
  });

  it('finds an Arabic phrase after joined conjunctions and prepositions, not inside another word', () => {
    expect(find(['ترامب', 'عميل روسي'], 'قالوا وترامب كعميل روسي')).toEqual(['ترامب', 'عميل روسي']);
    expect(find(['الكرملين'], 'وبالكرملين')).toEqual(['الكرملين']);
    expect(find(['رمب'], 'ترمب')).toEqual([]);
    expect(find(['عميل'], 'زعميل')).toEqual([]);
    expect(find(['agent'], 'وagent')).toEqual([]);
  });

  it('finds phrases in scripts written without spaces', () => {
    expect(find(['克拉斯诺夫'], '特朗普是克拉斯诺夫特工')).toEqual(['克拉斯诺夫']);
  });

  it('property: a trigger inserted anywhere into random text is found', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.constantFrom('agent krasnov', 'Krasnov tapes', 'Kremlin asset', 'КРАСНОВ'), (before, after, trigger) => {
        const text = `${before} ${trigger} ${after}`;
        const found = find(['agent krasnov', 'krasnov tapes', 'kremlin asset', 'краснов'], text);
        expect(found.map((f) => normalize(f).text)).toContain(normalize(trigger).text);
      }),
      { numRuns: 300 },
    );
  });

  describe('first pass on raw text (hasAnyIn / hasAnyFast)', () => {
    const phrases = ['agent krasnov', 'krasnov tapes', "o'brien asset", 'trump krasnov', 'krasnów*', 'kgb agent', 'a b', 'üb', 'nº 1'].map(parsePhrase);
    const m = new PhraseMatcher(phrases);
    // Pieces of phrases in every case, Latin-1 and typographic characters, zero-width
    // characters, marks, look-alikes and other scripts: everything the fused loop handles or refuses.
    const piece = fc.oneof(
      fc.constantFrom('Agent', 'KRASNOV', 'Krasnov', 'kras', 'nov', 'Tapes', 'O’Brien', "o'brien", 'Asset', 'Trump', 'KGB', 'agent', 'Krasnów', 'KRASNÓW', 'Krasnowa', 'A', 'B', 'Ü', 'ü', 'N°', 'º', '1'),
      fc.constantFrom(' ', '  ', '\n', '#', '@', '-', '_', '–', '—', '…', '\u00a0', '\u00ad', '\u200b', '\u2019', '“', '«', '»', '´', '`', '€', '™', 'ﬁ', 'µ', 'а', 'К', '\u0301', 'é', 'É', 'ß', 'İ', 'ǅ', 'ı', 'ſ'),
      fc.constantFrom('☀️', '🧵', '😂', '👍🏻', '→', '❤', '\ufe0f', '\ud83d', '\ude02', '٣', '𝐀', '々', '⺀', '。', '\u{e0100}', '\u{e0041}', '\u20e3', '꙳'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    );
    const text = fc.array(piece, { maxLength: 14 }).map((a) => a.join(''));

    it('property: hasAnyIn(s) equals hasAny(normalizeText(s)), and text the fold tables cover never falls back', () => {
      const { kind } = fastTables();
      const covered = (s: string) => [...s].every((ch) => ch.length === 1 && ch.charCodeAt(0) < FAST_LIMIT && kind[ch.charCodeAt(0)] !== 4);
      let checked = 0;
      fc.assert(
        fc.property(text, (s) => {
          const expected = m.hasAny(normalizeText(s));
          expect(m.hasAnyIn(s)).toBe(expected);
          if (!covered(s)) return;
          checked++;
          expect(m.hasAnyFast(s)).toBe(expected);
        }),
        { numRuns: 4000 },
      );
      expect(checked).toBeGreaterThan(500);
    });

    it('property: hasAnyIn(s) equals hasAny(normalizeText(s)) on text the fold tables cover (no fallback), with stems, suffixes and boundaries', () => {
      const ps = ['krasnov*', 'agent', 'maga: moscow', "o'brien", 'a b', 'nº 1', 'ss', 'tapes', 'x1', '½'].map(parsePhrase);
      const mm = new PhraseMatcher(ps);
      const { kind } = fastTables();
      const covered = (s: string) => [...s].every((ch) => ch.length === 1 && ch.charCodeAt(0) < FAST_LIMIT && kind[ch.charCodeAt(0)] !== 4);
      const bit = fc.oneof(
        fc.constantFrom('Krasnov', 'KRASNOVA', 'krasnovym', 'Krasnovodsk', 'Krasnovs', 'Agent', 'AGENTS', 'agent_', 'MAGA', ':', ' : ', 'Moscow', 'moscowx', "O'Brien", 'O’Brien', 'a', 'b', 'A', 'B', 'ß', 'ẞ', 'SS', 'nº', 'N°', '1', '9', 'x', 'X1', 'ª', '²', '½', 'ﬀ', 'tapes', 'Tapes'),
        fc.constantFrom(' ', '', '', '\n', '#', '@', '-', '_', '–', '…', '\u00a0', '\u00ad', '\u200b', '’', '«', '.', ',', '!', '0', 'é', 'ü', 'ł'),
      );
      const txt = fc.array(bit, { maxLength: 16 }).map((a) => a.join(''));
      let checked = 0;
      fc.assert(
        fc.property(txt, (s) => {
          if (!covered(s)) return;
          checked++;
          expect(mm.hasAnyIn(s)).toBe(mm.hasAny(normalizeText(s)));
        }),
        { numRuns: 6000 },
      );
      expect(checked).toBeGreaterThan(3000);
      expect(mm.hasAnyIn('Krasnovym')).toBe(true);
      expect(mm.hasAnyIn('Krasnovodsk')).toBe(false);
      expect(mm.hasAnyIn('the agents')).toBe(false);
      expect(mm.hasAnyIn('MAGA: Moscow!')).toBe(true);
      expect(mm.hasAnyIn('xmaga: Moscow')).toBe(false);
      expect(mm.hasAnyIn('xMAGA: Moscow')).toBe(true); // CamelCase: "x maga: moscow"
      expect(mm.hasAnyIn('agent_')).toBe(true);
      expect(mm.hasAnyIn('AgentX')).toBe(true);
    });

    it('property: emoji and symbols stay on the fast path, with the same answer', () => {
      const ps = ['krasnov*', 'agent', 'maga: moscow', 'a b'].map(parsePhrase);
      const mm = new PhraseMatcher(ps);
      const bit = fc.oneof(
        fc.constantFrom('Krasnov', 'KRASNOVA', 'Krasnovodsk', 'Agent', 'MAGA', ':', 'Moscow', 'a', 'b', 'B', ' ', '', '.', 'é', '\u200d'),
        fc.constantFrom('☀️', '🧵', '😂', '👍🏻', '→', '❤', '\ufe0f', '\ud83d', '\ude02', '。', '\u{e0100}', '🇺🇸'),
      );
      fc.assert(
        fc.property(fc.array(bit, { maxLength: 14 }).map((a) => a.join('')), (s) => {
          const fast = mm.hasAnyFast(s);
          expect(fast, s).not.toBeUndefined();
          expect(fast).toBe(mm.hasAny(normalizeText(s)));
        }),
        { numRuns: 3000 },
      );
      expect(mm.hasAnyFast('agent😂')).toBe(true);
      expect(mm.hasAnyFast('Krasnov🧵')).toBe(true);
      expect(mm.hasAnyFast('😂Krasnovodsk')).toBe(false);
      expect(mm.hasAnyFast('агент')).toBeUndefined();
      expect(mm.hasAnyFast('e\u0301')).toBeUndefined();
    });

    it('reads typographic Latin text without falling back, and refuses what it cannot fold', () => {
      const { kind } = fastTables();
      for (const ch of '‘’“”–—…\u00a0éÉüßçñøłŁœ€™#') expect(kind[ch.charCodeAt(0)], ch).not.toBe(4);
      for (const ch of 'аКμ\u0301') expect(ch.charCodeAt(0) >= FAST_LIMIT || kind[ch.charCodeAt(0)] === 4, ch).toBe(true);
      expect(m.hasAnyFast('Le « Trump–Krasnov » d’après… rien')).toBe(true);
      expect(m.hasAnyFast('Le « Trump » d’après… rien — 12 €')).toBe(false);
      expect(m.hasAnyIn('#TrumpKrasnov')).toBe(true);
      expect(m.hasAnyIn('Krasnovodsk tapes')).toBe(false);
    });
  });
});
