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

  constructor(private readonly onChange: () => void = () => {}) {
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
    this.highlight?.add(match.range);
    this.onChange();
    return match;
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
    this.highlight?.delete(match.range);
    this.active?.delete(match.range);
    this.onChange();
  }

  /** Drops every match whose block is `root` or inside it. */
  removeWithin(root: Node): void {
    for (const m of [...this.byId.values()]) if (root === m.block || root.contains(m.block)) this.remove(m);
  }

  /** Drops matches whose text left the document or no longer reads the same. */
  sweep(): void {
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
