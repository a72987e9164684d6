import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, defaultSettings, migrateSettings, parseSettings, SETTING_KEYS, SETTINGS_VERSION, SettingsPatch, type Migration } from '@/src/settings/schema';

const quiet = () => {
  const logs: string[] = [];
  return { logs, log: (m: string) => logs.push(m) };
};

describe('settings schema', () => {
  it('has a default for every key, and nothing is stored to get them', () => {
    const { logs, log } = quiet();
    expect(parseSettings({}, log)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(undefined, log)).toEqual(DEFAULT_SETTINGS);
    expect(logs).toEqual([]);
    expect(DEFAULT_SETTINGS).toMatchObject({ enabled: true, runOnX: true, runOnTikTok: true, runOnNews: true, runOnAllSites: false, highlightStyle: 'background', openOn: 'hover', sensitivity: 'balanced', theme: 'auto' });
  });

  it('reads valid stored values as they are', () => {
    const stored = { ...defaultSettings(), enabled: false, highlightStyle: 'underline', customSites: ['example.org'], mutedClaims: ['trump-russian-asset'], theme: 'dark' };
    expect(parseSettings(stored, quiet().log)).toEqual(stored);
  });

  it('falls back to the default for each broken key alone, and logs why', () => {
    const { logs, log } = quiet();
    const s = parseSettings({ enabled: 'yes', highlightStyle: 42, openOn: 'click', theme: { dark: true }, runOnX: null, sensitivity: 'strict' }, log);
    expect(s.enabled).toBe(true);
    expect(s.highlightStyle).toBe('background');
    expect(s.theme).toBe('auto');
    expect(s.runOnX).toBe(true);
    // The valid neighbours are kept.
    expect(s.openOn).toBe('click');
    expect(s.sensitivity).toBe('strict');
    expect(logs).toHaveLength(4);
    expect(logs.join('\n')).toMatch(/"enabled" has an invalid value "yes"; using the default true/);
  });

  it('keeps the valid entries of a list and drops the rest (deduplicated)', () => {
    const { logs, log } = quiet();
    const s = parseSettings({ customSites: ['example.org', 'EXAMPLE..org', 5, 'example.org', 'news.example.com', 'https://x.com', '<script>'], mutedClaims: ['trump-russian-asset', 'Not A Slug'] }, log);
    expect(s.customSites).toEqual(['example.org', 'news.example.com']);
    expect(s.mutedClaims).toEqual(['trump-russian-asset']);
    expect(logs).toHaveLength(5);
  });

  it('a list stored as something else becomes the default list', () => {
    const { logs, log } = quiet();
    expect(parseSettings({ pausedSites: 'x.com' }, log).pausedSites).toEqual([]);
    expect(logs[0]).toMatch(/"pausedSites" is not a list/);
  });

  it('caps lists at their maximum', () => {
    const many = Array.from({ length: 600 }, (_, i) => `site${i}.example`);
    expect(parseSettings({ pausedSites: many }, quiet().log).pausedSites).toHaveLength(500);
  });

  it('a stored record that is not an object gives the defaults', () => {
    const { logs, log } = quiet();
    expect(parseSettings('garbage', log)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings([1, 2], log)).toEqual(DEFAULT_SETTINGS);
    expect(logs).toHaveLength(2);
  });

  it('defaultSettings() returns copies, so lists are never shared', () => {
    const a = defaultSettings();
    a.pausedSites.push('x.com');
    expect(defaultSettings().pausedSites).toEqual([]);
    expect(DEFAULT_SETTINGS.pausedSites).toEqual([]);
  });

  it('checks a patch before it is written', () => {
    expect(SettingsPatch.safeParse({ theme: 'dark' }).success).toBe(true);
    expect(SettingsPatch.safeParse({ theme: 'purple' }).success).toBe(false);
    expect(SettingsPatch.safeParse({ unknownKey: 1 }).success).toBe(false);
    expect(SettingsPatch.safeParse({ customSites: ['not a host'] }).success).toBe(false);
  });

  it('every key is a setting the UI knows', () => {
    expect(SETTING_KEYS.sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });
});

describe('settings migrations', () => {
  it('a fresh store is stamped with the current version and nothing else changes', () => {
    const r = migrateSettings({});
    expect(r).toMatchObject({ from: SETTINGS_VERSION, to: SETTINGS_VERSION, set: { settingsVersion: SETTINGS_VERSION }, remove: [] });
  });

  it('a current store is left alone', () => {
    const r = migrateSettings({ settingsVersion: SETTINGS_VERSION, enabled: false });
    expect(r.set).toEqual({});
    expect(r.record).toEqual({ settingsVersion: SETTINGS_VERSION, enabled: false });
  });

  // Two example migrations, as a future version would add them.
  const migrations: Migration[] = [
    {
      from: 1,
      describe: 'v2 renamed "style" to "highlightStyle" and "marker" to "background"',
      migrate: (raw) => ({ set: 'style' in raw ? { highlightStyle: raw.style === 'marker' ? 'background' : raw.style } : {}, remove: ['style'] }),
    },
    {
      from: 2,
      describe: 'v3 split "sites" into one switch per site group',
      migrate: (raw) => {
        const sites = Array.isArray(raw.sites) ? (raw.sites as unknown[]) : undefined;
        return sites ? { set: { runOnX: sites.includes('x'), runOnTikTok: sites.includes('tiktok'), runOnNews: sites.includes('news') }, remove: ['sites'] } : { set: {}, remove: [] };
      },
    },
  ];

  it('runs every migration from the stored version up, and says what to write and remove', () => {
    const r = migrateSettings({ settingsVersion: 1, style: 'marker', sites: ['x', 'news'], theme: 'dark' }, migrations, 3);
    expect(r.from).toBe(1);
    expect(r.to).toBe(3);
    expect(r.record).toEqual({ settingsVersion: 3, highlightStyle: 'background', runOnX: true, runOnTikTok: false, runOnNews: true, theme: 'dark' });
    expect(r.set).toEqual({ highlightStyle: 'background', runOnX: true, runOnTikTok: false, runOnNews: true, settingsVersion: 3 });
    expect(r.remove.sort()).toEqual(['sites', 'style']);
    expect(parseSettings(r.record, () => {})).toMatchObject({ highlightStyle: 'background', runOnTikTok: false });
  });

  it('starts from the middle when the store is already at version 2', () => {
    const r = migrateSettings({ settingsVersion: 2, highlightStyle: 'underline', sites: ['tiktok'] }, migrations, 3);
    expect(r.record).toMatchObject({ highlightStyle: 'underline', runOnX: false, runOnTikTok: true });
  });

  it('a migration that throws is logged and its keys fall back to defaults later', () => {
    const logs: string[] = [];
    const broken: Migration[] = [{ from: 1, describe: 'broken', migrate: () => { throw new Error('boom'); } }];
    const r = migrateSettings({ settingsVersion: 1, theme: 'dark' }, broken, 2, (m) => logs.push(m));
    expect(r.record).toEqual({ settingsVersion: 2, theme: 'dark' });
    expect(logs[0]).toMatch(/migration from version 1 failed/);
  });

  it('a store from a newer build is read as it is and never written back', () => {
    const r = migrateSettings({ settingsVersion: 99, enabled: false, futureKey: 1 }, migrations, 3);
    expect(r.set).toEqual({});
    expect(r.remove).toEqual([]);
    expect(parseSettings(r.record, () => {}).enabled).toBe(false);
  });

  it('an unreadable version is logged and treated as unversioned', () => {
    const logs: string[] = [];
    const r = migrateSettings({ settingsVersion: 'seven', enabled: false }, [], 1, (m) => logs.push(m));
    expect(r.set).toEqual({ settingsVersion: 1 });
    expect(r.record.enabled).toBe(false);
    expect(logs[0]).toMatch(/version "seven" is invalid/);
  });
});
