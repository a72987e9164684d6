// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockOf, isSkipped, replayBlocks, walkBlocks, type TextBlock, type WalkRecord } from '@/src/page/text-blocks';

const html = (s: string) => {
  document.body.innerHTML = s;
  return document.body;
};
const blocks = (root: Node, onShadowRoot?: (sr: ShadowRoot) => void) => [...walkBlocks(root, onShadowRoot)].filter((b): b is TextBlock => b !== null);
const texts = (root: Node) => blocks(root).map((b) => b.text);

/** The walk as it was (a TreeWalker with a filter callback per element): the reference. */
function* referenceWalk(root: Node): Generator<{ element: Element; text: string }> {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.nodeType === 1 && isSkipped(n as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let current: Element | null = null;
  let text = '';
  for (let n = walker.currentNode as Node | null; n; n = walker.nextNode()) {
    if (n.nodeType !== 3) continue;
    const t = n as Text;
    if (text === '' && !/\S/.test(t.data)) continue;
    const b = blockOf(t);
    if (!b) continue;
    if (b !== current) {
      if (current && text) yield { element: current, text };
      current = b;
      text = '';
    }
    text += t.data;
  }
  if (current && text) yield { element: current, text };
}

describe('walkBlocks', () => {
  it('reads a block across inline elements, one string per block', () => {
    expect(texts(html('<p>agent <b>Kras</b>nov</p><div>one <a href="#">two</a></div>'))).toEqual(['agent Krasnov', 'one two']);
  });

  it('skips scripts, styles, form fields, SVG and editable regions, and reads what follows them', () => {
    const root = html(
      '<div><section><p>a<textarea>no</textarea>b</p><script>no()</script></section></div>' +
        '<svg><text>no</text></svg><p contenteditable="true">no</p><div contenteditable=""><p>no</p></div>' +
        '<p contenteditable="false">yes</p><div><select><option>no</option></select></div><p>after</p>',
    );
    expect(texts(root)).toEqual(['ab', 'yes', 'after']);
  });

  it('gives each block its text nodes and their offsets', () => {
    const [b] = blocks(html('<p>one <i>two</i> three</p>'));
    expect(b!.nodes.map((n) => n.data)).toEqual(['one ', 'two', ' three']);
    expect(b!.offsets).toEqual([0, 4, 7]);
    expect(b!.element.tagName).toBe('P');
  });

  it('descends into open shadow roots after the light tree, and reports each one', () => {
    const root = html('<div id="host"></div><p>light</p>');
    const sr = root.querySelector('#host')!.attachShadow({ mode: 'open' });
    sr.innerHTML = '<p>in the <b>shadow</b></p><textarea>no</textarea>';
    const seen: ShadowRoot[] = [];
    expect(blocks(root, (s) => seen.push(s)).map((b) => b.text)).toEqual(['light', 'in the shadow']);
    expect(seen).toEqual([sr]);
  });

  it('yields a checkpoint (null) every 256 nodes, so a huge block is read in slices', () => {
    const root = html(`<p>${'<b>x</b>'.repeat(300)}</p>`);
    const all = [...walkBlocks(root)];
    expect(all.filter((x) => x === null).length).toBeGreaterThanOrEqual(2);
    expect(all.filter((x) => x !== null).map((b) => b!.text)).toEqual(['x'.repeat(300)]);
  });

  it('property: replaying a walk record after the text changed reads what a new walk reads', () => {
    const tags = ['p', 'div', 'span', 'b', 'a', 'section', 'script', 'textarea', 'li', 'em'];
    const tree: fc.Memo<string> = fc.memo((d) =>
      d <= 1
        ? fc.constantFrom('text', ' ', 'agent', '\n  ', 'Krasnov')
        : fc.oneof(
            fc.constantFrom('text', ' ', 'words'),
            fc.tuple(fc.constantFrom(...tags), fc.constantFrom('', ' contenteditable', ''), fc.array(tree(d - 1), { maxLength: 4 })).map(
              ([t, attr, kids]) => `<${t}${attr}>${kids.join('')}</${t}>`,
            ),
          ),
    );
    const data = fc.array(fc.constantFrom('', ' ', '\n ', 'new', 'agent Krasnov', 'x y'), { minLength: 40, maxLength: 40 });
    fc.assert(
      fc.property(fc.array(tree(5), { maxLength: 5 }), data, (parts, newData) => {
        const root = html(parts.join(''));
        const record: WalkRecord = { texts: [], blocks: [], visited: 0, shadow: false };
        const first = [...walkBlocks(root, undefined, record)].filter((b): b is TextBlock => b !== null);
        // A walk that needed a checkpoint (256 nodes) is not recorded, and never replayed.
        if (record.visited === Infinity) return;
        expect([...replayBlocks(record)]).toEqual(first);
        // A virtual list's recycling: new data in the same text nodes (white space included).
        const all: Text[] = [];
        const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        while (w.nextNode()) all.push(w.currentNode as Text);
        all.forEach((t, i) => (t.data = newData[i % newData.length]!));
        expect([...replayBlocks(record)]).toEqual(blocks(root));
      }),
      { numRuns: 300 },
    );
  });

  it('stops recording a walk at its first checkpoint (too big to keep)', () => {
    const root = html(`<div>${'<p>x</p>'.repeat(200)}</div>`);
    const record: WalkRecord = { texts: [], blocks: [], visited: 0, shadow: false };
    expect([...walkBlocks(root, undefined, record)].filter((b) => b !== null)).toHaveLength(200);
    expect(record.visited).toBe(Infinity);
    expect(record.texts.length).toBeLessThan(256);
  });

  it('property: reads exactly what the filter-callback walk read, on random pages', () => {
    const tags = ['p', 'div', 'span', 'b', 'a', 'section', 'script', 'textarea', 'svg', 'li', 'em', 'style', 'nav'];
    const tree: fc.Memo<string> = fc.memo((d) =>
      d <= 1
        ? fc.constantFrom('text', ' ', 'agent', '\n  ', 'Krasnov')
        : fc.oneof(
            fc.constantFrom('text', ' ', 'words'),
            fc.tuple(fc.constantFrom(...tags), fc.constantFrom('', ' contenteditable', ' contenteditable="false"', '', ''), fc.array(tree(d - 1), { maxLength: 4 })).map(
              ([t, attr, kids]) => `<${t}${attr}>${kids.join('')}</${t}>`,
            ),
          ),
    );
    fc.assert(
      fc.property(fc.array(tree(5), { maxLength: 5 }), (parts) => {
        const root = html(parts.join(''));
        const got = blocks(root).map((b) => ({ element: b.element, text: b.text }));
        expect(got).toEqual([...referenceWalk(root)]);
      }),
      { numRuns: 300 },
    );
  });
});
