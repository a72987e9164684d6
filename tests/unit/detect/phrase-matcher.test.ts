import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton } from '@/src/detect/automaton';
import { normalize } from '@/src/detect/normalize';
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
});

describe('PhraseMatcher', () => {
  it('matches whole words only', () => {
    expect(find(['krasnov'], 'Krasnovodsk is a port; Krasnov is a name')).toEqual(['Krasnov']);
  });

  it('matches stems with short inflections, not longer words', () => {
    expect(find(['краснов*'], 'агентом Красновым, Краснова и Красноводск')).toEqual(['Красновым', 'Краснова']);
  });

  it('matches across normalisation: hashtags, case, look-alikes, split markup text', () => {
    expect(find(['trump krasnov', 'agent krasnov'], '#TrumpKrasnov and AGENT KRАSNOV')).toEqual(['TrumpKrasnov', 'AGENT KRАSNOV']);
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
});
