import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { lazy } from '@/src/util/lazy';

describe('lazy', () => {
  it('builds the value on first use, once, and stands in for it', () => {
    let built = 0;
    const Item = lazy(() => {
      built++;
      return z.strictObject({ n: z.number() });
    });
    expect(built).toBe(0);
    // Used inside another schema, as a method's receiver and with `in` / instanceof-like checks.
    const List = lazy(() => z.array(Item).check(z.maxLength(2)));
    expect(built).toBe(0);
    expect(List.safeParse([{ n: 1 }]).success).toBe(true);
    expect(List.safeParse([{ n: 1, x: 2 }]).success).toBe(false);
    expect(List.safeParse([{ n: 1 }, { n: 2 }, { n: 3 }]).success).toBe(false);
    expect(Item.parse({ n: 3 })).toEqual({ n: 3 });
    expect('_zod' in Item).toBe(true);
    expect(Object.keys(z.partial(Item).shape)).toEqual(['n']);
    expect(built).toBe(1);
  });
});
