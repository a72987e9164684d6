import { describe, expect, it } from 'vitest';
import { placeCard } from '@/src/card/position';

const vp = { width: 1000, height: 800 };
const card = { width: 380, height: 300 };
const overlaps = (p: ReturnType<typeof placeCard>, a: { top: number; bottom: number }, h: number) => p.top < a.bottom && p.top + (p.maxHeight ?? h) > a.top;

describe('placeCard', () => {
  it('goes below the anchor when it fits', () => {
    expect(placeCard({ left: 100, top: 100, bottom: 120 }, card, vp)).toEqual({ left: 100, top: 126, placement: 'below' });
  });

  it('flips above near the bottom of the viewport', () => {
    const p = placeCard({ left: 100, top: 700, bottom: 720 }, card, vp);
    expect(p.placement).toBe('above');
    expect(p.top + card.height).toBeLessThanOrEqual(700);
  });

  it('stays inside the viewport horizontally', () => {
    expect(placeCard({ left: 900, top: 100, bottom: 120 }, card, vp).left).toBe(1000 - 8 - 380);
    expect(placeCard({ left: -50, top: 100, bottom: 120 }, card, vp).left).toBe(8);
  });

  it('never covers its anchor: a card taller than either side is capped and scrolls', () => {
    const tall = { width: 380, height: 700 };
    for (const top of [50, 300, 420, 700]) {
      const a = { left: 10, top, bottom: top + 20 };
      const p = placeCard(a, tall, vp);
      expect(overlaps(p, a, tall.height)).toBe(false);
      expect(p.top).toBeGreaterThanOrEqual(8);
      expect(p.top + (p.maxHeight ?? tall.height)).toBeLessThanOrEqual(vp.height - 8 + 0.001);
    }
  });
});
