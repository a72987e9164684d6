import WebSocket from 'ws';

/**
 * A minimal Chrome DevTools Protocol client over the browser's WebSocket endpoint, with flat
 * sessions. Playwright's CDPSession cannot talk to a service-worker target, so the benchmark
 * reaches the extension's worker (its heap, its start-up counters) through this. Loopback only:
 * the endpoint is the one Chromium opened with --remote-debugging-port=0.
 */
export class RawCdp {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; method: string }>();
  private readonly listeners = new Map<string, Set<(params: any, sessionId?: string) => void>>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw.toString());
      if (typeof msg.id === 'number') {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
        else p.resolve(msg.result);
        return;
      }
      for (const fn of this.listeners.get(msg.method) ?? []) fn(msg.params, msg.sessionId);
    });
    ws.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error(`${p.method}: connection closed`));
      this.pending.clear();
    });
  }

  static connect(url: string): Promise<RawCdp> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 512 * 1024 * 1024 });
      ws.once('open', () => resolve(new RawCdp(ws)));
      ws.once('error', reject);
    });
  }

  send<T = any>(method: string, params: object = {}, sessionId?: string, timeoutMs = 120_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  on(method: string, fn: (params: any, sessionId?: string) => void): () => void {
    let set = this.listeners.get(method);
    if (!set) this.listeners.set(method, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  /** Resolves with the first event `method` whose params satisfy `pred`. */
  waitFor(method: string, pred: (params: any, sessionId?: string) => boolean = () => true, timeoutMs = 60_000): Promise<any> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no ${method} event in ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on(method, (p, s) => {
        if (!pred(p, s)) return;
        clearTimeout(timer);
        off();
        resolve(p);
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}
