import type { Runtime } from 'webextension-polyfill';
import { z } from 'zod';
import { AnyRequest, type MessageType, type Request, type Response } from './protocol';

export type Handlers = {
  [K in MessageType]: (request: Request<K>, sender: Runtime.MessageSender) => Promise<Response<K>> | Response<K>;
};

type Reply = { ok: true; data: unknown } | { ok: false; error: string };

/**
 * Wraps typed handlers into one runtime.onMessage listener. Only this extension's own contexts
 * are answered; a malformed or unknown message gets a logged rejection, never a crash.
 */
export function createMessageListener(extensionId: string, handlers: Handlers, log: (msg: string) => void = console.warn) {
  return (message: unknown, sender: Runtime.MessageSender): Promise<Reply> => {
    if (sender.id !== extensionId) {
      log(`ClaimLens: ignored a message from another sender (${String(sender.id)})`);
      return Promise.resolve({ ok: false, error: 'unknown sender' });
    }
    const parsed = AnyRequest.safeParse(message);
    if (!parsed.success) {
      const reason = z.prettifyError(parsed.error).slice(0, 500);
      log(`ClaimLens: rejected a malformed message: ${reason}`);
      return Promise.resolve({ ok: false, error: `malformed message: ${reason}` });
    }
    const req = parsed.data;
    const handler = handlers[req.type] as (r: typeof req, s: Runtime.MessageSender) => Promise<unknown> | unknown;
    return Promise.resolve()
      .then(() => handler(req, sender))
      .then(
        (data): Reply => ({ ok: true, data }),
        (e: unknown): Reply => {
          log(`ClaimLens: ${req.type} failed: ${String(e)}`);
          return { ok: false, error: `${req.type} failed` };
        },
      );
  };
}
