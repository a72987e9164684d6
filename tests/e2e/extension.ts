import { chromium, test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium';
import { FIXTURE_PAGES, HOSTILE_PAGES, hostileUrl, PAGES_DIR, VENDOR_SCRIPTS, type FixtureName } from '../fixtures/sites';

/** The built extension; CLAIMLENS_OUT_DIR matches the variable wxt.config.ts reads. */
export const EXTENSION_DIR = join(process.cwd(), process.env.CLAIMLENS_OUT_DIR ?? '.output', 'chrome-mv3');
export { CHROMIUM };

/** Flags Chromium needs here (root, no network, no GPU), and the extension to load. */
export const CHROMIUM_ARGS = [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, ...CHROMIUM_FLAGS];

/** Opens Chromium with the built extension in a fresh profile. */
export async function launchWithExtension(opts: { headless?: boolean; viewport?: { width: number; height: number }; extensionDir?: string } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'claimlens-profile-'));
  const ext = opts.extensionDir ?? EXTENSION_DIR;
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    args: CHROMIUM_ARGS.map((a) => a.replace(EXTENSION_DIR, ext)),
    viewport: opts.viewport ?? { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const SOURCE_STUB = readFileSync(join(PAGES_DIR, 'source-stub.html'), 'utf8');

/**
 * Serves every fixture under its real https URL, so the production manifest's match patterns
 * decide where the content script runs. Anything else (a source link opened from a card) gets
 * a stub page: nothing leaves the machine.
 */
export async function routeFixtures(context: BrowserContext): Promise<void> {
  await context.route(/^https?:\/\//, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: SOURCE_STUB }));
  for (const { url, file } of Object.values(FIXTURE_PAGES)) {
    const body = readFileSync(join(PAGES_DIR, file), 'utf8');
    await context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
  }
  for (const name of HOSTILE_PAGES) {
    const body = readFileSync(join(PAGES_DIR, 'hostile', `${name}.html`), 'utf8');
    await context.route(hostileUrl(name), (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
  }
  for (const [url, file] of Object.entries(VENDOR_SCRIPTS)) {
    const body = readFileSync(join(process.cwd(), 'node_modules', file), 'utf8');
    await context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body }));
  }
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

export async function openFixture(context: BrowserContext, name: FixtureName): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(FIXTURE_PAGES[name].url);
  return { page, errors };
}

/** The text of every range in every `claimlens*` highlight, read from the page's own world. */
export async function highlightedTexts(page: Page): Promise<{ name: string; texts: string[] }[]> {
  // Written without the page's Array.prototype methods and returned as a string: hostile pages
  // replace Array.prototype.push/map, which the result's serialisation would otherwise use.
  const json = await page.evaluate(() => {
    const out: { name: string; texts: string[] }[] = [];
    CSS.highlights.forEach((h, name) => {
      if (name.indexOf('claimlens') === 0) out[out.length] = { name, texts: Array.from(h, (r) => String(r)) };
    });
    return JSON.stringify(out);
  });
  return JSON.parse(json) as { name: string; texts: string[] }[];
}

export async function waitForHighlights(page: Page, atLeast: number): Promise<string[]> {
  await page.waitForFunction((n) => (CSS.highlights.get('claimlens-match')?.size ?? 0) >= n, atLeast, { timeout: 15_000 });
  // Let any further batch land.
  await page.waitForTimeout(300);
  const h = await highlightedTexts(page);
  return h.find((x) => x.name === 'claimlens-match')?.texts ?? [];
}

/** Moves the mouse to the middle of the first highlighted range whose text includes `text`. */
export async function hoverHighlight(page: Page, text: string): Promise<void> {
  const box = await page.evaluate((t) => {
    const h = CSS.highlights.get('claimlens-match');
    for (const r of h ?? []) {
      if (r instanceof Range && r.toString().includes(t)) {
        const rect = r.getClientRects()[0]!;
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
    }
    return null;
  }, text);
  if (!box) throw new Error(`no highlight containing "${text}"`);
  await page.mouse.move(box.x - 30, box.y + 40);
  await page.mouse.move(box.x, box.y, { steps: 4 });
}

type Fixtures = { context: BrowserContext; extensionId: string };

/** A Playwright test whose `context` is Chromium with the built extension and routed fixtures. */
export const test = base.extend<Fixtures>({
  context: async ({}, use) => {
    const { context, close } = await launchWithExtension();
    await routeFixtures(context);
    await use(context);
    await close();
  },
  extensionId: async ({ context }, use) => {
    const sw = await serviceWorker(context);
    await use(new URL(sw.url()).host);
  },
});

export { expect } from '@playwright/test';

/**
 * The content script's own counters (`__claimlensStats`), read in its isolated world through
 * CDP: how long its longest time slice took, how much it read. Not visible to the page.
 */
export async function contentStats(page: Page): Promise<{ longestSliceMs: number; sliceMs: number; blocks: number; chars: number; slices: number }> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; name: string; type: string; frameId: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
    const aux = (c.auxData ?? {}) as { type?: string; frameId?: string };
    contexts.push({ id: c.id, name: c.name, type: aux.type ?? '', frameId: aux.frameId ?? '' });
  });
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const ctx = contexts.find((c) => c.type === 'isolated' && c.name === 'ClaimLens' && c.frameId === frameTree.frame.id);
  if (!ctx) throw new Error('the ClaimLens content script is not running in this page');
  const r = await cdp.send('Runtime.evaluate', { expression: 'JSON.stringify(globalThis.__claimlensStats)', contextId: ctx.id, returnByValue: true });
  await cdp.detach();
  return JSON.parse(r.result.value as string);
}
