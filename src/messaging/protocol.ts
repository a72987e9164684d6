import { z } from 'zod';
import { Claim } from '../claims/schema';

/**
 * Every message between the extension's parts, one zod schema per request and response.
 * The schemas are the documentation: read them to learn what crosses a boundary.
 */

const PhraseSchema = z.strictObject({ text: z.string().max(200), stem: z.boolean() });

/** A piece of page text with trigger phrases in it: a post, a caption or a paragraph (or a window of one). */
const BlockSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  text: z.string().max(20_000),
});

const EvidenceSchema = z.strictObject({
  trigger: z.string().max(500),
  language: z.string().max(10),
  context: z.array(z.strictObject({ set: z.string().max(100), words: z.array(z.string().max(500)).max(5), where: z.enum(['text', 'headline']) })).max(20),
});

export const CardClaimSchema = Claim.omit({ detection: true, phrasings: true });

const MatchSchema = z.strictObject({
  block: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  claimId: z.string().max(200),
  evidence: EvidenceSchema,
});

export const protocol = {
  /** Content script → background, once per page: the phrases worth asking about. */
  getTriggers: {
    request: z.strictObject({ type: z.literal('getTriggers') }),
    response: z.strictObject({ phrases: z.array(PhraseSchema).max(2_000_000) }),
  },
  /** Content script → background: which claim, if any, do these blocks refer to? */
  matchBlocks: {
    request: z.strictObject({
      type: z.literal('matchBlocks'),
      headline: z.string().max(1000).optional(),
      blocks: z.array(BlockSchema).max(200),
    }),
    response: z.strictObject({
      matches: z.array(MatchSchema).max(10_000),
      claims: z.record(z.string(), CardClaimSchema),
    }),
  },
  /** Content script → background: the distinct claims now highlighted on this page (for the badge). */
  reportPage: {
    request: z.strictObject({ type: z.literal('reportPage'), claimIds: z.array(z.string().max(200)).max(10_000) }),
    response: z.strictObject({ ok: z.literal(true) }),
  },
} as const;

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type Request<K extends MessageType> = z.output<Protocol[K]['request']>;
export type Response<K extends MessageType> = z.output<Protocol[K]['response']>;
export type CardClaim = z.output<typeof CardClaimSchema>;
export type WireMatch = z.output<typeof MatchSchema>;

export const AnyRequest = z.discriminatedUnion('type', [
  protocol.getTriggers.request,
  protocol.matchBlocks.request,
  protocol.reportPage.request,
]);

/** Every reply is wrapped so a rejected request is an answer, not a silent timeout. */
export const Envelope = z.union([
  z.strictObject({ ok: z.literal(true), data: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: z.string().max(2000) }),
]);
