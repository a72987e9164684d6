import { describe, expect, it } from 'vitest';
import { addDismissal, isDismissed, MAX_DISMISSALS, parseDismissals, removeDismissal } from '@/src/settings/dismissals';
import { pagePolicy, siteGroup } from '@/src/settings/policy';
import { defaultSettings } from '@/src/settings/schema';
import { ALL_SITES_PATTERN, hostIsOn, isSiteHost, parseSiteInput, siteKey, sitePattern, wantedPatterns } from '@/src/settings/sites';

describe('site names', () => {
  it.each([
    ['example.org', { ok: true, host: 'example.org' }],
    ['  WWW.Example.ORG/path?q=1 ', { ok: true, host: 'example.org' }],
    ['https://news.example.co.uk/a', { ok: true, host: 'news.example.co.uk' }],
    ['http://example.org', { ok: false, reason: 'scheme' }],
    ['ftp://example.org', { ok: false, reason: 'scheme' }],
    ['', { ok: false, reason: 'empty' }],
    ['not a site', { ok: false, reason: 'invalid' }],
    ['https://user:pw@example.org', { ok: false, reason: 'invalid' }],
    ['example', { ok: false, reason: 'invalid' }],
    ['192.168.0.1', { ok: false, reason: 'invalid' }],
  ])('parseSiteInput(%j)', (input, want) => {
    expect(parseSiteInput(input)).toEqual(want);
  });

  it('accepts host names only', () => {
    expect(isSiteHost('a-b.example.org')).toBe(true);
    expect(isSiteHost('xn--80ak6aa92e.com')).toBe(true);
    expect(isSiteHost('-bad.example')).toBe(false);
    expect(isSiteHost('Example.org')).toBe(false);
    expect(isSiteHost('a'.repeat(64) + '.org')).toBe(false);
  });

  it('remembers x.com and www.x.com as one site, and knows subdomains', () => {
    expect(siteKey('www.x.com')).toBe('x.com');
    expect(siteKey('Edition.CNN.com.')).toBe('edition.cnn.com');
    expect(hostIsOn('news.example.org', 'example.org')).toBe(true);
    expect(hostIsOn('badexample.org', 'example.org')).toBe(false);
  });

  it('asks for an https pattern covering the site and its subdomains', () => {
    expect(sitePattern('example.org')).toBe('https://*.example.org/*');
  });

  it('registers the content script only for granted patterns, and "all sites" covers the rest', () => {
    const s = { ...defaultSettings(), customSites: ['a.example', 'b.example'] };
    expect(wantedPatterns(s, (p) => p === 'https://*.a.example/*')).toEqual(['https://*.a.example/*']);
    expect(wantedPatterns({ ...s, runOnAllSites: true }, () => true)).toEqual([ALL_SITES_PATTERN]);
    // All sites switched on but not granted: the granted own sites still count.
    expect(wantedPatterns({ ...s, runOnAllSites: true }, (p) => p !== ALL_SITES_PATTERN)).toEqual(['https://*.a.example/*', 'https://*.b.example/*']);
    expect(wantedPatterns({ ...s, enabled: false }, () => true)).toEqual([]);
  });
});

describe('page policy', () => {
  const s = defaultSettings();
  it('knows the built-in groups', () => {
    expect(siteGroup('x.com')).toBe('x');
    expect(siteGroup('mobile.twitter.com')).toBe('x');
    expect(siteGroup('www.tiktok.com')).toBe('tiktok');
    expect(siteGroup('edition.cnn.com')).toBe('news');
    expect(siteGroup('example.org')).toBeUndefined();
  });

  it('says whether to highlight, and why not', () => {
    expect(pagePolicy(s, 'x.com')).toBe('active');
    expect(pagePolicy({ ...s, enabled: false }, 'x.com')).toBe('off');
    expect(pagePolicy({ ...s, pausedSites: ['x.com'] }, 'x.com')).toBe('paused');
    expect(pagePolicy({ ...s, pausedSites: ['euronews.com'] }, 'www.euronews.com')).toBe('paused');
    expect(pagePolicy({ ...s, runOnTikTok: false }, 'www.tiktok.com')).toBe('site-off');
    expect(pagePolicy({ ...s, runOnTikTok: false, runOnAllSites: true }, 'www.tiktok.com')).toBe('active');
    expect(pagePolicy(s, 'news.example.org')).toBe('site-off');
    expect(pagePolicy({ ...s, customSites: ['example.org'] }, 'news.example.org')).toBe('active');
    expect(pagePolicy({ ...s, customSites: ['example.org'], enabled: false }, 'news.example.org')).toBe('off');
  });
});

describe('hidden matches ("Not about this claim")', () => {
  it('adds, finds and removes one per site and claim', () => {
    let l = addDismissal([], { site: 'x.com', claimId: 'trump-russian-asset', at: 1 });
    l = addDismissal(l, { site: 'x.com', claimId: 'trump-russian-asset', at: 2 });
    expect(l).toEqual([{ site: 'x.com', claimId: 'trump-russian-asset', at: 2 }]);
    expect(isDismissed(l, 'x.com', 'trump-russian-asset')).toBe(true);
    expect(isDismissed(l, 'bbc.com', 'trump-russian-asset')).toBe(false);
    expect(removeDismissal(l, 'x.com', 'trump-russian-asset')).toEqual([]);
  });

  it('keeps the newest entries when full', () => {
    let l = Array.from({ length: MAX_DISMISSALS }, (_, i) => ({ site: `s${i}.example`, claimId: 'c', at: i }));
    l = addDismissal(l, { site: 'new.example', claimId: 'c', at: 99999 });
    expect(l).toHaveLength(MAX_DISMISSALS);
    expect(l[0]!.site).toBe('s1.example');
    expect(l.at(-1)!.site).toBe('new.example');
  });

  it('reads a stored list, dropping broken entries', () => {
    const logs: string[] = [];
    expect(parseDismissals([{ site: 'x.com', claimId: 'a-b', at: 1 }, { site: 'x.com' }, 'junk'], (m) => logs.push(m))).toEqual([{ site: 'x.com', claimId: 'a-b', at: 1 }]);
    expect(logs).toHaveLength(2);
    expect(parseDismissals({ not: 'a list' }, () => {})).toEqual([]);
  });
});
