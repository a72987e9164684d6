import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { MessageError, PortClient, type PortRequest } from '@/src/messaging/client';
import { protocol } from '@/src/messaging/protocol';
import { createListener, createPortHandler } from '@/src/messaging/server';
import { fakeBrowser } from 'wxt/testing';
import { listen } from '@/src/messaging/listen';

/** A fake port pair end: what the client posts, and a way to answer or disconnect. */
function fakePort(name = 'claimlens-content') {
  const onMessage = new Set<(m: unknown) => void>();
  const onDisconnect = new Set<() => void>();
  const posted: PortRequest[] = [];
  const port = {
    name,
    postMessage: vi.fn((m: PortRequest) => posted.push(m)),
    disconnect: vi.fn(),
    onMessage: { addListener: (f: (m: unknown) => void) => onMessage.add(f) },
    onDisconnect: { addListener: (f: () => void) => onDisconnect.add(f) },
  };
  return {
    port: port as unknown as Runtime.Port,
    posted,
    reply: (id: number, reply: unknown) => onMessage.forEach((f) => f({ id, reply })),
    drop: () => onDisconnect.forEach((f) => f()),
  };
}

const ok = (data: unknown) => ({ ok: true, data });
const req = { type: 'matchBlocks' as const, blocks: [{ id: 1, text: 'agent Krasnov' }] };

describe('PortClient', () => {
  it('sends over one port and matches each reply to its request by id, parsed against the schema', async () => {
    const p = fakePort();
    const connect = vi.fn(() => p.port);
    const client = new PortClient(connect);
    const a = client.send(req);
    const b = client.send({ type: 'reportPage', claimIds: [] });
    expect(connect).toHaveBeenCalledTimes(1);
    expect(p.posted.map((m) => (m.request as { type: string }).type)).toEqual(['matchBlocks', 'reportPage']);
    p.reply(p.posted[1]!.id, ok({ ok: true }));
    p.reply(p.posted[0]!.id, ok({ matches: [], claims: {} }));
    await expect(a).resolves.toEqual({ matches: [], claims: {} });
    await expect(b).resolves.toEqual({ ok: true });
  });

  it('rejects a reply that does not match its schema', async () => {
    const p = fakePort();
    const client = new PortClient(() => p.port);
    const a = client.send(req);
    p.reply(p.posted[0]!.id, ok({ matches: 'nope' }));
    await expect(a).rejects.toThrow(MessageError);
  });

  it('the worker stopped: the waiting request is sent again over a new port, and later requests use it', async () => {
    const first = fakePort();
    const second = fakePort();
    const connect = vi.fn().mockReturnValueOnce(first.port).mockReturnValueOnce(second.port);
    const client = new PortClient(connect);
    const a = client.send(req);
    first.drop();
    expect(connect).toHaveBeenCalledTimes(2);
    expect(second.posted).toHaveLength(1);
    second.reply(second.posted[0]!.id, ok({ matches: [], claims: {} }));
    await expect(a).resolves.toEqual({ matches: [], claims: {} });
    const b = client.send(req);
    expect(second.posted).toHaveLength(2);
    expect(connect).toHaveBeenCalledTimes(2);
    second.reply(second.posted[1]!.id, ok({ matches: [], claims: {} }));
    await expect(b).resolves.toBeTruthy();
  });

  it('gives up on a request after the second disconnect, and when no port can be opened', async () => {
    const first = fakePort();
    const second = fakePort();
    const client = new PortClient(vi.fn().mockReturnValueOnce(first.port).mockReturnValueOnce(second.port).mockImplementation(() => { throw new Error('Extension context invalidated.'); }));
    const a = client.send(req);
    first.drop();
    second.drop();
    await expect(a).rejects.toThrow(/stopped twice/);
    await expect(client.send(req)).rejects.toThrow(/invalidated/);
  });
});

describe('PortClient on a stale port', () => {
  it('a port that throws on postMessage (its end is gone, no disconnect event yet) is replaced once', async () => {
    const stale = fakePort();
    (stale.port.postMessage as unknown as ReturnType<typeof vi.fn>).mockImplementation(() => {
      throw new Error('Attempting to use a disconnected port object');
    });
    const fresh = fakePort();
    const client = new PortClient(vi.fn().mockReturnValueOnce(stale.port).mockReturnValueOnce(fresh.port));
    const a = client.send(req);
    expect(fresh.posted).toHaveLength(1);
    fresh.reply(fresh.posted[0]!.id, ok({ matches: [], claims: {} }));
    await expect(a).resolves.toEqual({ matches: [], claims: {} });
  });
});

describe('createPortHandler', () => {
  function serverPort(name: string, sender: Partial<Runtime.MessageSender>) {
    const listeners: ((m: unknown) => void)[] = [];
    const answers: unknown[] = [];
    const port = {
      name,
      sender,
      postMessage: (m: unknown) => answers.push(m),
      onMessage: { addListener: (f: (m: unknown) => void) => listeners.push(f) },
    } as unknown as Runtime.Port;
    return { port, answers, deliver: (m: unknown) => listeners.forEach((f) => f(m)) };
  }
  const handlers = { matchBlocks: () => ({ matches: [], claims: {} }) } as never;
  const listener = createListener(protocol, handlers, { extensionId: 'me', extensionOrigin: 'chrome-extension://me/', log: () => {} });
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('answers each { id, request } on the port with { id, reply } from the same listener', async () => {
    const s = serverPort('claimlens-content', { id: 'me', tab: { id: 1 } as never, url: 'https://x.com/home' });
    createPortHandler('claimlens-content', listener)(s.port);
    s.deliver({ id: 3, request: req });
    s.deliver({ id: 4, request: { type: 'nope' } });
    s.deliver({ request: req }); // no id: nobody could be waiting for it
    await settle();
    // Answers go out as they are ready (a refusal can overtake a handler).
    expect([...s.answers].sort((a, b) => (a as { id: number }).id - (b as { id: number }).id)).toEqual([
      { id: 3, reply: { ok: true, data: { matches: [], claims: {} } } },
      { id: 4, reply: { ok: false, error: expect.stringMatching(/unknown type/) } },
    ]);
  });

  it('refuses another extension, and leaves ports with another name alone', async () => {
    const other = serverPort('claimlens-content', { id: 'someone-else', tab: { id: 1 } as never, url: 'https://x.com/home' });
    createPortHandler('claimlens-content', listener)(other.port);
    other.deliver({ id: 1, request: req });
    const elsewhere = serverPort('devtools', { id: 'me', tab: { id: 1 } as never, url: 'https://x.com/home' });
    createPortHandler('claimlens-content', listener)(elsewhere.port);
    elsewhere.deliver({ id: 1, request: req });
    await settle();
    expect(other.answers).toEqual([{ id: 1, reply: { ok: false, error: 'unknown sender' } }]);
    expect(elsewhere.answers).toEqual([]);
  });
});

describe('listen', () => {
  it('answers runtime messages and port requests, and the returned function removes both', () => {
    const onMessage = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    const onMessageOff = vi.spyOn(fakeBrowser.runtime.onMessage, 'removeListener');
    const onConnect = fakeBrowser.runtime.onConnect as unknown as { hasListeners(): boolean };
    const stop = listen(protocol, { matchBlocks: () => ({ matches: [], claims: {} }) } as never, () => {});
    expect(onMessage).toHaveBeenCalledTimes(1);
    expect(onConnect.hasListeners()).toBe(true);
    stop();
    expect(onMessageOff).toHaveBeenCalledWith(onMessage.mock.calls[0]![0]);
    expect(onConnect.hasListeners()).toBe(false);
    vi.restoreAllMocks();
  });
});
