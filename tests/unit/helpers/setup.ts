import { fakeBrowser } from 'wxt/testing';

/**
 * WXT's fake browser has no runtime.onConnect (its addListener throws "not implemented"), and
 * `listen` registers the content scripts' port there (src/messaging/listen.ts): a plain event
 * stands in, so any test may start a context that listens.
 */
function fakeEvent<T extends (...args: never[]) => unknown>() {
  const listeners = new Set<T>();
  return {
    addListener: (l: T) => void listeners.add(l),
    removeListener: (l: T) => void listeners.delete(l),
    hasListener: (l: T) => listeners.has(l),
    hasListeners: () => listeners.size > 0,
  };
}

Object.defineProperty(fakeBrowser.runtime, 'onConnect', { value: fakeEvent(), configurable: true, writable: true });
