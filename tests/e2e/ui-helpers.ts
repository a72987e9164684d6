import type { BrowserContext, Page } from '@playwright/test';

/** The parts of the `chrome` global the tests call inside extension pages (no @types/chrome here). */
declare global {
  const chrome: {
    tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(tabId: number, msg: unknown, opts?: object): Promise<unknown> };
    action: { getBadgeText(d: { tabId: number }): Promise<string>; getTitle(d: { tabId: number }): Promise<string> };
    storage: Record<'sync' | 'local', { set(i: object): Promise<void>; get(k: string | string[] | null): Promise<Record<string, unknown>>; clear(): Promise<void> }>;
    permissions: { contains(p: { origins: string[] }): Promise<boolean>; request(p: { origins: string[] }): Promise<boolean> };
    scripting: { getRegisteredContentScripts(f?: object): Promise<{ id: string; matches?: string[] }[]> };
    runtime: { reload(): void };
  };
}

/**
 * Helpers for the popup/options and worker-restart specs: extension pages, tab ids, storage,
 * the badge, and stopping the service worker.
 */

/** Opens an extension page (popup.html, options.html) in a tab. */
export async function extensionPage(context: BrowserContext, extensionId: string, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`chrome-extension://${extensionId}/${path}`);
  return { page, errors };
}

/** The id of the tab whose content script says it is on `site` (asked the way the popup asks). */
export async function tabIdFor(ext: Page, site: string): Promise<number> {
  const id = await ext.evaluate(async (s) => {
    for (const t of await chrome.tabs.query({})) {
      if (t.id === undefined) continue;
      try {
        const r = (await chrome.tabs.sendMessage(t.id, { type: 'pageInfo' }, { frameId: 0 })) as { ok: boolean; data?: { site: string } };
        if (r?.ok && r.data?.site === s) return t.id;
      } catch {
        // no content script there
      }
    }
    return -1;
  }, site);
  if (id < 0) throw new Error(`no tab with ClaimLens on ${site}`);
  return id;
}

/** The popup, opened as a page about tab `tabId`. */
export async function openPopup(context: BrowserContext, extensionId: string, tabId: number): Promise<{ page: Page; errors: string[] }> {
  return extensionPage(context, extensionId, `popup.html?tab=${tabId}`);
}

export async function badgeOf(ext: Page, tabId: number): Promise<{ text: string; title: string }> {
  return ext.evaluate(async (tabId) => ({ text: await chrome.action.getBadgeText({ tabId }), title: await chrome.action.getTitle({ tabId }) }), tabId);
}

export async function setSync(ext: Page, items: Record<string, unknown>): Promise<void> {
  await ext.evaluate((i) => chrome.storage.sync.set(i), items);
}

export async function matchCount(page: Page): Promise<number> {
  return page.evaluate(() => CSS.highlights.get('claimlens-match')?.size ?? 0);
}

/** The claimlens highlight names registered on the page, with their sizes. */
export async function highlightNames(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    CSS.highlights.forEach((h, name) => {
      if (name.startsWith('claimlens')) out[name] = h.size;
    });
    return out;
  });
}

/**
 * Stops every service worker (ours is the only one), as Chrome does after 30 s idle, and waits
 * until ours reports "stopped". Uses a CDP session on a page: Playwright's Worker object hangs
 * after a stop until the worker is woken, so tests never evaluate in the worker; they go
 * through pages.
 */
export async function stopServiceWorkers(context: BrowserContext, page: Page, extensionId: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  type Version = { scriptURL: string; runningStatus: string };
  let seen: Version[] = [];
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: { versions: Version[] }) => {
      seen = versions;
      if (versions.some((v) => v.scriptURL.startsWith(`chrome-extension://${extensionId}/`) && v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`worker did not stop: ${JSON.stringify(seen)}`)), 10_000));
  try {
    await Promise.race([stopped, timeout]);
  } finally {
    await cdp.detach();
  }
}

/** A page on a host none of the built-in lists covers, with claim text on it. */
export const CUSTOM_SITE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example news</title></head>
<body><main><h1>Local paper</h1>
<p id="a">A reader wrote in: "Trump is a Kremlin asset, everybody knows it."</p>
<p id="b">The Cossack ataman Pyotr Krasnov was executed in 1947.</p>
</main></body></html>`;

/** Appends an X-like post with `text` to the fixture timeline (a new post in the feed). */
export async function addPost(page: Page, id: string, text: string): Promise<void> {
  await page.evaluate(
    ({ id, text }) => {
      const art = document.createElement('article');
      art.id = id;
      art.setAttribute('data-testid', 'tweet');
      const body = document.createElement('div');
      body.setAttribute('data-testid', 'tweetText');
      body.textContent = text;
      art.append(body);
      document.getElementById('timeline')!.append(art);
    },
    { id, text },
  );
}
