import type { CardLabels } from '../../card/Card';
import type { Settings } from '../../settings/schema';
import { updateSettings } from '../../settings/store';
import { VerdictPill } from '../components';
import type { Translate } from '../i18n';
import type { PageInfo } from './Popup';

/** Pauses or resumes ClaimLens on a site (the page follows at once through storage). */
export function setPaused(site: string, paused: boolean) {
  return updateSettings((s) => ({ pausedSites: paused ? [...new Set([...s.pausedSites, site])] : s.pausedSites.filter((x) => x !== site) }));
}

/** What matched on the current tab, grouped by claim; a click scrolls to the words and opens the card there. */
export function OnThisPage({ t, page, settings, verdicts, onReveal }: { t: Translate; page: PageInfo | null | undefined; settings: Settings | undefined; verdicts: CardLabels['verdicts']; onReveal: (id: number) => void }) {
  if (page === undefined) {
    return (
      <section class="section page" aria-labelledby="page-title" aria-busy="true">
        <h2 id="page-title">{t('popupOnThisPage')}</h2>
        <p class="muted">{t('popupChecking')}</p>
      </section>
    );
  }
  if (page === null) {
    return (
      <section class="section page" aria-labelledby="page-title">
        <h2 id="page-title">{t('popupOnThisPage')}</h2>
        <p class="empty">{t('popupNotRunning')}</p>
        <p class="muted small">{t('popupNotRunningHint')}</p>
      </section>
    );
  }
  const { site, state, matches } = page;
  const groups = new Map<string, typeof matches>();
  for (const m of matches) {
    const l = groups.get(m.claimId);
    if (l) l.push(m);
    else groups.set(m.claimId, [m]);
  }
  return (
    <section class="section page" aria-labelledby="page-title">
      <div class="section-head">
        <h2 id="page-title">
          {t('popupOnThisPage')} <span class="site">{site}</span>
        </h2>
        {state === 'active' && matches.length > 0 ? <span class="count-badge" aria-label={t('popupClaimCount', String(groups.size))}>{groups.size}</span> : null}
      </div>
      {state === 'off' ? (
        <p class="empty">{t('popupStateOff')}</p>
      ) : state === 'paused' ? (
        <div class="paused">
          <p class="empty">{t('popupStatePaused', site)}</p>
          <button type="button" class="primary" data-testid="resume" onClick={() => void setPaused(site, false)}>
            {t('popupResume', site)}
          </button>
        </div>
      ) : state === 'site-off' ? (
        <p class="empty">{t('popupStateSiteOff', site)}</p>
      ) : matches.length === 0 ? (
        <p class="empty">{t('popupNoMatches')}</p>
      ) : (
        <ul class="plain matches">
          {[...groups.values()].map((list) => {
            const first = list[0]!;
            return (
              <li key={first.claimId} class="match-group">
                <div class="match-claim">
                  <VerdictPill verdict={first.verdict} label={verdicts[first.verdict] ?? first.verdict} />
                  <span class="match-statement">{first.statement}</span>
                </div>
                <ul class="plain quotes">
                  {list.map((m) => (
                    <li key={m.id}>
                      <button type="button" class="quote" data-match={m.id} onClick={() => onReveal(m.id)} title={t('popupShowOnPage', m.text)}>
                        <span>“{m.text}”</span>
                        <span class="visually-hidden"> {t('popupShow')}</span>
                        <span class="go" aria-hidden="true">
                          ↗
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
      {state === 'active' && settings ? (
        <div class="page-actions">
          <button type="button" data-testid="pause" onClick={() => void setPaused(site, true)}>
            {t('popupPause', site)}
          </button>
        </div>
      ) : null}
    </section>
  );
}
