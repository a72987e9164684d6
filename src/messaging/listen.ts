import browser from 'webextension-polyfill';
import { CONTENT_PORT } from './client';
import { createListener, createPortHandler, type HandlersFor } from './server';
import type { ProtocolMap } from './protocol';

/**
 * Registers typed handlers for `spec` on runtime.onMessage in this context (the worker, or a
 * content script for tabs.sendMessage), and for the requests content scripts send over their
 * port (runtime.onConnect, see PortClient), and returns the function that removes them.
 */
export function listen<P extends ProtocolMap>(spec: P, handlers: HandlersFor<P>, log?: (msg: string) => void): () => void {
  const listener = createListener(spec, handlers, { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL(''), ...(log ? { log } : {}) });
  const onConnect = createPortHandler(CONTENT_PORT, listener);
  browser.runtime.onMessage.addListener(listener);
  browser.runtime.onConnect.addListener(onConnect);
  return () => {
    browser.runtime.onMessage.removeListener(listener);
    browser.runtime.onConnect.removeListener(onConnect);
  };
}
