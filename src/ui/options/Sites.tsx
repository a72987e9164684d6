import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { NEWS_SITES } from '../../page/sites';
import type { Settings } from '../../settings/schema';
import { ALL_SITES_PATTERN, parseSiteInput, sitePattern } from '../../settings/sites';
import { Switch } from '../components';
import type { Translate } from '../i18n';
import type { Save } from './Options';

/** Which of the patterns the user has granted; follows permissions.onAdded/onRemoved. */
function useGranted(patterns: string[]): Set<string> | undefined {
  const [granted, setGranted] = useState<Set<string>>();
  const key = patterns.join(' ');
  useEffect(() => {
    let live = true;
    const check = async () => {
      const out = new Set<string>();
      for (const p of patterns) if (await browser.permissions.contains({ origins: [p] }).catch(() => false)) out.add(p);
      if (live) setGranted(out);
    };
    void check();
    const on = () => void check();
    browser.permissions.onAdded.addListener(on);
    browser.permissions.onRemoved.addListener(on);
    return () => {
      live = false;
      browser.permissions.onAdded.removeListener(on);
      browser.permissions.onRemoved.removeListener(on);
    };
  }, [key]);
  return granted;
}

/**
 * Where ClaimLens runs. X, TikTok and the news sites are in the manifest; "all sites" and the
 * user's own sites ask for an optional host permission first (the browser shows its prompt), and
 * only a granted one is used.
 */
export function Sites({ t, settings, save, say }: { t: Translate; settings: Settings; save: Save; say: (text: string, error?: boolean) => void }) {
  const [input, setInput] = useState('');
  const [inputError, setInputError] = useState('');
  const granted = useGranted([ALL_SITES_PATTERN, ...settings.customSites.map(sitePattern)]);
  const allGranted = granted?.has(ALL_SITES_PATTERN) ?? false;

  // permissions.request needs the click's user gesture: it is called before anything is awaited.
  const request = (origins: string[]) => browser.permissions.request({ origins }).catch((e: unknown) => {
    say(t('optionsPermissionError', String(e)), true);
    return false;
  });

  const toggleAll = (on: boolean) => {
    if (!on) {
      save({ runOnAllSites: false });
      void browser.permissions.remove({ origins: [ALL_SITES_PATTERN] }).catch(() => false);
      return;
    }
    void request([ALL_SITES_PATTERN]).then((ok) => {
      if (ok) save({ runOnAllSites: true }, t('optionsSaved'));
      else say(t('optionsPermissionDenied'), true);
    });
  };

  const addSite = (e: Event) => {
    e.preventDefault();
    const parsed = parseSiteInput(input);
    if (!parsed.ok) {
      setInputError(t(parsed.reason === 'scheme' ? 'optionsSiteHttpsOnly' : parsed.reason === 'empty' ? 'optionsSiteEmpty' : 'optionsSiteInvalid'));
      return;
    }
    setInputError('');
    const host = parsed.host;
    const pending = request([sitePattern(host)]);
    void pending.then((ok) => {
      setInput('');
      if (!ok) say(t('optionsSiteAddedNoPermission', host), true);
      save((s) => ({ customSites: s.customSites.includes(host) ? s.customSites : [...s.customSites, host] }), ok ? t('optionsSiteAdded', host) : t('optionsSiteAddedNoPermission', host));
    });
  };

  const removeSite = (host: string) => {
    save((s) => ({ customSites: s.customSites.filter((x) => x !== host) }));
    void browser.permissions.remove({ origins: [sitePattern(host)] }).catch(() => false);
  };

  return (
    <section class="panel" aria-labelledby="sites">
      <h2 id="sites">{t('optionsSites')}</h2>
      <p class="muted small">{t('optionsSitesHint')}</p>
      <ul class="plain toggles">
        <li>
          <Switch checked={settings.runOnX} onChange={(v) => save({ runOnX: v })} label={t('optionsSiteX')} id="site-x" />
        </li>
        <li>
          <Switch checked={settings.runOnTikTok} onChange={(v) => save({ runOnTikTok: v })} label={t('optionsSiteTikTok')} id="site-tiktok" />
        </li>
        <li>
          <Switch checked={settings.runOnNews} onChange={(v) => save({ runOnNews: v })} label={t('optionsSiteNews', String(NEWS_SITES.length))} id="site-news" />
          <details class="news-list">
            <summary>{t('optionsSiteNewsList')}</summary>
            <p class="small muted">{NEWS_SITES.join(', ')}</p>
          </details>
        </li>
        <li>
          <Switch checked={settings.runOnAllSites && allGranted} onChange={toggleAll} label={t('optionsSiteAll')} id="site-all" />
          <p class="muted small hint">{settings.runOnAllSites && granted && !allGranted ? t('optionsSiteAllNeedsPermission') : t('optionsSiteAllHint')}</p>
        </li>
      </ul>

      <h3>{t('optionsYourSites')}</h3>
      <form class="add-site" onSubmit={addSite}>
        <label for="site-input" class="visually-hidden">
          {t('optionsAddSiteLabel')}
        </label>
        <input
          id="site-input"
          type="text"
          inputMode="url"
          autocomplete="off"
          spellcheck={false}
          placeholder="example.org"
          value={input}
          aria-invalid={inputError ? true : undefined}
          aria-describedby={inputError ? 'site-error' : undefined}
          onInput={(e) => setInput((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="primary">
          {t('optionsAddSite')}
        </button>
      </form>
      {inputError ? (
        <p class="status error" id="site-error">
          {inputError}
        </p>
      ) : null}
      {settings.customSites.length === 0 ? (
        <p class="muted small">{t('optionsYourSitesNone')}</p>
      ) : (
        <ul class="plain site-list" aria-label={t('optionsYourSites')}>
          {settings.customSites.map((host) => {
            const ok = granted?.has(sitePattern(host)) || allGranted;
            return (
              <li key={host} class="site-row" data-site={host}>
                <span class="site-name">{host}</span>
                <span class={`site-state ${ok ? 'ok' : 'warn'}`} data-testid="site-state">
                  {granted === undefined ? '' : ok ? t('optionsSiteAllowed') : t('optionsSiteNotAllowed')}
                </span>
                {granted && !ok ? (
                  <button type="button" onClick={() => void request([sitePattern(host)]).then((g) => say(g ? t('optionsSiteAdded', host) : t('optionsPermissionDenied'), !g))}>
                    {t('optionsAllow')}
                  </button>
                ) : null}
                <button type="button" class="link" onClick={() => removeSite(host)} aria-label={t('optionsRemoveSiteLabel', host)}>
                  {t('optionsRemove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}

      <h3>{t('optionsPaused')}</h3>
      {settings.pausedSites.length === 0 ? (
        <p class="muted small">{t('optionsPausedNone')}</p>
      ) : (
        <ul class="plain site-list">
          {settings.pausedSites.map((host) => (
            <li key={host} class="site-row">
              <span class="site-name">{host}</span>
              <button type="button" class="link" onClick={() => save((s) => ({ pausedSites: s.pausedSites.filter((x) => x !== host) }))} aria-label={t('popupResume', host)}>
                {t('optionsResume')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
