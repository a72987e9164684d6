import { describe, expect, it } from 'vitest';
import type { Claim, Lexicon } from '@/src/claims/schema';
import { Detector, triggerPhrases } from '@/src/detect/detector';

const review = { publisher: 'P', title: 'T', url: 'https://example.org/a', datePublished: '2025-03-13', rating: 'Unproven' };
const claim = (id: string, priority: number, rules: Claim['detection']['rules']): Claim => ({
  id,
  statement: `Statement ${id}`,
  phrasings: [id],
  verdict: 'unproven',
  summary: 'Summary.',
  explanation: 'Explanation.',
  reviews: [review],
  appearances: [],
  related: [],
  lastReviewed: '2025-03-13',
  detection: { priority, rules },
});
const lexicon: Lexicon = {
  sets: {
    subject: { description: 'Trump', words: { en: ['trump*'], ru: ['трамп*'] } },
    'veto-other-krasnov': { description: 'other Krasnovs', words: { en: ['cossack*', 'pyotr'] } },
  },
};
const claims = [
  claim('recruited', 50, [
    { triggers: { en: ['agent krasnov'] }, requires: [], vetoes: [] },
    { triggers: { en: ['krasnov*'], ru: ['краснов*'] }, requires: ['subject'], vetoes: ['veto-other-krasnov'] },
  ]),
  claim('tapes', 80, [{ triggers: { en: ['krasnov tapes'] }, requires: [], vetoes: [] }]),
];
const d = new Detector(claims, lexicon);
const spans = (text: string, headline?: string) => d.detect(text, headline).map((m) => [text.slice(m.start, m.end), m.claimId]);

describe('Detector', () => {
  it('needs the context a rule requires', () => {
    expect(spans('Krasnov scored twice tonight')).toEqual([]);
    expect(spans('Trump is Krasnov')).toEqual([['Krasnov', 'recruited']]);
    expect(spans('Трампа завербовали как Краснова')).toEqual([['Краснова', 'recruited']]);
  });

  it('takes the subject from the headline when the text has none', () => {
    const m = d.detect('He was Krasnov all along', 'Was Trump recruited?');
    expect(m).toHaveLength(1);
    expect(m[0]!.evidence.context).toEqual([{ set: 'subject', words: ['Trump'], where: 'headline' }]);
  });

  it('lets a veto word silence a weak trigger', () => {
    expect(spans('Trump fans, meet Pyotr Krasnov, the Cossack general')).toEqual([]);
  });

  it('fires strong triggers without context', () => {
    expect(spans('agent Krasnov strikes again')).toEqual([['agent Krasnov', 'recruited']]);
  });

  it('gives overlapping words to the most specific claim', () => {
    expect(spans('Trump: where are the Krasnov tapes?')).toEqual([['Krasnov tapes', 'tapes']]);
  });

  it('explains each match', () => {
    const [m] = d.detect('Trump is KRASNOV');
    expect(m!.evidence).toEqual({ trigger: 'KRASNOV', language: 'en', context: [{ set: 'subject', words: ['Trump'], where: 'text' }] });
  });

  it('lists the trigger phrases once each', () => {
    const p = triggerPhrases(claims).map((x) => `${x.text}${x.stem ? '*' : ''}`);
    expect(p.sort()).toEqual(['agent krasnov', 'krasnov tapes', 'krasnov*', 'краснов*'].sort());
  });
});
