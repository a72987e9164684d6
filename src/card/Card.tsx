import type { Verdict } from '../claims/schema';
import type { CardClaim, WireMatch } from '../messaging/protocol';
import { formatDate, safeHttpsUrl, VERDICT_STYLE } from './verdict';

/** The card's fixed words. English by default; the content script and popup pass translations in. */
export interface CardLabels {
  brand: string;
  close: string;
  claim: string;
  fullExplanation: string;
  sources: string;
  /** "rated “$1”" */
  rated: (rating: string) => string;
  whySeeing: string;
  matchedWords: string;
  inHeadline: string;
  inText: string;
  namesSubject: string;
  /** "has $1 words" */
  hasSetWords: (set: string) => string;
  wordsAlone: string;
  /** "Reviewed by ClaimLens $1" */
  reviewed: (date: string) => string;
  notAbout: string;
  notAboutHint: string;
  hideOnSite: (site: string) => string;
  verdicts: Partial<Record<Verdict, string>>;
}


export interface CardProps {
  claim: CardClaim;
  /** Why the card appeared on a page; absent when it is opened from a search (no "Why" section). */
  evidence?: WireMatch['evidence'];
  onClose: () => void;
  /** Translated fixed words (any missing one stays English). */
  /** The card's fixed words in the UI language: src/ui/card-labels.ts (from browser.i18n). */
  labels: CardLabels;
  /** Forces light or dark; absent follows the system (prefers-color-scheme). */
  theme?: 'light' | 'dark';
  /** "Not about this claim": the user says this match is wrong here (issue #5). Shown when given. */
  onNotAbout?: (claim: CardClaim) => void;
  /** "Hide on this site": pause ClaimLens on `site`. Shown when given. */
  onHideSite?: (claim: CardClaim) => void;
  site?: string;
  /** Date formatting locale (the UI language). */
  locale?: string;
}


/**
 * The fact-check card. Everything from data or the page is rendered as text by Preact (never
 * as HTML), and links are https only, opened in a new tab without referrer or opener.
 */
export function Card({ claim, evidence, onClose, labels, theme, onNotAbout, onHideSite, site, locale }: CardProps) {
  const v = VERDICT_STYLE[claim.verdict];
  const L = labels;
  const setLabel = (set: string) => (set === 'subject' ? L.namesSubject : L.hasSetWords(set));
  const titleId = `claimlens-title`;
  return (
    <div class="card" role="dialog" aria-modal="false" aria-labelledby={titleId} aria-describedby="claimlens-summary" data-verdict={claim.verdict} data-theme={theme}>
      <header class="head">
        <span class={`verdict tone-${v.tone}`} data-testid="verdict">
          <span class="icon" aria-hidden="true">
            {v.icon}
          </span>
          <span class="verdict-label">{L.verdicts[claim.verdict] ?? v.label}</span>
        </span>
        <span class="brand">{L.brand}</span>
        <button type="button" class="close" aria-label={L.close} onClick={onClose}>
          ×
        </button>
      </header>
      <h2 class="claim" id={titleId}>
        <span class="kicker">{L.claim}</span>
        {claim.statement}
      </h2>
      <p class="summary" id="claimlens-summary">
        {claim.summary}
      </p>
      <details class="more">
        <summary>{L.fullExplanation}</summary>
        <p class="explanation">{claim.explanation}</p>
      </details>
      {claim.sourcingNote ? <p class="note">{claim.sourcingNote}</p> : null}
      <h3 class="sources-title">{L.sources}</h3>
      <ul class="sources">
        {claim.reviews.map((r) => {
          const href = safeHttpsUrl(r.url);
          return (
            <li key={r.url} class="source">
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {r.title}
                </a>
              ) : (
                <span>{r.title}</span>
              )}
              <span class="meta">
                {r.publisher} · <time dateTime={r.datePublished}>{formatDate(r.datePublished, locale)}</time> · {L.rated(r.rating)}
              </span>
            </li>
          );
        })}
      </ul>
      {evidence ? (
        <details class="why">
          <summary>{L.whySeeing}</summary>
          <p>
            {L.matchedWords} <q>{evidence.trigger}</q> ({evidence.language})
          </p>
          {evidence.context.length > 0 ? (
            <ul>
              {evidence.context.map((c) => (
                <li key={c.set}>
                  {c.where === 'headline' ? L.inHeadline : L.inText} {setLabel(c.set)}: {c.words.map((w) => `“${w}”`).join(', ')}
                </li>
              ))}
            </ul>
          ) : (
            <p>{L.wordsAlone}</p>
          )}
        </details>
      ) : null}
      <footer class="foot">{L.reviewed(formatDate(claim.lastReviewed, locale))}</footer>
      {/* Last, and sticky at the card's bottom: reachable without scrolling a long card. */}
      {onNotAbout || onHideSite ? (
        <div class="actions">
          {onNotAbout ? (
            <button type="button" class="action" data-action="not-about" title={L.notAboutHint} onClick={() => onNotAbout(claim)}>
              {L.notAbout}
            </button>
          ) : null}
          {onHideSite && site ? (
            <button type="button" class="action" data-action="hide-site" onClick={() => onHideSite(claim)}>
              {L.hideOnSite(site)}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
