import type { CardClaim, WireMatch } from '../messaging/protocol';
import { formatDate, safeHttpsUrl, VERDICT_STYLE } from './verdict';

export interface CardProps {
  claim: CardClaim;
  evidence: WireMatch['evidence'];
  onClose: () => void;
}

const SET_LABELS: Record<string, string> = {
  subject: 'names the person the claim is about',
};

/**
 * The fact-check card. Everything from data or the page is rendered as text by Preact (never
 * as HTML), and links are https only, opened in a new tab without referrer or opener.
 */
export function Card({ claim, evidence, onClose }: CardProps) {
  const v = VERDICT_STYLE[claim.verdict];
  const titleId = `claimlens-title`;
  return (
    <div class="card" role="dialog" aria-modal="false" aria-labelledby={titleId} aria-describedby="claimlens-summary" data-verdict={claim.verdict}>
      <header class="head">
        <span class={`verdict tone-${v.tone}`} data-testid="verdict">
          <span class="icon" aria-hidden="true">
            {v.icon}
          </span>
          <span class="verdict-label">{v.label}</span>
        </span>
        <span class="brand">ClaimLens fact-check</span>
        <button type="button" class="close" aria-label="Close fact-check" onClick={onClose}>
          ×
        </button>
      </header>
      <h2 class="claim" id={titleId}>
        <span class="kicker">Claim: </span>
        {claim.statement}
      </h2>
      <p class="summary" id="claimlens-summary">
        {claim.summary}
      </p>
      <details class="more">
        <summary>Full explanation</summary>
        <p class="explanation">{claim.explanation}</p>
      </details>
      {claim.sourcingNote ? <p class="note">{claim.sourcingNote}</p> : null}
      <h3 class="sources-title">Sources</h3>
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
                {r.publisher} · <time dateTime={r.datePublished}>{formatDate(r.datePublished)}</time> · rated “{r.rating}”
              </span>
            </li>
          );
        })}
      </ul>
      <details class="why">
        <summary>Why am I seeing this?</summary>
        <p>
          Matched words: <q>{evidence.trigger}</q> ({evidence.language})
        </p>
        {evidence.context.length > 0 ? (
          <ul>
            {evidence.context.map((c) => (
              <li key={c.set}>
                {c.where === 'headline' ? 'The headline' : 'The text'} {SET_LABELS[c.set] ?? `has ${c.set} words`}: {c.words.map((w) => `“${w}”`).join(', ')}
              </li>
            ))}
          </ul>
        ) : (
          <p>The words alone are specific to this claim.</p>
        )}
      </details>
      <footer class="foot">Reviewed by ClaimLens {formatDate(claim.lastReviewed)}</footer>
    </div>
  );
}
