import type { CardClaim, WireMatch } from '../messaging/protocol';

/** One highlighted match on the page. */
export interface PageMatch {
  readonly id: number;
  readonly range: Range;
  readonly block: Element;
  readonly claim: CardClaim;
  readonly evidence: WireMatch['evidence'];
  /** The text nodes the range touches: how hit-testing finds it. */
  readonly nodes: Text[];
}

export const HIGHLIGHT_NAME = 'claimlens-match';
/**
 * Every change to a CSS highlight makes Chromium repaint the document (measured 3.7 ms on a
 * 1.5 MB page, 34 ms on a 10 MB one), so new ranges are painted in batches: the first at once,
 * later ones at most this often, and while the scan is still busy (`holdPaint`) only when it goes
 * idle or PAINT_MAX_HOLD_MS after the last paint, whichever comes first.
 */
export const PAINT_INTERVAL_MS = 250;
export const PAINT_MAX_HOLD_MS = 1000;
export const ACTIVE_HIGHLIGHT_NAME = 'claimlens-active';

/**
 * The page's matches and their CSS Custom Highlight. Ranges live here and nowhere else, so
 * dropping a match releases its nodes. The page's text and elements are never touched.
 */
export class MatchRegistry {
  private readonly byId = new Map<number, PageMatch>();
  private readonly byNode = new Map<Text, PageMatch[]>();
  private readonly highlight: Highlight | undefined;
  private readonly active: Highlight | undefined;
  private nextId = 1;
  /** Ranges added but not yet in the highlight (see PAINT_INTERVAL_MS). */
  private readonly unpainted = new Set<Range>();
  private paintTimer: ReturnType<typeof setTimeout> | undefined;
  private lastPaint = -Infinity;
  /** True while more matches are on their way (the scanner has work queued): paints wait for it. */
  holdPaint: () => boolean = () => false;
  /** The paint timer waits for the scan (PAINT_MAX_HOLD_MS), not just PAINT_INTERVAL_MS. */
  private held = false;

  constructor(
    private readonly onChange: () => void = () => {},
    private readonly paintInterval = PAINT_INTERVAL_MS,
    private readonly maxHold = PAINT_MAX_HOLD_MS,
  ) {
    if (typeof Highlight !== 'undefined' && typeof CSS !== 'undefined' && CSS.highlights) {
      this.highlight = new Highlight();
      this.active = new Highlight();
      this.active.priority = 1;
      this.install();
    }
  }

  /** (Re-)registers our highlights: a page may clear CSS.highlights at any time. */
  install(): void {
    if (!this.highlight || !this.active) return;
    if (CSS.highlights.get(HIGHLIGHT_NAME) !== this.highlight) CSS.highlights.set(HIGHLIGHT_NAME, this.highlight);
    if (CSS.highlights.get(ACTIVE_HIGHLIGHT_NAME) !== this.active) CSS.highlights.set(ACTIVE_HIGHLIGHT_NAME, this.active);
  }

  add(m: Omit<PageMatch, 'id'>): PageMatch {
    const match: PageMatch = { ...m, id: this.nextId++ };
    this.byId.set(match.id, match);
    for (const n of match.nodes) {
      let l = this.byNode.get(n);
      if (!l) this.byNode.set(n, (l = []));
      l.push(match);
    }
    if (this.highlight) {
      this.unpainted.add(match.range);
      this.schedulePaint();
    }
    this.onChange();
    return match;
  }

  private schedulePaint(): void {
    if (this.paintTimer !== undefined) return;
    // The first highlight is painted at once; later ones are batched (see PAINT_INTERVAL_MS).
    const hold = this.lastPaint > -Infinity && this.holdPaint();
    const wait = Math.max(0, this.lastPaint + (hold ? this.maxHold : this.paintInterval) - performance.now());
    this.held = hold;
    if (wait === 0) this.paint();
    else this.paintTimer = setTimeout(() => this.paint(), wait);
  }

  /** The scan went idle: waiting ranges are painted now, or as soon as PAINT_INTERVAL_MS allows. */
  idle(): void {
    if (this.unpainted.size === 0 || (this.paintTimer !== undefined && !this.held)) return;
    clearTimeout(this.paintTimer);
    this.paintTimer = undefined;
    this.schedulePaint();
  }

  /** Puts every waiting range into the highlight: one repaint for the lot. */
  paint(): void {
    if (this.paintTimer !== undefined) clearTimeout(this.paintTimer);
    this.paintTimer = undefined;
    if (this.unpainted.size === 0 || !this.highlight) return;
    this.lastPaint = performance.now();
    for (const r of this.unpainted) this.highlight.add(r);
    this.unpainted.clear();
  }

  remove(match: PageMatch): void {
    if (!this.byId.delete(match.id)) return;
    for (const n of match.nodes) {
      const l = this.byNode.get(n);
      if (!l) continue;
      const rest = l.filter((x) => x !== match);
      if (rest.length > 0) this.byNode.set(n, rest);
      else this.byNode.delete(n);
    }
    // Removals are painted at once: a stale highlight must not linger on text that changed.
    if (!this.unpainted.delete(match.range)) this.highlight?.delete(match.range);
    this.active?.delete(match.range);
    this.onChange();
  }

  /** Drops every match whose block is `root` or inside it. */
  /**
   * Removes the matches in any of `roots` or below them (the blocks one mutation callback
   * changed): one pass over the matches, each looking up its block's ancestors (in its own tree,
   * as contains() does) instead of a contains() per root and match.
   */
  removeWithinAny(roots: ReadonlySet<Node>): void {
    if (this.byId.size === 0) return;
    for (const m of [...this.byId.values()]) {
      for (let n: Node | null = m.block; n; n = n.parentNode) {
        if (roots.has(n)) {
          this.remove(m);
          break;
        }
      }
    }
  }

  /** Drops matches whose text left the document or no longer reads the same. */
  sweep(): void {
    if (this.byId.size === 0) return;
    for (const m of [...this.byId.values()]) {
      if (!m.block.isConnected || m.nodes.some((n) => !n.isConnected) || m.range.collapsed) this.remove(m);
    }
  }

  /** Whether a match already covers exactly this range. */
  hasRange(range: Range): boolean {
    return this.matchesAtNode(range.startContainer).some(
      (m) => m.range.startContainer === range.startContainer && m.range.startOffset === range.startOffset && m.range.endContainer === range.endContainer && m.range.endOffset === range.endOffset,
    );
  }

  matchesAtNode(node: Node): readonly PageMatch[] {
    return node.nodeType === 3 ? (this.byNode.get(node as Text) ?? []) : [];
  }

  setActive(match: PageMatch | null): void {
    if (!this.active) return;
    if (match && this.unpainted.has(match.range)) this.paint();
    this.active.clear();
    if (match) this.active.add(match.range);
  }

  /** Every match in page order (matches in other trees, e.g. shadow roots, keep their arrival order). */
  all(): PageMatch[] {
    return [...this.byId.values()].sort((a, b) => {
      try {
        return a.range.compareBoundaryPoints(Range.START_TO_START, b.range) || a.id - b.id;
      } catch {
        return a.id - b.id;
      }
    });
  }

  /**
   * A page may clear or replace CSS.highlights at any time: checks every `ms` and registers
   * ours again. Returns a stop function.
   */
  guard(win: Window, ms = 1000): () => void {
    const t = win.setInterval(() => {
      if (this.byId.size > 0) this.install();
    }, ms);
    return () => win.clearInterval(t);
  }

  get size(): number {
    return this.byId.size;
  }

  claimIds(): string[] {
    return [...new Set([...this.byId.values()].map((m) => m.claim.id))];
  }

  clear(): void {
    for (const m of [...this.byId.values()]) this.remove(m);
  }
}
