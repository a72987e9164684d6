/**
 * npm run bench -- [--quick] [--sections static,feed,db,hover,bundle,profile] [--sizes 100k,1500k,10m]
 *                  [--db bundled,1k,10k,100k] [--ref REV] [--runs-scale X] [--publish] [--out DIR]
 *
 * Drives the built extension in headless Chromium (/usr/bin/chromium) and measures what it
 * costs a page: static news pages of 100 KB, 1.5 MB and 10 MB of text against a bare text read
 * and mark.js, an X-like virtualised feed, the claim database at 1k/10k/100k synthetic claims,
 * hover-to-card latency and bundle sizes. Every comparison runs side by side in the same run,
 * interleaved (with/without the extension alternating) and is reported as a ratio.
 *
 * Writes bench/results.json (every figure with unit, median, min, max and runs) and
 * docs/benchmarks.md (tables, targets met or missed, hot spots). A full default run publishes
 * there; a --quick run or a subset of sections writes to bench/tmp/ unless --publish is given.
 *
 *   --quick        fewer repetitions (a smoke run of the whole harness, ~4 min)
 *   --sections     only these sections (default: all)
 *   --sizes        news page sizes for the static section (default: 100k,1500k,10m)
 *   --db           database sizes for the db section (default: bundled,1k,10k,100k)
 *   --ref REV      build the extension from a git revision (exported to bench/tmp/) instead of the work tree
 *   --runs-scale X multiply every repetition count by X
 *   --publish      write bench/results.json and docs/benchmarks.md even for a partial run
 *   --out DIR      write results.json and benchmarks.md into DIR
 *   --render FILE  measure nothing: re-evaluate the targets and re-render benchmarks.md from an
 *                  existing results.json (after a change to the report's wording)
 *
 * Extension builds go to .output-bench-* (never .output); synthetic databases to bench/tmp/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { BenchEnv, NEWS_SIZES, ROOT, exportRevision, pageHtml } from '../bench/env';
import { FigureSet, fig } from '../bench/figures';
import { nonAsciiParagraphShare } from '../bench/pages';
import { evaluateTargets, gitInfo, machine, markdown, otherFindings, type Results } from '../bench/report';
import { bundleSection, sourcemapBuild, type BundleGroup } from '../bench/sections/bundle';
import { DB_VARIANTS, dbSection, prepareDb } from '../bench/sections/db';
import { feedSection } from '../bench/sections/feed';
import { hoverSection } from '../bench/sections/hover';
import { profileSection, type ProfileResult } from '../bench/sections/profile';
import { staticSection } from '../bench/sections/static';

const ALL = ['static', 'feed', 'db', 'hover', 'bundle', 'profile'];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sections: { type: 'string' },
    db: { type: 'string' },
    sizes: { type: 'string' },
    ref: { type: 'string' },
    'runs-scale': { type: 'string' },
    publish: { type: 'boolean', default: false },
    out: { type: 'string' },
    render: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('npm run bench -- [--quick] [--sections static,feed,db,hover,bundle,profile] [--sizes 100k,1500k,10m] [--db bundled,1k,10k,100k] [--ref REV] [--runs-scale X] [--publish] [--out DIR]');
  process.exit(0);
}

if (values.render) {
  const file = values.render;
  const r = JSON.parse(readFileSync(file, 'utf8')) as Results;
  const f = new FigureSet();
  for (const x of r.figures) f.add(x);
  // A property of the generated pages (not a measurement), added when an older results file lacks it.
  for (const size of NEWS_SIZES) {
    const id = `static.${size.key}.non_ascii_blocks_pct`;
    if (f.get(`static.${size.key}.ext_ms`) && !f.get(id)) {
      const at = r.figures.findIndex((x) => x.id === `static.${size.key}.highlight_update_ms`);
      const figure = fig(id, 'static', `${size.label}: paragraphs with a non-ASCII character (page property)`, '%', [nonAsciiParagraphShare(pageHtml(`/bench/news-${size.key}`)!) * 100]);
      f.list.splice(at < 0 ? f.list.length : at, 0, figure);
    }
  }
  r.figures = f.list;
  for (const n of r.notes) f.note(n.section, n.text);
  r.targets = evaluateTargets({ f, profiles: r.hotspots, bundle: r.bundleBreakdown });
  r.findings = otherFindings(f);
  const md = values.out ? join(values.out, 'benchmarks.md') : file === join(ROOT, 'bench/results.json') || file === 'bench/results.json' ? join(ROOT, 'docs/benchmarks.md') : join(file, '..', 'benchmarks.md');
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(md, `${markdown(r)}\n`);
  console.log(`re-rendered ${relative(ROOT, md)} from ${file}`);
  process.exit(0);
}

const sections = values.sections ? values.sections.split(',').map((s) => s.trim()) : ALL;
for (const s of sections) if (!ALL.includes(s)) throw new Error(`unknown section "${s}" (known: ${ALL.join(', ')})`);
const dbKeys = values.db ? values.db.split(',').map((s) => s.trim()) : DB_VARIANTS.map((d) => d.key);
for (const k of dbKeys) if (!DB_VARIANTS.some((d) => d.key === k)) throw new Error(`unknown database "${k}" (known: ${DB_VARIANTS.map((d) => d.key).join(', ')})`);

const sizes = values.sizes ? new Set(values.sizes.split(',').map((s) => s.trim())) : undefined;
for (const k of sizes ?? []) if (!NEWS_SIZES.some((s) => s.key === k)) throw new Error(`unknown page size "${k}" (known: ${NEWS_SIZES.map((s) => s.key).join(', ')})`);
const exported = values.ref ? exportRevision(values.ref) : undefined;
const full = !values.quick && sections.length === ALL.length && dbKeys.length === DB_VARIANTS.length && !sizes && !values['runs-scale'];
const publish = values.publish || (full && !values.out);
const outDir = values.out ?? (publish ? undefined : join(ROOT, 'bench/tmp'));

const env = new BenchEnv({
  quick: values.quick,
  srcRoot: exported?.dir ?? ROOT,
  sections: new Set(sections),
  ...(sizes ? { sizes } : {}),
  runsScale: values['runs-scale'] ? Number(values['runs-scale']) : 1,
  verbose: true,
});

const loads: number[] = [];
const sampleLoad = () => loads.push(loadavg()[0]!);
sampleLoad();
const loadTimer = setInterval(sampleLoad, 10_000);
const t0 = Date.now();
let profiles: ProfileResult[] = [];
let bundle: BundleGroup[] = [];
try {
  // Every build first, close together in time: the work tree may be edited while this runs.
  if (sections.some((s) => s !== 'profile')) env.bundledBuild();
  if (sections.includes('bundle')) sourcemapBuild(env, 'sourcemap');
  if (sections.includes('profile')) sourcemapBuild(env, 'profile', { BENCH_NO_MINIFY: '1' });
  if (sections.includes('db')) await prepareDb(env, DB_VARIANTS.filter((d) => dbKeys.includes(d.key)));
  if (sections.includes('bundle')) bundle = await bundleSection(env);
  if (sections.includes('static')) await staticSection(env);
  if (sections.includes('feed')) await feedSection(env);
  if (sections.includes('hover')) await hoverSection(env);
  if (sections.includes('db')) await dbSection(env, DB_VARIANTS.filter((d) => dbKeys.includes(d.key)));
  if (sections.includes('profile')) profiles = await profileSection(env);
} finally {
  clearInterval(loadTimer);
  await env.closeAll();
}

const results: Results = {
  generatedAt: new Date().toISOString(),
  machine: { ...machine(), load: { min: Math.min(...loads), max: Math.max(...loads), samples: loads.length } },
  git: gitInfo(ROOT, exported?.commit),
  run: { quick: values.quick, sections, durationS: (Date.now() - t0) / 1000, command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}` },
  method: [
    'Chromium runs headless with the production build of the extension (`wxt build` into `.output-bench-*`); pages are generated (bench/pages.ts, seeded) and served with `context.route` under hosts the manifest matches (https://www.theguardian.com/bench/…, https://x.com/bench/feed), so the real content script runs at document_idle.',
    'Side by side: one browser with the extension, one without, open at the same time; every round loads the page in both, the order alternating (A B, B A). Each figure is the median (min, max) over rounds; ratios are computed per round, then summarised.',
    'Main-thread time: CDP `Performance.getMetrics` (thread CPU time) sampled when the page is quiet — the content script\'s counters (`__claimlensStats`, read in its isolated world) and the number of highlights unchanged for 600 ms. The extension\'s cost is task time with minus without.',
    'Floor and mark.js: run in the page without the extension (mark.js on a fresh copy of the page each time), task time before and after, including the next two animation frames (style, layout and paint of what they changed).',
    'Longest task and per-post cost: three traced loads (`devtools.timeline`; each figure their median, with min and max, as one wall-clock trace on a shared machine swings with the other work on it), each main-thread task that ran content-script code or its promise continuations counted with the page\'s own parsing, layout, paint and scripts subtracted. Tracing adds overhead, so these read a little high.',
    'Worker: stopped through CDP (`Target.closeTarget`), woken by a message from the content script\'s world; `readyAt`/`loadMs`/`indexMs` read from the worker; heap via CDP on the worker after a forced GC. Messages are timed in the content script\'s world (`chrome.runtime.sendMessage`), so round trips include IPC; the messaging floor is a rejected message.',
    'Synthetic databases: `npm run claims:synth` (scripts/claims-synth.ts), built with `CLAIMLENS_DATA_DIR`.',
  ],
  figures: env.figures.list,
  targets: [],
  notes: env.figures.notes,
  hotspots: profiles,
  bundleBreakdown: bundle,
};
results.targets = evaluateTargets({ f: env.figures, profiles, bundle });
results.findings = otherFindings(env.figures);

const jsonPath = outDir ? join(outDir, 'results.json') : join(ROOT, 'bench/results.json');
const mdPath = outDir ? join(outDir, 'benchmarks.md') : join(ROOT, 'docs/benchmarks.md');
mkdirSync(join(jsonPath, '..'), { recursive: true });
writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(mdPath, `${markdown(results)}\n`);
console.log(`\nwrote ${relative(ROOT, jsonPath)} and ${relative(ROOT, mdPath)} in ${results.run.durationS.toFixed(0)} s${publish ? '' : ' (not published: partial or quick run; --publish to overwrite the published figures)'}\n`);
console.log('| target | measured | status |');
for (const t of results.targets) console.log(`| ${t.target} | ${t.value} | ${t.status} |`);
