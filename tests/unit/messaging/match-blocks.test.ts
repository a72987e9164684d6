import { describe, expect, it } from 'vitest';
import { loadBundled } from '../helpers/bundled-db';
import { ClaimStore } from '@/src/background/claim-store';
import { protocol } from '@/src/messaging/protocol';

const service = new ClaimStore((await loadBundled()).db).matcher;
const ask = async (text: string, headline: string | undefined, sensitivity?: 'strict' | 'balanced') => {
  const req = protocol.matchBlocks.request.parse({ type: 'matchBlocks', blocks: [{ id: 1, text }], ...(headline ? { headline } : {}), ...(sensitivity ? { sensitivity } : {}) });
  const res = await service.matchBlocks(req);
  // The reply is what the content script will parse.
  expect(protocol.matchBlocks.response.safeParse(res).success).toBe(true);
  return res.matches.map((m) => text.slice(m.start, m.end));
};

describe('matchBlocks sensitivity', () => {
  const headline = 'Was Donald Trump recruited by the KGB as Krasnov?';

  it('balanced (the default) accepts context from the headline', async () => {
    // "the Krasnov story" is itself a phrase of the claim: highlighted whole.
    expect(await ask('The Krasnov story spread fast.', headline)).toEqual(['The Krasnov story']);
    expect(await ask('The Krasnov story spread fast.', headline, 'balanced')).toEqual(['The Krasnov story']);
    expect(await ask('Krasnov spread fast.', headline, 'balanced')).toEqual(['Krasnov']);
  });

  it('strict needs the context in the block itself', async () => {
    expect(await ask('The Krasnov story spread fast.', headline, 'strict')).toEqual([]);
    expect(await ask('Trump and the Krasnov story spread fast.', headline, 'strict')).toEqual(['the Krasnov story']);
    expect(await ask('Krasnov spread fast.', headline, 'strict')).toEqual([]);
  });

  it('strict keeps specific phrases that need no context', async () => {
    expect(await ask('So agent Krasnov is in the White House.', undefined, 'strict')).toEqual(['agent Krasnov']);
  });
});

describe('matchBlocks card data', () => {
  const blocks = [
    { id: 1, text: 'So agent Krasnov is in the White House.' },
    { id: 2, text: 'The Krasnov tapes are real, says my uncle.' },
  ];

  it('sends each matched claim’s card once, and none the content script already holds', async () => {
    const first = await service.matchBlocks(protocol.matchBlocks.request.parse({ type: 'matchBlocks', blocks }));
    const ids = [...new Set(first.matches.map((m) => m.claimId))].sort();
    expect(ids.length).toBe(2);
    expect(Object.keys(first.claims).sort()).toEqual(ids);
    const again = await service.matchBlocks(protocol.matchBlocks.request.parse({ type: 'matchBlocks', blocks, known: [ids[0]] }));
    expect(again.matches).toEqual(first.matches);
    expect(Object.keys(again.claims)).toEqual([ids[1]]);
    expect(protocol.matchBlocks.response.safeParse(again).success).toBe(true);
  });

  it('refuses a known list that is not a list of ids', () => {
    expect(protocol.matchBlocks.request.safeParse({ type: 'matchBlocks', blocks, known: 'all' }).success).toBe(false);
    expect(protocol.matchBlocks.request.safeParse({ type: 'matchBlocks', blocks, known: ['x'.repeat(201)] }).success).toBe(false);
  });
});
