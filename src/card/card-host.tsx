import { render } from 'preact';
import type { CardClaim, WireMatch } from '../messaging/protocol';
import { Card } from './Card';
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
  onClose: () => void = () => {};

  constructor(private readonly doc: Document = document) {}

  get isOpen(): boolean {
    return !!this.host?.isConnected && !!this.anchor;
  }

  get element(): HTMLElement | undefined {
    return this.host;
  }

  open(claim: CardClaim, evidence: WireMatch['evidence'], anchor: () => DOMRect | undefined): void {
    const root = this.ensure();
    this.anchor = anchor;
    render(<Card claim={claim} evidence={evidence} onClose={() => this.onClose()} />, root);
    this.reposition();
  }

  close(): void {
    if (!this.root || !this.anchor) return;
    render(null, this.root);
    this.anchor = undefined;
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
