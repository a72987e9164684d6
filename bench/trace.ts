import type { TraceEvent } from './browser';

/**
 * Attributing main-thread work to the extension in a Chromium trace of one tab.
 *
 * The content script runs on the page's main thread, in its own world. A task is the
 * extension's when it runs the content script's code: a timer or event callback whose
 * `FunctionCall`/`EvaluateScript`/`v8.compile` names the extension's script, or microtasks
 * (promise continuations: the replies to its messages; the benchmark pages themselves use no
 * promises). Inside a task the page's own work (HTML parsing, style, layout, paint, the page's
 * own scripts) is subtracted; what is left (the extension's script, the GC and forced layout it
 * causes, the task's overhead) is the extension's share of that task.
 */
export interface TaskShare {
  /** Start (µs, trace clock) and duration of the whole task. */
  ts: number;
  dur: number;
  /** The extension's share of it, µs. */
  ext: number;
  /** What the task ran, for the record (e.g. "timer", "startup", "microtasks", "mutation"). */
  kind: string;
}

const PAGE_WORK = new Set(['ParseHTML', 'Layout', 'UpdateLayoutTree', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'ParseAuthorStyleSheet', 'ScheduleStyleRecalculation']);
const SCRIPT = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile']);

type Iv = [number, number];

function union(ivs: Iv[]): Iv[] {
  ivs.sort((a, b) => a[0] - b[0]);
  const out: Iv[] = [];
  for (const [s, e] of ivs) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

const length = (ivs: Iv[]) => ivs.reduce((s, [a, b]) => s + (b - a), 0);

/** |a \ b| for two unions of intervals. */
function minusLength(a: Iv[], b: Iv[]): number {
  let total = 0;
  for (const [s, e] of a) {
    let covered = 0;
    for (const [bs, be] of b) {
      const lo = Math.max(s, bs);
      const hi = Math.min(e, be);
      if (hi > lo) covered += hi - lo;
    }
    total += e - s - covered;
  }
  return total;
}

const urlOf = (e: TraceEvent): string => e.args?.data?.url ?? e.args?.fileName ?? '';

/** The renderer main thread that ran the page at `pageOrigin` (and the extension's content script). */
export function rendererMainThread(events: TraceEvent[], pageOrigin: string): { pid: number; tid: number } | undefined {
  const score = new Map<string, number>();
  for (const e of events) {
    const u = urlOf(e);
    if ((e.name === 'ParseHTML' && (e.args?.beginData?.url ?? '').startsWith(pageOrigin)) || (SCRIPT.has(e.name) && (u.startsWith(pageOrigin) || u.startsWith('chrome-extension://')))) {
      const k = `${e.pid}:${e.tid}`;
      score.set(k, (score.get(k) ?? 0) + 1);
    }
  }
  const best = [...score].sort((a, b) => b[1] - a[1])[0];
  if (!best) return undefined;
  const [pid, tid] = best[0].split(':').map(Number);
  return { pid: pid!, tid: tid! };
}

/** Every main-thread task that ran extension code, with the extension's share of it. */
export function extensionTasks(events: TraceEvent[], opts: { pageOrigin: string; extensionOrigin: string }): TaskShare[] {
  const main = rendererMainThread(events, opts.pageOrigin);
  if (!main) return [];
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks = onMain.filter((e) => e.name === 'RunTask');
  const out: TaskShare[] = [];
  let k = 0;
  for (const t of tasks) {
    const end = t.ts + t.dur!;
    while (k < onMain.length && onMain[k]!.ts < t.ts) k++;
    const ext: Iv[] = [];
    const page: Iv[] = [];
    let kind = '';
    for (let j = k; j < onMain.length && onMain[j]!.ts < end; j++) {
      const e = onMain[j]!;
      if (e === t || e.ts + e.dur! > end) continue;
      const iv: Iv = [e.ts, e.ts + e.dur!];
      const u = urlOf(e);
      if (SCRIPT.has(e.name) && u.startsWith(opts.extensionOrigin)) {
        ext.push(iv);
        kind ||= e.name === 'FunctionCall' ? 'callback' : 'startup';
      } else if (e.name === 'RunMicrotasks') {
        ext.push(iv);
        kind ||= 'microtasks';
      } else if ((SCRIPT.has(e.name) && u !== '') || PAGE_WORK.has(e.name)) page.push(iv);
    }
    if (ext.length === 0) continue;
    const extU = union(ext);
    const pageOnly = minusLength(union(page), extU);
    out.push({ ts: t.ts, dur: t.dur!, ext: Math.max(length(extU), t.dur! - pageOnly), kind });
  }
  return out;
}

/** Page-script callbacks (e.g. the feed's burst timer) on the main thread, in order: [start µs]. */
export function pageCallbacks(events: TraceEvent[], pageOrigin: string): number[] {
  const main = rendererMainThread(events, pageOrigin);
  if (!main) return [];
  return events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === 'FunctionCall' && urlOf(e).startsWith(pageOrigin))
    .map((e) => e.ts)
    .sort((a, b) => a - b);
}
