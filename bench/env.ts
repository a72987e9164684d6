import type { BrowserContext } from '@playwright/test';
import { execFileSync, execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, type BenchBrowser } from './browser';
import { FigureSet } from './figures';
import { feedPage, newsPage } from './pages';

export const ROOT = process.cwd();

export interface BenchOptions {
  quick: boolean;
  /** Where the extension is built from: the work tree (ROOT) or an exported git revision. */
  srcRoot: string;
  sections: Set<string>;
  /** News page sizes for the static section (keys of NEWS_SIZES); all when unset. */
  sizes?: Set<string>;
  /** Multiplies the default number of runs (tests of the harness: 0.5, long runs: 2). */
  runsScale: number;
  verbose: boolean;
}

/** Everything a build reads: the extension's sources, config, lock file and the claim data (or the synthetic database's marker). */
function buildKey(srcRoot: string, opts: { dataDir?: string; config?: string; env?: Record<string, string> }): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) h.update(p).update(readFileSync(p));
    }
  };
  for (const d of ['src', 'entrypoints', 'scripts/lib', 'public', 'assets']) walk(join(srcRoot, d));
  for (const f of ['wxt.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json']) if (existsSync(join(srcRoot, f))) h.update(f).update(readFileSync(join(srcRoot, f)));
  if (opts.dataDir) {
    const marker = join(opts.dataDir, '.claimlens-synth.json');
    if (existsSync(marker)) h.update(readFileSync(marker)).update(String(statSync(marker).mtimeMs));
    else walk(opts.dataDir);
  } else walk(join(srcRoot, 'data'));
  if (opts.config) h.update(readFileSync(opts.config));
  h.update(JSON.stringify(opts.env ?? {}));
  return h.digest('hex');
}

/**
 * Builds the extension into .output-bench-NAME (never .output), optionally with another claim
 * database. A build whose inputs (sources, config, data) have not changed since the last one is
 * reused: the 100k-claim build alone takes over a minute.
 */
export function buildVariant(name: string, opts: { srcRoot?: string; dataDir?: string; config?: string; env?: Record<string, string> } = {}): string {
  const srcRoot = opts.srcRoot ?? ROOT;
  const outDir = `.output-bench-${name}`;
  const key = buildKey(srcRoot, opts);
  const keyFile = join(srcRoot, outDir, 'bench-build-key.txt');
  if (existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key && existsSync(join(srcRoot, outDir, 'chrome-mv3/manifest.json'))) return join(srcRoot, outDir, 'chrome-mv3');
  rmSync(keyFile, { force: true });
  const args = ['build', ...(opts.config ? ['-c', opts.config] : [])];
  execFileSync(join(ROOT, 'node_modules/.bin/wxt'), args, {
    cwd: srcRoot,
    env: { ...process.env, CLAIMLENS_OUT_DIR: outDir, ...(opts.dataDir ? { CLAIMLENS_DATA_DIR: opts.dataDir } : {}), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  writeFileSync(keyFile, key);
  return join(srcRoot, outDir, 'chrome-mv3');
}

/**
 * Exports a git revision (e.g. HEAD) into bench/tmp/src-REV with the work tree's node_modules
 * linked in, so a benchmark can measure a commit while the work tree is being edited.
 */
export function exportRevision(rev: string): { dir: string; commit: string } {
  const commit = execFileSync('git', ['rev-parse', rev], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dir = join(ROOT, 'bench/tmp', `src-${commit.slice(0, 12)}`);
  if (!existsSync(join(dir, 'package.json'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execSync(`git archive --format=tar ${commit} | tar -x -C ${JSON.stringify(dir)}`, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  }
  return { dir, commit };
}

/** Where the generated pages are served: hosts the manifest matches, no network. */
export const NEWS_ORIGIN = 'https://www.theguardian.com';
export const FEED_ORIGIN = 'https://x.com';
export const NEWS_SIZES = [
  { key: '100k', bytes: 100_000, label: '100 KB' },
  { key: '1500k', bytes: 1_500_000, label: '1.5 MB' },
  { key: '10m', bytes: 10_000_000, label: '10 MB' },
] as const;
export type SizeKey = (typeof NEWS_SIZES)[number]['key'];
export const newsUrl = (key: SizeKey) => `${NEWS_ORIGIN}/bench/news-${key}`;
export const FEED_URL = `${FEED_ORIGIN}/bench/feed`;

const pageCache = new Map<string, string>();
export function pageHtml(path: string): string | undefined {
  let html = pageCache.get(path);
  if (html !== undefined) return html;
  const m = /^\/bench\/news-(\w+)$/.exec(path);
  if (m) {
    const size = NEWS_SIZES.find((s) => s.key === m[1]);
    if (!size) return undefined;
    html = newsPage(size.bytes).html;
  } else if (path === '/bench/feed') html = feedPage();
  else return undefined;
  pageCache.set(path, html);
  return html;
}

const STUB = '<!doctype html><meta charset="utf-8"><title>stub</title><p>not part of the benchmark</p>';

/** Serves the generated pages under real host names; anything else gets a stub. */
export async function routePages(context: BrowserContext): Promise<void> {
  await context.route(/^https?:\/\//, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: STUB }));
  for (const origin of [NEWS_ORIGIN, FEED_ORIGIN]) {
    await context.route(`${origin}/bench/**`, (route) => {
      const html = pageHtml(new URL(route.request().url()).pathname);
      return html === undefined ? route.fulfill({ status: 404, body: 'no such bench page' }) : route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    });
  }
}

/** State shared by the sections: figures, builds and the two browsers most sections use. */
export class BenchEnv {
  readonly figures = new FigureSet();
  private builds = new Map<string, string>();
  private browsers = new Map<string, BenchBrowser>();
  readonly startedAt = Date.now();

  constructor(readonly opts: BenchOptions) {}

  log(msg: string): void {
    const s = ((Date.now() - this.startedAt) / 1000).toFixed(0).padStart(4);
    process.stderr.write(`[bench ${s}s] ${msg}\n`);
  }

  runs(full: number, quick: number): number {
    return Math.max(1, Math.round((this.opts.quick ? quick : full) * this.opts.runsScale));
  }

  /** The production build with the bundled database. */
  bundledBuild(): string {
    return this.build('bundled', {});
  }

  build(name: string, opts: Parameters<typeof buildVariant>[1]): string {
    let dir = this.builds.get(name);
    if (!dir) {
      const t0 = Date.now();
      dir = buildVariant(name, { srcRoot: this.opts.srcRoot, ...opts });
      this.log(`build ${name}: ${Date.now() - t0} ms`);
      this.builds.set(name, dir);
    }
    return dir;
  }

  /** A browser with the given build loaded (shared; raw CDP on for worker access), or none. */
  async browser(name: 'none' | string, extensionDir?: string): Promise<BenchBrowser> {
    let b = this.browsers.get(name);
    if (!b) {
      b = await launchBrowser({ label: name, ...(extensionDir ? { extensionDir, rawCdp: true } : {}) });
      await routePages(b.context);
      this.browsers.set(name, b);
    }
    return b;
  }

  async withExtension(): Promise<BenchBrowser> {
    return this.browser('bundled', this.bundledBuild());
  }

  async withoutExtension(): Promise<BenchBrowser> {
    return this.browser('none');
  }

  async closeBrowser(name: string): Promise<void> {
    const b = this.browsers.get(name);
    if (!b) return;
    this.browsers.delete(name);
    await b.close();
  }

  async closeAll(): Promise<void> {
    for (const name of [...this.browsers.keys()]) await this.closeBrowser(name);
  }
}
