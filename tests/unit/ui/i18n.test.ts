import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badgeFor } from '@/src/background/badge';
import { cardLabels } from '@/src/ui/card-labels';
import type { MessageKey, Translate } from '@/src/ui/i18n';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string) => JSON.parse(readFileSync(join(process.cwd(), 'public/_locales', lang, 'messages.json'), 'utf8')) as Catalogue;
const en = load('en');

/** browser.i18n.getMessage's substitution, for one catalogue. */
const translator =
  (cat: Catalogue): Translate =>
  (key: MessageKey, subs?: string | string[]) => {
    const m = cat[key] ?? en[key];
    if (!m) return '';
    const args = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    return m.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
      const content = m.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (_x, n: string) => args[Number(n) - 1] ?? '');
    });
  };

describe('UI text catalogues', () => {
  it.each(['de', 'ru'])('%s has every English key, with the same placeholders', (lang) => {
    const cat = load(lang);
    expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
    for (const [key, m] of Object.entries(en)) {
      const want = Object.keys(m.placeholders ?? {}).sort();
      expect(Object.keys(cat[key]!.placeholders ?? {}).sort(), key).toEqual(want);
      for (const p of want) expect(cat[key]!.message, key).toContain(`$${p.toUpperCase()}$`);
    }
  });

  it('every message is non-empty and has no stray $', () => {
    for (const lang of ['en', 'de', 'ru'])
      for (const [key, m] of Object.entries(load(lang))) {
        expect(m.message.trim(), `${lang} ${key}`).not.toBe('');
        expect(m.message.replace(/\$[A-Z0-9_]+\$/g, ''), `${lang} ${key}`).not.toContain('$');
      }
  });

  it('the card labels and badge titles come out in each language', () => {
    const de = translator(load('de'));
    expect(cardLabels(de).hideOnSite('x.com')).toBe('Auf x.com ausblenden');
    expect(cardLabels(de).verdicts.unproven).toBe('Unbelegt');
    // The built-in context sets read as words, not as "$start" or "$marked".
    expect(cardLabels(translator(en)).hasSetWords('$start')).toBe("opens a sentence with the claim's words (said of the post's subject)");
    expect(cardLabels(translator(en)).hasSetWords('$marked')).toBe('marks the name as a codename (hashtag or quotes)');
    expect(cardLabels(translator(en)).hasSetWords('kgb')).toBe('has kgb words');
    expect(badgeFor(3, 'active', translator(load('ru')))).toEqual({ text: '3', title: 'ClaimLens: проверенных утверждений на этой странице: 3' });
  });
});

describe('toolbar badge', () => {
  const t = translator(en);
  it('counts distinct claims and says so in its title', () => {
    expect(badgeFor(0, 'active', t)).toEqual({ text: '', title: 'ClaimLens: no fact-checked claims on this page' });
    expect(badgeFor(1, 'active', t)).toEqual({ text: '1', title: 'ClaimLens: 1 fact-checked claim on this page' });
    expect(badgeFor(12, 'active', t)).toEqual({ text: '12', title: 'ClaimLens: 12 fact-checked claims on this page' });
    expect(badgeFor(5000, 'active', t).text).toBe('999');
  });
  it('is empty with a reason when ClaimLens is not highlighting there', () => {
    expect(badgeFor(3, 'paused', t)).toEqual({ text: '', title: 'ClaimLens is paused on this site' });
    expect(badgeFor(3, 'off', t)).toEqual({ text: '', title: 'ClaimLens is switched off' });
    expect(badgeFor(0, 'site-off', t).title).toBe('ClaimLens is not set to run on this site');
    expect(badgeFor(1, 'active', () => '').title).toBe('ClaimLens');
  });
});
