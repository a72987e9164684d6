import { TRACED_LOADS } from './static';
import { BenchPage, sleep, type BenchBrowser, type Metrics } from '../browser';
import { FEED_ORIGIN, FEED_URL, type BenchEnv } from '../env';
import { fig, quantile } from '../figures';
import { FEED_DEFAULTS } from '../pages';
import { extensionTasks, pageCallbacks } from '../trace';

const MB = 1024 * 1024;

interface FeedRun {
  before: Metrics;
  after: Metrics;
  heapBefore: number;
  heapAfter: number;
  highlights: number;
  posts: number;
  wallMs: number;
}

async function waitFeedDone(p: BenchPage): Promise<number> {
  for (;;) {
    const f = await p.eval<{ done: boolean; posts: number; startedAt: number; endedAt: number }>('({ ...window.__feed })');
    if (f.done) return f.endedAt - f.startedAt;
    await sleep(200);
  }
}

/** One pass over the 2,000-post timeline; heap read after a full GC before and after. */
async function feedRun(b: BenchBrowser, extension: boolean, trace = false): Promise<FeedRun & { tasks?: ReturnType<typeof extensionTasks>; bursts?: number[] }> {
  const p = await BenchPage.open(b);
  try {
    await p.goto(FEED_URL);
    if (extension) {
      // Ready: the content script has its triggers and counters.
      for (let i = 0; i < 500 && !(await p.scannerStats()); i++) await sleep(20);
    }
    await p.waitQuiet({ extension, quietMs: 400 });
    const heapBefore = await p.heapAfterGc();
    if (trace) await p.startTrace();
    const before = await p.metrics();
    await p.eval('window.__feedStart()');
    const wallMs = await waitFeedDone(p);
    await p.waitQuiet({ extension, quietMs: 600 });
    const after = await p.metrics();
    const events = trace ? await p.stopTrace() : undefined;
    const highlights = await p.highlightCount();
    const posts = await p.eval<number>('window.__feed.posts');
    const heapAfter = await p.heapAfterGc();
    const out: FeedRun & { tasks?: ReturnType<typeof extensionTasks>; bursts?: number[] } = { before, after, heapBefore, heapAfter, highlights, posts, wallMs };
    if (events && b.extensionId) {
      out.tasks = extensionTasks(events, { pageOrigin: FEED_ORIGIN, extensionOrigin: `chrome-extension://${b.extensionId}` });
      out.bursts = pageCallbacks(events, FEED_ORIGIN);
    }
    return out;
  } finally {
    await p.close();
  }
}

const d = (r: FeedRun, k: keyof Metrics) => ((r.after[k] as number) - (r.before[k] as number)) * 1000;

export async function feedSection(env: BenchEnv): Promise<void> {
  const S = 'feed';
  const F = env.figures;
  const ext = await env.withExtension();
  const none = await env.withoutExtension();
  const runs = env.runs(2, 1);
  const perPost: number[] = [];
  const scriptPerPost: number[] = [];
  const growthExt: number[] = [];
  const growthNone: number[] = [];
  const growthDelta: number[] = [];
  const heapBeforeExt: number[] = [];
  const heapAfterExt: number[] = [];
  const hl: number[] = [];
  let posts = 0;
  const o = FEED_DEFAULTS;
  F.note(S, `The timeline appends ${o.burst} posts every ${o.intervalMs} ms until ${o.total} posts, keeping ${o.window} in the DOM: older posts are recycled (the element is reused, its text nodes get new data and it moves to the end), one in ten is removed instead. One post in 25 has a claim phrase, one in 10 a hard negative.`);
  for (let i = 0; i < runs; i++) {
    env.log(`feed: run ${i + 1}/${runs}`);
    const [a, w] = i % 2 === 0 ? [await feedRun(ext, true), await feedRun(none, false)] : await (async () => {
      const w0 = await feedRun(none, false);
      return [await feedRun(ext, true), w0] as const;
    })();
    posts = a.posts;
    perPost.push((d(a, 'TaskDuration') - d(w, 'TaskDuration')) / a.posts);
    scriptPerPost.push((d(a, 'ScriptDuration') - d(w, 'ScriptDuration')) / a.posts);
    growthExt.push((a.heapAfter - a.heapBefore) / MB);
    growthNone.push((w.heapAfter - w.heapBefore) / MB);
    growthDelta.push((a.heapAfter - a.heapBefore - (w.heapAfter - w.heapBefore)) / MB);
    heapBeforeExt.push(a.heapBefore / MB);
    heapAfterExt.push(a.heapAfter / MB);
    hl.push(a.highlights);
  }
  F.add(fig(`${S}.per_post_mean_ms`, S, `extension main-thread time per post, mean over the feed (task time with − without ÷ ${posts})`, 'ms', perPost));
  F.add(fig(`${S}.script_per_post_mean_ms`, S, 'extension script time per post, mean (with − without)', 'ms', scriptPerPost));
  F.add(fig(`${S}.heap_before_mb`, S, 'JS heap after GC before the feed (with the extension; page and content script share it)', 'MB', heapBeforeExt));
  F.add(fig(`${S}.heap_after_mb`, S, `JS heap after GC after ${posts} posts (with the extension)`, 'MB', heapAfterExt));
  F.add(fig(`${S}.heap_growth_ext_mb`, S, 'heap growth over the feed, with the extension', 'MB', growthExt));
  F.add(fig(`${S}.heap_growth_none_mb`, S, 'heap growth over the feed, without the extension', 'MB', growthNone));
  F.add(fig(`${S}.heap_growth_delta_mb`, S, 'heap growth the extension adds (with − without)', 'MB', growthDelta));
  F.add(fig(`${S}.highlights_end`, S, 'highlights registered at the end (claims among the posts still in the DOM)', 'count', hl));

  // Traced passes: the extension's time between one burst and the next, per post. Several, as
  // one wall-clock trace on a shared machine swings with the other work on it.
  const p95s: number[] = [];
  const longest: number[] = [];
  const traceTotal: number[] = [];
  let per: number[] = [];
  for (let r = 0; r < TRACED_LOADS; r++) {
    env.log(`feed: traced run ${r + 1}/${TRACED_LOADS}`);
    const t = await feedRun(ext, true, true);
    const bursts = t.bursts ?? [];
    const tasks = t.tasks ?? [];
    const perRun: number[] = [];
    for (let k = 0; k < bursts.length; k++) {
      const from = bursts[k]!;
      const to = bursts[k + 1] ?? Infinity;
      const extUs = tasks.filter((x) => x.ts >= from && x.ts < to).reduce((s, x) => s + x.ext, 0);
      perRun.push(extUs / 1000 / o.burst);
    }
    p95s.push(quantile(perRun, 0.95));
    longest.push(tasks.reduce((m, x) => Math.max(m, x.ext), 0) / 1000);
    traceTotal.push(tasks.reduce((s, x) => s + x.ext, 0) / 1000);
    per = per.concat(perRun);
  }
  F.add(fig(`${S}.per_post_ms`, S, `extension time per post, per burst of ${o.burst} (trace; ${per.length} bursts over ${TRACED_LOADS} traced runs)`, 'ms', per, { p95: true }));
  F.add(fig(`${S}.per_post_p95_ms`, S, `extension time per post, p95 over bursts (trace; median over ${TRACED_LOADS} traced runs)`, 'ms', p95s));
  F.add(fig(`${S}.longest_task_ms`, S, 'longest main-thread task the extension causes during the feed (trace)', 'ms', longest));
  F.add(fig(`${S}.trace_ext_ms`, S, 'extension time attributed in the trace over the whole feed', 'ms', traceTotal));
}
