import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, type BenchEnv } from '../env';
import { fig } from '../figures';
import { generatedSegments, groupOf, type SourceMapV3 } from '../sourcemap';

const KB = 1024;
const gz = (b: Buffer | string) => gzipSync(b, { level: 9 }).length;

/** Builds with the production config plus source maps (bench/wxt.sourcemap.config.ts). */
export function sourcemapBuild(env: BenchEnv, name: string, extraEnv: Record<string, string> = {}): string {
  const config = join(env.opts.srcRoot, 'bench/wxt.sourcemap.config.ts');
  if (!existsSync(config)) {
    mkdirSync(join(env.opts.srcRoot, 'bench'), { recursive: true });
    copyFileSync(join(ROOT, 'bench/wxt.sourcemap.config.ts'), config);
  }
  return env.build(name, { config, env: extraEnv });
}

export interface BundleGroup {
  group: string;
  bytes: number;
  gzipShare: number;
}

/** The content script's bytes by package / folder, with an estimate of each one's share of the gzip size. */
export function contentBreakdown(dir: string): BundleGroup[] {
  const code = readFileSync(join(dir, 'content-scripts/content.js'), 'utf8');
  const map = JSON.parse(readFileSync(join(dir, 'content-scripts/content.js.map'), 'utf8')) as SourceMapV3;
  const groups = new Map<string, string[]>();
  for (const s of generatedSegments(code, map)) {
    const g = groupOf(s.source);
    let l = groups.get(g);
    if (!l) groups.set(g, (l = []));
    l.push(s.text);
  }
  const rows = [...groups].map(([group, parts]) => {
    const text = parts.join('');
    return { group, bytes: Buffer.byteLength(text), gz: gz(text) };
  });
  const totalGz = rows.reduce((s, r) => s + r.gz, 0);
  return rows.map((r) => ({ group: r.group, bytes: r.bytes, gzipShare: r.gz / totalGz })).sort((a, b) => b.bytes - a.bytes);
}

export async function bundleSection(env: BenchEnv): Promise<BundleGroup[]> {
  const S = 'bundle';
  const F = env.figures;
  const dir = env.bundledBuild();
  const files = [
    { key: 'content_js', label: 'content script (content.js)', path: 'content-scripts/content.js' },
    { key: 'content_css', label: 'content script styles (content.css)', path: 'content-scripts/content.css' },
    { key: 'background_js', label: 'background (background.js, includes the bundled claim data)', path: 'background.js' },
  ];
  for (const f of files) {
    const p = join(dir, f.path);
    if (!existsSync(p)) continue;
    const buf = readFileSync(p);
    F.add(fig(`${S}.${f.key}_kb`, S, `${f.label}, raw`, 'KB', [statSync(p).size / KB]));
    F.add(fig(`${S}.${f.key}_gzip_kb`, S, `${f.label}, gzip -9`, 'KB', [gz(buf) / KB]));
  }
  const smDir = sourcemapBuild(env, 'sourcemap');
  const rows = contentBreakdown(smDir);
  const total = gz(readFileSync(join(dir, 'content-scripts/content.js'))) / KB;
  for (const r of rows.slice(0, 8)) {
    F.add(fig(`${S}.content.${r.group.replace(/[^\w]+/g, '_')}_kb`, S, `content.js from ${r.group}: raw (gzip ≈ ${(r.gzipShare * total).toFixed(1)} KB)`, 'KB', [r.bytes / KB]));
  }
  return rows;
}
