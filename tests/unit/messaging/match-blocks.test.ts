import { describe, expect, it } from 'vitest';
import { MatcherService } from '@/src/background/matcher-service';
import { loadBundledDatabase } from '@/src/claims/bundled';
import { protocol } from '@/src/messaging/protocol';

const service = new MatcherService(loadBundledDatabase());
const ask = (text: string, headline: string | undefined, sensitivity?: 'strict' | 'balanced') => {
  const req = protocol.matchBlocks.request.parse({ type: 'matchBlocks', blocks: [{ id: 1, text }], ...(headline ? { headline } : {}), ...(sensitivity ? { sensitivity } : {}) });
  const res = service.matchBlocks(req);
  // The reply is what the content script will parse.
  expect(protocol.matchBlocks.response.safeParse(res).success).toBe(true);
  return res.matches.map((m) => text.slice(m.start, m.end));
};

describe('matchBlocks sensitivity', () => {
  const headline = 'Was Donald Trump recruited by the KGB as Krasnov?';

  it('balanced (the default) accepts context from the headline', () => {
    expect(ask('The Krasnov story spread fast.', headline)).toEqual(['Krasnov']);
    expect(ask('The Krasnov story spread fast.', headline, 'balanced')).toEqual(['Krasnov']);
  });

  it('strict needs the context in the block itself', () => {
    expect(ask('The Krasnov story spread fast.', headline, 'strict')).toEqual([]);
    expect(ask('Trump and the Krasnov story spread fast.', headline, 'strict')).toEqual(['Krasnov']);
  });

  it('strict keeps specific phrases that need no context', () => {
    expect(ask('So agent Krasnov is in the White House.', undefined, 'strict')).toEqual(['agent Krasnov']);
  });
});
