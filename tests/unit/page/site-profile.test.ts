// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ignoreChecker, isIgnored, profileFor } from '@/src/page/site-profile';

describe('ignoreChecker', () => {
  it('property: answers as isIgnored (closest) does, for every element, in any order', () => {
    const profile = profileFor('www.theguardian.com');
    const tags = ['div', 'p', 'nav', 'footer', 'section', 'span', 'article'];
    const attrs = ['', '', ' role="navigation"', ' class="cookie-banner"', ' id="main"', ' aria-label="Cookie notice"'];
    const tree: fc.Memo<string> = fc.memo((d) =>
      d <= 1
        ? fc.constant('x')
        : fc.tuple(fc.constantFrom(...tags), fc.constantFrom(...attrs), fc.array(tree(d - 1), { maxLength: 3 })).map(([t, a, kids]) => `<${t}${a}>${kids.join('')}</${t}>`),
    );
    fc.assert(
      fc.property(fc.array(tree(5), { maxLength: 4 }), fc.integer(), (parts, seed) => {
        document.body.innerHTML = parts.join('');
        const els = [...document.body.querySelectorAll('*')];
        // Ask in a shuffled order: answers cached for ancestors must not depend on it.
        const order = els.map((e, i) => ({ e, k: (i * 2654435761 + seed) % 1000 })).sort((a, b) => a.k - b.k).map((x) => x.e);
        const check = ignoreChecker(profile);
        for (const e of order) expect(check(e)).toBe(isIgnored(profile, e));
      }),
      { numRuns: 200 },
    );
  });
});
