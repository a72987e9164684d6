import { z } from 'zod';
import { Claim, Verdict } from '../claims/schema';

/**
 * Every message between the extension's parts, one zod schema per request and response.
 * The schemas are the documentation: read them to learn what crosses a boundary.
 *
 * `from` says which of the extension's own contexts may send a message: `content` is a content
 * script in a web page, `page` is an extension page (popup, options, the background itself).
 * The listener (server.ts) refuses anything else, whatever its shape.
 */

export type Role = 'content' | 'page';

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

/** How much context a trigger needs: see MatcherService.matchBlocks. */
export const Sensitivity = z.enum(['balanced', 'strict']);
export type Sensitivity = z.output<typeof Sensitivity>;

/** Where a claim came from: the bundled data/ or a ClaimReview file the user imported. */
export const ClaimSource = z.enum(['bundled', 'imported']);

const ClaimSummarySchema = z.strictObject({
  id: z.string().max(200),
  statement: z.string().max(300),
  verdict: Verdict,
  source: ClaimSource,
});

const SearchResultSchema = z.strictObject({
  claim: CardClaimSchema,
  source: ClaimSource,
  score: z.number(),
});

/** Messages the background answers (sent with runtime.sendMessage). */
export const protocol = {
  /** Content script → background, once per page: the phrases worth asking about. */
  getTriggers: {
    from: ['content', 'page'],
    request: z.strictObject({ type: z.literal('getTriggers') }),
    response: z.strictObject({ phrases: z.array(PhraseSchema).max(2_000_000) }),
  },
  /** Content script → background: which claim, if any, do these blocks refer to? */
  matchBlocks: {
    from: ['content', 'page'],
    request: z.strictObject({
      type: z.literal('matchBlocks'),
      headline: z.string().max(1000).optional(),
      blocks: z.array(BlockSchema).max(200),
      /** The user's setting; absent means balanced. */
      sensitivity: Sensitivity.optional(),
    }),
    response: z.strictObject({
      matches: z.array(MatchSchema).max(10_000),
      claims: z.record(z.string(), CardClaimSchema),
    }),
  },
  /** Content script → background: the distinct claims now highlighted on this page (for the badge). */
  reportPage: {
    from: ['content'],
    request: z.strictObject({
      type: z.literal('reportPage'),
      claimIds: z.array(z.string().max(200)).max(10_000),
      /** Why nothing is highlighted, when the user turned ClaimLens off here (shown in the badge's title). */
      state: z.lazy(() => PageState).optional(),
    }),
    response: z.strictObject({ ok: z.literal(true) }),
  },
  /** Popup → background: full-text search over every claim (bundled and imported). */
  searchClaims: {
    from: ['page'],
    request: z.strictObject({ type: z.literal('searchClaims'), query: z.string().max(200), limit: z.number().int().min(1).max(50).optional() }),
    response: z.strictObject({ results: z.array(SearchResultSchema).max(50), total: z.number().int().nonnegative() }),
  },
  /** Popup/options → background: every claim in one line each (mute list, import preview, undo list). */
  listClaims: {
    from: ['page'],
    request: z.strictObject({ type: z.literal('listClaims') }),
    response: z.strictObject({ claims: z.array(ClaimSummarySchema).max(100_000) }),
  },
  /** Options → background: the full claims, for export as ClaimReview. */
  exportClaims: {
    from: ['page'],
    request: z.strictObject({ type: z.literal('exportClaims') }),
    response: z.strictObject({ claims: z.array(Claim).max(100_000) }),
  },
} as const;

/** What the content script shows in the popup's "On this page" list. */
const PageMatchSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  claimId: z.string().max(200),
  /** The matched words, as written on the page. */
  text: z.string().max(300),
  statement: z.string().max(300),
  verdict: Verdict,
});

/** Why the content script is or is not highlighting on its page. */
export const PageState = z.enum(['active', 'paused', 'off', 'site-off']);
export type PageState = z.output<typeof PageState>;

/** Messages a content script answers (sent with tabs.sendMessage from the popup or the background). */
export const pageProtocol = {
  /** Popup/background → content script: this page's site, state and matches. */
  pageInfo: {
    from: ['page'],
    request: z.strictObject({ type: z.literal('pageInfo') }),
    response: z.strictObject({ site: z.string().max(253), state: PageState, matches: z.array(PageMatchSchema).max(1000) }),
  },
  /** Popup → content script: scroll a match into view and open its card. */
  revealMatch: {
    from: ['page'],
    request: z.strictObject({ type: z.literal('revealMatch'), id: z.number().int().nonnegative() }),
    response: z.strictObject({ found: z.boolean() }),
  },
} as const;

/** A set of messages: each with who may send it, the request (tagged by `type`) and the reply. */
export type MessageSpec = { readonly from: readonly Role[]; readonly request: z.ZodType; readonly response: z.ZodType };
export type ProtocolMap = Record<string, MessageSpec>;

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type Request<K extends MessageType> = z.output<Protocol[K]['request']>;
export type Response<K extends MessageType> = z.output<Protocol[K]['response']>;
export type PageProtocol = typeof pageProtocol;
export type PageMessageType = keyof PageProtocol;
export type PageRequest<K extends PageMessageType> = z.output<PageProtocol[K]['request']>;
export type PageResponse<K extends PageMessageType> = z.output<PageProtocol[K]['response']>;
export type CardClaim = z.output<typeof CardClaimSchema>;
export type WireMatch = z.output<typeof MatchSchema>;
export type ClaimSummary = z.output<typeof ClaimSummarySchema>;
export type SearchResult = z.output<typeof SearchResultSchema>;
export type PageMatchInfo = z.output<typeof PageMatchSchema>;

/** Any request the background answers (kept for callers that parse a request on its own). */
export const AnyRequest = z.discriminatedUnion('type', [
  protocol.getTriggers.request,
  protocol.matchBlocks.request,
  protocol.reportPage.request,
  protocol.searchClaims.request,
  protocol.listClaims.request,
  protocol.exportClaims.request,
]);

/** Every reply is wrapped so a rejected request is an answer, not a silent timeout. */
export const Envelope = z.union([
  z.strictObject({ ok: z.literal(true), data: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: z.string().max(2000) }),
]);
