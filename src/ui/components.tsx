import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Card, type CardProps } from '../card/Card';
import { CARD_CSS } from '../card/card-styles';
import { VERDICT_STYLE } from '../card/verdict';
import type { Verdict } from '../claims/schema';
import { render } from 'preact';

/** A verdict as a word and an icon, never colour alone. */
export function VerdictPill({ verdict, label }: { verdict: Verdict; label: string }) {
  const v = VERDICT_STYLE[verdict];
  return (
    <span class={`pill tone-${v.tone}`} data-verdict={verdict}>
      <span aria-hidden="true">{v.icon}</span>
      {label}
    </span>
  );
}

/** An on/off switch with its label (role="switch", so screen readers say "on"/"off"). */
export function Switch({ checked, onChange, label, id, disabled }: { checked: boolean; onChange: (v: boolean) => void; label: ComponentChildren; id?: string; disabled?: boolean }) {
  return (
    <button type="button" role="switch" class="switch" id={id} aria-checked={checked} disabled={disabled} onClick={() => onChange(!checked)}>
      <span class="track" aria-hidden="true">
        <span class="thumb" />
      </span>
      <span class="switch-label">{label}</span>
    </button>
  );
}

/** Styles that let the page card sit in the flow of an extension page instead of floating. */
const INLINE_CARD_CSS = `
.card { position: static; width: 100%; max-height: none; box-shadow: none; animation: none; }
`;

/**
 * The same Card the content script shows on pages, rendered in its own shadow root so its
 * styles and the page's do not meet.
 */
export function CardView(props: CardProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let root = el.shadowRoot;
    if (!root) {
      root = el.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = CARD_CSS + INLINE_CARD_CSS;
      root.append(style, document.createElement('div'));
    }
    render(<Card {...props} />, root.lastElementChild!);
  });
  useEffect(
    () => () => {
      const root = host.current?.shadowRoot?.lastElementChild;
      if (root) render(null, root);
    },
    [],
  );
  return <div class="card-view" ref={host} data-testid="card-view" />;
}
