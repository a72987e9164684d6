import { CardHost } from '../card/card-host';
import { PhraseMatcher } from '../detect/phrase-matcher';
import { send } from '../messaging/client';
import { HoverController } from './hover';
import { MatchRegistry } from './match-registry';
import { PageScanner } from './scanner';
import { profileFor } from './site-profile';

export interface ContentApp {
  stop(): void;
}

/**
 * Wires the content script: triggers from the background once, then scan → ask → highlight,
 * and hover → card. Returns a handle whose stop() removes every listener, highlight and card.
 */
export async function startContentApp(doc: Document = document): Promise<ContentApp> {
  const { phrases } = await send({ type: 'getTriggers' });
  const matcher = new PhraseMatcher(phrases);
  const profile = profileFor(doc.location.hostname);
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  const registry = new MatchRegistry(() => {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      send({ type: 'reportPage', claimIds: registry.claimIds() }).catch(() => {});
    }, 200);
  });
  const card = new CardHost(doc);
  const hover = new HoverController(doc, registry, card);
  const scanner = new PageScanner({
    matcher,
    registry,
    ask: (req) => send(req),
    headline: () => profile.headline(doc),
    onChange: () => registry.install(),
    onError: (e) => console.debug('ClaimLens:', e),
  });
  // Visible only in the content script's own world (not to the page): the benchmark reads it.
  (globalThis as { __claimlensStats?: unknown }).__claimlensStats = scanner.stats;
  const root = doc.body ?? doc.documentElement;
  scanner.scan(root);
  scanner.observe(root);
  hover.attach();
  return {
    stop() {
      scanner.stop();
      hover.detach();
      card.destroy();
      registry.clear();
      clearTimeout(reportTimer);
    },
  };
}
