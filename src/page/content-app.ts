import { CardHost } from '../card/card-host';
import { fromBase64 } from '../detect/automaton';
import { fastTables } from '../detect/normalize';
import { PhraseMatcher, type Phrase } from '../detect/phrase-matcher';
import { send, sendOverPort, warmReplySchemas } from '../messaging/client';
import type { Response as Reply } from '../messaging/protocol';
import { HoverController } from './hover';
import { MatchRegistry } from './match-registry';
import { PageScanner } from './scanner';
import { findClaimReviews } from './fact-check-page';
import { showFactCheckNotice } from './notice';
import { styleShadowRoot } from './shadow-styles';
import { ignoreChecker, profileFor } from './site-profile';
import { withSettings, type ContentHooks } from './settings-bridge';
import { yieldToMain } from './yield';

const HEADLINE_TTL_MS = 1000;

export interface ContentApp {
  /** The page changed its route without a load (X): read it again. */
  routeChanged(): void;
  stop(): void;
}

/** A running scanner's parts, for the settings bridge. */
export interface RunningApp extends ContentApp {
  readonly registry: MatchRegistry;
  readonly hover: HoverController;
  readonly card: CardHost;
  /** Reads the whole page again (after the user un-hid a claim or changed the sensitivity). */
  rescan(): void;
}

/**
 * Starts the content script under the user's settings (src/page/settings-bridge.ts): it scans
 * only where and while the user wants it to, and follows their changes live.
 */
export function startContentApp(doc: Document = document): Promise<ContentApp> {
  return withSettings(doc, (hooks) => startScanning(doc, hooks));
}

/**
 * Wires the content script: triggers from the background once, then scan → ask → highlight,
 * and hover → card. Returns a handle whose stop() removes every listener, highlight and card.
 */
export async function startScanning(doc: Document = document, hooks: ContentHooks = {}): Promise<RunningApp> {
  // Start-up is split into tasks so none blocks the page for long: receiving the triggers,
  // checking them (zod), wrapping the trigger automaton, preparing the matcher, then scanning in
  // slices.
  const triggers = send({ type: 'getTriggers' }, yieldToMain);
  triggers.catch(() => {}); // awaited below; this only keeps an early refusal from being reported as unhandled
  // While the worker answers (tens of ms), in tasks of their own: the fold tables (they do not
  // depend on the phrases), and the schemas the reply is checked with (built and run once on a
  // dummy, so the reply's task only parses).
  await yieldToMain();
  fastTables();
  await yieldToMain();
  warmReplySchemas();
  const reply = await triggers;
  await yieldToMain();
  const matcher = await triggerMatcher(reply);
  await yieldToMain();
  matcher.prepare();
  const profile = profileFor(doc.location.hostname);
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  const registry = new MatchRegistry(() => {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      send({ type: 'reportPage', claimIds: registry.claimIds() }).catch(() => {});
    }, 200);
  });
  const card = new CardHost(doc);
  hooks.card?.(card);
  // The headline is looked up (a selector over the whole page) at most once a second, not per
  // request: on a long page that lookup cost more than the scan of a slice.
  let headlineCache: { value: string | undefined; at: number } | undefined;
  const headline = () => {
    const now = performance.now();
    if (!headlineCache || now - headlineCache.at > HEADLINE_TTL_MS) headlineCache = { value: profile.headline(doc), at: now };
    return headlineCache.value;
  };
  const hover = new HoverController(doc, registry, card);
  const scanner = new PageScanner({
    matcher,
    registry,
    ask: (req) => (hooks.ask ? hooks.ask(req) : sendOverPort(req)),
    headline,
    onChange: () => {
      registry.install();
      hooks.onChange?.();
    },
    onError: (e) => console.debug('ClaimLens:', e),
    onShadowRoot: styleShadowRoot,
    onIdle: () => registry.idle(),
    // Each element's answer is kept (feeds re-read the same cells often) and shared with those below it.
    ignore: ignoreChecker(profile),
  });
  // On a long page matches arrive over seconds: each repaint costs the whole page, so they are
  // painted when the scan goes idle (the first one at once; see PAINT_MAX_HOLD_MS).
  registry.holdPaint = () => scanner.busy;
  // Visible only in the content script's own world (not to the page): the benchmark reads it.
  (globalThis as { __claimlensStats?: unknown }).__claimlensStats = scanner.stats;
  const root = doc.body ?? doc.documentElement;
  // A page that is itself a fact-check of a known claim gets one quiet notice, not highlights.
  let removeNotice: (() => void) | undefined;
  const reviewed = findClaimReviews(doc);
  if (reviewed.length > 0) {
    const res = await send({ type: 'matchBlocks', blocks: reviewed.slice(0, 20).map((r, id) => ({ id, text: r.claimReviewed.slice(0, 2000) })) }).catch(() => undefined);
    const claims = res ? [...new Set(res.matches.map((m) => m.claimId))].map((id) => res.claims[id]!).filter(Boolean) : [];
    if (claims.length > 0) removeNotice = showFactCheckNotice(doc, claims);
  }
  let stopGuard: (() => void) | undefined;
  if (!removeNotice) {
    scanner.scan(root);
    scanner.observe(root);
    hover.attach();
    stopGuard = registry.guard(doc.defaultView!);
  }
  // Single-page apps (X) change the route without a load: the headline and the content change.
  const onRoute = () => {
    headlineCache = undefined;
    hover.close();
    registry.clear();
    scanner.scan(root);
  };
  return {
    registry,
    hover,
    card,
    rescan: () => {
      if (!removeNotice) scanner.scan(root);
    },
    routeChanged: () => {
      if (!removeNotice) onRoute();
    },
    stop() {
      removeNotice?.();
      stopGuard?.();
      scanner.stop();
      hover.detach();
      card.destroy();
      registry.clear();
      clearTimeout(reportTimer);
    },
  };
}

/**
 * The trigger matcher: the worker's prebuilt automaton when it sent one that fits (with only which
 * phrases are stems), else built here from the phrases' texts (asked for again if need be).
 */
async function triggerMatcher(reply: Reply<'getTriggers'>): Promise<PhraseMatcher> {
  if ('phrases' in reply) return new PhraseMatcher(reply.phrases);
  try {
    return new PhraseMatcher(decodeBase64(reply.stems), decodeBase64(reply.automaton));
  } catch (e) {
    console.debug('ClaimLens: prebuilt trigger automaton refused, building it:', e);
  }
  const texts = await send({ type: 'getTriggers', texts: true }, yieldToMain);
  if (!('phrases' in texts)) throw new Error('getTriggers: asked for the phrase texts, got an automaton');
  await yieldToMain();
  return new PhraseMatcher(texts.phrases);
}

/**
 * base64 → bytes with the engine's own decoder where there is one (Chrome 140+, Firefox 133+:
 * about 1 MB of automaton decoded natively instead of a JavaScript loop over atob's string),
 * else atob. Both refuse a string that is not base64.
 */
function decodeBase64(text: string): Uint8Array {
  const native = (Uint8Array as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  return native ? native.call(Uint8Array, text) : fromBase64(text);
}
