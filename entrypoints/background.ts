import browser from 'webextension-polyfill';
import { setBadge } from '@/src/background/badge';
import { MatcherService } from '@/src/background/matcher-service';
import { loadBundledDatabase } from '@/src/claims/bundled';
import { createMessageListener } from '@/src/messaging/server';

export default defineBackground({
  type: 'module',
  main() {
    // Built synchronously at every worker start: the listener below must be registered in the
    // first turn of the event loop so a message that woke the worker is not lost.
    const t0 = performance.now();
    const db = loadBundledDatabase();
    const t1 = performance.now();
    const service = new MatcherService(db);
    browser.runtime.onMessage.addListener(
      createMessageListener(browser.runtime.id, {
        getTriggers: () => service.getTriggers(),
        matchBlocks: (req) => service.matchBlocks(req),
        reportPage: async (req, sender) => {
          const tabId = sender.tab?.id;
          if (tabId !== undefined && sender.frameId === 0) await setBadge(tabId, new Set(req.claimIds).size);
          return { ok: true as const };
        },
      }),
    );
    // Start-up figures for the benchmark (npm run bench reads them from the worker).
    (globalThis as { __claimlensStats?: unknown }).__claimlensStats = { claims: db.claims.length, loadMs: t1 - t0, indexMs: performance.now() - t1, readyAt: performance.now() };
  },
});
