import type { BenchBrowser } from './browser';
import { BenchPage, sleep } from './browser';

export interface WorkerStats {
  claims: number;
  loadMs: number;
  indexMs: number;
  readyAt: number;
}

/** The extension's service worker, reached over browser-level CDP (Playwright cannot attach to it). */
export class WorkerControl {
  constructor(private readonly b: BenchBrowser) {
    if (!b.raw || !b.extensionId) throw new Error('WorkerControl needs a browser with the extension and raw CDP');
  }

  private get raw() {
    return this.b.raw!;
  }

  async targetId(): Promise<string | undefined> {
    const { targetInfos } = await this.raw.send('Target.getTargets');
    const t = (targetInfos as { type: string; url: string; targetId: string }[]).find((x) => x.type === 'service_worker' && x.url.startsWith(`chrome-extension://${this.b.extensionId}/`));
    return t?.targetId;
  }

  /** Stops the worker (as Chrome does after 30 s idle) and waits until it is gone. */
  async stop(): Promise<void> {
    const id = await this.targetId();
    if (!id) return;
    await this.raw.send('Target.closeTarget', { targetId: id });
    for (let i = 0; i < 500; i++) {
      if (!(await this.targetId())) return;
      await sleep(20);
    }
    throw new Error('the service worker did not stop');
  }

  /** A flat CDP session on the running worker; undefined when it is not running. */
  async attach(): Promise<string | undefined> {
    const targetId = await this.targetId();
    if (!targetId) return undefined;
    const { sessionId } = await this.raw.send('Target.attachToTarget', { targetId, flatten: true });
    return sessionId as string;
  }

  async evaluate<T>(expression: string, awaitPromise = false, timeoutMs = 120_000): Promise<T> {
    const s = await this.attach();
    if (!s) throw new Error('the service worker is not running');
    try {
      const r = await this.raw.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise }, s, timeoutMs);
      if (r.exceptionDetails) throw new Error(`worker eval failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      return r.result.value as T;
    } finally {
      await this.raw.send('Target.detachFromTarget', { sessionId: s }).catch(() => {});
    }
  }

  /** The worker's start-up counters (`__claimlensStats` in entrypoints/background.ts). */
  stats(timeoutMs = 120_000): Promise<WorkerStats | undefined> {
    return this.evaluate(`globalThis.__claimlensStats ? JSON.parse(JSON.stringify(globalThis.__claimlensStats)) : undefined`, false, timeoutMs);
  }

  /** Waits for the worker's start-up counters (a start with a large database takes minutes). */
  async waitStats(timeoutMs: number): Promise<WorkerStats> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const left = end - Date.now();
      if (left <= 0) throw new Error(`the worker was not ready after ${timeoutMs} ms`);
      const s = await this.stats(left).catch(() => undefined);
      if (s) return s;
      await sleep(100);
    }
  }

  /** The worker's JS heap after a full GC. */
  async heapAfterGc(): Promise<number> {
    const s = await this.attach();
    if (!s) throw new Error('the service worker is not running');
    try {
      await this.raw.send('HeapProfiler.enable', {}, s);
      for (let i = 0; i < 3; i++) await this.raw.send('HeapProfiler.collectGarbage', {}, s);
      const h = await this.raw.send('Runtime.getHeapUsage', {}, s);
      return h.usedSize as number;
    } finally {
      await this.raw.send('Target.detachFromTarget', { sessionId: s }).catch(() => {});
    }
  }
}

/**
 * Sends a message to the background from the content script's world of `page` (as the content
 * script does) and returns the round-trip time in ms, measured in that world.
 */
export interface SendResult {
  ms: number[];
  /** JSON length of the first reply. */
  replyChars: number;
  /** The first reply's envelope flag and, for matchBlocks, its number of matches. */
  ok: boolean | null;
  matches: number | null;
  /** For matchBlocks: the claims whose card data the first reply carried (what a page then holds). */
  claimIds: string[];
}

/**
 * `via: 'port'` sends over one runtime.connect port as the content script does for matchBlocks
 * (src/messaging/client.ts, PortClient: `{ id, request }` → `{ id, reply }`); a build without the
 * port's listener gives no answer (`ok: null`, no times).
 */
export async function sendFromContent(page: BenchPage, message: unknown, repeat = 1, via: 'message' | 'port' = 'message'): Promise<SendResult> {
  return page.evalExt<SendResult>(
    `(async () => {
      const msg = ${JSON.stringify(message)};
      const out = []; let replyChars = 0, ok = null, matches = null, claimIds = [];
      let ask = (m) => chrome.runtime.sendMessage(m), port = null;
      if (${JSON.stringify(via)} === 'port') {
        port = chrome.runtime.connect({ name: 'claimlens-content' });
        const waiting = new Map(); let nextId = 1, gone = false;
        port.onMessage.addListener((m) => { const f = m && waiting.get(m.id); if (f) { waiting.delete(m.id); f(m.reply); } });
        port.onDisconnect.addListener(() => { gone = true; for (const f of waiting.values()) f(undefined); waiting.clear(); });
        ask = (m) => gone ? Promise.resolve(undefined) : new Promise((resolve) => { const id = nextId++; waiting.set(id, resolve); port.postMessage({ id, request: m }); setTimeout(() => { if (waiting.delete(id)) resolve(undefined); }, 10000); });
      }
      for (let i = 0; i < ${repeat}; i++) {
        const t = performance.now();
        let reply;
        try { reply = await ask(msg); } catch (e) { reply = String(e); }
        if (port && reply === undefined) { port.disconnect(); return { ms: [], replyChars: 0, ok: null, matches: null, claimIds: [] }; }
        out.push(performance.now() - t);
        if (i === 0) {
          replyChars = JSON.stringify(reply ?? null).length;
          ok = reply && typeof reply === 'object' && 'ok' in reply ? !!reply.ok : null;
          const m = reply && reply.data && reply.data.matches;
          matches = Array.isArray(m) ? m.length : null;
          const c = reply && reply.data && reply.data.claims;
          claimIds = c && typeof c === 'object' ? Object.keys(c) : [];
        }
      }
      if (port) port.disconnect();
      return { ms: out, replyChars, ok, matches, claimIds };
    })()`,
    true,
  );
}
