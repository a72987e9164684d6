import { describe, expect, it } from 'vitest';
import { checkDatabase, formatProblem, type SourceFile } from '@/src/claims/check';

const lexicon: SourceFile = {
  file: 'data/lexicon.json',
  text: JSON.stringify({ sets: { subject: { description: 'Trump', words: { en: ['trump'] } } } }),
};
const good = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  statement: 'Someone was recruited by someone.',
  phrasings: [`phrasing of ${id}`],
  verdict: 'unproven',
  summary: 'No evidence has been published.',
  explanation: 'A single unsupported assertion.',
  reviews: [
    { publisher: 'A', title: 'A title', url: 'https://a.example/1', datePublished: '2025-03-13', rating: 'Unproven' },
    { publisher: 'B', title: 'B title', url: 'https://b.example/1', datePublished: '2025-03-14', rating: 'No evidence' },
  ],
  lastReviewed: '2025-04-01',
  detection: { priority: 10, rules: [{ triggers: { en: [`${id} words`] }, requires: ['subject'] }] },
  ...extra,
});
const file = (id: string, body: unknown, name = id): SourceFile => ({ file: `data/claims/${name}.json`, text: JSON.stringify(body) });
const NOW = new Date('2026-01-01T00:00:00Z');
const check = (files: SourceFile[]) => checkDatabase(files, lexicon, NOW);

describe('claims check', () => {
  it('accepts valid data', () => {
    const r = check([file('one', good('one', { related: ['two'] })), file('two', good('two'))]);
    expect(r.problems).toEqual([]);
    expect(r.claims.map((c) => c.id)).toEqual(['one', 'two']);
  });

  it.each([
    ['http URL', { reviews: [{ ...good('x').reviews[0], url: 'http://a.example/1' }, good('x').reviews[1]] }, 'reviews[0].url', 'https'],
    ['javascript: URL', { reviews: [{ ...good('x').reviews[0], url: 'javascript:alert(1)' }, good('x').reviews[1]] }, 'reviews[0].url', 'https'],
    ['data: URL', { reviews: [good('x').reviews[0], { ...good('x').reviews[1], url: 'data:text/html,hi' }] }, 'reviews[1].url', 'https'],
    ['unknown field', { colour: 'red' }, '', 'colour'],
    ['date that does not exist', { lastReviewed: '2025-02-30' }, 'lastReviewed', 'real calendar date'],
    ['date in the future', { lastReviewed: '2030-01-01' }, 'lastReviewed', 'future'],
    ['bad verdict', { verdict: 'pants-on-fire' }, 'verdict', ''],
    // zod's own messages are in English (check.ts loads the locale zod/mini does not ship).
    ['summary that is not text', { summary: 42 }, 'summary', 'Invalid input: expected string, received number'],
    ['summary too long', { summary: 'x'.repeat(201) }, 'summary', '200'],
    ['related id that does not exist', { related: ['nope'] }, 'related[0]', 'does not exist'],
    ['unknown lexicon set', { detection: { priority: 1, rules: [{ triggers: { en: ['x y'] }, requires: ['nobody'] }] } }, 'detection.rules[0].requires[0]', 'nobody'],
    ['$start outside before', { detection: { priority: 1, rules: [{ triggers: { en: ['x y'] }, requiresAny: ['$start'] }] } }, 'detection.rules[0].requiresAny[0]', 'only works in "before"'],
    ['triggersFrom naming no set', { detection: { priority: 1, triggerSets: { idioms: { en: ['x y'] } }, rules: [{ triggersFrom: ['idioms'] }, { triggersFrom: ['idiom'] }] } }, 'detection.rules[1].triggersFrom[0]', 'names trigger set "idiom", which detection.triggerSets does not define (it has: idioms)'],
    ['a trigger set no rule uses', { detection: { priority: 1, triggerSets: { idioms: { en: ['x y'] } }, rules: [{ triggers: { en: ['z'] } }] } }, 'detection.triggerSets.idioms', 'is named by no rule'],
    ['a rule without triggers', { detection: { priority: 1, rules: [{ requires: ['subject'] }] } }, 'detection.rules[0]', 'has no triggers'],
    ['a bad phrase in a trigger set', { detection: { priority: 1, triggerSets: { idioms: { en: ['x* y'] } }, rules: [{ triggersFrom: ['idioms'] }] } }, 'detection.triggerSets.idioms.en[0]', 'may only end a phrase'],
    ['one publisher and no sourcing note', { reviews: [good('x').reviews[0]] }, 'sourcingNote', 'fewer than two'],
  ])('rejects %s, naming file, claim and field', (_name, patch, path, message) => {
    const r = check([file('x', good('x', patch))]);
    expect(r.problems.length).toBeGreaterThan(0);
    const p = r.problems[0]!;
    expect(p.file).toBe('data/claims/x.json');
    expect(p.claimId).toBe('x');
    expect(p.path).toBe(path);
    expect(p.message).toContain(message);
    expect(formatProblem(p)).toContain('data/claims/x.json: claim "x"');
  });

  it('rejects invalid JSON', () => {
    const r = check([{ file: 'data/claims/bad.json', text: '{ "id": ' }]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/not valid JSON/);
  });

  it('rejects duplicate ids and ids that do not match the file name', () => {
    const r = check([file('one', good('one')), file('one', good('one'), 'one-copy')]);
    const lines = r.problems.map((p) => `${p.file} ${p.path}: ${p.message}`);
    expect(lines).toContain('data/claims/one-copy.json id: must match the file name ("one-copy")');
    expect(lines).toContain('data/claims/one-copy.json id: is also used by data/claims/one.json');
  });

  it('rejects two claims claiming the same phrasing or the same trigger under the same conditions', () => {
    const r = check([file('one', good('one', { phrasings: ['Agent Krasnov'] })), file('two', good('two', { phrasings: ['agent  krasnov'], detection: { priority: 10, rules: [{ triggers: { en: ['ONE words'] }, requires: ['subject'] }] } }))]);
    expect(r.problems.map((p) => p.path).sort()).toEqual(['detection.rules[0].triggers.en[0]', 'phrasings[0]']);
  });

  it('resolves triggersFrom: a rule fires on its own phrases and on each named set, each phrase once', () => {
    const detection = {
      priority: 10,
      triggerSets: { idioms: { en: ['got to him', 'reeled him in'], de: ['angeworben'] } },
      rules: [
        { triggersFrom: ['idioms'], near: ['subject'] },
        { triggers: { en: ['signed him', 'got to him'] }, triggersFrom: ['idioms'], requires: ['subject'] },
      ],
    };
    const r = check([file('one', good('one', { detection }))]);
    expect(r.problems).toEqual([]);
    expect(r.claims[0]!.detection.rules.map((x) => x.triggers)).toEqual([
      { en: ['got to him', 'reeled him in'], de: ['angeworben'] },
      { en: ['signed him', 'got to him', 'reeled him in'], de: ['angeworben'] },
    ]);
    // The parsed claim has the plain shape the detector and the packager read.
    expect(r.claims[0]!.detection).not.toHaveProperty('triggerSets');
    expect(r.claims[0]!.detection.rules[1]).not.toHaveProperty('triggersFrom');
  });

  it('names the trigger set when an inherited trigger is claimed by another claim', () => {
    const two = good('two', { detection: { priority: 10, triggerSets: { shared: { en: ['one words'] } }, rules: [{ triggers: { en: ['own words'] }, triggersFrom: ['shared'], requires: ['subject'] }] } });
    const r = check([file('one', good('one')), file('two', two)]);
    expect(r.problems.map((p) => [p.path, p.message])).toEqual([['detection.rules[0].triggersFrom', expect.stringContaining('trigger "one words" is claimed by "one"')]]);
  });

  it('reports every problem, not just the first', () => {
    const r = check([
      file('a', good('a', { verdict: 'nope', lastReviewed: '2030-01-01' })),
      file('b', good('b', { related: ['zzz'], reviews: [{ ...good('b').reviews[0], url: 'http://x' }] })),
    ]);
    expect(r.problems.length).toBeGreaterThanOrEqual(3);
    expect(new Set(r.problems.map((p) => p.file))).toEqual(new Set(['data/claims/a.json', 'data/claims/b.json']));
  });

  it('rejects a "*" inside a phrase (it could never match), in triggers and in lexicon words', () => {
    const r = check([file('one', good('one', { detection: { priority: 10, rules: [{ triggers: { en: ['krasnov*', 'soviet* spy*'] }, requires: ['subject'] }] } }))]);
    expect(r.problems.map((p) => [p.path, p.message])).toEqual([['detection.rules[0].triggers.en[1]', expect.stringMatching(/may only end a phrase/)]]);
    const lex: SourceFile = { file: 'data/lexicon.json', text: JSON.stringify({ sets: { subject: { description: 'Trump', words: { en: ['trump', 'верховн* суд*'] } } } }) };
    const r2 = checkDatabase([file('two', good('two'))], lex, NOW);
    expect(r2.problems.map((p) => [p.file, p.path])).toEqual([['data/lexicon.json', 'sets.subject.words.en[1]']]);
  });
});

