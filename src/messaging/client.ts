import browser, { type Runtime } from 'webextension-polyfill';
import type { z } from 'zod/mini';
import { Envelope, pageProtocol, protocol, type MessageType, type PageMessageType, type PageRequest, type PageResponse, type ProtocolMap, type Request, type Response } from './protocol';

export class MessageError extends Error {}

/** Checks a reply against its envelope and the message's response schema. */
export function parseReply<P extends ProtocolMap, K extends keyof P & string>(spec: P, type: K, raw: unknown): z.output<P[K]['response']> {
  const env = Envelope.safeParse(raw);
  if (!env.success) throw new MessageError(`${type}: malformed reply`);
  if (!env.data.ok) throw new MessageError(`${type}: ${env.data.error}`);
  const body = spec[type]!.response.safeParse(env.data.data);
  if (!body.success) throw new MessageError(`${type}: reply does not match its schema: ${body.error.issues[0]?.message ?? ''}`);
  return body.data as z.output<P[K]['response']>;
}

/**
 * Builds the schemas of the content script's replies (they are built on first use: see
 * src/util/lazy.ts) and runs each once on a small valid value, so the first real reply's task
 * only parses. Called while the content script waits for its first answer.
 */
export function warmReplySchemas(): void {
  Envelope.safeParse({ ok: true, data: null });
  protocol.getTriggers.response.safeParse({ automaton: 'AA==', stems: 'AA==' });
  protocol.matchBlocks.response.safeParse({ matches: [], claims: {} });
}

/**
 * Sends a typed request to the background and parses the reply at the boundary. With `pause`
 * (for a large reply: getTriggers, about 1 MB), the reply is checked after it, in a task of its
 * own, not in the task that received (and deserialised) it.
 */
export async function send<K extends MessageType>(request: Request<K> & { type: K }, pause?: () => Promise<void>): Promise<Response<K>> {
  const raw: unknown = await browser.runtime.sendMessage(request);
  if (pause) await pause();
  return parseReply(protocol, request.type, raw) as Response<K>;
}

/**
 * Sends a typed request to a tab's content script (top frame unless told otherwise) and parses
 * the reply. Rejects when no content script of ours runs there.
 */
export async function sendToTab<K extends PageMessageType>(tabId: number, request: PageRequest<K> & { type: K }, frameId = 0): Promise<PageResponse<K>> {
  const raw: unknown = await browser.tabs.sendMessage(tabId, request, { frameId });
  return parseReply(pageProtocol, request.type, raw) as PageResponse<K>;
}

/** The name of the port a content script keeps open to the background for its requests (see PortClient). */
export const CONTENT_PORT = 'claimlens-content';

/** What crosses the port: a request with an id, and the listener's reply with the same id. */
export interface PortRequest {
  id: number;
  request: unknown;
}
export interface PortReply {
  id: number;
  reply: unknown;
}

interface Waiting {
  request: { type: string };
  resolve: (raw: unknown) => void;
  reject: (e: unknown) => void;
  retried: boolean;
}

/**
 * Requests to the background over one long-lived runtime.connect port instead of a
 * runtime.sendMessage each (which sets up a new message channel every time). Replies are parsed
 * at the boundary as send()'s are. The worker may stop whenever it likes (MV3): the port then
 * disconnects, and the next request goes over a new one, which wakes the worker; a request still
 * waiting for its answer is sent once more over the new port (requests are idempotent).
 */
export class PortClient {
  private port: Runtime.Port | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly connect: () => Runtime.Port = () => browser.runtime.connect({ name: CONTENT_PORT })) {}

  async send<K extends MessageType>(request: Request<K> & { type: K }): Promise<Response<K>> {
    const raw = await new Promise<unknown>((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { request, resolve, reject, retried: false });
      this.post(id);
    });
    return parseReply(protocol, request.type, raw) as Response<K>;
  }

  /** Closes the port (the page's content script stops); requests still waiting are refused. */
  close(): void {
    const port = this.port;
    this.port = undefined;
    port?.disconnect();
    this.refuseAll('the port was closed');
  }

  private post(id: number): void {
    const w = this.waiting.get(id);
    if (!w) return;
    for (let attempt = 0; ; attempt++) {
      let port: Runtime.Port | undefined;
      try {
        port = this.open();
        port.postMessage({ id, request: w.request } satisfies PortRequest);
        return;
      } catch (e) {
        // A port whose other end is gone (its disconnect event not delivered yet): one more try
        // over a new port. Failing that, there is no background to talk to (the extension was
        // reloaded or removed).
        if (port && this.port === port) this.port = undefined;
        if (!port || attempt > 0) {
          this.waiting.delete(id);
          w.reject(e);
          return;
        }
      }
    }
  }

  private open(): Runtime.Port {
    if (this.port) return this.port;
    const port = this.connect();
    port.onMessage.addListener((msg: unknown) => {
      const { id, reply } = (typeof msg === 'object' && msg !== null ? msg : {}) as Partial<PortReply>;
      const w = typeof id === 'number' ? this.waiting.get(id) : undefined;
      if (!w) return;
      this.waiting.delete(id!);
      w.resolve(reply);
    });
    port.onDisconnect.addListener(() => {
      if (this.port !== port) return;
      this.port = undefined;
      // The worker stopped before answering: each waiting request is asked again, once.
      for (const [id, w] of [...this.waiting]) {
        if (w.retried) {
          this.waiting.delete(id);
          w.reject(new MessageError(`${w.request.type}: the background stopped twice before answering`));
        } else {
          w.retried = true;
          this.post(id);
        }
      }
    });
    this.port = port;
    return port;
  }

  private refuseAll(reason: string): void {
    for (const [id, w] of [...this.waiting]) {
      this.waiting.delete(id);
      w.reject(new MessageError(`${w.request.type}: ${reason}`));
    }
  }
}

let contentPort: PortClient | undefined;

/** send() for a content script's frequent requests (matchBlocks): over its one port to the background. */
export function sendOverPort<K extends MessageType>(request: Request<K> & { type: K }): Promise<Response<K>> {
  contentPort ??= new PortClient();
  return contentPort.send<K>(request);
}
