import { describe, expect, it } from 'vitest';
import { Claim, type ClaimInput, type Lexicon } from '@/src/claims/schema';
import { Detector } from '@/src/detect/detector';

const review = { publisher: 'P', title: 'T', url: 'https://example.org/a', datePublished: '2025-03-13', rating: 'Unproven' };
const claim = (id: string, priority: number, rules: ClaimInput['detection']['rules']): Claim =>
  Claim.parse({
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

  it('reads a phrase whose word is quoted as the phrase, from its first word to its last', () => {
    expect(spans('agent "Krasnov" strikes again')).toEqual([['agent "Krasnov', 'recruited']]);
    expect(spans('the «Krasnov» tapes')).toEqual([['Krasnov» tapes', 'tapes']]);
  });

  it('gives overlapping words to the most specific claim', () => {
    expect(spans('Trump: where are the Krasnov tapes?')).toEqual([['Krasnov tapes', 'tapes']]);
  });

  it('explains each match', () => {
    const [m] = d.detect('Trump is KRASNOV');
    expect(m!.evidence).toEqual({ trigger: 'KRASNOV', language: 'en', context: [{ set: 'subject', words: ['Trump'], where: 'text' }] });
  });

  it('lists the trigger phrases once each', () => {
    const p = new Detector(claims, lexicon).triggers.map((x) => `${x.text}${x.stem ? '*' : ''}`);
    expect(p.sort()).toEqual(['agent krasnov', 'agentkrasnov', 'krasnov tapes', 'krasnovtapes', 'krasnov*', 'краснов*'].sort());
  });
});

describe('Detector rule features', () => {
  const lex: Lexicon = {
    sets: {
      subject: { description: 'Trump', words: { en: ['trump'] } },
      kgb: { description: 'kgb', words: { en: ['kgb'] } },
      white: { description: 'presidency', words: { en: ['white house'] } },
      former: { description: 'careers', words: { en: ['former kgb agent'] } },
      he: { description: 'he is', words: { en: ["he's", 'he is'], es: ['es un'] } },
    },
  };
  const det = new Detector(
    [
      claim('recruit', 50, [{ triggers: { en: ['recruited'] }, near: ['kgb'], requiresAny: ['subject', 'white'] }]),
      claim('asset', 30, [{ triggers: { en: ['kgb agent'] }, requires: ['subject'], blockers: ['former'] }]),
      claim('name', 40, [{ triggers: { en: ['krasnov'] }, requiresAny: ['$marked'] }]),
      claim('book', 60, [{ triggers: { en: ['american kompromat'] } }]),
      claim('tapes', 80, [{ triggers: { en: ['kompromat'] } }]),
      claim('puppet', 20, [{ triggers: { en: ["putin's puppet"], es: ['títere de putin'] }, before: ['he'] }]),
      claim('works', 10, [{ triggers: { es: ['trabaja para los rusos'] }, before: ['$start'] }]),
    ],
    lex,
  );
  const ids = (t: string, h?: string) => det.detect(t, h).map((m) => `${t.slice(m.start, m.end)}:${m.claimId}`);

  it('requiresAny: one of the sets is enough', () => {
    expect(ids('The man in the White House was recruited by the KGB')).toEqual(['recruited by the KGB:recruit']);
    expect(ids('He was recruited by the KGB')).toEqual([]);
  });

  it('before: a word of the set must stand right before the trigger', () => {
    expect(ids("He's Putin's puppet, everyone knows it")).toEqual(["Putin's puppet:puppet"]);
    expect(ids('Es un títere de Putin.')).toEqual(['títere de Putin:puppet']);
    expect(ids("He's really Putin's puppet")).toEqual([]);
    expect(ids("Putin's puppet, they said")).toEqual([]);
    const [m] = det.detect('he is putin’s puppet');
    expect(m?.evidence.context).toEqual([{ set: 'he', words: ['he is'], where: 'text' }]);
  });

  it('before $start: the trigger must begin its sentence (a verb whose subject was dropped)', () => {
    expect(ids('Trabaja para los rusos, no para EEUU.')).toEqual(['Trabaja para los rusos:works']);
    expect(ids('Lo dije ayer. Trabaja para los rusos.')).toEqual(['Trabaja para los rusos:works']);
    expect(ids('Mi primo trabaja para los rusos en una fábrica.')).toEqual([]);
    const [m] = det.detect('  Trabaja para los rusos');
    expect(m?.evidence.context).toEqual([{ set: '$start', words: ['Trabaja para los rusos'], where: 'text' }]);
  });

  it('near: the set must be in the trigger’s own sentence', () => {
    expect(ids('Trump was recruited in 1987. The KGB archives are closed.')).toEqual([]);
    expect(ids('Trump was recruited by the KGB in 1987.')).toEqual(['recruited by the KGB:recruit']);
  });

  it('blockers: a longer phrase that contains the trigger cancels it, elsewhere it does not', () => {
    expect(ids('Trump met Putin, a former KGB agent.')).toEqual([]);
    expect(ids('A former KGB agent says Trump is a KGB agent.')).toEqual(['KGB agent:asset']);
  });

  it('$marked: a hashtag or quotes mark a name as a codename', () => {
    expect(ids('why is #Krasnov trending')).toEqual(['Krasnov:name']);
    expect(ids('what is this « Krasnov » story')).toEqual(['Krasnov:name']);
    expect(ids('Krasnov scored twice')).toEqual([]);
  });

  it('words inside a longer matched phrase belong to it, whatever the priorities', () => {
    expect(ids('Have you read American Kompromat?')).toEqual(['American Kompromat:book']);
  });
});

describe('Detector highlight spans', () => {
  const det = new Detector(
    [claim('recruit', 50, [{ triggers: { en: ['recruited'] }, near: ['kgb'], requiresAny: ['subject'] }])],
    { sets: { subject: { description: 'Trump', words: { en: ['trump'] } }, kgb: { description: 'kgb', words: { en: ['kgb'] } } } },
  );
  it('joins a near context word to the trigger when they read as one phrase', () => {
    const t = 'Trump was recruited by the KGB in 1987.';
    expect(det.detect(t).map((m) => t.slice(m.start, m.end))).toEqual(['recruited by the KGB']);
    const u = 'The KGB, a former officer says, recruited Trump.';
    expect(det.detect(u).map((m) => u.slice(m.start, m.end))).toEqual(['recruited']);
  });
});

describe('Detector sentence vetoes', () => {
  const det = new Detector(
    [claim('asset', 30, [{ triggers: { en: ['russian asset'] }, requires: ['subject'], vetoesNear: ['other'] }])],
    { sets: { subject: { description: 'Trump', words: { en: ['trump'] } }, other: { description: 'others', words: { en: ['witkoff'] } } } },
  );
  const n = (t: string) => det.detect(t).length;
  it('vetoesNear silences a trigger whose own sentence is about someone else', () => {
    expect(n("Trump's envoy Witkoff is a Russian asset.")).toBe(0);
    expect(n('Witkoff met Putin again. Trump is a Russian asset.')).toBe(1);
  });
});

describe('Detector hashtags', () => {
  const det = new Detector([claim('asset', 30, [{ triggers: { en: ["putin's puppet"] } }])], { sets: {} });
  it('matches a run-together lower-case hashtag of a phrase, and only as a hashtag', () => {
    const t = 'lol #putinspuppet again';
    expect(det.detect(t).map((m) => t.slice(m.start, m.end))).toEqual(['putinspuppet']);
    expect(det.detect('the putinspuppet account').length).toBe(0);
    expect(det.triggers.map((p) => p.text).sort()).toEqual(["putin's puppet", 'putinspuppet']);
  });
});
