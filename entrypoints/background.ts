import browser from 'webextension-polyfill';
// The worker's log and its refusals ("malformed message: …") read zod's English messages.
import '@/src/claims/english-errors';
import { clearBadge, setBadge } from '@/src/background/badge';
import { ClaimStore } from '@/src/background/claim-store';
import { syncUserSiteScripts } from '@/src/background/user-sites';
import { loadBundledDatabase } from '@/src/claims/bundled';
import { sendToTab } from '@/src/messaging/client';
import { listen } from '@/src/messaging/listen';
import { protocol } from '@/src/messaging/protocol';
import { loadImported, watchImported } from '@/src/settings/imported';
import { loadSettings, watchSettings } from '@/src/settings/store';

export default defineBackground({
  type: 'module',
  main() {
    // Built synchronously at every worker start: the listeners below must be registered in the
    // first turn of the event loop so an event that woke the worker is not lost. Nothing the user
    // sees lives only in this worker's memory: the claims come from the bundle and storage.local,
    // the badge is the browser's, and the search index is rebuilt on the first search.
    const t0 = performance.now();
    const db = loadBundledDatabase();
    const t1 = performance.now();
    const log = (msg: string) => console.warn(msg);
    const store = new ClaimStore(db, log);
    // Imported claims join the database before the first answer that depends on them.
    const ready = loadImported(log).then((claims) => {
      if (claims.length > 0) store.setImported(claims);
    });
    watchImported((claims) => store.setImported(claims), log);

    listen(
      protocol,
      {
        getTriggers: async () => (await ready, store.matcher.getTriggers()),
        matchBlocks: async (req) => (await ready, store.matcher.matchBlocks(req)),
        reportPage: async (req, sender) => {
          const tabId = sender.tab?.id;
          if (tabId !== undefined && sender.frameId === 0) await setBadge(tabId, new Set(req.claimIds).size, req.state ?? 'active');
          return { ok: true as const };
        },
        searchClaims: async (req) => (await ready, store.search(req.query, req.limit)),
        listClaims: async () => (await ready, { claims: store.list() }),
        exportClaims: async () => (await ready, { claims: store.all() }),
      },
      log,
    );

    // The badge belongs to a page: cleared when the tab starts loading another document, then
    // set again from the new page's content script (which also reports on its own).
    browser.tabs.onUpdated.addListener((tabId, info) => {
      if (info.status === 'loading') clearBadge(tabId).catch(() => {});
      if (info.status === 'complete') {
        sendToTab(tabId, { type: 'pageInfo' })
          .then((p) => setBadge(tabId, new Set(p.matches.map((m) => m.claimId)).size, p.state))
          .catch(() => {}); // no content script of ours on that page
      }
    });

    // The content script on the user's own sites: registered for what the settings ask and the
    // user granted, re-checked whenever either changes.
    const sync = () =>
      loadSettings()
        .then((s) => syncUserSiteScripts(s, log))
        .catch((e: unknown) => log(`ClaimLens: could not update the sites the content script runs on: ${String(e)}`));
    browser.permissions.onAdded.addListener(() => void sync());
    browser.permissions.onRemoved.addListener(() => void sync());
    watchSettings(() => void sync());
    browser.runtime.onInstalled.addListener(() => void sync());
    browser.runtime.onStartup.addListener(() => void sync());

    // Start-up figures for the benchmark (npm run bench reads them from the worker).
    (globalThis as { __claimlensStats?: unknown }).__claimlensStats = { claims: db.claims.length, loadMs: t1 - t0, indexMs: performance.now() - t1, readyAt: performance.now() };
  },
});
