import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { BenchPage, type BenchBrowser, type Metrics, type ScannerStats } from '../browser';
import { NEWS_ORIGIN, NEWS_SIZES, newsUrl, pageHtml, type BenchEnv, type SizeKey } from '../env';
import { fig } from '../figures';
import { MARK_PHRASES_5, nonAsciiParagraphShare } from '../pages';
import { extensionTasks } from '../trace';
import { checkDataDir } from '../../scripts/lib/data-files';

const require = createRequire(import.meta.url);
const MARK_JS = readFileSync(require.resolve('mark.js/dist/mark.min.js'), 'utf8');

/** 40 phrases for mark(array): the 5, then English trigger phrases from the bundled data. */
export function markPhrases40(): string[] {
  const out = [...MARK_PHRASES_5];
  const seen = new Set(out.map((p) => p.toLowerCase()));
  const { claims } = checkDataDir();
  for (const c of claims)
    for (const r of c.detection.rules)
      for (const raw of r.triggers.en ?? []) {
        const p = raw.replace(/\*$/, '').trim();
        if (out.length < 40 && !seen.has(p.toLowerCase())) {
          seen.add(p.toLowerCase());
          out.push(p);
        }
      }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The bare floor: read every text node's data once, nothing else. */
const FLOOR = `(() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let n = 0; for (let t = w.nextNode(); t; t = w.nextNode()) n += t.data.length; return n; })()`;

interface Contender {
  key: string;
  label: string;
  expression: string;
}

function contenders(): Contender[] {
  const p40 = markPhrases40();
  const re = `new RegExp(${JSON.stringify(MARK_PHRASES_5.map(escapeRe).join('|'))}, 'gi')`;
  // mark.js defaults except separateWordSearch (phrases are phrases, as the extension reads them).
  const opts = `{ separateWordSearch: false }`;
  return [
    { key: 'markregexp', label: 'mark.js markRegExp (5 phrases, one regex pass)', expression: `(() => { let n = 0; new Mark(document.body).markRegExp(${re}, { each: () => n++ }); return n; })()` },
    { key: 'mark5', label: 'mark.js mark(array), 5 phrases', expression: `(() => { let n = 0; new Mark(document.body).mark(${JSON.stringify(MARK_PHRASES_5)}, { ...${opts}, each: () => n++ }); return n; })()` },
    { key: 'mark40', label: 'mark.js mark(array), 40 phrases', expression: `(() => { let n = 0; new Mark(document.body).mark(${JSON.stringify(p40)}, { ...${opts}, each: () => n++ }); return n; })()` },
  ];
}

const ms = (a: Metrics, b: Metrics, k: keyof Metrics) => ((a[k] as number) - (b[k] as number)) * 1000;

interface ExtRun {
  m: Metrics;
  stats: ScannerStats;
  highlights: number;
}

async function runWithExtension(b: BenchBrowser, key: SizeKey): Promise<ExtRun> {
  const p = await BenchPage.open(b);
  try {
    await p.goto(newsUrl(key));
    await p.waitQuiet({ extension: true });
    const m = await p.metrics();
    const stats = (await p.scannerStats())!;
    return { m, stats, highlights: await p.highlightCount() };
  } finally {
    await p.close();
  }
}

/** The page without the extension; then the floor (a TreeWalker read) on that same page. */
async function runWithout(b: BenchBrowser, key: SizeKey): Promise<{ m: Metrics; floorMs: number; floorChars: number }> {
  const p = await BenchPage.open(b);
  try {
    await p.goto(newsUrl(key));
    await p.waitQuiet({ extension: false });
    const m = await p.metrics();
    const before = await p.metrics();
    const floorChars = await p.eval<number>(FLOOR);
    await p.frames();
    const after = await p.metrics();
    return { m, floorMs: ms(after, before, 'TaskDuration'), floorChars };
  } finally {
    await p.close();
  }
}

async function runContender(b: BenchBrowser, key: SizeKey, c: Contender): Promise<{ ms: number; marks: number }> {
  const p = await BenchPage.open(b);
  try {
    await p.goto(newsUrl(key));
    await p.waitQuiet({ extension: false, quietMs: 400 });
    await p.eval(MARK_JS);
    await p.frames();
    const before = await p.metrics();
    const marks = await p.eval<number>(c.expression);
    await p.frames();
    const after = await p.metrics();
    return { ms: ms(after, before, 'TaskDuration'), marks };
  } finally {
    await p.close();
  }
}

/**
 * What one change to a CSS Custom Highlight costs on this page, measured without the extension:
 * 20 frames that each add one range to a registered Highlight, minus 20 frames that add none.
 * (Chromium repaints the whole document when a highlight changes, so this grows with the page.)
 */
async function highlightUpdateCost(b: BenchBrowser, key: SizeKey): Promise<number> {
  const p = await BenchPage.open(b);
  try {
    await p.goto(newsUrl(key));
    await p.waitQuiet({ extension: false, quietMs: 400 });
    await p.eval(`window.__h = new Highlight(); CSS.highlights.set('bench', __h); window.__ps = [...document.querySelectorAll('article p')]; 0`);
    await p.frames();
    const run = async (add: boolean) => {
      const m0 = await p.metrics();
      for (let i = 0; i < 20; i++) {
        if (add) await p.eval(`(() => { const t = document.createTreeWalker(__ps[(${i} * 37) % __ps.length], NodeFilter.SHOW_TEXT).nextNode(); const r = document.createRange(); r.setStart(t, 0); r.setEnd(t, Math.min(5, t.length)); __h.add(r); })()`);
        await p.frames(1);
      }
      return ms(await p.metrics(), m0, 'TaskDuration');
    };
    const idle = await run(false);
    const withUpdates = await run(true);
    return (withUpdates - idle) / 20;
  } finally {
    await p.close();
  }
}

/** One traced page load with the extension: its tasks, as the trace attributes them. */
/** Traced loads per page for the longest task (each figure is their median, with min and max). */
export const TRACED_LOADS = 3;

export async function tracedExtensionRun(b: BenchBrowser, url: string, origin: string): Promise<{ tasks: ReturnType<typeof extensionTasks>; stats: ScannerStats | undefined }> {
  const p = await BenchPage.open(b);
  try {
    await p.startTrace();
    await p.goto(url);
    await p.waitQuiet({ extension: true });
    const events = await p.stopTrace();
    return { tasks: extensionTasks(events, { pageOrigin: origin, extensionOrigin: `chrome-extension://${b.extensionId}` }), stats: await p.scannerStats() };
  } finally {
    await p.close();
  }
}

export async function staticSection(env: BenchEnv): Promise<void> {
  const S = 'static';
  const ext = await env.withExtension();
  const none = await env.withoutExtension();
  const cs = contenders();
  env.figures.note(S, `mark.js ${'8.11.1'} runs in the page without the extension, on a freshly loaded copy of the same page, with its defaults except separateWordSearch: false; its cost includes the style, layout and paint of the frame after it (as the extension's includes the paint of its highlights). The 40 phrases: ${markPhrases40().join(', ')}.`);
  for (const size of NEWS_SIZES.filter((s) => !env.opts.sizes || env.opts.sizes.has(s.key))) {
    const runs = size.key === '10m' ? env.runs(2, 1) : size.key === '1500k' ? env.runs(4, 2) : env.runs(5, 2);
    const id = (k: string) => `${S}.${size.key}.${k}`;
    const extCost: number[] = [];
    const extScript: number[] = [];
    const extLayout: number[] = [];
    const extOther: number[] = [];
    const floor: number[] = [];
    const ttfh: number[] = [];
    const sliceLongest: number[] = [];
    const selfMs: number[] = [];
    const hl: number[] = [];
    const mbps: number[] = [];
    const requests: number[] = [];
    const con = new Map<string, number[]>(cs.map((c) => [c.key, []]));
    const conRatio = new Map<string, number[]>(cs.map((c) => [c.key, []]));
    const overFloor: number[] = [];
    let floorChars = 0;
    const marks = new Map<string, number>();
    for (let i = 0; i < runs; i++) {
      env.log(`static ${size.label}: run ${i + 1}/${runs}`);
      // Interleaved, and the order alternates: A B, then B A.
      let a: ExtRun | undefined;
      let w: Awaited<ReturnType<typeof runWithout>> | undefined;
      if (i % 2 === 0) {
        a = await runWithExtension(ext, size.key);
        w = await runWithout(none, size.key);
      } else {
        w = await runWithout(none, size.key);
        a = await runWithExtension(ext, size.key);
      }
      const cost = ms(a.m, w.m, 'TaskDuration');
      extCost.push(cost);
      extScript.push(ms(a.m, w.m, 'ScriptDuration'));
      extLayout.push(ms(a.m, w.m, 'LayoutDuration') + ms(a.m, w.m, 'RecalcStyleDuration'));
      extOther.push(ms(a.m, w.m, 'TaskOtherDuration'));
      floor.push(w.floorMs);
      floorChars = w.floorChars;
      overFloor.push(cost / w.floorMs);
      ttfh.push(a.stats.firstMatchAt);
      sliceLongest.push(a.stats.longestSliceMs);
      selfMs.push(a.stats.sliceMs);
      hl.push(a.highlights);
      requests.push(a.stats.requests);
      mbps.push(a.stats.chars / 1e6 / (a.stats.sliceMs / 1000));
      const order = (i % 2 === 0 ? cs : [...cs].reverse()).filter((c) => !(size.key === '10m' && c.key === 'mark40' && con.get('mark40')!.length >= 1));
      for (const c of order) {
        const r = await runContender(none, size.key, c);
        con.get(c.key)!.push(r.ms);
        // ratio to this round's extension cost
        conRatio.get(c.key)!.push(r.ms / cost);
        marks.set(c.key, r.marks);
      }
    }
    const F = env.figures;
    F.add(fig(id('ext_ms'), S, `${size.label}: main-thread time the extension adds (task time with − without)`, 'ms', extCost));
    F.add(fig(id('ext_script_ms'), S, `${size.label}: script time the extension adds (with − without)`, 'ms', extScript));
    F.add(fig(id('ext_layout_ms'), S, `${size.label}: style + layout time the extension adds (with − without)`, 'ms', extLayout));
    F.add(fig(id('ext_other_ms'), S, `${size.label}: other main-thread time the extension adds: paint, GC, IPC (with − without)`, 'ms', extOther));
    F.add(fig(id('ext_self_ms'), S, `${size.label}: content script's own scan slices (sliceMs counter)`, 'ms', selfMs));
    F.add(fig(id('floor_ms'), S, `${size.label}: floor, a bare TreeWalker read of all text (${floorChars.toLocaleString('en')} chars)`, 'ms', floor));
    for (const c of cs) {
      F.add(fig(id(`${c.key}_ms`), S, `${size.label}: ${c.label} (${marks.get(c.key)} marks)`, 'ms', con.get(c.key)!));
    }
    F.add(fig(id('ext_over_floor'), S, `${size.label}: extension ÷ floor`, 'ratio', overFloor));
    for (const c of cs) F.add(fig(id(`${c.key}_over_ext`), S, `${size.label}: ${c.label} ÷ extension`, 'ratio', conRatio.get(c.key)!));
    F.add(fig(id('first_highlight_ms'), S, `${size.label}: time to first highlight (from navigation start)`, 'ms', ttfh));
    F.add(fig(id('longest_slice_ms'), S, `${size.label}: longest scan slice (content script's longestSliceMs)`, 'ms', sliceLongest));
    F.add(fig(id('scan_mbps'), S, `${size.label}: scan throughput (chars ÷ slice time)`, 'MB/s', mbps));
    F.add(fig(id('highlights'), S, `${size.label}: highlights on the page`, 'count', hl));
    F.add(fig(id('requests'), S, `${size.label}: matchBlocks requests sent`, 'count', requests));

    F.add(fig(id('non_ascii_blocks_pct'), S, `${size.label}: paragraphs with a non-ASCII character (page property)`, '%', [nonAsciiParagraphShare(pageHtml(`/bench/news-${size.key}`)!) * 100]));
    F.add(fig(id('highlight_update_ms'), S, `${size.label}: one highlight change (add a range to a registered Highlight) + its frame, without the extension`, 'ms', [await highlightUpdateCost(none, size.key)]));

    // Traced loads for the longest task the extension causes: several, as a single wall-clock
    // trace on a shared machine swings by 2× (another process preempting a task counts in it).
    const longest: number[] = [];
    const startup: number[] = [];
    const over50: number[] = [];
    const total: number[] = [];
    const count: number[] = [];
    for (let r = 0; r < TRACED_LOADS; r++) {
      const t = (await tracedExtensionRun(ext, newsUrl(size.key), NEWS_ORIGIN)).tasks;
      longest.push(t.reduce((m, x) => Math.max(m, x.ext), 0) / 1000);
      startup.push(t.filter((x) => x.kind === 'startup').reduce((m, x) => Math.max(m, x.ext), 0) / 1000);
      over50.push(t.filter((x) => x.ext > 50_000).length);
      total.push(t.reduce((s, x) => s + x.ext, 0) / 1000);
      count.push(t.length);
    }
    F.add(fig(id('longest_task_ms'), S, `${size.label}: longest main-thread task the extension causes (trace; median over ${TRACED_LOADS} traced loads)`, 'ms', longest));
    F.add(fig(id('startup_task_ms'), S, `${size.label}: content script start-up task (evaluate + compile, trace)`, 'ms', startup));
    F.add(fig(id('tasks_over_50ms'), S, `${size.label}: extension tasks over 50 ms (trace, per load)`, 'count', over50));
    F.add(fig(id('trace_ext_ms'), S, `${size.label}: extension time attributed in the trace (sum of its task shares)`, 'ms', total));
    F.add(fig(id('trace_ext_tasks'), S, `${size.label}: extension tasks (trace)`, 'count', count));
  }
}
