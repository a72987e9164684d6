import { describe, expect, it } from 'vitest';
import { MessageError, parseReply } from '@/src/messaging/client';
import { pageProtocol, protocol } from '@/src/messaging/protocol';

describe('replies are parsed at the boundary', () => {
  it('returns the checked body of a good reply', () => {
    expect(parseReply(protocol, 'searchClaims', { ok: true, data: { results: [], total: 0 } })).toEqual({ results: [], total: 0 });
    expect(parseReply(pageProtocol, 'revealMatch', { ok: true, data: { found: true } })).toEqual({ found: true });
  });

  it.each([
    [undefined, /malformed reply/],
    ['{"ok":true}', /malformed reply/],
    [{ ok: true }, /malformed reply/],
    [{ ok: false, error: 'unknown sender' }, /unknown sender/],
    [{ ok: true, data: { results: 'nope', total: 0 } }, /does not match its schema/],
    [{ ok: true, data: { site: 'x.com', state: 'dancing', matches: [] } }, /does not match its schema/],
  ])('throws a MessageError for %j', (raw, message) => {
    const type = raw && typeof raw === 'object' && 'data' in raw && raw.data && typeof raw.data === 'object' && 'site' in raw.data ? 'pageInfo' : 'searchClaims';
    const spec = type === 'pageInfo' ? pageProtocol : protocol;
    expect(() => parseReply(spec as typeof protocol, type as 'searchClaims', raw)).toThrow(MessageError);
    expect(() => parseReply(spec as typeof protocol, type as 'searchClaims', raw)).toThrow(message);
  });
});
