import type { Page } from '@playwright/test';
import { hostileUrl, type HostilePage } from '../fixtures/sites';
import { contentStats, expect, test, waitForHighlights } from './extension';

/** Opens a hostile page, collecting the page's errors and any dialog (an alert would mean code ran). */
async function open(context: import('@playwright/test').BrowserContext, name: HostilePage) {
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(hostileUrl(name));
  return { page, errors, dialogs };
}

const texts = (page: Page) => page.evaluate(() => Array.from(CSS.highlights.get('claimlens-match') ?? [], (r) => String(r)));
/**
 * Work is cut in ~5 ms slices, so the page is never held up for long. Read from the content
 * script's own counters (not a page timer, which the page's own layout of 200,000 nodes would
 * dominate). The check is a proportion, not a time, so a loaded CI machine cannot fail it: an
 * unsliced read of these pages is one slice holding all the time, a sliced one spreads it over
 * many, none near half. The one absolute bound (a second) only catches a freeze; npm run bench
 * measures the real figures.
 */
async function expectSliced(page: Page) {
  const stats = await contentStats(page);
  expect(stats.slices).toBeGreaterThan(10);
  expect(stats.longestSliceMs).toBeLessThan(stats.sliceMs / 2);
  expect(stats.longestSliceMs).toBeLessThan(1000);
}

const openCardByKeyboard = async (page: Page) => {
  await page.keyboard.press('Alt+Shift+L');
  await expect(page.locator('claimlens-card .card')).toBeVisible();
};

test.describe('hostile pages', () => {
  test('CSS that targets everything, !important, a giant overlay and its own ::highlight rules', async ({ context }) => {
    const { page, errors } = await open(context, 'css-everything');
    expect(await waitForHighlights(page, 1)).toEqual(['agent Krasnov']);
    await openCardByKeyboard(page);
    // The page's `* { all: unset !important }` and `claimlens-card { display: none !important }` do not reach the card.
    const card = page.locator('claimlens-card .card');
    const style = await card.evaluate((el) => {
      const cs = getComputedStyle(el);
      return { position: cs.position, display: cs.display, bg: cs.backgroundColor, host: getComputedStyle((el.getRootNode() as ShadowRoot).host).display };
    });
    expect(style).toEqual({ position: 'fixed', display: 'block', bg: 'rgb(255, 255, 255)', host: 'block' });
    expect(await page.evaluate(() => (window as unknown as { __ok: number }).__ok)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  test('a page that overrides Array.prototype, JSON.parse and Range in its own world', async ({ context }) => {
    const { page, errors } = await open(context, 'builtins');
    expect(await waitForHighlights(page, 1)).toEqual(['agent Krasnov']);
    await openCardByKeyboard(page);
    expect(errors).toEqual([]);
  });

  test('200,000 nodes: found at the end, the page stays responsive', async ({ context }) => {
    const { page, errors } = await open(context, 'many-nodes');
    expect(await page.evaluate(() => (window as unknown as { __nodes: number }).__nodes)).toBeGreaterThanOrEqual(200_000);
    expect(await waitForHighlights(page, 1)).toEqual(['agent Krasnov']);
    await expectSliced(page);
    expect(errors).toEqual([]);
  });

  test('nesting 5,000 levels deep', async ({ context }) => {
    const { page, errors } = await open(context, 'deep');
    expect(await waitForHighlights(page, 1)).toEqual(['agent Krasnov']);
    expect(errors).toEqual([]);
  });

  test('a 5 MB single text node is read in chunks: every claim found, no long freeze', async ({ context }) => {
    const { page, errors } = await open(context, 'huge-text');
    const expected = await page.evaluate(() => (window as unknown as { __expected: number }).__expected);
    expect(expected).toBeGreaterThan(3);
    await page.waitForFunction((n) => (CSS.highlights.get('claimlens-match')?.size ?? 0) >= n, expected, { timeout: 30_000 });
    const t = await texts(page);
    expect(t.length).toBe(expected);
    expect(new Set(t)).toEqual(new Set(['agent Krasnov']));
    await expectSliced(page);
    expect(errors).toEqual([]);
  });

  test('a mutation storm: the page runs on, and afterwards highlights match the text', async ({ context }) => {
    const { page, errors } = await open(context, 'storm');
    await page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, undefined, { timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { __mutations: number }).__mutations)).toBeGreaterThan(3000);
    await expect
      .poll(async () => {
        const r = await page.evaluate(() => {
          const ranges = [...(CSS.highlights.get('claimlens-match') ?? [])] as Range[];
          const inStorm = document.getElementById('storm')!.textContent!.split('agent Krasnov').length - 1;
          return { ok: ranges.every((x) => x.startContainer.isConnected && x.toString() === 'agent Krasnov'), n: ranges.length, want: inStorm + 1 };
        });
        return r.ok && r.n === r.want;
      }, { timeout: 15_000 })
      .toBe(true);
    expect(errors).toEqual([]);
  });

  test('a page that keeps clearing CSS.highlights gets them back', async ({ context }) => {
    const { page, errors } = await open(context, 'clears-highlights');
    await waitForHighlights(page, 1);
    await page.waitForFunction(() => (window as unknown as { __clears: number }).__clears > 3);
    await page.waitForFunction(() => (CSS.highlights.get('claimlens-match')?.size ?? 0) === 1, undefined, { timeout: 5000 });
    expect(errors).toEqual([]);
  });

  test('look-alike window.postMessage traffic changes nothing', async ({ context }) => {
    const { page, errors, dialogs } = await open(context, 'post-message');
    await page.waitForTimeout(1500);
    expect(await texts(page)).toEqual([]);
    await expect(page.locator('claimlens-card')).toHaveCount(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('<img onerror> and <script> written as text inside claim phrases stay text', async ({ context }) => {
    const { page, errors, dialogs } = await open(context, 'markup-text');
    const found = await waitForHighlights(page, 2);
    expect(found).toContain('Krasnov tapes');
    await openCardByKeyboard(page);
    await page.locator('claimlens-card .why summary').click();
    const shadowMarkup = await page.locator('claimlens-card').evaluate((host) => host.shadowRoot!.querySelectorAll('img, script, iframe, object').length);
    expect(shadowMarkup).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});
