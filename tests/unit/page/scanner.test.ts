// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parsePhrase, PhraseMatcher } from '@/src/detect/phrase-matcher';
import type { MatchRegistry } from '@/src/page/match-registry';
import { ancestorFlag } from '@/src/page/ancestors';
import { PageScanner } from '@/src/page/scanner';

function setup() {
  const removedWithin: Node[] = [];
  const registry = { removeWithinAny: (s: ReadonlySet<Node>) => removedWithin.push(...s), sweep: () => {}, hasRange: () => false, add: () => {} } as unknown as MatchRegistry;
  const asked: string[] = [];
  const scanner = new PageScanner({
    matcher: new PhraseMatcher(['agent krasnov'].map(parsePhrase)),
    registry,
    ask: async (req) => {
      asked.push(...req.blocks.map((b) => b.text));
      return { matches: [], claims: {} };
    },
    headline: () => undefined,
    onChange: () => {},
  });
  return { scanner, removedWithin, asked };
}

/** Runs the scanner's queued slices to the end. */
async function drain() {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 1));
}

const record = (r: Partial<MutationRecord>) => ({ addedNodes: [] as unknown as NodeList, removedNodes: [] as unknown as NodeList, ...r }) as MutationRecord;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('PageScanner mutations', () => {
  it('a recycled post (moved, three texts changed) is read once, not once per record', async () => {
    document.body.innerHTML = '<div id="timeline"><article><p class="name">User 1</p><p class="handle">@user1</p><p class="text">Trump is agent Krasnov</p></article></div>';
    const { scanner, removedWithin, asked } = setup();
    const art = document.querySelector('article')!;
    const texts = [...art.querySelectorAll('p')].map((p) => p.firstChild!);
    scanner.onMutations([
      ...texts.map((t) => record({ type: 'characterData', target: t })),
      record({ type: 'childList', target: document.getElementById('timeline')!, addedNodes: [art] as unknown as NodeList }),
    ]);
    await drain();
    expect(scanner.stats.blocks).toBe(3);
    expect(asked).toEqual(['Trump is agent Krasnov']);
    // Every changed block still drops its old highlights at once.
    expect(new Set(removedWithin)).toEqual(new Set([art, ...art.querySelectorAll('p')]));
  });

  it('changes inside one block queue it once; two blocks are read one each', async () => {
    document.body.innerHTML = '<p id="a">one <b>two</b></p><p id="b">three</p>';
    const { scanner } = setup();
    const a = document.getElementById('a')!;
    const b = document.getElementById('b')!;
    scanner.onMutations([
      record({ type: 'characterData', target: a.firstChild! }),
      record({ type: 'characterData', target: a.querySelector('b')!.firstChild! }),
      record({ type: 'characterData', target: b.firstChild! }),
    ]);
    await drain();
    expect(scanner.stats.blocks).toBe(2);
  });

  it('ignores changes inside skipped or editable elements', async () => {
    document.body.innerHTML = '<div contenteditable="true"><p>agent Krasnov</p></div><textarea>agent Krasnov</textarea>';
    const { scanner, asked } = setup();
    scanner.onMutations([
      record({ type: 'characterData', target: document.querySelector('p')!.firstChild! }),
      record({ type: 'characterData', target: document.querySelector('textarea')!.firstChild! }),
    ]);
    await drain();
    expect(scanner.stats.blocks).toBe(0);
    expect(asked).toEqual([]);
  });

  it('a text removed from a block makes that block be read again', async () => {
    document.body.innerHTML = '<p>agent Krasnov</p>';
    const { scanner, asked } = setup();
    const gone = document.createTextNode('x');
    scanner.onMutations([record({ type: 'childList', target: document.querySelector('p')!, removedNodes: [gone] as unknown as NodeList })]);
    await drain();
    expect(asked).toEqual(['agent Krasnov']);
  });
});

describe('ancestorFlag', () => {
  it('tests each ancestor once across calls that share them, and caches the answer on the way', () => {
    document.body.innerHTML = '<div id="top"><section><p id="a">a</p><p id="b">b</p></section></div>';
    const cache = new Map<Element, boolean>();
    const test = vi.fn((e: Element) => e.id === 'top');
    expect(ancestorFlag(document.getElementById('a')!, cache, test)).toBe(true);
    expect(ancestorFlag(document.getElementById('b')!, cache, test)).toBe(true);
    // a, section, top; then only b (section is cached).
    expect(test).toHaveBeenCalledTimes(4);
    const none = vi.fn(() => false);
    expect(ancestorFlag(document.getElementById('a')!, new Map(), none)).toBe(false);
    expect(none).toHaveBeenCalledTimes(5); // a, section, div, body, html
  });
});
