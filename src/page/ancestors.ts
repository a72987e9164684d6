/** A memo of per-element answers: a Map for one callback's work, a WeakMap for a page's. */
export interface FlagCache {
  get(el: Element): boolean | undefined;
  set(el: Element, value: boolean): unknown;
}

/**
 * Whether `test` holds for `el` or an ancestor of it (`parent` walks up: parent elements by
 * default, across shadow roots for the scanner), memoised in `cache` for every element on the
 * way: the many blocks of a page share their ancestors, so each element is tested once.
 */
export function ancestorFlag(el: Element, cache: FlagCache, test: (e: Element) => boolean, parent: (e: Element) => Element | null = (e) => e.parentElement): boolean {
  const chain: Element[] = [];
  let result = false;
  for (let e: Element | null = el; e; e = parent(e)) {
    const known = cache.get(e);
    if (known !== undefined) {
      result = known;
      break;
    }
    chain.push(e);
    if (test(e)) {
      result = true;
      break;
    }
  }
  for (const e of chain) cache.set(e, result);
  return result;
}
