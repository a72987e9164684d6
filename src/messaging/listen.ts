import browser from 'webextension-polyfill';
import { createListener, type HandlersFor } from './server';
import type { ProtocolMap } from './protocol';

/**
 * Registers typed handlers for `spec` on runtime.onMessage in this context (the worker, or a
 * content script for tabs.sendMessage) and returns the function that removes them.
 */
export function listen<P extends ProtocolMap>(spec: P, handlers: HandlersFor<P>, log?: (msg: string) => void): () => void {
  const listener = createListener(spec, handlers, { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL(''), ...(log ? { log } : {}) });
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
