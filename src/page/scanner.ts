import { normalize } from '../detect/normalize';
import type { PhraseMatcher } from '../detect/phrase-matcher';
import type { CardClaim, Request, Response } from '../messaging/protocol';
import type { MatchRegistry } from './match-registry';
import { ancestorFlag } from './ancestors';
import { blockOf, isInline, isSkipped, locate, replayBlocks, walkBlocks, type TextBlock, type WalkRecord } from './text-blocks';

/** Blocks longer than this are sent as windows around the trigger words, not whole. */
const WHOLE_BLOCK_MAX = 4000;
const WINDOW = 600;
const BATCH_MAX = 50;
const BATCH_WAIT_MS = 100;
/**
 * At most one request per this interval (after the first, which goes at once): a feed adds posts
 * every ~100 ms, and each request costs a message each way, a reply to parse and the wake-up of
 * the worker; matches are painted at most every 250 ms anyway (PAINT_INTERVAL_MS).
 */
const REQUEST_INTERVAL_MS = 250;
/** Characters of a long block read per slice, and the overlap that catches a phrase cut in two. */
const CHUNK = 64 * 1024;
const CHUNK_OVERLAP = 256;
const SLICE_MS = 5;
/**
 * A subtree whose walk visits fewer nodes than this (a post, a paragraph) keeps its walk record;
 * the walk stops recording at its first checkpoint (every 256 nodes), so this is at most 255.
 */
const WALK_RECORD_MAX_NODES = 255;
/** The observer's options: text and structure, and the one attribute that changes what is read. */
const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['contenteditable'] };

type Ask = (req: Request<'matchBlocks'>) => Promise<Response<'matchBlocks'>>;

interface Pending {
  block: TextBlock;
  offset: number;
  generation: number;
}

export interface ScannerOptions {
  matcher: PhraseMatcher;
  registry: MatchRegistry;
  ask: Ask;
  headline: () => string | undefined;
  /** Called after matches were added or removed. */
  onChange: () => void;
  onError?: (e: unknown) => void;
  /** An open shadow root was found: it is observed too; the caller may style highlights in it. */
  onShadowRoot?: (sr: ShadowRoot) => void;
  /** Elements whose text the site profile says to ignore. */
  ignore?: (el: Element) => boolean;
  /** The queue ran empty (every block read; answers may still be on their way). */
  onIdle?: () => void;
}

/**
 * Finds trigger phrases locally (no message per node), then asks the background about the
 * few blocks that have any, and highlights what it confirms. Work is queued and done in
 * short time slices; the MutationObserver callback only queues.
 */
export class PageScanner {
  private readonly queue = new Set<Node>();
  private readonly chunks: { block: TextBlock; generation: number; pos: number; windowEnd: number }[] = [];
  private current: { root: Node; it: Iterator<TextBlock | null>; record?: WalkRecord } | undefined;
  /**
   * The walk of each small subtree read so far (a post), until the observer reports a change to
   * its structure: a recycled post (new text in the same nodes) is read again from it, without
   * walking the DOM (replayBlocks).
   */
  private readonly walks = new WeakMap<Node, WalkRecord>();
  private readonly generation = new WeakMap<Element, number>();
  private batch: Request<'matchBlocks'>['blocks'] = [];
  private batchSince = 0;
  private lastRequestAt = -Infinity;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly pending = new Map<number, Pending>();
  /** Card data received so far, by claim id: each claim's card crosses from the worker once per page. */
  private readonly cards = new Map<string, CardClaim>();
  private nextBlockId = 1;
  private scheduled = false;
  private stopped = false;
  private observer: MutationObserver | undefined;
  private sweepNeeded = false;
  /** Counters for the benchmark (read from the content script's world): cheap to keep. */
  readonly stats = { blocks: 0, chars: 0, sliceMs: 0, slices: 0, longestSliceMs: 0, requests: 0, firstMatchAt: 0 };

  constructor(private readonly o: ScannerOptions) {}

  scan(root: Node): void {
    this.enqueue(root);
  }

  observe(root: Node): void {
    this.observer ??= new MutationObserver((records) => this.onMutations(records));
    this.observer.observe(root, OBSERVE);
  }

  /**
   * One callback often holds several records about the same post (a recycled post in a virtual
   * list: moved, and three of its texts changed): each block is queued once, and not at all when
   * a block or subtree around it is queued too (its walk reads it). A new post is read on its own;
   * only text added to or removed from inside a block (a text node, an inline element) makes that
   * block be read again.
   */
  onMutations(records: readonly MutationRecord[]): void {
    if (this.stopped) return;
    const targets = new Set<Element>();
    const restructured = new Set<Node>();
    let removed = false;
    for (const r of records) {
      const type = r.type;
      if (type === 'characterData') {
        addTarget(targets, r.target);
        continue;
      }
      // The structure under r.target changed (or an element became editable or not): the walk
      // records of the subtrees around it no longer hold.
      if (!restructured.has(r.target)) {
        restructured.add(r.target);
        this.forgetWalks(r.target);
      }
      if (type === 'attributes') continue;
      // Indexed, not for…of: a NodeList's iterator costs more than the few nodes in it.
      const added = r.addedNodes;
      for (let i = 0; i < added.length; i++) addTarget(targets, added[i]!);
      const gone = r.removedNodes;
      for (let i = 0; i < gone.length; i++) {
        const n = gone[i]!;
        removed = true;
        if (n.nodeType === 3 || (n.nodeType === 1 && isInline(n as Element))) addTarget(targets, r.target);
      }
    }
    if (removed) this.sweepNeeded = true;
    // Ancestors are shared by many targets (the timeline, the page): each is looked at once here.
    const skipped = new Map<Element, boolean>();
    const covered = new Map<Element, boolean>();
    const queuedAbove = (e: Element) => targets.has(e) || this.queue.has(e);
    const changed = new Set<Element>();
    for (const t of targets) {
      const parent = parentOrHost(t);
      if (this.enqueueBlock(t, skipped, !!parent && ancestorFlag(parent, covered, queuedAbove, parentOrHost))) changed.add(t);
    }
    // The old matches in every changed block go at once, in one pass over the matches.
    if (changed.size > 0) this.o.registry.removeWithinAny(changed);
    if (removed) this.schedule();
  }

  /** Drops the walk records of `node` and of every subtree around it. */
  private forgetWalks(node: Node): void {
    for (let n: Node | null = node; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) {
      this.walks.delete(n);
      // A walk under way there is not kept either.
      if (this.current?.root === n) this.current.record = undefined;
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.flushTimer);
    this.observer?.disconnect();
    this.queue.clear();
    this.chunks.length = 0;
  }

  /** Queues the block that `node` is or belongs to. */
  private enqueue(node: Node): void {
    if (this.stopped) return;
    const target = targetOf(node);
    if (target && this.enqueueBlock(target, new Map(), false)) this.o.registry.removeWithinAny(new Set([target]));
  }

  /**
   * Marks `target` changed (an answer still on its way about the old text is discarded) and
   * queues it, unless it is inside a skipped or ignored element, or `covered` (a subtree around it
   * is queued and will read it). Returns whether the target changed: the caller then drops its
   * matches at once (no stale highlight while it is read again).
   */
  private enqueueBlock(target: Element, skipped: Map<Element, boolean>, covered: boolean): boolean {
    if (ancestorFlag(target, skipped, isSkipped, parentOrHost)) return false;
    if (this.o.ignore?.(target)) return false;
    this.generation.set(target, (this.generation.get(target) ?? 0) + 1);
    if (covered) return true;
    this.queue.add(target);
    this.schedule();
    return true;
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setTimeout(() => this.runSlice(), 0);
  }

  private runSlice(): void {
    this.scheduled = false;
    if (this.stopped) return;
    const deadline = performance.now() + SLICE_MS;
    if (this.sweepNeeded) {
      this.sweepNeeded = false;
      this.o.registry.sweep();
    }
    while (performance.now() < deadline) {
      if (this.readChunk()) {
        if (this.batch.length >= BATCH_MAX) this.flush();
        continue;
      }
      if (!this.current) {
        const next = this.queue.values().next();
        if (next.done) break;
        this.queue.delete(next.value);
        const root = next.value;
        if (!root.isConnected) continue;
        const done = this.walks.get(root);
        if (done) this.current = { root, it: replayBlocks(done) };
        else {
          const record: WalkRecord = { texts: [], blocks: [], visited: 0, shadow: false };
          this.current = { root, it: walkBlocks(root, (sr) => this.adoptShadowRoot(sr), record), record };
        }
      }
      const r = this.current.it.next();
      if (r.done) {
        const { root, record } = this.current;
        // Kept for a small subtree without shadow roots (their content is not in the record).
        if (record && !record.shadow && record.visited <= WALK_RECORD_MAX_NODES && root.nodeType === 1) this.walks.set(root, record);
        this.current = undefined;
        continue;
      }
      if (r.value === null) continue; // a checkpoint inside a big block: look at the clock
      this.consider(r.value);
      if (this.batch.length >= BATCH_MAX) this.flush();
    }
    // One message per ~100 ms of candidates (or when the work runs out), not one per slice:
    // each runtime message costs more than a slice of scanning. After the first, at most one per
    // REQUEST_INTERVAL_MS: what a feed adds meanwhile waits (on a timer if the scan goes idle).
    const more = !!this.current || this.queue.size > 0 || this.chunks.length > 0;
    if (this.batch.length > 0 && (!more || performance.now() - this.batchSince >= BATCH_WAIT_MS)) this.flushSoon(more);
    const spent = performance.now() - (deadline - SLICE_MS);
    this.stats.sliceMs += spent;
    this.stats.slices++;
    if (spent > this.stats.longestSliceMs) this.stats.longestSliceMs = spent;
    if (this.busy) this.schedule();
    else this.o.onIdle?.();
  }

  /** Blocks are queued or being read. */
  get busy(): boolean {
    return !this.stopped && (!!this.current || this.queue.size > 0 || this.chunks.length > 0);
  }

  private readonly shadowRoots = new WeakSet<ShadowRoot>();

  /** Mutations inside an open shadow root are invisible to the document's observer: watch it too. */
  private adoptShadowRoot(sr: ShadowRoot): void {
    if (this.shadowRoots.has(sr)) return;
    this.shadowRoots.add(sr);
    if (this.observer) this.observer.observe(sr, OBSERVE);
    this.o.onShadowRoot?.(sr);
  }

  private consider(block: TextBlock): void {
    if (this.o.ignore?.(block.element)) return;
    this.stats.blocks++;
    this.stats.chars += block.text.length;
    const generation = (this.generation.get(block.element) ?? 0) + 1;
    this.generation.set(block.element, generation);
    if (block.text.length <= WHOLE_BLOCK_MAX) {
      if (!this.o.matcher.hasAnyIn(block.text)) return;
      this.add(block, 0, block.text, generation);
      return;
    }
    // A long block (an article in one node, a hostile 5 MB text node) is read in chunks, one
    // per slice, and sent as windows around the trigger words.
    this.chunks.push({ block, generation, pos: 0, windowEnd: 0 });
  }

  /** Reads the next chunk of the oldest long block; returns false when there is none. */
  private readChunk(): boolean {
    const job = this.chunks[0];
    if (!job) return false;
    const { block, generation } = job;
    if (this.generation.get(block.element) !== generation) {
      this.chunks.shift();
      return true;
    }
    const from = job.pos;
    const to = Math.min(block.text.length, from + CHUNK);
    const piece = block.text.slice(from, Math.min(block.text.length, to + CHUNK_OVERLAP));
    job.pos = to;
    // The fused check first: most chunks of a long text hold no trigger and need no normalising.
    if (this.o.matcher.hasAnyFast(piece) === false) {
      if (to >= block.text.length) this.chunks.shift();
      return true;
    }
    const norm = normalize(piece);
    let winStart = -1;
    let winEnd = -1;
    for (const h of this.o.matcher.findAll(norm.text)) {
      const hs = from + norm.start[h.start]!;
      const he = from + norm.end[h.end - 1]!;
      // Hits that start in the overlap belong to the next chunk; hits inside an earlier window were sent.
      if (hs >= to || hs < job.windowEnd) continue;
      const s = Math.max(job.windowEnd, hs - WINDOW);
      const e = Math.min(block.text.length, he + WINDOW);
      if (winStart >= 0 && s <= winEnd) winEnd = Math.max(winEnd, e);
      else {
        if (winStart >= 0) this.add(block, winStart, block.text.slice(winStart, winEnd), generation);
        winStart = s;
        winEnd = e;
      }
    }
    if (winStart >= 0) {
      this.add(block, winStart, block.text.slice(winStart, winEnd), generation);
      job.windowEnd = winEnd;
    }
    if (to >= block.text.length) this.chunks.shift();
    return true;
  }

  private add(block: TextBlock, offset: number, text: string, generation: number): void {
    if (this.batch.length === 0) this.batchSince = performance.now();
    const id = this.nextBlockId++;
    this.pending.set(id, { block, offset, generation });
    this.batch.push({ id, text });
  }

  /** flush() now, or when REQUEST_INTERVAL_MS has passed since the last request. */
  private flushSoon(more: boolean): void {
    const wait = this.lastRequestAt + REQUEST_INTERVAL_MS - performance.now();
    if (wait <= 0) this.flush();
    else if (!more && this.flushTimer === undefined) this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.batch.length === 0 || this.stopped) return;
    this.lastRequestAt = performance.now();
    const blocks = this.batch;
    this.batch = [];
    this.stats.requests++;
    const headline = this.o.headline();
    this.o
      .ask({ type: 'matchBlocks', blocks, ...(headline ? { headline: headline.slice(0, 1000) } : {}), ...(this.cards.size > 0 ? { known: [...this.cards.keys()] } : {}) })
      .then((res) => this.apply(res))
      .catch((e: unknown) => this.o.onError?.(e))
      .finally(() => {
        for (const b of blocks) this.pending.delete(b.id);
      });
  }

  private apply(res: Response<'matchBlocks'>): void {
    if (this.stopped) return;
    let changed = false;
    for (const [id, card] of Object.entries(res.claims)) this.cards.set(id, card);
    for (const m of res.matches) {
      const p = this.pending.get(m.block);
      const claim = this.cards.get(m.claimId);
      if (!p || !claim) continue;
      const { block } = p;
      // The block changed since it was read: a newer scan is queued and will decide.
      if (this.generation.get(block.element) !== p.generation) continue;
      if (!unchanged(block)) continue;
      const start = p.offset + m.start;
      const end = p.offset + m.end;
      if (!(start < end && end <= block.text.length)) continue;
      const a = locate(block, start, false);
      const b = locate(block, end, true);
      const range = block.element.ownerDocument.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      const from = block.nodes.indexOf(a.node);
      const to = block.nodes.indexOf(b.node);
      // Two answers about the same words (a rescan raced an earlier reply) make one highlight.
      if (this.o.registry.hasRange(range)) continue;
      this.o.registry.add({ range, block: block.element, claim, evidence: m.evidence, nodes: block.nodes.slice(from, to + 1) });
      changed = true;
    }
    if (changed) {
      if (!this.stats.firstMatchAt) this.stats.firstMatchAt = performance.now();
      this.o.onChange();
    }
  }
}

/** The block a changed node is or belongs to (an inline element's or a text node's enclosing block). */
export function targetOf(node: Node): Element | null {
  if (node.nodeType === 3) return blockOf(node);
  if (node.nodeType !== 1) return null;
  const el = node as Element;
  return isInline(el) ? blockOf(el) : el;
}

function addTarget(targets: Set<Element>, node: Node): void {
  const t = targetOf(node);
  if (t) targets.add(t);
}

/** The parent element, or the host of the shadow root `el` is the top of. */
function parentOrHost(el: Element): Element | null {
  return el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null);
}


/** The block's text nodes are still in the page and hold as many characters as when read. */
function unchanged(block: TextBlock): boolean {
  let total = 0;
  for (const n of block.nodes) {
    if (!n.isConnected) return false;
    total += n.data.length;
  }
  return total === block.text.length;
}
