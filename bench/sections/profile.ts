import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchPage, sleep } from '../browser';
import { FEED_URL, newsUrl, type BenchEnv } from '../env';
import { positionLookup, groupOf, type SourceMapV3 } from '../sourcemap';
import { sourcemapBuild } from './bundle';

export interface HotSpot {
  /** Function name and original file:line. */
  fn: string;
  group: string;
  ms: number;
  share: number;
}

export interface ProfileResult {
  scenario: string;
  totalMs: number;
  functions: HotSpot[];
  groups: { group: string; ms: number; share: number }[];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where the content script's time goes: a sampling CPU profile of the page's main thread,
 * each sample charged to the innermost content-script function on its stack (so the built-ins,
 * regexps and GC it calls count as its own), mapped back to the source through the
 * unminified build's source map.
 */
function attribute(profile: CpuProfile, scriptUrl: string, lookup: ReturnType<typeof positionLookup>): { total: number; fns: Map<string, { ms: number; group: string }> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const owner = new Map<number, string | null>();
  const groupOfFn = new Map<string, string>();
  const ownerOf = (id: number): string | null => {
    if (owner.has(id)) return owner.get(id)!;
    const n = byId.get(id)!;
    let r: string | null;
    if (n.callFrame.url === scriptUrl) {
      const pos = lookup(n.callFrame.lineNumber, n.callFrame.columnNumber);
      const src = pos ? pos.source.replace(/^(\.\.\/)+/, '') : '?';
      r = `${n.callFrame.functionName || '(anonymous)'} ${src.replace(/^.*node_modules\//, '')}:${pos?.line ?? '?'}`;
      groupOfFn.set(r, pos ? groupOf(pos.source) : '?');
    } else {
      const p = parent.get(id);
      r = p === undefined ? null : ownerOf(p);
    }
    owner.set(id, r);
    return r;
  };
  const fns = new Map<string, { ms: number; group: string }>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const o = ownerOf(profile.samples[i]!);
    if (!o) continue;
    total += dt;
    const e = fns.get(o) ?? { ms: 0, group: groupOfFn.get(o) ?? '?' };
    e.ms += dt;
    fns.set(o, e);
  }
  return { total, fns };
}

function summarise(scenario: string, r: ReturnType<typeof attribute>): ProfileResult {
  const functions = [...r.fns].map(([fn, v]) => ({ fn, group: v.group, ms: v.ms, share: v.ms / r.total })).sort((a, b) => b.ms - a.ms);
  const g = new Map<string, number>();
  for (const f of functions) g.set(f.group, (g.get(f.group) ?? 0) + f.ms);
  const groups = [...g].map(([group, ms]) => ({ group, ms, share: ms / r.total })).sort((a, b) => b.ms - a.ms);
  return { scenario, totalMs: r.total, functions: functions.slice(0, 15), groups };
}

export async function profileSection(env: BenchEnv): Promise<ProfileResult[]> {
  const dir = sourcemapBuild(env, 'profile', { BENCH_NO_MINIFY: '1' });
  const map = JSON.parse(readFileSync(join(dir, 'content-scripts/content.js.map'), 'utf8')) as SourceMapV3;
  const lookup = positionLookup(map);
  const b = await env.browser('profile', dir);
  const url = `chrome-extension://${b.extensionId}/content-scripts/content.js`;
  const out: ProfileResult[] = [];
  for (const sc of [
    { key: 'news-1.5MB', label: '1.5 MB news page, from navigation to idle', url: newsUrl('1500k'), feed: false },
    { key: 'feed', label: 'X-like feed, 2,000 posts', url: FEED_URL, feed: true },
  ]) {
    env.log(`profile: ${sc.label}`);
    const p = await BenchPage.open(b);
    try {
      await p.cdp.send('Profiler.enable');
      await p.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      if (!sc.feed) await p.cdp.send('Profiler.start');
      await p.goto(sc.url);
      if (sc.feed) {
        for (let i = 0; i < 500 && !(await p.scannerStats()); i++) await sleep(20);
        await p.cdp.send('Profiler.start');
        await p.eval('window.__feedStart()');
        while (!(await p.eval<boolean>('window.__feed.done'))) await sleep(200);
      }
      await p.waitQuiet({ extension: true });
      const { profile } = (await p.cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      out.push(summarise(sc.label, attribute(profile, url, lookup)));
    } finally {
      await p.close();
    }
  }
  await env.closeBrowser('profile');
  return out;
}
