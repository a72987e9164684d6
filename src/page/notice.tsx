import { render } from 'preact';
import type { CardClaim } from '../messaging/protocol';
import { VERDICT_STYLE } from '../card/verdict';

export const NOTICE_TAG = 'claimlens-notice';

const CSS = `
:host { all: initial; }
.notice { position: fixed; right: 16px; bottom: 16px; max-width: min(360px, calc(100vw - 32px)); box-sizing: border-box;
  background: #fff; color: #1f2328; border: 1px solid #d0d7de; border-radius: 10px; box-shadow: 0 4px 16px rgba(0,0,0,.15);
  padding: 10px 12px; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; display: flex; gap: 8px; align-items: flex-start; }
@media (prefers-color-scheme: dark) { .notice { background: #161b22; color: #e6edf3; border-color: #30363d; } }
.text { flex: 1; }
strong { font-weight: 600; }
button { all: unset; cursor: pointer; padding: 0 4px; border-radius: 4px; font-size: 18px; line-height: 1; color: inherit; opacity: .7; }
button:focus-visible { outline: 2px solid #0969da; }
`;

/**
 * One quiet notice for a page that is itself a fact-check of a known claim: no highlights,
 * just a line saying what ClaimLens knows. Rendered in its own shadow root, dismissible.
 */
export function showFactCheckNotice(doc: Document, claims: CardClaim[]): () => void {
  const host = doc.createElement(NOTICE_TAG);
  for (const [k, v] of [['all', 'initial'], ['position', 'fixed'], ['z-index', '2147483646'], ['display', 'block']] as const) host.style.setProperty(k, v, 'important');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = CSS;
  const root = doc.createElement('div');
  shadow.append(style, root);
  doc.documentElement.append(host);
  const remove = () => {
    render(null, root);
    host.remove();
  };
  const first = claims[0]!;
  render(
    <div class="notice" role="status" aria-live="polite">
      <span class="text">
        <strong>ClaimLens:</strong> this page is a fact-check of “{first.statement}” ({VERDICT_STYLE[first.verdict].label.toLowerCase()}
        {claims.length > 1 ? ` and ${claims.length - 1} related claim${claims.length > 2 ? 's' : ''}` : ''}). Highlights are off here.
      </span>
      <button type="button" aria-label="Dismiss ClaimLens notice" onClick={remove}>
        ×
      </button>
    </div>,
    root,
  );
  return remove;
}
