import type { Runtime } from 'webextension-polyfill';
import { z } from 'zod/mini';
import { protocol, type MessageType, type ProtocolMap, type Request, type Response, type Role } from './protocol';

export type HandlersFor<P extends ProtocolMap> = {
  [K in keyof P]: (request: z.output<P[K]['request']>, sender: Runtime.MessageSender) => Promise<z.output<P[K]['response']>> | z.output<P[K]['response']>;
};
export type Handlers = {
  [K in MessageType]: (request: Request<K>, sender: Runtime.MessageSender) => Promise<Response<K>> | Response<K>;
};

export type Reply = { ok: true; data: unknown } | { ok: false; error: string };

export interface ListenerOptions {
  /** This extension's id (runtime.id): anything else is refused. */
  extensionId: string;
  /** This extension's origin (runtime.getURL('')): a sender there is an extension page. */
  extensionOrigin: string;
  log?: (msg: string) => void;
}

/**
 * Which of this extension's contexts sent a message, or undefined for anything else. An extension
 * page (popup, options, the worker) has a URL on the extension's origin, even when it is open in
 * a tab; a content script has a tab and the web page's URL.
 */
export function senderRole(sender: Runtime.MessageSender, extensionId: string, extensionOrigin: string): Role | undefined {
  if (!sender || sender.id !== extensionId) return undefined;
  if (typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin)) return 'page';
  if (sender.tab) return 'content';
  return undefined;
}

/**
 * Wraps typed handlers into one onMessage listener. Only this extension's own contexts, and only
 * the ones a message names in `from`, are answered; a malformed or unknown message gets a logged
 * rejection (an answer, not a timeout), never a crash.
 */
export function createListener<P extends ProtocolMap>(spec: P, handlers: HandlersFor<P>, opts: ListenerOptions) {
  const log = opts.log ?? console.warn;
  const refuse = (reason: string): Promise<Reply> => {
    log(`ClaimLens: rejected a message: ${reason}`);
    return Promise.resolve({ ok: false, error: reason });
  };
  return (message: unknown, sender: Runtime.MessageSender): Promise<Reply> => {
    const role = senderRole(sender, opts.extensionId, opts.extensionOrigin);
    if (!role) {
      log(`ClaimLens: ignored a message from another sender (${String(sender?.id)})`);
      return Promise.resolve({ ok: false, error: 'unknown sender' });
    }
    const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !Object.hasOwn(spec, type)) {
      return refuse(`malformed message: unknown type ${JSON.stringify(typeof type === 'string' ? type.slice(0, 50) : (type ?? null))}`);
    }
    const entry = spec[type]!;
    if (!entry.from.includes(role)) return refuse(`${type} is not accepted from a ${role === 'page' ? 'extension page' : 'content script'}`);
    const parsed = entry.request.safeParse(message);
    if (!parsed.success) return refuse(`malformed message: ${z.prettifyError(parsed.error).slice(0, 500)}`);
    const handler = handlers[type as keyof P] as (r: unknown, s: Runtime.MessageSender) => unknown;
    return Promise.resolve()
      .then(() => handler(parsed.data, sender))
      .then(
        (data): Reply => ({ ok: true, data }),
        (e: unknown): Reply => {
          log(`ClaimLens: ${type} failed: ${String(e)}`);
          return { ok: false, error: `${type} failed` };
        },
      );
  };
}

/** The background's listener: the `protocol` messages. */
export function createMessageListener(extensionId: string, handlers: Handlers, log: (msg: string) => void = console.warn, extensionOrigin = `chrome-extension://${extensionId}/`) {
  return createListener(protocol, handlers as unknown as HandlersFor<typeof protocol>, { extensionId, extensionOrigin, log });
}

/**
 * Answers requests that arrive over a port (a content script's long-lived connection, see
 * PortClient) with the same listener, so the same checks apply: each `{ id, request }` gets
 * `{ id, reply }`. Ports with another name are left alone.
 */
export function createPortHandler(name: string, listener: (message: unknown, sender: Runtime.MessageSender) => Promise<Reply>) {
  return (port: Runtime.Port): void => {
    if (port.name !== name) return;
    port.onMessage.addListener((msg: unknown) => {
      const { id, request } = (typeof msg === 'object' && msg !== null ? msg : {}) as { id?: unknown; request?: unknown };
      if (typeof id !== 'number') return;
      void listener(request, port.sender ?? ({} as Runtime.MessageSender)).then((reply) => {
        try {
          port.postMessage({ id, reply });
        } catch {
          // The page went away before the answer: nobody is waiting for it.
        }
      });
    });
  };
}
