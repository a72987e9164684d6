import browser from 'webextension-polyfill';

/**
 * The tab the popup is about. In the toolbar popup that is the active tab of the window it opened
 * in. The popup can also be opened as a page (tests, or a user who pins it): then `?tab=ID` names
 * the tab, else it is the most recently used other tab of the window. None of this needs the
 * "tabs" permission: only ids and access times are read, never URLs.
 */
export async function currentTabId(search: string = location.search): Promise<number | undefined> {
  const param = new URLSearchParams(search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const self = await browser.tabs.getCurrent().catch(() => undefined);
  const tabs = await browser.tabs.query({ currentWindow: true });
  const others = tabs.filter((t) => t.id !== undefined && t.id !== self?.id);
  if (!self) return others.find((t) => t.active)?.id;
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return others[0]?.id;
}

/** Whether this page is the toolbar popup (which closes itself after sending the user to the page). */
export async function isToolbarPopup(): Promise<boolean> {
  return (await browser.tabs.getCurrent().catch(() => undefined)) === undefined;
}
