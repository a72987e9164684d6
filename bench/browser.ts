import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_FLAGS } from '../tests/e2e/chromium';
import { RawCdp } from './cdp';

export { CHROMIUM };

/** The flags the e2e tests use (root, no network, no GPU), plus no timer throttling. */
const BASE_ARGS = [
  ...CHROMIUM_FLAGS,
  // Several tabs and two browsers are open at once: keep every page's timers running at full rate.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export interface BenchBrowser {
  readonly label: string;
  readonly context: BrowserContext;
  /** Set when launched with an extension. */
  readonly extensionId?: string;
  /** Browser-level CDP over WebSocket (service-worker targets); set when `rawCdp` was asked for. */
  readonly raw?: RawCdp;
  close(): Promise<void>;
}

export async function launchBrowser(opts: { label: string; extensionDir?: string; rawCdp?: boolean; viewport?: { width: number; height: number } }): Promise<BenchBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'claimlens-bench-'));
  const args = [...BASE_ARGS];
  if (opts.extensionDir) args.push(`--disable-extensions-except=${opts.extensionDir}`, `--load-extension=${opts.extensionDir}`);
  if (opts.rawCdp) args.push('--remote-debugging-port=0', '--remote-allow-origins=*');
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    viewport: opts.viewport ?? { width: 1280, height: 900 },
  });
  let extensionId: string | undefined;
  if (opts.extensionDir) {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 120_000 }));
    extensionId = new URL(sw.url()).host;
  }
  let raw: RawCdp | undefined;
  if (opts.rawCdp) {
    const file = join(dir, 'DevToolsActivePort');
    for (let i = 0; i < 200 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
    const [port, path] = readFileSync(file, 'utf8').trim().split('\n');
    raw = await RawCdp.connect(`ws://127.0.0.1:${port}${path}`);
  }
  // Leftover about:blank tabs would share the renderer's attention: close them.
  for (const p of context.pages()) await p.close().catch(() => {});
  return {
    label: opts.label,
    context,
    ...(extensionId ? { extensionId } : {}),
    ...(raw ? { raw } : {}),
    async close() {
      raw?.close();
      await context.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Metrics {
  TaskDuration: number;
  ScriptDuration: number;
  LayoutDuration: number;
  RecalcStyleDuration: number;
  JSHeapUsedSize: number;
  [name: string]: number;
}

/**
 * One tab with a CDP session: main-thread metrics, the ClaimLens isolated world (where the
 * content script keeps `__claimlensStats`), heap, tracing and profiling.
 */
export class BenchPage {
  private readonly contexts = new Map<number, { id: number; name: string; origin: string; frameId: string; type: string }>();
  private mainFrameId = '';

  private constructor(
    readonly page: Page,
    readonly cdp: CDPSession,
  ) {}

  static async open(b: BenchBrowser): Promise<BenchPage> {
    const page = await b.context.newPage();
    const cdp = await b.context.newCDPSession(page);
    const bp = new BenchPage(page, cdp);
    cdp.on('Runtime.executionContextCreated', ({ context: c }: any) => {
      bp.contexts.set(c.id, { id: c.id, name: c.name, origin: c.origin, frameId: c.auxData?.frameId ?? '', type: c.auxData?.type ?? '' });
    });
    cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }: any) => bp.contexts.delete(executionContextId));
    cdp.on('Runtime.executionContextsCleared', () => bp.contexts.clear());
    await cdp.send('Runtime.enable');
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' } as never).catch(() => cdp.send('Performance.enable'));
    const tree: any = await cdp.send('Page.getFrameTree');
    bp.mainFrameId = tree.frameTree.frame.id;
    return bp;
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'load', timeout: 180_000 });
    const tree: any = await this.cdp.send('Page.getFrameTree');
    this.mainFrameId = tree.frameTree.frame.id;
  }

  async metrics(): Promise<Metrics> {
    const { metrics } = (await this.cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const out: Record<string, number> = {};
    for (const m of metrics) out[m.name] = m.value;
    return out as Metrics;
  }

  /** The content script's isolated world in the main frame, if it is there yet. */
  extensionContextId(): number | undefined {
    let found: number | undefined;
    for (const c of this.contexts.values()) if (c.type === 'isolated' && c.name === 'ClaimLens' && c.frameId === this.mainFrameId) found = c.id;
    return found;
  }

  async waitForExtensionContext(timeoutMs = 30_000): Promise<number> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const id = this.extensionContextId();
      if (id !== undefined) return id;
      if (Date.now() > end) throw new Error('the ClaimLens content script did not start on this page');
      await sleep(20);
    }
  }

  /** Evaluates in the page's main world (returnByValue). */
  async eval<T = unknown>(expression: string, awaitPromise = false): Promise<T> {
    const r: any = await this.cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise });
    if (r.exceptionDetails) throw new Error(`page eval failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value as T;
  }

  /** Evaluates in the ClaimLens content script's isolated world. */
  async evalExt<T = unknown>(expression: string, awaitPromise = false): Promise<T> {
    const contextId = await this.waitForExtensionContext();
    const r: any = await this.cdp.send('Runtime.evaluate', { expression, contextId, returnByValue: true, awaitPromise });
    if (r.exceptionDetails) throw new Error(`extension-world eval failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value as T;
  }

  async scannerStats(): Promise<ScannerStats | undefined> {
    const id = this.extensionContextId();
    if (id === undefined) return undefined;
    const r: any = await this.cdp.send('Runtime.evaluate', { expression: 'globalThis.__claimlensStats ? JSON.stringify(globalThis.__claimlensStats) : ""', contextId: id, returnByValue: true });
    return r.result?.value ? (JSON.parse(r.result.value) as ScannerStats) : undefined;
  }

  highlightCount(): Promise<number> {
    return this.eval<number>(`(globalThis.CSS && CSS.highlights && CSS.highlights.get('claimlens-match')) ? CSS.highlights.get('claimlens-match').size : 0`);
  }

  /**
   * Waits until nothing changes for `quietMs`: the content script's counters and the number of
   * highlights (with the extension), or just time (without). Both sides poll the same way, so
   * the polling's own cost is the same on both.
   */
  async waitQuiet(opts: { extension: boolean; quietMs?: number; timeoutMs?: number; pollMs?: number }): Promise<void> {
    const quiet = opts.quietMs ?? 600;
    const poll = opts.pollMs ?? 150;
    const end = Date.now() + (opts.timeoutMs ?? 180_000);
    if (opts.extension) await this.waitForExtensionContext();
    let last = '';
    let since = Date.now();
    for (;;) {
      const s = opts.extension ? await this.scannerStats() : undefined;
      const h = await this.highlightCount();
      const sig = `${s ? `${s.blocks}/${s.slices}/${s.requests}` : opts.extension ? 'none' : ''}|${h}`;
      if (sig !== last || (opts.extension && !s)) {
        last = sig;
        since = Date.now();
      } else if (Date.now() - since >= quiet) return;
      if (Date.now() > end) throw new Error(`page did not settle in time (${sig})`);
      await sleep(poll);
    }
  }

  /** Forces a full GC, then reads the isolate's heap (main world and isolated worlds share it). */
  async heapAfterGc(): Promise<number> {
    await this.cdp.send('HeapProfiler.enable');
    for (let i = 0; i < 3; i++) await this.cdp.send('HeapProfiler.collectGarbage');
    const h: any = await this.cdp.send('Runtime.getHeapUsage');
    return h.usedSize as number;
  }

  /** Two animation frames: whatever the last change invalidated has been styled, laid out and painted. */
  async frames(n = 2): Promise<void> {
    await this.eval(`new Promise((r) => { let k = ${n}; const f = () => (--k > 0 ? requestAnimationFrame(f) : r(0)); requestAnimationFrame(f); })`, true);
  }

  async startTrace(categories = TRACE_CATEGORIES): Promise<void> {
    await this.cdp.send('Tracing.start', { categories, transferMode: 'ReturnAsStream' } as never);
  }

  async stopTrace(): Promise<TraceEvent[]> {
    const done = new Promise<any>((res) => this.cdp.once('Tracing.tracingComplete', res));
    await this.cdp.send('Tracing.end');
    const { stream } = await done;
    const chunks: string[] = [];
    for (;;) {
      const c: any = await this.cdp.send('IO.read', { handle: stream, size: 4 * 1024 * 1024 } as never);
      chunks.push(c.base64Encoded ? Buffer.from(c.data, 'base64').toString() : c.data);
      if (c.eof) break;
    }
    await this.cdp.send('IO.close', { handle: stream });
    const parsed = JSON.parse(chunks.join(''));
    return (Array.isArray(parsed) ? parsed : parsed.traceEvents) as TraceEvent[];
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => {});
    await this.page.close().catch(() => {});
  }
}

export interface ScannerStats {
  blocks: number;
  chars: number;
  sliceMs: number;
  slices: number;
  longestSliceMs: number;
  requests: number;
  firstMatchAt: number;
}

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: any;
}

/** Enough to see tasks, timers, script and microtasks on the renderer's main thread; light. */
export const TRACE_CATEGORIES = process.env.BENCH_TRACE_CATS ?? 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
