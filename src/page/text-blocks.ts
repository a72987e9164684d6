/**
 * Reading a page's text the way a person reads it: per block (a post, a paragraph), so a phrase
 * split across inline elements (`agent <b>Kras</b>nov`, a link inside a sentence) is one string.
 * Nothing here changes the page.
 */

/** Elements whose text is not read by a person, or is ClaimLens's own. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'IFRAME', 'OBJECT', 'CANVAS', 'SVG', 'MATH', 'HEAD', 'TITLE', 'CLAIMLENS-CARD', 'CLAIMLENS-NOTICE']);

/** Inline elements: text inside them belongs to the enclosing block. */
const INLINE = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DFN', 'DEL', 'EM', 'FONT', 'I', 'INS', 'KBD', 'LABEL', 'MARK', 'Q', 'RUBY', 'RT', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'VAR', 'WBR', 'BIG', 'NOBR',
]);

/** An element whose subtree is not read (see SKIP), or that is editable (`contenteditable`). */
export function isSkipped(el: Element): boolean {
  return skippedTag(el.tagName) || isEditable(el);
}

function skippedTag(tag: string): boolean {
  // HTML elements' tag names are upper case; SVG's and MathML's are not.
  return SKIP.has(tag) || (tag.charCodeAt(0) >= 97 && SKIP.has(tag.toUpperCase()));
}

function isEditable(el: Element): boolean {
  const ce = el.getAttribute('contenteditable');
  return ce !== null && ce !== 'false';
}

function inlineTag(tag: string): boolean {
  return INLINE.has(tag) || (tag.charCodeAt(0) >= 97 && INLINE.has(tag.toUpperCase()));
}

export function isInline(el: Element): boolean {
  return inlineTag(el.tagName);
}

export function blockOf(node: Node): Element | null {
  let el = node.parentElement;
  while (el && inlineTag(el.tagName) && el.parentElement) el = el.parentElement;
  return el;
}

/** A run of consecutive text nodes sharing the same block: what detection reads as one text. */
export interface TextBlock {
  readonly element: Element;
  readonly nodes: Text[];
  /** Offset of each node's first character in `text`. */
  readonly offsets: number[];
  readonly text: string;
}

export function makeBlock(element: Element, nodes: Text[], data: string[] = nodes.map((n) => n.data)): TextBlock {
  const offsets = new Array<number>(nodes.length);
  let text = '';
  for (let i = 0; i < data.length; i++) {
    offsets[i] = text.length;
    text += data[i]!;
  }
  return { element, nodes, offsets, text };
}

/** Text node + offset for a position in a block's text (end positions resolve to the earlier node). */
export function locate(block: TextBlock, pos: number, isEnd: boolean): { node: Text; offset: number } {
  let lo = 0;
  let hi = block.nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    const o = block.offsets[mid]!;
    if (o < pos || (!isEnd && o === pos)) lo = mid;
    else hi = mid - 1;
  }
  return { node: block.nodes[lo]!, offset: pos - block.offsets[lo]! };
}

/**
 * Walks a subtree and yields its text blocks, skipping what a person does not read and
 * descending into open shadow roots. Resumable: the caller pulls blocks one at a time (and a
 * `null` every few hundred nodes), so a huge page is read in time slices.
 */
/** How many nodes the walk visits between two checkpoints (a `null` yielded for the caller's clock). */
const CHECKPOINT_EVERY = 256;
const NOT_SPACE = /\S/;

/**
 * What one walk of a subtree saw, for reading it again without walking (replayBlocks): its text
 * nodes in document order, each with the block the walk found for it (undefined: not looked up,
 * a run of white space), how many nodes it visited, and whether it met a shadow root.
 */
export interface WalkRecord {
  readonly texts: Text[];
  readonly blocks: (Element | null | undefined)[];
  visited: number;
  shadow: boolean;
}

export function* walkBlocks(root: Node, onShadowRoot?: (sr: ShadowRoot) => void, record?: WalkRecord): Generator<TextBlock | null> {
  const doc = root.ownerDocument ?? (root as Document);
  // No filter callback: the walker hands out every element and text node and the loop below
  // steps over skipped subtrees itself (a JavaScript filter per node costs more than the walk).
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let current: Element | null = null;
  let nodes: Text[] = [];
  let data: string[] = [];
  // Consecutive text nodes usually share a parent, and so a block: look it up once per parent.
  let lastParent: Element | null = null;
  let lastBlock: Element | null = null;
  const shadows: ShadowRoot[] = [];
  let visited = 0;
  let n: Node | null = root;
  while (n) {
    // A block can hold 100,000 nodes: let the caller look at its clock now and then.
    if (++visited % CHECKPOINT_EVERY === 0) {
      // A subtree this big is not kept for replayBlocks: stop recording it.
      if (record) {
        record.visited = Infinity;
        record = undefined;
      }
      yield null;
    }
    const type = n.nodeType;
    if (type === 1) {
      const el = n as Element;
      if (n !== root && (skippedTag(el.tagName) || isEditable(el))) {
        n = nextOutside(walker);
        continue;
      }
      const sr = el.shadowRoot;
      if (sr) {
        if (record) record.shadow = true;
        shadows.push(sr);
        onShadowRoot?.(sr);
      }
    } else if (type === 3) {
      const t = n as Text;
      const d = t.data;
      record?.texts.push(t);
      if (nodes.length > 0 || NOT_SPACE.test(d)) {
        const parent = t.parentElement;
        const b = parent === lastParent ? lastBlock : (lastBlock = blockOf(t));
        lastParent = parent;
        record?.blocks.push(b);
        if (b) {
          if (b !== current) {
            if (current && nodes.length > 0) yield makeBlock(current, nodes, data);
            current = b;
            nodes = [];
            data = [];
          }
          nodes.push(t);
          data.push(d);
        }
      } else record?.blocks.push(undefined);
    }
    n = walker.nextNode();
  }
  if (record) record.visited = visited;
  if (current && nodes.length > 0) yield makeBlock(current, nodes, data);
  for (const sr of shadows) yield* walkBlocks(sr, onShadowRoot);
}

/**
 * The blocks walkBlocks would yield for a subtree whose structure (its nodes, their order and
 * parents, their attributes) has not changed since `record` was taken: the same grouping of the
 * same text nodes, read from their current data, without walking the DOM. Only the data may have
 * changed (a recycled post in a virtual list gets new text in the same nodes).
 */
export function* replayBlocks(record: WalkRecord): Generator<TextBlock> {
  const { texts, blocks } = record;
  let current: Element | null = null;
  let nodes: Text[] = [];
  let data: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]!;
    const d = t.data;
    if (nodes.length === 0 && !NOT_SPACE.test(d)) continue;
    let b = blocks[i];
    if (b === undefined) b = blocks[i] = blockOf(t);
    if (!b) continue;
    if (b !== current) {
      if (current && nodes.length > 0) yield makeBlock(current, nodes, data);
      current = b;
      nodes = [];
      data = [];
    }
    nodes.push(t);
    data.push(d);
  }
  if (current && nodes.length > 0) yield makeBlock(current, nodes, data);
}

/** Moves the walker past the current node's subtree: the next node after it in document order, or null. */
function nextOutside(walker: TreeWalker): Node | null {
  for (;;) {
    const s = walker.nextSibling();
    if (s) return s;
    if (!walker.parentNode()) return null;
  }
}
