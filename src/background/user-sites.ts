import browser, { type Scripting } from 'webextension-polyfill';
import { CONTENT_MATCHES } from '../page/sites';
import { siteGroup } from '../settings/policy';
import type { Settings } from '../settings/schema';
import { ALL_SITES_PATTERN, sitePattern, wantedPatterns } from '../settings/sites';

/**
 * The content script on the user's own sites and on "all sites": registered at run time with
 * scripting.registerContentScripts, only for the patterns whose optional host permission the user
 * granted. The manifest's content script already covers X, TikTok and the news sites, so those
 * are excluded here and a page never gets two copies.
 */

export const USER_SCRIPT_ID = 'claimlens-user-sites';
/** The files WXT builds from entrypoints/content/. */
const JS = ['content-scripts/content.js'];
const CSS = ['content-scripts/content.css'];

/** Which of these match patterns the user granted (as optional host permissions). */
export async function grantedPatterns(patterns: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const p of new Set(patterns)) if (await browser.permissions.contains({ origins: [p] }).catch(() => false)) out.add(p);
  return out;
}

/**
 * Makes the registered script match the settings and the granted permissions. Returns the
 * patterns it now covers. Open tabs of a newly covered site get the script at once.
 */
export async function syncUserSiteScripts(settings: Settings, log: (msg: string) => void = console.warn): Promise<string[]> {
  if (!browser.scripting?.registerContentScripts) return [];
  const granted = await grantedPatterns([ALL_SITES_PATTERN, ...settings.customSites.map(sitePattern)]);
  const want = wantedPatterns(settings, (p) => granted.has(p));
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [USER_SCRIPT_ID] });
  const had = existing[0]?.matches ?? [];
  if (existing.length > 0 && same(had, want)) return want;
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [USER_SCRIPT_ID] });
  if (want.length === 0) return want;
  const script: Scripting.RegisteredContentScript = {
    id: USER_SCRIPT_ID,
    matches: want,
    excludeMatches: [...CONTENT_MATCHES],
    js: JS,
    css: CSS,
    runAt: 'document_idle',
    allFrames: false,
  };
  await browser.scripting.registerContentScripts([script]);
  await injectIntoOpenTabs(want.filter((p) => !had.includes(p)), log);
  return want;
}

/** Tabs already open on a newly covered site get the content script now, not on their next load. */
async function injectIntoOpenTabs(patterns: string[], log: (msg: string) => void): Promise<void> {
  if (patterns.length === 0) return;
  // With the host permission the tab's URL is visible; the "tabs" permission is not needed.
  const tabs = await browser.tabs.query({ url: patterns });
  for (const tab of tabs) {
    if (tab.id === undefined || !tab.url) continue;
    let host: string;
    try {
      host = new URL(tab.url).hostname;
    } catch {
      continue;
    }
    if (siteGroup(host)) continue; // the manifest's script is already there
    try {
      await browser.scripting.insertCSS({ target: { tabId: tab.id }, files: CSS });
      await browser.scripting.executeScript({ target: { tabId: tab.id }, files: JS });
    } catch (e) {
      log(`ClaimLens: could not start on an open tab (${String(e)})`);
    }
  }
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
