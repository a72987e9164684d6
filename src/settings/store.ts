import browser from 'webextension-polyfill';
import { addDismissal, DISMISSALS_KEY, parseDismissals, removeDismissal, type Dismissal } from './dismissals';
import { migrateSettings, parseSettings, SETTING_KEYS, SETTINGS_VERSION, SettingsPatch, VERSION_KEY, type Settings } from './schema';

/**
 * Settings in storage.sync (and hidden matches in storage.local), read and written through the
 * schema. Every context (worker, content script, popup, options) uses these functions, and
 * storage.onChanged tells every open tab at once.
 */

const log = (msg: string) => console.warn(msg);

/** Reads every setting, migrating the stored record first if it is from an older version. */
export async function loadSettings(): Promise<Settings> {
  let raw: Record<string, unknown> = {};
  try {
    raw = (await browser.storage.sync.get(null)) as Record<string, unknown>;
  } catch (e) {
    log(`ClaimLens: could not read settings (${String(e)}); using the defaults`);
  }
  const m = migrateSettings(raw, undefined, undefined, log);
  if (Object.keys(m.set).length > 0 || m.remove.length > 0) {
    // Best effort: a content script must not fail because a write did.
    Promise.resolve()
      .then(async () => {
        if (m.remove.length > 0) await browser.storage.sync.remove(m.remove);
        await browser.storage.sync.set(m.set);
      })
      .catch((e: unknown) => log(`ClaimLens: could not store migrated settings: ${String(e)}`));
  }
  return parseSettings(m.record, log);
}

/** Writes the given settings (only those keys), after checking them against the schema. */
export async function saveSettings(patch: Partial<Settings>): Promise<void> {
  const p = SettingsPatch.parse(patch);
  // A record from a newer build keeps its version; a fresh one gets ours.
  const stored = (await browser.storage.sync.get(VERSION_KEY))[VERSION_KEY];
  await browser.storage.sync.set({ ...p, ...(stored === undefined ? { [VERSION_KEY]: SETTINGS_VERSION } : {}) });
}

/** Changes one setting from its current value (read fresh, so two tabs do not undo each other). */
export async function updateSettings(update: (s: Settings) => Partial<Settings>): Promise<Settings> {
  const current = await loadSettings();
  const patch = update(current);
  await saveSettings(patch);
  return { ...current, ...patch };
}

/** Every setting back to its default: the stored keys are removed. */
export async function resetSettings(): Promise<void> {
  await browser.storage.sync.remove([...SETTING_KEYS, VERSION_KEY]);
}

/** Calls `fn` with the new settings whenever any context changes them. Returns the unsubscribe. */
export function watchSettings(fn: (s: Settings) => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'sync') return;
    if (!Object.keys(changes).some((k) => (SETTING_KEYS as string[]).includes(k) || k === VERSION_KEY)) return;
    loadSettings().then(fn, () => {});
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

export async function loadDismissals(): Promise<Dismissal[]> {
  try {
    return parseDismissals((await browser.storage.local.get(DISMISSALS_KEY))[DISMISSALS_KEY], log);
  } catch (e) {
    log(`ClaimLens: could not read hidden matches (${String(e)})`);
    return [];
  }
}

export async function dismiss(site: string, claimId: string): Promise<void> {
  const list = await loadDismissals();
  await browser.storage.local.set({ [DISMISSALS_KEY]: addDismissal(list, { site, claimId, at: Date.now() }) });
}

export async function undismiss(site: string, claimId: string): Promise<void> {
  const list = await loadDismissals();
  await browser.storage.local.set({ [DISMISSALS_KEY]: removeDismissal(list, site, claimId) });
}

export async function clearDismissals(): Promise<void> {
  await browser.storage.local.remove(DISMISSALS_KEY);
}

export function watchDismissals(fn: (list: Dismissal[]) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(DISMISSALS_KEY in changes)) return;
    fn(parseDismissals(changes[DISMISSALS_KEY]!.newValue, log));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
