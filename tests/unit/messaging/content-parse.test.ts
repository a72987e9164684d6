// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import { Claim } from '@/src/claims/schema';
import { MessageError, parseReply } from '@/src/messaging/client';
import { CardClaimSchema, pageProtocol, protocol } from '@/src/messaging/protocol';
import { createListener } from '@/src/messaging/server';
import { parseDismissals } from '@/src/settings/dismissals';
import { parseImported } from '@/src/settings/imported';
import { SettingsPatch } from '@/src/settings/schema';

/**
 * The content script parses with zod/mini and without zod's English locale (it is not loaded into
 * web pages: src/claims/english-errors.ts). What it accepts must not depend on that: these are the
 * replies and stored values it must still refuse, and the messages it still gives. Nothing this
 * file imports loads the locale (the last test checks).
 */
const claim = Claim.parse(JSON.parse(readFileSync('data/claims/trump-kgb-recruited-1987-krasnov.json', 'utf8')));
const { detection: _d, phrasings: _p, ...card } = claim;
const match = { block: 1, start: 0, end: 5, claimId: claim.id, evidence: { trigger: 'agent krasnov', language: 'en', context: [{ set: 'subject', words: ['trump'], where: 'text' }] } };
const reply = (data: unknown) => ({ ok: true, data });
const matchReply = (over: { match?: object; card?: object; extra?: object } = {}) => reply({ matches: [{ ...match, ...over.match }], claims: { [claim.id]: { ...card, ...over.card } }, ...over.extra });

describe("the content script's zod", () => {
  it('no module imports classic zod (one import of it anywhere would put it back into a bundle)', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
    const classic = ['src', 'entrypoints', 'scripts'].flatMap(files).filter((f) => /from ['"]zod(?:\/v4)?['"]|import\(['"]zod['"]\)/.test(readFileSync(f, 'utf8')));
    expect(classic).toEqual([]);
  });

  it('importing the content script leaves zod without a locale', async () => {
    expect(z.config().localeError).toBeUndefined();
    vi.resetModules();
    const { z: fresh } = await import('zod/mini');
    await import('@/src/page/content-app');
    expect(fresh.config().localeError).toBeUndefined();
  });
});

describe('content-side parse of the worker reply (no locale)', () => {
  it('accepts a good matchBlocks reply', () => {
    expect(parseReply(protocol, 'matchBlocks', matchReply()).matches).toHaveLength(1);
  });

  it.each([
    ['an extra key in a match', { match: { extra: 1 } }, /does not match its schema: Invalid input$/],
    ['an extra key in the reply', { extra: { debug: true } }, /does not match its schema: Invalid input$/],
    ['a card with the detection rules (not part of a card)', { card: { detection: claim.detection } }, /does not match its schema/],
    ['a non-https review link', { card: { reviews: [{ ...card.reviews[0], url: 'http://a.example/x' }] } }, /must be an absolute https:\/\/ URL/],
    ['a javascript: appearance link', { card: { appearances: [{ author: 'A', platform: 'X', url: 'javascript:alert(1)' }] } }, /must be an absolute https:\/\/ URL/],
    ['a statement over 300 characters', { card: { statement: 'x'.repeat(301) } }, /must be at most 300 characters/],
    ['a claim id over 200 characters', { match: { claimId: 'x'.repeat(201) } }, /does not match its schema: Invalid input$/],
    ['a negative offset', { match: { start: -1 } }, /does not match its schema/],
    ['a fractional offset', { match: { end: 2.5 } }, /does not match its schema/],
    ['an unknown verdict', { card: { verdict: 'pants-on-fire' } }, /does not match its schema/],
    ['a date that does not exist', { card: { lastReviewed: '2025-02-30' } }, /is not a real calendar date/],
  ])('refuses %s', (_name, over, message) => {
    expect(() => parseReply(protocol, 'matchBlocks', matchReply(over))).toThrow(MessageError);
    expect(() => parseReply(protocol, 'matchBlocks', matchReply(over))).toThrow(message);
  });

  it('refuses malformed envelopes and trigger lists', () => {
    expect(() => parseReply(protocol, 'getTriggers', { ok: true, data: { phrases: [{ text: 'a', stem: false, x: 1 }] } })).toThrow(/does not match its schema/);
    expect(() => parseReply(protocol, 'getTriggers', { ok: true, data: { phrases: [{ text: 'a'.repeat(201), stem: false }] } })).toThrow(/does not match its schema/);
    expect(() => parseReply(protocol, 'getTriggers', { ok: true, data: { phrases: [] }, extra: 1 })).toThrow(/malformed reply/);
    expect(() => parseReply(protocol, 'getTriggers', { ok: false, error: 'x'.repeat(2001) })).toThrow(/malformed reply/);
  });

  it('the card schema is the Claim schema without detection and phrasings', () => {
    expect(CardClaimSchema.safeParse(card).success).toBe(true);
    expect(CardClaimSchema.safeParse(claim).success).toBe(false);
    expect(Claim.safeParse(claim).success).toBe(true);
  });

  it('the content-side listener refuses a malformed popup message, naming the field', async () => {
    const logs: string[] = [];
    const listen = createListener(pageProtocol, { pageInfo: () => ({ site: 'x.com', state: 'active' as const, matches: [] }), revealMatch: () => ({ found: true }) }, { extensionId: 'ext-id', extensionOrigin: 'chrome-extension://ext-id/', log: (m) => logs.push(m) });
    const popup = { id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' };
    await expect(listen({ type: 'revealMatch', id: 1.5 }, popup)).resolves.toEqual({ ok: false, error: expect.stringMatching(/^malformed message: ✖ Invalid input\n {2}→ at id$/) });
    await expect(listen({ type: 'pageInfo', extra: 1 }, popup)).resolves.toMatchObject({ ok: false, error: expect.stringMatching(/^malformed message/) });
    expect(logs).toHaveLength(2);
  });
});

describe('content-side stored values (no locale)', () => {
  it('settings, hidden matches and imported claims are refused the same way', () => {
    expect(SettingsPatch.safeParse({ theme: 'purple' }).success).toBe(false);
    expect(SettingsPatch.safeParse({ pausedSites: ['not a host'] }).success).toBe(false);
    expect(SettingsPatch.safeParse({ mutedClaims: ['x'.repeat(201)] }).success).toBe(false);
    const logs: string[] = [];
    expect(parseDismissals([{ site: 'x.com', claimId: claim.id, at: 1 }, { site: 'x.com', claimId: claim.id, at: 1, extra: 1 }, { site: 'x.com', claimId: claim.id, at: -1 }], (m) => logs.push(m))).toHaveLength(1);
    expect(logs).toHaveLength(2);
    logs.length = 0;
    expect(parseImported({ version: 1, importedAt: 1, claims: [claim, { ...claim, id: 'other', summary: 'x'.repeat(201) }] }, (m) => logs.push(m))).toEqual([claim]);
    expect(logs).toEqual(['ClaimLens: imported claim #1 left out: summary must be at most 200 characters']);
  });

  it('still has no locale after all of the above', () => {
    expect(z.config().localeError).toBeUndefined();
  });
});
