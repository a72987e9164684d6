import { beforeEach, describe, expect, it, vi } from 'vitest';
import browser from 'webextension-polyfill';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS } from '@/src/settings/schema';
import { dismiss, loadDismissals, loadSettings, resetSettings, saveSettings, undismiss, updateSettings, watchSettings } from '@/src/settings/store';

describe('settings in storage.sync', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  it('a fresh profile reads the defaults and stamps the version', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await vi.waitFor(async () => expect(await browser.storage.sync.get(null)).toEqual({ settingsVersion: 1 }));
  });

  it('garbage in storage gives defaults for the broken keys and keeps the good ones', async () => {
    await browser.storage.sync.set({ enabled: 'garbage', theme: 'dark', mutedClaims: [1, 'trump-russian-asset'], highlightStyle: null });
    const s = await loadSettings();
    expect(s).toMatchObject({ enabled: true, theme: 'dark', mutedClaims: ['trump-russian-asset'], highlightStyle: 'background' });
    expect(console.warn).toHaveBeenCalled();
  });

  it('writes only the changed keys, checked by the schema', async () => {
    await saveSettings({ theme: 'light' });
    expect(await browser.storage.sync.get(null)).toEqual({ theme: 'light', settingsVersion: 1 });
    await expect(saveSettings({ theme: 'purple' as 'light' })).rejects.toThrow();
  });

  it('updates a list from its stored value, so two writers do not undo each other', async () => {
    await updateSettings((s) => ({ pausedSites: [...s.pausedSites, 'x.com'] }));
    await updateSettings((s) => ({ pausedSites: [...s.pausedSites, 'bbc.com'] }));
    expect((await loadSettings()).pausedSites).toEqual(['x.com', 'bbc.com']);
  });

  it('tells watchers about every change, with the whole parsed settings', async () => {
    const seen: boolean[] = [];
    const stop = watchSettings((s) => seen.push(s.enabled));
    await saveSettings({ enabled: false });
    await vi.waitFor(() => expect(seen).toEqual([false]));
    stop();
    await saveSettings({ enabled: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([false]);
  });

  it('reset removes every stored setting', async () => {
    await saveSettings({ theme: 'dark', customSites: ['example.org'] });
    await resetSettings();
    expect(await browser.storage.sync.get(null)).toEqual({});
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('remembers and forgets hidden matches in storage.local', async () => {
    await dismiss('x.com', 'trump-russian-asset');
    expect(await loadDismissals()).toEqual([{ site: 'x.com', claimId: 'trump-russian-asset', at: expect.any(Number) }]);
    await undismiss('x.com', 'trump-russian-asset');
    expect(await loadDismissals()).toEqual([]);
    await browser.storage.local.set({ dismissedMatches: 'corrupt' });
    expect(await loadDismissals()).toEqual([]);
  });
});
