import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { send } from '../../messaging/client';
import type { ClaimSummary } from '../../messaging/protocol';
import { clearDismissals, resetSettings, undismiss } from '../../settings/store';
import { ALL_SITES_PATTERN, sitePattern } from '../../settings/sites';
import { verdictLabels } from '../card-labels';
import { Switch, VerdictPill } from '../components';
import type { MessageKey, Translate } from '../i18n';
import { useDismissals, useSettings, type SettingsChange } from '../use-storage';
import { ClaimData } from './ClaimData';
import { Sites } from './Sites';

/** Saves a change (see useSettings) and says so, or says `done`. */
export type Save = (change: SettingsChange, done?: string) => void;

/** A labelled group of radio buttons for one setting (native inputs: arrow keys work). */
export function Choice<V extends string>({ name, legend, value, options, onChange, t }: { name: string; legend: string; value: V; options: readonly { value: V; label: MessageKey; hint?: MessageKey; preview?: ComponentChildren }[]; onChange: (v: V) => void; t: Translate }) {
  return (
    <fieldset class="choice">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} class={`option${value === o.value ? ' selected' : ''}`}>
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} aria-describedby={o.hint ? `${name}-${o.value}-hint` : undefined} />
          <span class="option-text">
            <span class="option-label">
              {t(o.label)}
              {o.preview}
            </span>
            {o.hint ? (
              <span class="option-hint muted" id={`${name}-${o.value}-hint`}>
                {t(o.hint)}
              </span>
            ) : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The options page: every setting, the claim data (import/export), and reset. */
export function Options({ t }: { t: Translate }) {
  const { settings, update } = useSettings();
  const dismissals = useDismissals();
  const [claims, setClaims] = useState<ClaimSummary[]>([]);
  const [status, setStatus] = useState<{ text: string; error?: boolean }>({ text: '' });
  const [confirmReset, setConfirmReset] = useState(false);
  const verdicts = useMemo(() => verdictLabels(t), [t]);

  const loadClaims = () => send({ type: 'listClaims' }).then((r) => setClaims(r.claims), () => {});
  useEffect(() => {
    void loadClaims();
  }, []);

  const say = (text: string, error = false) => setStatus({ text, error });
  const save: Save = (change, done) => {
    update(change).then(
      () => say(done ?? t('optionsSaved')),
      (e: unknown) => say(t('optionsSaveFailed', String(e)), true),
    );
  };

  if (!settings) return <main class="options" aria-busy="true" />;
  const statementOf = (id: string) => claims.find((c) => c.id === id)?.statement ?? id;

  const reset = async () => {
    // The optional host permissions go with the settings that asked for them.
    const origins = [ALL_SITES_PATTERN, ...settings.customSites.map(sitePattern)];
    await browser.permissions.remove({ origins }).catch(() => false);
    await resetSettings();
    await clearDismissals();
    setConfirmReset(false);
    say(t('optionsResetDone'));
  };

  return (
    <main class="options">
      <header class="page-head">
        <h1>
          <svg class="logo" viewBox="0 0 24 24" aria-hidden="true" width="28" height="28">
            <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" stroke-width="2.4" />
            <path d="M15 15l5.5 5.5" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" />
            <path d="M6.8 10.2h6.4" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
          {t('optionsTitle')}
        </h1>
        <p class="muted">{t('optionsIntro')}</p>
      </header>

      <p class={`status sticky${status.error ? ' error' : ' ok'}`} role="status" aria-live="polite">
        {status.text}
      </p>

      <section class="panel" aria-labelledby="general">
        <h2 id="general">{t('optionsGeneral')}</h2>
        <Switch checked={settings.enabled} onChange={(v) => save({ enabled: v })} label={t('optionsEnabled')} id="opt-enabled" />
        <p class="muted small hint">{t('optionsEnabledHint')}</p>
        <Choice
          t={t}
          name="sensitivity"
          legend={t('optionsSensitivity')}
          value={settings.sensitivity}
          onChange={(v) => save({ sensitivity: v })}
          options={[
            { value: 'balanced', label: 'optionsSensitivityBalanced', hint: 'optionsSensitivityBalancedHint' },
            { value: 'strict', label: 'optionsSensitivityStrict', hint: 'optionsSensitivityStrictHint' },
          ]}
        />
      </section>

      <Sites t={t} settings={settings} save={save} say={say} />

      <section class="panel" aria-labelledby="appearance">
        <h2 id="appearance">{t('optionsAppearance')}</h2>
        <Choice
          t={t}
          name="highlightStyle"
          legend={t('optionsHighlightStyle')}
          value={settings.highlightStyle}
          onChange={(v) => save({ highlightStyle: v })}
          options={[
            { value: 'background', label: 'optionsStyleBackground', preview: <span class="sample sample-background">Krasnov</span> },
            { value: 'underline', label: 'optionsStyleUnderline', preview: <span class="sample sample-underline">Krasnov</span> },
            { value: 'badge', label: 'optionsStyleBadge', hint: 'optionsStyleBadgeHint' },
          ]}
        />
        <Choice
          t={t}
          name="openOn"
          legend={t('optionsOpenOn')}
          value={settings.openOn}
          onChange={(v) => save({ openOn: v })}
          options={[
            { value: 'hover', label: 'optionsOpenHover' },
            { value: 'click', label: 'optionsOpenClick', hint: 'optionsOpenClickHint' },
          ]}
        />
        <Choice
          t={t}
          name="theme"
          legend={t('optionsTheme')}
          value={settings.theme}
          onChange={(v) => save({ theme: v })}
          options={[
            { value: 'auto', label: 'optionsThemeAuto' },
            { value: 'light', label: 'optionsThemeLight' },
            { value: 'dark', label: 'optionsThemeDark' },
          ]}
        />
      </section>

      <section class="panel" aria-labelledby="muted">
        <h2 id="muted">{t('optionsMuted')}</h2>
        <p class="muted small">{t('optionsMutedHint')}</p>
        <ul class="plain claim-list">
          {claims.map((c) => {
            const muted = settings.mutedClaims.includes(c.id);
            return (
              <li key={c.id} class="claim-row">
                <label>
                  <input
                    type="checkbox"
                    checked={muted}
                    data-claim={c.id}
                    onChange={(e) => {
                      const on = (e.target as HTMLInputElement).checked;
                      save((s) => ({ mutedClaims: on ? [...new Set([...s.mutedClaims, c.id])] : s.mutedClaims.filter((x) => x !== c.id) }));
                    }}
                  />
                  <span class="claim-text">
                    <VerdictPill verdict={c.verdict} label={verdicts[c.verdict] ?? c.verdict} /> {c.statement}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </section>

      <section class="panel" aria-labelledby="hidden">
        <h2 id="hidden">{t('optionsHidden')}</h2>
        {dismissals.length === 0 ? (
          <p class="muted">{t('optionsHiddenNone')}</p>
        ) : (
          <>
            <ul class="plain site-list">
              {[...dismissals].reverse().map((d) => (
                <li key={`${d.site} ${d.claimId}`} class="site-row">
                  <span>
                    <strong>{d.site}</strong> · {statementOf(d.claimId)}
                  </span>
                  <button type="button" class="link" onClick={() => void undismiss(d.site, d.claimId)} aria-label={t('popupShowAgainLabel', statementOf(d.claimId))}>
                    {t('popupShowAgain')}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => void clearDismissals().then(() => say(t('optionsHiddenCleared')))}>
              {t('optionsHiddenClear')}
            </button>
          </>
        )}
      </section>

      <ClaimData t={t} claims={claims} say={say} onChanged={() => setTimeout(() => void loadClaims(), 300)} />

      <section class="panel" aria-labelledby="reset">
        <h2 id="reset">{t('optionsReset')}</h2>
        <p class="muted small">{t('optionsResetHint')}</p>
        {confirmReset ? (
          <div class="confirm" role="group" aria-label={t('optionsResetConfirm')}>
            <span>{t('optionsResetConfirm')}</span>
            <button type="button" class="primary danger-fill" onClick={() => void reset()}>
              {t('optionsResetYes')}
            </button>
            <button type="button" onClick={() => setConfirmReset(false)}>
              {t('optionsCancel')}
            </button>
          </div>
        ) : (
          <button type="button" class="danger" onClick={() => setConfirmReset(true)}>
            {t('optionsResetButton')}
          </button>
        )}
      </section>
    </main>
  );
}
