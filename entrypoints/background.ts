import browser from 'webextension-polyfill';
// The worker's log and its refusals ("malformed message: …") read zod's English messages.
import '@/src/claims/english-errors';
import { clearBadge, setBadge } from '@/src/background/badge';
import { ClaimStore } from '@/src/background/claim-store';
import { syncUserSiteScripts } from '@/src/background/user-sites';
import { extensionReader, loadPackagedDatabase, PACKAGED_FILES } from '@/src/claims/packaged';
import { sendToTab } from '@/src/messaging/client';
import { listen } from '@/src/messaging/listen';
import { protocol } from '@/src/messaging/protocol';
import { loadImported, watchImported } from '@/src/settings/imported';
import { loadSettings, watchSettings } from '@/src/settings/store';

export default defineBackground({
  // A classic worker: WXT bundles it into one background.js (~85 KB), where a module worker
  // loads its chunks shared with the popup and options as a module graph, one more round of
  // fetches before main() runs (~20 ms of a restart, measured).
  main() {
    // The listeners below are registered in the first turn of the event loop, so an event that
    // woke the worker is not lost; requests that need the claims wait for `ready`. The data are
    // the extension's own packaged files (src/claims/packaged.ts), fetched here at every start:
    // detection tables at once, the claims in full only when a card, a search or a list needs
    // them. Nothing the user sees lives only in this worker's memory: the claims come from the
    // package and storage.local, the badge is the browser's, and the search index is rebuilt.
    const t0 = performance.now();
    const log = (msg: string) => console.warn(msg);
    const stats = { claims: 0, loadMs: 0, indexMs: 0, readyAt: 0 };
    const storeP = loadPackagedDatabase(extensionReader((path) => browser.runtime.getURL(path))).then((db) => {
      const t1 = performance.now();
      let store: ClaimStore;
      try {
        store = new ClaimStore(db, log);
      } catch (e) {
        throw new Error(`${PACKAGED_FILES.detection}, ${PACKAGED_FILES.detector}: the packaged detection tables were refused (${e instanceof Error ? e.message : String(e)})`);
      }
      Object.assign(stats, { claims: store.size, loadMs: t1 - t0, indexMs: performance.now() - t1, readyAt: performance.now() });
      // Start-up figures for the benchmark (npm run bench reads them from the worker).
      (globalThis as { __claimlensStats?: unknown }).__claimlensStats = stats;
      return store;
    });
    // Imported claims join the database before the first answer that depends on them; a change
    // is applied after them.
    const ready = Promise.all([storeP, loadImported(log)]).then(async ([store, claims]) => {
      if (claims.length > 0) await store.setImported(claims);
      return store;
    });
    ready.catch((e: unknown) => log(`ClaimLens: the claim database could not be loaded: ${e instanceof Error ? e.message : String(e)}`));
    watchImported((claims) => void ready.then((store) => store.setImported(claims)).catch((e: unknown) => log(`ClaimLens: imported claims could not be applied: ${String(e)}`)), log);

    listen(
      protocol,
      {
        getTriggers: async (req) => (await ready).matcher.getTriggers(req),
        matchBlocks: async (req) => (await ready).matcher.matchBlocks(req),
        reportPage: async (req, sender) => {
          const tabId = sender.tab?.id;
          if (tabId !== undefined && sender.frameId === 0) await setBadge(tabId, new Set(req.claimIds).size, req.state ?? 'active');
          return { ok: true as const };
        },
        searchClaims: async (req) => (await ready).search(req.query, req.limit),
        listClaims: async () => ({ claims: await (await ready).list() }),
        exportClaims: async () => ({ claims: await (await ready).all() }),
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

  },
});
