import type { CardHost } from '../card/card-host';
import type { MatchRegistry, PageMatch } from './match-registry';

export const OPEN_DELAY_MS = 300;
export const CLOSE_DELAY_MS = 400;

/** Alt+Shift+L jumps to the next match and opens its card; Alt+Shift+K to the previous one. */
export const NEXT_KEY = 'KeyL';
export const PREVIOUS_KEY = 'KeyK';

/**
 * Opens the card when the pointer rests on a highlight, keeps it open while the pointer is on
 * the highlight or the card (so it can be reached: WCAG 1.4.13), closes it on Escape.
 * Keyboard users get the same card: on focus of an element that holds a match, and by the
 * shortcut, which scrolls to the next match and moves focus into its card.
 * Hit-testing uses the caret position under the pointer, then the match's own rectangles.
 */
export class HoverController {
  private hovered: PageMatch | null = null;
  private shown: PageMatch | null = null;
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;
  private lastX = 0;
  private lastY = 0;
  private lastTarget: EventTarget | null = null;
  private readonly cleanups: (() => void)[] = [];
  /** Whether a resting pointer opens the card (and leaving closes it); off when the user chose "open on click". */
  pointerOpens = true;

  constructor(
    private readonly doc: Document,
    private readonly registry: MatchRegistry,
    private readonly card: CardHost,
  ) {
    card.onClose = () => this.close();
  }

  attach(): void {
    const win = this.doc.defaultView!;
    const on = <K extends keyof DocumentEventMap>(t: EventTarget, type: K | string, fn: (e: never) => void, opts: AddEventListenerOptions) => {
      t.addEventListener(type, fn as EventListener, opts);
      this.cleanups.push(() => t.removeEventListener(type, fn as EventListener, opts));
    };
    on(this.doc, 'pointermove', (e: PointerEvent) => {
      if (!this.pointerOpens) return;
      this.lastX = e.clientX;
      this.lastY = e.clientY;
      this.lastTarget = e.target;
      if (!this.frame) this.frame = win.requestAnimationFrame(() => this.onFrame());
    }, { passive: true, capture: true });
    on(this.doc, 'keydown', (e: KeyboardEvent) => {
      if (e.key === 'Escape' && this.card.isOpen) {
        this.close();
        e.stopPropagation();
        return;
      }
      if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && (e.code === NEXT_KEY || e.code === PREVIOUS_KEY)) {
        if (this.step(e.code === NEXT_KEY ? 1 : -1)) {
          e.preventDefault();
          e.stopPropagation();
        }
      }
    }, { capture: true });
    // Keyboard focus on something that holds a match (a link in the phrase, a post focused with
    // X's j/k keys) opens its card, without taking focus away.
    on(this.doc, 'focusin', (e: FocusEvent) => {
      const t = e.target;
      if (!(t instanceof Element) || this.card.contains(t)) return;
      const m = this.registry.all().find((x) => t.contains(x.block) || x.range.intersectsNode(t));
      if (m && m !== this.shown) this.show(m);
    }, { capture: true });
    on(this.doc, 'focusout', (e: FocusEvent) => {
      const next = e.relatedTarget as Node | null;
      if (this.shown && !this.card.contains(next) && !this.card.contains(e.target as Node)) {
        clearTimeout(this.closeTimer);
        this.closeTimer = setTimeout(() => {
          if (!this.card.contains(this.doc.activeElement)) this.close();
        }, CLOSE_DELAY_MS);
      }
    }, { capture: true });
    on(win, 'scroll', () => this.card.isOpen && this.card.reposition(), { passive: true, capture: true });
    on(win, 'resize', () => this.card.isOpen && this.card.reposition(), { passive: true });
  }

  detach(): void {
    for (const c of this.cleanups.splice(0)) c();
    this.close();
  }

  /** The match under a viewport point, if any. */
  hitTest(x: number, y: number): PageMatch | null {
    const doc = this.doc as Document & {
      caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node } | null;
      caretRangeFromPoint?: (x: number, y: number) => Range | null;
    };
    const node = doc.caretPositionFromPoint?.(x, y)?.offsetNode ?? doc.caretRangeFromPoint?.(x, y)?.startContainer ?? null;
    if (!node) return null;
    for (const m of this.registry.matchesAtNode(node)) {
      for (const r of m.range.getClientRects()) {
        if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return m;
      }
    }
    return null;
  }

  /** Moves to the next (+1) or previous (-1) match, scrolls it into view and opens its card. */
  step(direction: 1 | -1): boolean {
    const all = this.registry.all();
    if (all.length === 0) return false;
    const i = this.shown ? all.indexOf(this.shown) : -1;
    const next = all[i < 0 ? (direction === 1 ? 0 : all.length - 1) : (i + direction + all.length) % all.length]!;
    const el = next.range.startContainer.parentElement;
    const reduced = this.doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    el?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduced ? 'auto' : 'instant' });
    this.show(next, { focus: true });
    return true;
  }

  /** Opens the card for a match now (hover after the delay, focus, keyboard, tests). */
  show(match: PageMatch, opts: { focus?: boolean } = {}): void {
    clearTimeout(this.openTimer);
    clearTimeout(this.closeTimer);
    this.shown = match;
    this.registry.setActive(match);
    this.card.open(match.claim, match.evidence, () => {
      if (!match.range.startContainer.isConnected) return undefined;
      const x = this.lastX;
      const y = this.lastY;
      const rects = [...match.range.getClientRects()];
      // Anchor to the line under the pointer when the match wraps over several lines.
      return rects.find((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) ?? rects[0] ?? undefined;
    }, opts);
  }

  close(): void {
    clearTimeout(this.openTimer);
    clearTimeout(this.closeTimer);
    this.shown = null;
    this.registry.setActive(null);
    this.card.close();
  }

  private onFrame(): void {
    this.frame = 0;
    if (this.card.contains(this.lastTarget as Node | null)) {
      clearTimeout(this.closeTimer);
      return;
    }
    const m = this.hitTest(this.lastX, this.lastY);
    if (m !== this.hovered) {
      this.hovered = m;
      clearTimeout(this.openTimer);
      if (m && m !== this.shown) this.openTimer = setTimeout(() => this.hovered === m && this.show(m), OPEN_DELAY_MS);
    }
    if (m && m === this.shown) clearTimeout(this.closeTimer);
    else if (this.shown && !m) {
      clearTimeout(this.closeTimer);
      this.closeTimer = setTimeout(() => this.close(), CLOSE_DELAY_MS);
    }
  }
}
