import type { CardHost } from '../card/card-host';
import { send, sendOverPort } from '../messaging/client';
import { listen } from '../messaging/listen';
import { pageProtocol, type PageState, type Request, type Response } from '../messaging/protocol';
import { isDismissed, type Dismissal } from '../settings/dismissals';
import { watchImported } from '../settings/imported';
import { pagePolicy } from '../settings/policy';
import type { HighlightStyle, Settings } from '../settings/schema';
import { siteKey } from '../settings/sites';
import { dismiss, loadDismissals, loadSettings, updateSettings, watchDismissals, watchSettings } from '../settings/store';
import { uiLanguage } from '../ui/i18n';
import type { ContentApp, RunningApp } from './content-app';
import { HIGHLIGHT_NAME } from './match-registry';

/**
 * The user's settings on the page: whether ClaimLens runs here at all, what it hides, how it
 * highlights and how the card opens. Reads storage once at start, then follows storage.onChanged,
 * so a change in the popup or the options page applies to every open tab at once. Also answers
 * the popup's questions about this page (pageInfo, revealMatch).
 *
 * The scanner itself (content-app.ts) knows nothing of settings: it gets these hooks.
 */
export interface ContentHooks {
  /** Asks the background about blocks: adds the sensitivity and drops what the user hid. */
  ask?: (req: Request<'matchBlocks'>) => Promise<Response<'matchBlocks'>>;
  /** After matches were added or removed (the highlight names may need registering again). */
  onChange?: () => void;
  /** Once, with the card host: the card's buttons, labels and theme. */
  card?: (host: CardHost) => void;
}

/** The highlight name each style adds to `claimlens-match` (see entrypoints/content/highlight.css). */
export const STYLE_HIGHLIGHTS: Record<HighlightStyle, string | undefined> = {
  background: 'claimlens-style-background',
  underline: 'claimlens-style-underline',
  badge: undefined,
};

/** The site the page belongs to: the top page's host, also inside frames (and about:blank ones). */
export function pageHost(doc: Document): string {
  const win = doc.defaultView;
  try {
    if (win && win.top && win.top !== win) return win.top.location.hostname;
  } catch {
    // A cross-origin frame: the top's origin is in ancestorOrigins (Chromium).
  }
  const anc = doc.location.ancestorOrigins;
  if (anc && anc.length > 0) {
    try {
      return new URL(anc[anc.length - 1]!).hostname;
    } catch {
      /* fall through */
    }
  }
  if (doc.location.hostname) return doc.location.hostname;
  try {
    return new URL(win?.origin ?? '').hostname;
  } catch {
    return '';
  }
}

export async function withSettings(doc: Document, start: (hooks: ContentHooks) => Promise<RunningApp>): Promise<ContentApp> {
  const host = pageHost(doc);
  const site = siteKey(host);
  const isTop = doc.defaultView?.top === doc.defaultView;
  let [settings, dismissals] = await Promise.all([loadSettings(), loadDismissals()]);
  let app: RunningApp | undefined;
  let stopped = false;

  const hidden = (claimId: string, s = settings, d = dismissals) => s.mutedClaims.includes(claimId) || isDismissed(d, site, claimId);
  const policy = (): PageState => pagePolicy(settings, host);

  const installStyle = () => {
    if (typeof CSS === 'undefined' || !CSS.highlights) return;
    const base = CSS.highlights.get(HIGHLIGHT_NAME);
    for (const [style, name] of Object.entries(STYLE_HIGHLIGHTS)) {
      if (!name) continue;
      if (style === settings.highlightStyle && base) {
        if (CSS.highlights.get(name) !== base) CSS.highlights.set(name, base);
      } else if (CSS.highlights.has(name)) CSS.highlights.delete(name);
    }
  };

  // The card's language is looked up when a card first opens, not at start (as its words are:
  // see CardHost).
  let locale: string | undefined;
  const cardProps = (): CardHost['cardProps'] => ({
    get locale() {
      return (locale ??= uiLanguage());
    },
    site,
    ...(settings.theme === 'auto' ? {} : { theme: settings.theme }),
    onNotAbout: (claim) => {
      hideClaim(claim.id);
      dismiss(site, claim.id).catch((e: unknown) => console.warn('ClaimLens: could not remember the hidden match', e));
    },
    onHideSite: () => {
      app?.hover.close();
      updateSettings((s) => ({ pausedSites: s.pausedSites.includes(site) ? s.pausedSites : [...s.pausedSites, site] })).catch((e: unknown) =>
        console.warn('ClaimLens: could not pause on this site', e),
      );
    },
  });

  /** "Open on click" and "badge only": a resting pointer opens nothing. */
  const applyPointer = () => {
    if (app) app.hover.pointerOpens = settings.openOn === 'hover' && settings.highlightStyle !== 'badge';
  };

  const hooks: ContentHooks = {
    ask: async (req) => {
      const res = await sendOverPort({ ...req, sensitivity: settings.sensitivity });
      return { ...res, matches: res.matches.filter((m) => !hidden(m.claimId)) };
    },
    onChange: installStyle,
    card: (card) => {
      card.cardProps = cardProps();
    },
  };

  /** Drops a claim's matches now (the user hid it); the card closes if it showed that claim. */
  function hideClaim(claimId: string) {
    if (!app) return;
    const gone = app.registry.all().filter((m) => m.claim.id === claimId);
    if (gone.length > 0) app.hover.close();
    for (const m of gone) app.registry.remove(m);
  }

  const report = (state: PageState) => {
    if (isTop) send({ type: 'reportPage', claimIds: [], state }).catch(() => {});
  };

  // One change at a time: starting the scanner waits for the worker.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (fn: () => Promise<void> | void) => {
    queue = queue.then(fn).catch((e: unknown) => console.debug('ClaimLens:', e));
    return queue;
  };

  async function reconcile(prev?: { settings: Settings; dismissals: Dismissal[] }, restart = false) {
    if (stopped) return;
    const state = policy();
    if (app && (state !== 'active' || restart)) {
      app.stop();
      app = undefined;
      if (state !== 'active') report(state);
    }
    if (state !== 'active') return;
    if (!app) {
      app = await start(hooks);
      if (stopped) {
        app.stop();
        app = undefined;
        return;
      }
      applyPointer();
      installStyle();
      if (prev) report('active'); // the badge said "paused" or "off" until now
      return;
    }
    if (!prev) return;
    app.card.cardProps = cardProps();
    applyPointer();
    installStyle();
    // What the user hid is removed at once; what they brought back needs the page read again,
    // as does a new sensitivity.
    const ids = new Set([...app.registry.claimIds()]);
    for (const id of ids) if (hidden(id)) hideClaim(id);
    const unhidden = [...prev.settings.mutedClaims, ...prev.dismissals.filter((d) => d.site === site).map((d) => d.claimId)].some((id) => !hidden(id));
    if (unhidden || prev.settings.sensitivity !== settings.sensitivity) app.rescan();
  }

  /** "Open on click": a click on a highlight opens its card; a click elsewhere closes it. */
  const onClick = (e: MouseEvent) => {
    if (!app || settings.openOn !== 'click' || settings.highlightStyle === 'badge' || e.button !== 0) return;
    if (app.card.contains(e.target as Node | null)) return;
    const sel = doc.getSelection();
    if (sel && !sel.isCollapsed) return;
    const m = app.hover.hitTest(e.clientX, e.clientY);
    if (m) {
      // The click is ours: the page (a post that opens on click) does not also act on it.
      e.preventDefault();
      e.stopPropagation();
      app.hover.show(m);
    } else if (app.card.isOpen) app.hover.close();
  };
  doc.addEventListener('click', onClick, true);

  const unlisten = listen(pageProtocol, {
    pageInfo: () => ({
      site,
      state: policy(),
      matches: (app?.registry.all() ?? []).slice(0, 1000).map((m) => ({
        id: m.id,
        claimId: m.claim.id,
        text: m.range.toString().slice(0, 300),
        statement: m.claim.statement,
        verdict: m.claim.verdict,
      })),
    }),
    revealMatch: ({ id }) => {
      const m = app?.registry.all().find((x) => x.id === id);
      if (!app || !m) return { found: false };
      const el = m.range.startContainer.parentElement;
      const reduced = doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
      el?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduced ? 'auto' : 'smooth' });
      // After the scroll, so the card sits beside the words where they now are.
      setTimeout(() => app?.hover.show(m), reduced ? 0 : 350);
      return { found: true };
    },
  });

  const unwatch = [
    watchSettings((s) => {
      const prev = { settings, dismissals };
      settings = s;
      void enqueue(() => reconcile(prev));
    }),
    watchDismissals((d) => {
      const prev = { settings, dismissals };
      dismissals = d;
      void enqueue(() => reconcile(prev));
    }),
    // New imported claims bring new trigger phrases: start again with the new set.
    watchImported(() => void enqueue(() => reconcile(undefined, true))),
  ];

  await enqueue(() => reconcile());
  if (!app) report(policy());

  return {
    routeChanged: () => app?.routeChanged(),
    stop() {
      stopped = true;
      for (const u of unwatch) u();
      unlisten();
      doc.removeEventListener('click', onClick, true);
      app?.stop();
      app = undefined;
    },
  };
}
