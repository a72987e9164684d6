import { describe, expect, it, vi } from 'vitest';
import { createMessageListener } from '@/src/messaging/server';

const handlers = {
  getTriggers: vi.fn(() => ({ phrases: [{ text: 'agent krasnov', stem: false }] })),
  matchBlocks: vi.fn(() => ({ matches: [], claims: {} })),
  reportPage: vi.fn(() => {
    throw new Error('boom');
  }),
};
const own = { id: 'ext-id' };

describe('message listener', () => {
  const logs: string[] = [];
  const listen = createMessageListener('ext-id', handlers, (m) => logs.push(m));

  it('answers a valid request from the extension itself', async () => {
    await expect(listen({ type: 'getTriggers' }, own)).resolves.toEqual({ ok: true, data: { phrases: [{ text: 'agent krasnov', stem: false }] } });
  });

  it('refuses other senders without calling a handler', async () => {
    handlers.getTriggers.mockClear();
    await expect(listen({ type: 'getTriggers' }, { id: 'someone-else' })).resolves.toEqual({ ok: false, error: 'unknown sender' });
    expect(handlers.getTriggers).not.toHaveBeenCalled();
  });

  it.each([[{ type: 'nope' }], [{ type: 'matchBlocks', blocks: 'x' }], [{ type: 'getTriggers', extra: 1 }], [null], ['string']])('rejects malformed message %j with a logged reason', async (msg) => {
    logs.length = 0;
    const r = await listen(msg, own);
    expect(r.ok).toBe(false);
    expect(logs[0]).toMatch(/malformed/);
  });

  it('turns a handler exception into an error reply', async () => {
    await expect(listen({ type: 'reportPage', claimIds: [] }, own)).resolves.toEqual({ ok: false, error: 'reportPage failed' });
  });
});
