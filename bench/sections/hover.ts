import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchPage, sleep } from '../browser';
import { newsUrl, type BenchEnv } from '../env';
import { fig } from '../figures';

/** The hover controller's open delay, read from src/page/hover.ts (OPEN_DELAY_MS): subtracted from every figure. */
export function openDelayMs(srcRoot: string): number {
  const file = join(srcRoot, 'src/page/hover.ts');
  const m = existsSync(file) ? /OPEN_DELAY_MS\s*=\s*(\d+)/.exec(readFileSync(file, 'utf8')) : null;
  return m ? Number(m[1]) : 300;
}

/**
 * Installed in the page's main world: records the last pointermove's timestamp, and when the
 * card (`claimlens-card` → shadow root → `.card`) appears, the time it was inserted and the
 * time of the next animation frame (when it is painted).
 */
const PROBE = `(() => {
  if (window.__hoverProbe) return;
  const probe = (window.__hoverProbe = { lastMove: 0, inserted: 0, frame: 0, reset() { this.inserted = 0; this.frame = 0; } });
  addEventListener('pointermove', (e) => { probe.lastMove = e.timeStamp; }, { capture: true, passive: true });
  const seen = () => {
    const host = document.querySelector('claimlens-card');
    const card = host && host.shadowRoot && host.shadowRoot.querySelector('.card');
    if (card && !probe.inserted) {
      probe.inserted = performance.now();
      requestAnimationFrame((t) => { probe.frame = performance.now(); });
    }
  };
  const watchShadow = (host) => { if (host.shadowRoot && !host.__probed) { host.__probed = true; new MutationObserver(seen).observe(host.shadowRoot, { childList: true, subtree: true }); } };
  new MutationObserver(() => { const h = document.querySelector('claimlens-card'); if (h) watchShadow(h); seen(); }).observe(document.documentElement, { childList: true });
  const h = document.querySelector('claimlens-card'); if (h) watchShadow(h);
})()`;

/** Centre of highlight k (scrolled into view first), in viewport coordinates. */
const TARGET = (k: number) => `(() => {
  const ranges = [...(CSS.highlights.get('claimlens-match') || [])];
  const r = ranges[${k} % ranges.length];
  if (!r) return null;
  r.startContainer.parentElement.scrollIntoView({ block: 'center' });
  const rect = r.getClientRects()[0];
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, text: r.toString() };
})()`;

export async function hoverSection(env: BenchEnv): Promise<void> {
  const S = 'hover';
  const F = env.figures;
  const OPEN_DELAY_MS = openDelayMs(env.opts.srcRoot);
  const ext = await env.withExtension();
  const p = await BenchPage.open(ext);
  const inserted: number[] = [];
  const painted: number[] = [];
  const n = env.runs(12, 4);
  try {
    await p.goto(newsUrl('100k'));
    await p.waitQuiet({ extension: true });
    await p.eval(PROBE);
    for (let k = 0; k < n; k++) {
      // Away from any highlight, and wait until no card is open.
      await p.page.mouse.move(2, 2);
      for (let i = 0; i < 100; i++) {
        const open = await p.eval<boolean>(`!!document.querySelector('claimlens-card')?.shadowRoot?.querySelector('.card')`);
        if (!open) break;
        await sleep(50);
      }
      await sleep(100);
      const t = await p.eval<{ x: number; y: number; text: string } | null>(TARGET(k));
      if (!t) throw new Error('no highlight to hover');
      await sleep(150);
      await p.eval('window.__hoverProbe.reset()');
      await p.page.mouse.move(t.x - 30, t.y + 40);
      await p.page.mouse.move(t.x, t.y, { steps: 4 });
      let r = { lastMove: 0, inserted: 0, frame: 0 };
      for (let i = 0; i < 100 && !r.frame; i++) {
        await sleep(25);
        r = await p.eval<typeof r>('({ lastMove: window.__hoverProbe.lastMove, inserted: window.__hoverProbe.inserted, frame: window.__hoverProbe.frame })');
      }
      if (!r.frame) {
        F.note(S, `The card did not open for highlight "${t.text}".`);
        continue;
      }
      inserted.push(r.inserted - r.lastMove - OPEN_DELAY_MS);
      painted.push(r.frame - r.lastMove - OPEN_DELAY_MS);
    }
  } finally {
    await p.close();
  }
  F.add(fig(`${S}.card_inserted_ms`, S, `hover → card in the DOM, minus the ${OPEN_DELAY_MS} ms open delay`, 'ms', inserted));
  F.add(fig(`${S}.card_visible_ms`, S, `hover → first frame with the card, minus the ${OPEN_DELAY_MS} ms open delay`, 'ms', painted));
}
