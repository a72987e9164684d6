import { describe, expect, it, vi } from 'vitest';
// The worker reads zod's English messages (entrypoints/background.ts imports this too): "Unrecognized
// key: "extra"" below comes from it. Without it (the content script) see content-parse.test.ts.
import '@/src/claims/english-errors';
import { pageProtocol } from '@/src/messaging/protocol';
import { createListener, createMessageListener, senderRole } from '@/src/messaging/server';

const handlers = {
  getTriggers: vi.fn(() => ({ phrases: [{ text: 'agent krasnov', stem: false }] })),
  matchBlocks: vi.fn(() => ({ matches: [], claims: {} })),
  reportPage: vi.fn((): { ok: true } => {
    throw new Error('boom');
  }),
  searchClaims: vi.fn(() => ({ results: [], total: 0 })),
  listClaims: vi.fn(() => ({ claims: [] })),
  exportClaims: vi.fn(() => ({ claims: [] })),
};
const ORIGIN = 'chrome-extension://ext-id/';
/** A content script: our id, a tab, the web page's URL. */
const content = { id: 'ext-id', tab: { id: 3, index: 0, highlighted: false, active: true, pinned: false, incognito: false }, frameId: 0, url: 'https://x.com/home' };
/** An extension page (the popup), even when it is open in a tab. */
const popup = { id: 'ext-id', url: `${ORIGIN}popup.html`, tab: content.tab };

describe('message listener', () => {
  const logs: string[] = [];
  const listen = createMessageListener('ext-id', handlers, (m) => logs.push(m), ORIGIN);

  it('answers a valid request from the extension itself', async () => {
    await expect(listen({ type: 'getTriggers' }, content)).resolves.toEqual({ ok: true, data: { phrases: [{ text: 'agent krasnov', stem: false }] } });
  });

  it('passes the optional sensitivity of matchBlocks through', async () => {
    handlers.matchBlocks.mockClear();
    await listen({ type: 'matchBlocks', blocks: [{ id: 1, text: 'agent Krasnov' }], sensitivity: 'strict' }, content);
    expect(handlers.matchBlocks).toHaveBeenCalledWith({ type: 'matchBlocks', blocks: [{ id: 1, text: 'agent Krasnov' }], sensitivity: 'strict' }, content);
  });

  it('refuses other senders without calling a handler', async () => {
    handlers.getTriggers.mockClear();
    logs.length = 0;
    await expect(listen({ type: 'getTriggers' }, { id: 'someone-else', tab: content.tab, url: 'https://x.com/' })).resolves.toEqual({ ok: false, error: 'unknown sender' });
    await expect(listen({ type: 'getTriggers' }, { id: 'ext-id' })).resolves.toEqual({ ok: false, error: 'unknown sender' });
    expect(handlers.getTriggers).not.toHaveBeenCalled();
    expect(logs).toHaveLength(2);
  });

  it('refuses a message from the wrong kind of context', async () => {
    handlers.searchClaims.mockClear();
    const r = await listen({ type: 'searchClaims', query: 'krasnov' }, content);
    expect(r).toEqual({ ok: false, error: 'searchClaims is not accepted from a content script' });
    expect(handlers.searchClaims).not.toHaveBeenCalled();
    await expect(listen({ type: 'searchClaims', query: 'krasnov' }, popup)).resolves.toEqual({ ok: true, data: { results: [], total: 0 } });
  });

  it.each([
    [{ type: 'nope' }, /unknown type "nope"/],
    [{ type: 'matchBlocks', blocks: 'x' }, /blocks/],
    [{ type: 'getTriggers', extra: 1 }, /extra/],
    [{ type: 'matchBlocks', blocks: [], sensitivity: 'paranoid' }, /sensitivity/],
    [{ type: 'toString' }, /unknown type/],
    [{ type: '__proto__' }, /unknown type/],
    [null, /unknown type null/],
    ['string', /unknown type null/],
    [{ type: 42 }, /unknown type 42/],
  ])('rejects malformed message %j with a logged reason', async (msg, reason) => {
    logs.length = 0;
    const r = await listen(msg, content);
    expect(r.ok).toBe(false);
    expect(logs[0]).toMatch(/malformed/);
    expect(logs[0]).toMatch(reason);
  });

  it('turns a handler exception into an error reply', async () => {
    await expect(listen({ type: 'reportPage', claimIds: [] }, content)).resolves.toEqual({ ok: false, error: 'reportPage failed' });
  });
});

describe('content-side listener (popup → tab)', () => {
  const logs: string[] = [];
  const pageInfo = vi.fn(() => ({ site: 'x.com', state: 'active' as const, matches: [] }));
  const listen = createListener(pageProtocol, { pageInfo, revealMatch: () => ({ found: true }) }, { extensionId: 'ext-id', extensionOrigin: ORIGIN, log: (m) => logs.push(m) });

  it('answers the popup', async () => {
    await expect(listen({ type: 'pageInfo' }, popup)).resolves.toEqual({ ok: true, data: { site: 'x.com', state: 'active', matches: [] } });
  });

  it('refuses another content script and other extensions', async () => {
    pageInfo.mockClear();
    await expect(listen({ type: 'pageInfo' }, content)).resolves.toMatchObject({ ok: false });
    await expect(listen({ type: 'pageInfo' }, { id: 'other', url: 'chrome-extension://other/popup.html' })).resolves.toEqual({ ok: false, error: 'unknown sender' });
    expect(pageInfo).not.toHaveBeenCalled();
  });

  it('rejects a revealMatch without a valid id', async () => {
    logs.length = 0;
    await expect(listen({ type: 'revealMatch', id: -1 }, popup)).resolves.toMatchObject({ ok: false });
    expect(logs[0]).toMatch(/malformed/);
  });
});

describe('senderRole', () => {
  it('tells extension pages from content scripts by URL, not by tab', () => {
    expect(senderRole(popup, 'ext-id', ORIGIN)).toBe('page');
    expect(senderRole(content, 'ext-id', ORIGIN)).toBe('content');
    expect(senderRole({ id: 'ext-id', url: `${ORIGIN}background.js` }, 'ext-id', ORIGIN)).toBe('page');
    // A web page that looks like our origin in its path is still a web page.
    expect(senderRole({ id: 'ext-id', tab: content.tab, url: `https://evil.example/${ORIGIN}` }, 'ext-id', ORIGIN)).toBe('content');
    expect(senderRole({ id: 'nope', url: `${ORIGIN}popup.html` }, 'ext-id', ORIGIN)).toBeUndefined();
  });
});
