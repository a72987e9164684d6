/**
 * Where to put a card of size `card` next to `anchor` so that it stays inside the viewport and
 * never covers the words it explains: below if it fits, else above if it fits, else on the
 * roomier side with its height capped (it scrolls inside). Pure.
 */
export function placeCard(
  anchor: { left: number; top: number; bottom: number },
  card: { width: number; height: number },
  viewport: { width: number; height: number },
  gap = 6,
  margin = 8,
): { left: number; top: number; placement: 'below' | 'above'; maxHeight?: number } {
  const spaceBelow = viewport.height - margin - (anchor.bottom + gap);
  const spaceAbove = anchor.top - gap - margin;
  const left = Math.max(margin, Math.min(anchor.left, viewport.width - margin - card.width));
  if (card.height <= spaceBelow) return { left, top: anchor.bottom + gap, placement: 'below' };
  if (card.height <= spaceAbove) return { left, top: anchor.top - gap - card.height, placement: 'above' };
  if (spaceBelow >= spaceAbove) return { left, top: anchor.bottom + gap, placement: 'below', maxHeight: Math.max(120, spaceBelow) };
  const maxHeight = Math.max(120, spaceAbove);
  return { left, top: Math.max(margin, anchor.top - gap - maxHeight), placement: 'above', maxHeight };
}
