import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Dismissal } from '../settings/dismissals';
import type { Settings } from '../settings/schema';
import { loadDismissals, loadSettings, updateSettings, watchDismissals, watchSettings } from '../settings/store';
import { applyTheme } from './theme';

/** A change to the settings: a patch, or a function of the current stored settings (lists: no lost updates). */
export type SettingsChange = Partial<Settings> | ((s: Settings) => Partial<Settings>);

/**
 * The settings, kept current as any context changes them (undefined while loading), and a way to
 * change them. A change shows at once (optimistically) and is then confirmed by storage.onChanged.
 */
export function useSettings(): { settings: Settings | undefined; update: (change: SettingsChange) => Promise<void> } {
  const [stored, setStored] = useState<Settings>();
  const [local, setLocal] = useState<Partial<Settings>>({});
  useEffect(() => {
    let live = true;
    loadSettings().then((s) => live && setStored(s));
    const unwatch = watchSettings((s) => {
      if (!live) return;
      setStored(s);
      setLocal({});
    });
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  // One object per change (not per render): effects that depend on it run when it changes.
  const settings = useMemo(() => (stored ? { ...stored, ...local } : undefined), [stored, local]);
  useEffect(() => {
    if (settings) applyTheme(settings.theme);
  }, [settings?.theme]);
  const update = async (change: SettingsChange) => {
    if (settings) setLocal((l) => ({ ...l, ...(typeof change === 'function' ? change(settings) : change) }));
    try {
      await updateSettings(typeof change === 'function' ? change : () => change);
    } catch (e) {
      setLocal({});
      throw e;
    }
  };
  return { settings, update };
}

export function useDismissals(): Dismissal[] {
  const [list, setList] = useState<Dismissal[]>([]);
  useEffect(() => {
    let live = true;
    loadDismissals().then((d) => live && setList(d));
    const unwatch = watchDismissals((d) => live && setList(d));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return list;
}
