import { describe, expect, it } from 'vitest';
import { checkDataDir } from '../../../scripts/lib/data-files';
import { loadCorpus } from '../../../scripts/lib/evaluate';
import { Automaton } from '@/src/detect/automaton';
import { CachedAutomaton } from '@/src/detect/cached-automaton';
import { Detector } from '@/src/detect/detector';
import { normalize } from '@/src/detect/normalize';

// The bundled detector's automaton: a large alphabet, so only its shallowest states have dense
// rows and most characters of real text take advance(), the path the table remembers.
const { claims, lexicon } = checkDataDir();
const bytes = Detector.index(claims, lexicon!).automaton;
const texts = loadCorpus()
  .filter((_, i) => i % 4 === 0)
  .map((s) => normalize(s.text).text);

const outputs = (a: Automaton, text: string) => {
  const out: number[] = [];
  a.scan(text, (p, s, e) => void out.push(p, s, e));
  return out;
};

describe('CachedAutomaton', () => {
  it('has deep states to remember on this data (most of the text is read past the dense rows)', () => {
    const a = new Automaton(bytes);
    expect(a.rowCount).toBeLessThan(a.stateCount / 10);
  });

  // A 16-entry table (constant evictions and collisions) and the default one.
  it.each([4, 14])('with a table of 2^%d entries, scans every corpus text exactly as Automaton does, and each transition agrees', (bits) => {
    const plain = new Automaton(bytes);
    const cached = new CachedAutomaton(bytes, bits);
    let deep = 0;
    // Disagreements are collected and asserted once (an expect per character made this test
    // take seconds as the corpus grew).
    const wrong: string[] = [];
    for (const t of texts) {
      expect(outputs(cached, t)).toEqual(outputs(plain, t));
      let s = 0;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (s >= plain.rowCount) deep++;
        const want = plain.advance(s, c);
        // Asked twice: the second answer comes from the table when the first filled it.
        const first = cached.advance(s, c);
        const second = cached.advance(s, c);
        if ((first !== want || second !== want) && wrong.length < 5) wrong.push(`state ${s}, code unit ${c}: ${first}/${second}, want ${want}`);
        s = want;
      }
    }
    expect(wrong).toEqual([]);
    expect(deep).toBeGreaterThan(10_000);
  });

  it('answers a code unit outside every pattern as class 0 does (back to the root or a shallow state)', () => {
    const plain = new Automaton(bytes);
    const cached = new CachedAutomaton(bytes, 4);
    let s = 0;
    for (const c of 'agent krasnov'.split('').map((x) => x.charCodeAt(0))) s = plain.advance(s, c);
    for (const odd of [0x2603, 0xe000, 0x10]) expect(cached.advance(s, odd)).toBe(plain.advance(s, odd));
  });
});
