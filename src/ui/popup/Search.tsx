import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import type { CardClaim, SearchResult } from '../../messaging/protocol';
import type { CardLabels } from '../../card/Card';
import { VerdictPill } from '../components';
import type { Translate } from '../i18n';

export interface SearchState {
  query: string;
  setQuery: (q: string) => void;
  results: SearchResult[];
  total: number;
  /** The query the results are for (they lag the input by one message). */
  answered: string;
  error: boolean;
}

/**
 * Asks the worker as the user types: one request at a time, and when the answer comes the newest
 * query is asked next (keystrokes typed meanwhile are coalesced, not queued). An answer to a
 * query that is no longer in the box is dropped.
 */
export function useSearch(): SearchState {
  const [query, setQuery] = useState('');
  const [state, setState] = useState({ results: [] as SearchResult[], total: 0, answered: '', error: false });
  const latest = useRef('');
  const inFlight = useRef(false);
  useEffect(() => {
    const q = query.trim();
    latest.current = q;
    if (!q) return setState({ results: [], total: 0, answered: '', error: false });
    if (inFlight.current) return; // asked when the current request is answered
    const ask = (q: string) => {
      inFlight.current = true;
      send({ type: 'searchClaims', query: q, limit: 20 })
        .then(
          (r) => q === latest.current && setState({ results: r.results, total: r.total, answered: q, error: false }),
          () => q === latest.current && setState({ results: [], total: 0, answered: q, error: true }),
        )
        .finally(() => {
          inFlight.current = false;
          if (latest.current && latest.current !== q) ask(latest.current);
        });
    };
    ask(q);
  }, [query]);
  return { query, setQuery, ...state };
}

/** Moves focus between result buttons with the arrow keys (and back to the box from the top). */
function arrows(e: KeyboardEvent, onLeave: () => void) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
  const all = [...document.querySelectorAll<HTMLElement>('.results .result')];
  const i = all.indexOf(e.target as HTMLElement);
  if (i < 0) return;
  e.preventDefault();
  if (e.key === 'Home') return all[0]?.focus();
  if (e.key === 'End') return all[all.length - 1]?.focus();
  if (e.key === 'ArrowUp' && i === 0) return onLeave();
  all[Math.max(0, Math.min(all.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
}

export function SearchResults({ t, search, verdicts, onOpen, onLeave }: { t: Translate; search: SearchState; verdicts: CardLabels['verdicts']; onOpen: (c: CardClaim) => void; onLeave: () => void }) {
  const q = search.query.trim();
  const pending = search.answered !== q;
  return (
    <section class="section results" aria-labelledby="results-title">
      <h2 id="results-title" class="visually-hidden">
        {t('popupResultsTitle')}
      </h2>
      <p class="muted small count" role="status" aria-live="polite">
        {pending ? '' : search.error ? t('popupSearchError') : search.total === 0 ? t('popupNoResults', q) : search.total === 1 ? t('popupOneResult') : t('popupResults', String(search.total))}
      </p>
      <ul class="plain" onKeyDown={(e) => arrows(e, onLeave)}>
        {search.results.map((r) => (
          <li key={r.claim.id}>
            <button type="button" class="result" data-claim={r.claim.id} aria-describedby={`sum-${r.claim.id}`} onClick={() => onOpen(r.claim)}>
              <span class="result-head">
                <VerdictPill verdict={r.claim.verdict} label={verdicts[r.claim.verdict] ?? r.claim.verdict} />
                {r.source === 'imported' ? <span class="tag">{t('popupImported')}</span> : null}
              </span>
              <span class="result-statement">{r.claim.statement}</span>
              <span class="result-summary muted" id={`sum-${r.claim.id}`}>
                {r.claim.summary}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
