import { normalize } from '../detect/normalize';
import type { PhraseMatcher } from '../detect/phrase-matcher';
import type { Request, Response } from '../messaging/protocol';
import type { MatchRegistry } from './match-registry';
import { blockOf, isInline, isSkipped, locate, walkBlocks, type TextBlock } from './text-blocks';

/** Blocks longer than this are sent as windows around the trigger words, not whole. */
const WHOLE_BLOCK_MAX = 4000;
const WINDOW = 600;
const BATCH_MAX = 50;
const SLICE_MS = 5;

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
}

/**
 * Finds trigger phrases locally (no message per node), then asks the background about the
 * few blocks that have any, and highlights what it confirms. Work is queued and done in
 * short time slices; the MutationObserver callback only queues.
 */
export class PageScanner {
  private readonly queue = new Set<Node>();
  private current: { root: Node; it: Iterator<TextBlock> } | undefined;
  private readonly generation = new WeakMap<Element, number>();
  private batch: Request<'matchBlocks'>['blocks'] = [];
  private readonly pending = new Map<number, Pending>();
  private nextBlockId = 1;
  private scheduled = false;
  private stopped = false;
  private observer: MutationObserver | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();
  private sweepNeeded = false;
  /** Counters for the benchmark (read from the content script's world): cheap to keep. */
  readonly stats = { blocks: 0, chars: 0, sliceMs: 0, slices: 0, longestSliceMs: 0, requests: 0, firstMatchAt: 0 };

  constructor(private readonly o: ScannerOptions) {}

  scan(root: Node): void {
    this.enqueue(root);
  }

  observe(root: Node): void {
    this.observer ??= new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') {
          this.enqueue(r.target);
          continue;
        }
        // A new post is scanned on its own; only text added to or removed from inside a
        // block (a text node, an inline element) makes that block be read again.
        for (const n of r.addedNodes) this.enqueue(n);
        for (const n of r.removedNodes) {
          this.sweepNeeded = true;
          if (n.nodeType === 3 || (n.nodeType === 1 && isInline(n as Element))) this.enqueue(r.target);
        }
        if (r.removedNodes.length > 0) this.schedule();
      }
    });
    this.observer.observe(root, { childList: true, subtree: true, characterData: true });
  }

  stop(): void {
    this.stopped = true;
    this.observer?.disconnect();
    this.queue.clear();
  }

  /** Resolves when the queue is empty and every request has been answered (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.scheduled || this.inFlight.size > 0 || this.queue.size > 0 || this.current) {
      await Promise.race([...this.inFlight, new Promise((r) => setTimeout(r, 10))]);
    }
  }

  /** Queues the block that `node` is or belongs to. */
  private enqueue(node: Node): void {
    if (this.stopped) return;
    let target: Element | null;
    if (node.nodeType === 3) target = blockOf(node);
    else if (node.nodeType === 1) {
      const el = node as Element;
      target = isInline(el) ? blockOf(el) : el;
    } else return;
    if (!target || insideSkipped(target)) return;
    // Matches in the changed block are dropped at once: no stale highlight while rescanning.
    this.o.registry.removeWithin(target);
    this.queue.add(target);
    this.schedule();
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
      if (!this.current) {
        const next = this.queue.values().next();
        if (next.done) break;
        this.queue.delete(next.value);
        if (!next.value.isConnected) continue;
        this.current = { root: next.value, it: walkBlocks(next.value) };
      }
      const r = this.current.it.next();
      if (r.done) {
        this.current = undefined;
        continue;
      }
      this.consider(r.value);
      if (this.batch.length >= BATCH_MAX) this.flush();
    }
    this.flush();
    const spent = performance.now() - (deadline - SLICE_MS);
    this.stats.sliceMs += spent;
    this.stats.slices++;
    if (spent > this.stats.longestSliceMs) this.stats.longestSliceMs = spent;
    if (this.current || this.queue.size > 0) this.schedule();
  }

  private consider(block: TextBlock): void {
    this.stats.blocks++;
    this.stats.chars += block.text.length;
    const generation = (this.generation.get(block.element) ?? 0) + 1;
    this.generation.set(block.element, generation);
    const norm = normalize(block.text);
    if (block.text.length <= WHOLE_BLOCK_MAX) {
      if (!this.o.matcher.hasAny(norm.text)) return;
      this.add(block, 0, block.text, generation);
      return;
    }
    // A long block: send windows around the trigger words, merged where they overlap.
    const hits = this.o.matcher.findAll(norm.text);
    let winStart = -1;
    let winEnd = -1;
    for (const h of hits) {
      const s = Math.max(0, norm.start[h.start]! - WINDOW);
      const e = Math.min(block.text.length, norm.end[h.end - 1]! + WINDOW);
      if (winStart >= 0 && s <= winEnd) winEnd = Math.max(winEnd, e);
      else {
        if (winStart >= 0) this.add(block, winStart, block.text.slice(winStart, winEnd), generation);
        winStart = s;
        winEnd = e;
      }
    }
    if (winStart >= 0) this.add(block, winStart, block.text.slice(winStart, winEnd), generation);
  }

  private add(block: TextBlock, offset: number, text: string, generation: number): void {
    const id = this.nextBlockId++;
    this.pending.set(id, { block, offset, generation });
    this.batch.push({ id, text });
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const blocks = this.batch;
    this.batch = [];
    this.stats.requests++;
    const headline = this.o.headline();
    const p = this.o
      .ask({ type: 'matchBlocks', blocks, ...(headline ? { headline: headline.slice(0, 1000) } : {}) })
      .then((res) => this.apply(res))
      .catch((e: unknown) => this.o.onError?.(e))
      .finally(() => {
        for (const b of blocks) this.pending.delete(b.id);
        this.inFlight.delete(p);
      });
    this.inFlight.add(p);
  }

  private apply(res: Response<'matchBlocks'>): void {
    if (this.stopped) return;
    let changed = false;
    for (const m of res.matches) {
      const p = this.pending.get(m.block);
      const claim = res.claims[m.claimId];
      if (!p || !claim) continue;
      const { block } = p;
      // The block changed since it was read: a newer scan is queued and will decide.
      if (this.generation.get(block.element) !== p.generation) continue;
      if (block.nodes.some((n) => !n.isConnected) || block.nodes.map((n) => n.data).join('') !== block.text) continue;
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
      this.o.registry.add({ range, block: block.element, claim, evidence: m.evidence, nodes: block.nodes.slice(from, to + 1) });
      changed = true;
    }
    if (changed) {
      if (!this.stats.firstMatchAt) this.stats.firstMatchAt = performance.now();
      this.o.onChange();
    }
  }
}

function insideSkipped(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) if (isSkipped(e)) return true;
  return false;
}

