import { render } from 'preact';
import type { CardClaim } from '../messaging/protocol';
import { VERDICT_STYLE } from '../card/verdict';
// The notice's styles, minified by the build, inside its own shadow root.
import CSS from './notice.css?inline';

export const NOTICE_TAG = 'claimlens-notice';


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
