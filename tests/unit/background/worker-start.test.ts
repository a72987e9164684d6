import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import background from '@/entrypoints/background';
import { bundledFiles } from '../helpers/bundled-db';

describe('the worker at start', () => {
  beforeEach(() => {
    // Not implemented by the fake browser; the worker only registers listeners on them.
    for (const e of [fakeBrowser.permissions.onAdded, fakeBrowser.permissions.onRemoved]) vi.spyOn(e, 'addListener').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('answers the message that woke it, once the packaged data has been fetched', async () => {
    const files = bundledFiles();
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      const path = new URL(url).pathname.replace(/^\//, '');
      const f = files[path];
      return f === undefined ? new Response('', { status: 404 }) : new Response(typeof f === 'string' ? f : new Blob([f.slice()]));
    });
    background.main();
    // Delivered in the worker's first turn, before any data is there.
    const sender = { id: fakeBrowser.runtime.id, tab: { id: 1 } as never, frameId: 0, url: 'https://x.com/home' };
    const [reply] = (await fakeBrowser.runtime.onMessage.trigger({ type: 'matchBlocks', blocks: [{ id: 1, text: 'So agent Krasnov is in the White House.' }] }, sender)) as unknown as { ok: boolean; data: { matches: unknown[] } }[];
    expect(reply).toMatchObject({ ok: true });
    expect(reply!.data.matches).toHaveLength(1);
    expect(fetched.every((u) => u.startsWith(fakeBrowser.runtime.getURL('')))).toBe(true);
  });

  it('answers with a refusal, and logs the file, when a packaged file is missing', async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 404 }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    background.main();
    const sender = { id: fakeBrowser.runtime.id, tab: { id: 1 } as never, frameId: 0, url: 'https://x.com/home' };
    const [reply] = (await fakeBrowser.runtime.onMessage.trigger({ type: 'getTriggers' }, sender)) as unknown as { ok: boolean }[];
    expect(reply).toMatchObject({ ok: false });
    expect(warn.mock.calls.flat().join('\n')).toMatch(/data\/(detection|detector)\.bin: could not be read/);
    warn.mockRestore();
  });
});
