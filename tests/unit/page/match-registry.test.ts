// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HIGHLIGHT_NAME, MatchRegistry, PAINT_INTERVAL_MS, PAINT_MAX_HOLD_MS } from '@/src/page/match-registry';
import type { CardClaim } from '@/src/messaging/protocol';

class FakeHighlight extends Set<Range> {
  priority = 0;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  vi.stubGlobal('Highlight', FakeHighlight);
  vi.stubGlobal('CSS', { highlights: new Map() });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function addMatch(reg: MatchRegistry) {
  const p = document.createElement('p');
  p.textContent = 'agent Krasnov';
  document.body.append(p);
  const range = document.createRange();
  range.setStart(p.firstChild!, 0);
  range.setEnd(p.firstChild!, 5);
  return reg.add({ range, block: p, claim: { id: 'c' } as CardClaim, evidence: { trigger: 'agent', language: 'en', context: [] }, nodes: [p.firstChild as Text] });
}

const painted = () => (CSS.highlights as unknown as Map<string, FakeHighlight>).get(HIGHLIGHT_NAME)!.size;

describe('MatchRegistry painting', () => {
  it('paints the first match at once, later ones batched at most every PAINT_INTERVAL_MS', () => {
    const reg = new MatchRegistry();
    vi.advanceTimersByTime(10_000);
    addMatch(reg);
    expect(painted()).toBe(1);
    addMatch(reg);
    addMatch(reg);
    expect(painted()).toBe(1);
    vi.advanceTimersByTime(PAINT_INTERVAL_MS);
    expect(painted()).toBe(3);
  });

  it('while the scan is busy, waits for it to go idle (or PAINT_MAX_HOLD_MS)', () => {
    const reg = new MatchRegistry();
    let busy = true;
    reg.holdPaint = () => busy;
    vi.advanceTimersByTime(10_000);
    addMatch(reg);
    expect(painted()).toBe(1); // the first highlight is not held back
    addMatch(reg);
    vi.advanceTimersByTime(PAINT_INTERVAL_MS * 2);
    expect(painted()).toBe(1);
    busy = false;
    reg.idle();
    expect(painted()).toBe(2);
    busy = true;
    addMatch(reg);
    vi.advanceTimersByTime(PAINT_MAX_HOLD_MS - 1);
    expect(painted()).toBe(2);
    vi.advanceTimersByTime(1);
    expect(painted()).toBe(3);
  });

  it('idle right after a paint still keeps PAINT_INTERVAL_MS between two repaints', () => {
    const reg = new MatchRegistry();
    reg.holdPaint = () => true;
    vi.advanceTimersByTime(10_000);
    addMatch(reg);
    addMatch(reg);
    reg.holdPaint = () => false;
    reg.idle();
    expect(painted()).toBe(1);
    vi.advanceTimersByTime(PAINT_INTERVAL_MS);
    expect(painted()).toBe(2);
  });
});

describe('MatchRegistry.removeWithinAny', () => {
  it('removes the matches in or below any of the roots, in their own tree, and no others', () => {
    document.body.replaceChildren();
    const reg = new MatchRegistry();
    const a = addMatch(reg);
    const b = addMatch(reg);
    const c = addMatch(reg);
    const wrap = document.createElement('section');
    document.body.append(wrap);
    wrap.append(b.block);
    // A match inside a shadow root below a root is not "within" it (contains() does not cross).
    const host = document.createElement('div');
    document.body.append(host);
    const shadowP = document.createElement('p');
    host.attachShadow({ mode: 'open' }).append(shadowP);
    shadowP.append(c.block);
    reg.removeWithinAny(new Set<Node>([a.block, wrap, host]));
    expect(reg.all().map((m) => m.id)).toEqual([c.id]);
    reg.removeWithinAny(new Set<Node>([shadowP]));
    expect(reg.all()).toEqual([]);
  });
});
