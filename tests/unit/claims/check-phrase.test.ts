import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPhrase } from '@/src/claims/check';
import { parsePhrase } from '@/src/detect/phrase-matcher';

/** checkPhrase is parsePhrase with a shortcut for plain ASCII words; it must never differ. */
describe('checkPhrase', () => {
  it.each([
    'agent krasnov',
    'Trump Krasnov',
    'TrumpKrasnov',
    'KGBAgent',
    'KGB agent',
    'I',
    'A b C',
    'krasnov*',
    ' Krasnov tapes * ',
    'ab  cd',
    "trump's asset",
    'potus 45',
    '45th President',
    'Krasnow heißt rot',
    'краснов*',
    '',
    '*',
  ])('%j', (raw) => expect(checkPhrase(raw)).toEqual(parsePhrase(raw)));

  it('property: equals parsePhrase on random ASCII-ish phrases', () => {
    const unit = fc.constantFrom('a', 'b', 'k', 'z', 'A', 'K', 'Z', '0', '7', ' ', ' ', '*', '-', "'", '#', '_', '\t', 'é', 'ß', 'К', 'İ');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 16 }), (raw) => {
        expect(checkPhrase(raw)).toEqual(parsePhrase(raw));
      }),
      { numRuns: 3000 },
    );
  });

  it('property: equals parsePhrase on phrases that take the shortcut', () => {
    const word = fc.stringMatching(/^(?:[A-Z]?[a-z0-9]{1,6}|[A-Z])$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), fc.boolean(), (words, stem) => {
        const raw = words.join(' ') + (stem ? '*' : '');
        expect(checkPhrase(raw)).toEqual(parsePhrase(raw));
      }),
      { numRuns: 2000 },
    );
  });
});
