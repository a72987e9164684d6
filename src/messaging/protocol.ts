import { z } from 'zod/mini';
import { Claim, Verdict } from '../claims/schema';
import { lazy } from '../util/lazy';

/**
 * Every message between the extension's parts, one zod schema per request and response.
 * The schemas are the documentation: read them to learn what crosses a boundary.
 *
 * `from` says which of the extension's own contexts may send a message: `content` is a content
 * script in a web page, `page` is an extension page (popup, options, the background itself).
 * The listener (server.ts) refuses anything else, whatever its shape.
 */

export type Role = 'content' | 'page';

// zod/mini (the functional API: it tree-shakes, and this module is in the content script). Checks
// read left to right as the classic methods did: `str(200)` is z.string().max(200).
/** A string of at most `max` characters. */
const str = (max: number) => z.string().check(z.maxLength(max));
/** A whole number, 0 or more. */
const count = () => z.number().check(z.int(), z.nonnegative());
/** A list of at most `max` items. */
const list = <T extends z.core.SomeType>(item: T, max: number) => z.array(item).check(z.maxLength(max));

const PhraseSchema = lazy(() => z.strictObject({ text: str(200), stem: z.boolean() }));
/** Bytes as base64, at most `max` characters. */
const base64 = (max: number) => z.string().check(z.maxLength(max), z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'));

/** A piece of page text with trigger phrases in it: a post, a caption or a paragraph (or a window of one). */
const BlockSchema = lazy(() => z.strictObject({
  id: count(),
  text: str(20_000),
}));

const EvidenceSchema = lazy(() => z.strictObject({
  trigger: str(500),
  language: str(10),
  context: list(z.strictObject({ set: str(100), words: list(str(500), 5), where: z.enum(['text', 'headline']) }), 20),
}));

export const CardClaimSchema = lazy(() => z.omit(Claim, { detection: true, phrasings: true }));

const MatchSchema = lazy(() => z.strictObject({
  block: count(),
  start: count(),
  end: count(),
  claimId: str(200),
  evidence: EvidenceSchema,
}));

/** How much context a trigger needs: see MatcherService.matchBlocks. */
export const Sensitivity = lazy(() => z.enum(['balanced', 'strict']));
export type Sensitivity = z.output<typeof Sensitivity>;

/** Where a claim came from: the bundled data/ or a ClaimReview file the user imported. */
export const ClaimSource = lazy(() => z.enum(['bundled', 'imported']));

const ClaimSummarySchema = lazy(() => z.strictObject({
  id: str(200),
  statement: str(300),
  verdict: Verdict,
  source: ClaimSource,
}));

const SearchResultSchema = lazy(() => z.strictObject({
  claim: CardClaimSchema,
  source: ClaimSource,
  score: z.number(),
}));

/** Messages the background answers (sent with runtime.sendMessage). */
export const protocol = {
  /** Content script → background, once per page: the phrases worth asking about. */
  getTriggers: {
    from: ['content', 'page'],
    request: lazy(() => z.strictObject({
      type: z.literal('getTriggers'),
      /** Ask for the phrases' texts even when there is a prebuilt automaton (a page that could not use it builds its own). */
      texts: z.optional(z.literal(true)),
    })),
    response: lazy(() => z.union([
      z.strictObject({
        /** The trigger automaton, prebuilt at build time and packed (src/detect/automaton.ts), as base64: wrapped, not built. */
        automaton: base64(256 * 1024 * 1024),
        /** Per trigger phrase, in the automaton's order: one byte, 1 for a stem; as base64. All the page needs besides the automaton. */
        stems: base64(16 * 1024 * 1024),
      }),
      /** No prebuilt automaton (imported claims), or asked for the texts: the page builds its own. */
      z.strictObject({ phrases: list(PhraseSchema, 2_000_000) }),
    ])),
  },
  /** Content script → background: which claim, if any, do these blocks refer to? */
  matchBlocks: {
    from: ['content', 'page'],
    request: lazy(() => z.strictObject({
      type: z.literal('matchBlocks'),
      headline: z.optional(str(1000)),
      blocks: list(BlockSchema, 200),
      /** The user's setting; absent means balanced. */
      sensitivity: z.optional(Sensitivity),
      /** Claims whose card data the content script already holds: the reply leaves them out. */
      known: z.optional(list(str(200), 10_000)),
    })),
    response: lazy(() => z.strictObject({
      matches: list(MatchSchema, 10_000),
      /** Card data of each matched claim not in the request's `known`, once per reply. */
      claims: z.record(z.string(), CardClaimSchema),
    })),
  },
  /** Content script → background: the distinct claims now highlighted on this page (for the badge). */
  reportPage: {
    from: ['content'],
    request: lazy(() => z.strictObject({
      type: z.literal('reportPage'),
      claimIds: list(str(200), 10_000),
      /** Why nothing is highlighted, when the user turned ClaimLens off here (shown in the badge's title). */
      state: z.optional(z.lazy(() => PageState)),
    })),
    response: lazy(() => z.strictObject({ ok: z.literal(true) })),
  },
  /** Popup → background: full-text search over every claim (bundled and imported). */
  searchClaims: {
    from: ['page'],
    request: lazy(() => z.strictObject({ type: z.literal('searchClaims'), query: str(200), limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(50))) })),
    response: lazy(() => z.strictObject({ results: list(SearchResultSchema, 50), total: count() })),
  },
  /** Popup/options → background: every claim in one line each (mute list, import preview, undo list). */
  listClaims: {
    from: ['page'],
    request: lazy(() => z.strictObject({ type: z.literal('listClaims') })),
    response: lazy(() => z.strictObject({ claims: list(ClaimSummarySchema, 100_000) })),
  },
  /** Options → background: the full claims, for export as ClaimReview. */
  exportClaims: {
    from: ['page'],
    request: lazy(() => z.strictObject({ type: z.literal('exportClaims') })),
    response: lazy(() => z.strictObject({ claims: list(Claim, 100_000) })),
  },
} as const;

/** What the content script shows in the popup's "On this page" list. */
const PageMatchSchema = lazy(() => z.strictObject({
  id: count(),
  claimId: str(200),
  /** The matched words, as written on the page. */
  text: str(300),
  statement: str(300),
  verdict: Verdict,
}));

/** Why the content script is or is not highlighting on its page. */
export const PageState = lazy(() => z.enum(['active', 'paused', 'off', 'site-off']));
export type PageState = z.output<typeof PageState>;

/** Messages a content script answers (sent with tabs.sendMessage from the popup or the background). */
export const pageProtocol = {
  /** Popup/background → content script: this page's site, state and matches. */
  pageInfo: {
    from: ['page'],
    request: lazy(() => z.strictObject({ type: z.literal('pageInfo') })),
    response: lazy(() => z.strictObject({ site: str(253), state: PageState, matches: list(PageMatchSchema, 1000) })),
  },
  /** Popup → content script: scroll a match into view and open its card. */
  revealMatch: {
    from: ['page'],
    request: lazy(() => z.strictObject({ type: z.literal('revealMatch'), id: count() })),
    response: lazy(() => z.strictObject({ found: z.boolean() })),
  },
} as const;

/** A set of messages: each with who may send it, the request (tagged by `type`) and the reply. */
export type MessageSpec = { readonly from: readonly Role[]; readonly request: z.ZodMiniType; readonly response: z.ZodMiniType };
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
export const AnyRequest = lazy(() => z.discriminatedUnion('type', [
  protocol.getTriggers.request,
  protocol.matchBlocks.request,
  protocol.reportPage.request,
  protocol.searchClaims.request,
  protocol.listClaims.request,
  protocol.exportClaims.request,
]));

/** Every reply is wrapped so a rejected request is an answer, not a silent timeout. */
export const Envelope = lazy(() => z.union([
  z.strictObject({ ok: z.literal(true), data: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: str(2000) }),
]));
