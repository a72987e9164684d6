import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { CardClaim, ClaimSummary, PageResponse } from '../../messaging/protocol';
import { send, sendToTab } from '../../messaging/client';
import { undismiss } from '../../settings/store';
import { cardLabels, verdictLabels } from '../card-labels';
import { CardView, Switch } from '../components';
import { currentTabId, isToolbarPopup } from '../current-tab';
import type { Translate } from '../i18n';
import { useDismissals, useSettings } from '../use-storage';
import { OnThisPage } from './OnThisPage';
import { SearchResults, useSearch } from './Search';

export type PageInfo = PageResponse<'pageInfo'>;

/**
 * The toolbar popup: search every fact-check, see what matched on this page (and jump to it),
 * pause on this site, undo hidden matches, and reach the options. Renders at once; the page's
 * matches and search results arrive by message.
 */
export function Popup({ t, locale }: { t: Translate; locale: string }) {
  const { settings, update } = useSettings();
  const dismissals = useDismissals();
  const labels = useMemo(() => cardLabels(t), [t]);
  const verdicts = useMemo(() => verdictLabels(t), [t]);
  const [tabId, setTabId] = useState<number>();
  /** undefined while asking; null when no content script of ours answers on that tab. */
  const [page, setPage] = useState<PageInfo | null>();
  const [claims, setClaims] = useState<ClaimSummary[]>([]);
  const [opened, setOpened] = useState<CardClaim | null>(null);
  const search = useSearch();
  const searchInput = useRef<HTMLInputElement>(null);
  const back = useRef<HTMLButtonElement>(null);
  /** Where focus goes back to when the card closes (the list is rendered anew). */
  const returnTo = useRef<string | null>(null);

  const refresh = useCallback(async (id = tabId) => {
    if (id === undefined) return setPage(null);
    setPage(await sendToTab(id, { type: 'pageInfo' }).catch(() => null));
  }, [tabId]);

  useEffect(() => {
    currentTabId().then((id) => {
      setTabId(id);
      void refresh(id);
    }, () => setPage(null));
    send({ type: 'listClaims' }).then((r) => setClaims(r.claims), () => {});
    // Warm the worker's search index while the user reads the popup.
    send({ type: 'searchClaims', query: 'a', limit: 1 }).catch(() => {});
    searchInput.current?.focus();
  }, []);

  // The page follows settings within a moment; ask it again then, and now and then while open.
  useEffect(() => {
    if (tabId === undefined) return;
    const soon = setTimeout(() => void refresh(), 300);
    const every = setInterval(() => void refresh(), 2000);
    return () => {
      clearTimeout(soon);
      clearInterval(every);
    };
  }, [tabId, settings, dismissals]);

  useEffect(() => {
    if (opened) back.current?.focus();
    else if (returnTo.current) document.querySelector<HTMLElement>(returnTo.current)?.focus();
  }, [opened]);

  const openCard = (claim: CardClaim) => {
    returnTo.current = `.results .result[data-claim="${CSS.escape(claim.id)}"]`;
    setOpened(claim);
  };

  const reveal = async (id: number) => {
    if (tabId === undefined) return;
    const r = await sendToTab(tabId, { type: 'revealMatch', id }).catch(() => ({ found: false }));
    if (!r.found) return void refresh();
    await browser.tabs.update(tabId, { active: true }).catch(() => {});
    if (await isToolbarPopup()) window.close();
  };

  const site = page?.site;
  const hiddenHere = site ? dismissals.filter((d) => d.site === site).sort((a, b) => b.at - a.at) : [];
  const statementOf = (id: string) => claims.find((c) => c.id === id)?.statement ?? id;

  if (opened) {
    return (
      <main class="popup" onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), setOpened(null))}>
        <div class="card-bar">
          <button type="button" class="quiet" ref={back} onClick={() => setOpened(null)}>
            <span aria-hidden="true">← </span>
            {t('popupBack')}
          </button>
        </div>
        <CardView claim={opened} onClose={() => setOpened(null)} labels={labels} locale={locale} {...(settings && settings.theme !== 'auto' ? { theme: settings.theme } : {})} />
      </main>
    );
  }

  return (
    <main class="popup">
      <header class="bar">
        <span class="brand">
          <svg class="logo" viewBox="0 0 24 24" aria-hidden="true" width="22" height="22">
            <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" stroke-width="2.4" />
            <path d="M15 15l5.5 5.5" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" />
            <path d="M6.8 10.2h6.4" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
          <h1>ClaimLens</h1>
        </span>
        {settings ? (
          <Switch checked={settings.enabled} onChange={(v) => void update({ enabled: v })} label={<span class="visually-hidden">{t('popupEnabled')}</span>} id="enabled" />
        ) : null}
        <button type="button" class="quiet icon-button" aria-label={t('popupOpenOptions')} title={t('popupOpenOptions')} onClick={() => void browser.runtime.openOptionsPage()}>
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path
              fill="currentColor"
              d="M19.4 13a7.6 7.6 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3.3h-4L10.6 6a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.6 7.6 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.4 7.4 0 0 0 1.7 1l.4 2.6h4l.4-2.6a7.4 7.4 0 0 0 1.7-1l2.5 1 2-3.5L19.4 13zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z"
              transform="translate(-1 0)"
            />
          </svg>
        </button>
      </header>

      <form role="search" class="search" onSubmit={(e) => e.preventDefault()}>
        <label for="q" class="visually-hidden">
          {t('popupSearchLabel')}
        </label>
        <input
          id="q"
          ref={searchInput}
          type="search"
          autocomplete="off"
          spellcheck={false}
          placeholder={t('popupSearchPlaceholder')}
          value={search.query}
          onInput={(e) => search.setQuery((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              document.querySelector<HTMLElement>('.results .result')?.focus();
            }
          }}
        />
      </form>

      {search.query.trim() ? (
        <SearchResults t={t} search={search} verdicts={verdicts} onOpen={openCard} onLeave={() => searchInput.current?.focus()} />
      ) : (
        <>
          <OnThisPage t={t} page={page} settings={settings} verdicts={verdicts} onReveal={(id) => void reveal(id)} />
          {site && hiddenHere.length > 0 ? (
            <section class="section" aria-labelledby="hidden-title">
              <h2 id="hidden-title">{t('popupHiddenTitle', site)}</h2>
              <ul class="plain">
                {hiddenHere.map((d) => (
                  <li key={d.claimId} class="hidden-item">
                    <span class="hidden-statement">{statementOf(d.claimId)}</span>
                    <button type="button" class="link" onClick={() => void undismiss(d.site, d.claimId)} aria-label={t('popupShowAgainLabel', statementOf(d.claimId))}>
                      {t('popupShowAgain')}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}

      <footer class="foot">
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popupSettingsLink')}
        </button>
        <span class="muted small">{t('popupPrivacy')}</span>
      </footer>
    </main>
  );
}
