import { render } from 'preact';
import type { CardClaim, WireMatch } from '../messaging/protocol';
import { cardLabels } from '../ui/card-labels';
import { t } from '../ui/i18n';
import { Card, type CardLabels, type CardProps } from './Card';
import { CARD_CSS } from './card-styles';
import { placeCard } from './position';

export const CARD_TAG = 'claimlens-card';

/**
 * Hosts the card: a `<claimlens-card>` element with an open shadow root, appended to the
 * document element (not inside the page's content, so the page's layout is untouched).
 */
export class CardHost {
  private host: HTMLElement | undefined;
  private root: HTMLDivElement | undefined;
  private anchor: (() => DOMRect | undefined) | undefined;
  private returnFocus: HTMLElement | null = null;
  /** Extra props for every card (user-control callbacks, labels): set by whoever wires them. */
  cardProps: Partial<Omit<CardProps, 'claim' | 'evidence' | 'onClose'>> = {};
  /**
   * The card's words in the UI language, looked up when the first card opens (not at start: the
   * first browser.i18n lookup loads the message catalogue, and most pages never open a card).
   */
  private labels: CardLabels | undefined;
  onClose: () => void = () => {};

  constructor(private readonly doc: Document = document) {}

  get isOpen(): boolean {
    return !!this.host?.isConnected && !!this.anchor;
  }

  /** The card's dialog element while open. */
  get dialog(): HTMLElement | null {
    return this.root?.querySelector<HTMLElement>('.card') ?? null;
  }

  /**
   * Opens (or re-renders) the card beside `anchor`. With `focus`, keyboard focus moves into
   * the card and comes back to where it was when the card closes.
   */
  open(claim: CardClaim, evidence: WireMatch['evidence'], anchor: () => DOMRect | undefined, opts: { focus?: boolean } = {}): void {
    const root = this.ensure();
    this.anchor = anchor;
    this.labels ??= cardLabels(t);
    render(<Card labels={this.labels} {...this.cardProps} claim={claim} evidence={evidence} onClose={() => this.onClose()} />, root);
    const card = this.dialog;
    if (card) {
      card.tabIndex = -1;
      card.dataset.theme = this.cardProps.theme ?? pageTheme(this.doc);
    }
    this.reposition();
    if (opts.focus && card) {
      const active = this.doc.activeElement;
      if (!this.returnFocus && active instanceof HTMLElement && !this.contains(active)) this.returnFocus = active;
      card.focus({ preventScroll: true });
    }
  }

  close(): void {
    if (!this.root || !this.anchor) return;
    const hadFocus = this.contains(this.doc.activeElement);
    render(null, this.root);
    this.anchor = undefined;
    const back = this.returnFocus;
    this.returnFocus = null;
    if (hadFocus && back?.isConnected) back.focus({ preventScroll: true });
  }

  /** Keeps the card beside its anchor (after scroll or resize); closes it if the anchor is gone. */
  reposition(): void {
    const card = this.root?.querySelector<HTMLElement>('.card');
    const rect = this.anchor?.();
    if (!card || !rect) {
      if (this.anchor) this.onClose();
      return;
    }
    const view = this.doc.defaultView!;
    card.style.maxHeight = '';
    const { left, top, placement, maxHeight } = placeCard(rect, { width: card.offsetWidth, height: card.offsetHeight }, { width: view.innerWidth, height: view.innerHeight });
    card.style.left = `${left}px`;
    card.style.top = `${top}px`;
    if (maxHeight !== undefined) card.style.maxHeight = `${maxHeight}px`;
    card.dataset.placement = placement;
  }

  contains(node: Node | null): boolean {
    return !!node && !!this.host && (node === this.host || this.host.contains(node) || this.host.shadowRoot!.contains(node));
  }

  private ensure(): HTMLDivElement {
    if (this.host?.isConnected && this.root) return this.root;
    const host = this.doc.createElement(CARD_TAG);
    // Inline !important beats any page rule, including `* { all: unset !important }`.
    for (const [k, v] of [
      ['all', 'initial'],
      ['position', 'fixed'],
      ['top', '0'],
      ['left', '0'],
      ['width', '0'],
      ['height', '0'],
      ['z-index', '2147483647'],
      ['display', 'block'],
    ])
      host.style.setProperty(k!, v!, 'important');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = this.doc.createElement('style');
    style.textContent = CARD_CSS;
    const root = this.doc.createElement('div');
    shadow.append(style, root);
    this.doc.documentElement.append(host);
    this.host = host;
    this.root = root;
    return root;
  }

  destroy(): void {
    this.close();
    this.host?.remove();
    this.host = undefined;
    this.root = undefined;
  }
}

/**
 * The page's own theme, read from its background: a dark page gets a dark card even when the
 * system is light (and the other way round). 'auto' when the page says nothing.
 */
export function pageTheme(doc: Document): 'light' | 'dark' | 'auto' {
  const view = doc.defaultView;
  if (!view) return 'auto';
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const rgb = parseRgb(view.getComputedStyle(el).backgroundColor);
    if (rgb && rgb.a > 0.5) return luminance(rgb) < 0.4 ? 'dark' : 'light';
  }
  const scheme = view.getComputedStyle(doc.documentElement).colorScheme;
  return scheme === 'dark' ? 'dark' : 'auto';
}

function parseRgb(s: string): { r: number; g: number; b: number; a: number } | undefined {
  const m = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?/.exec(s);
  if (!m) return undefined;
  const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return { r: +m[1]!, g: +m[2]!, b: +m[3]!, a };
}

function luminance({ r, g, b }: { r: number; g: number; b: number }): number {
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}
