import { FIXTURE_PAGES, VENDOR_SCRIPTS, type FixtureName } from '../fixtures/sites';
import { expect, hoverHighlight, serviceWorker, test, waitForHighlights } from './extension';
import { extensionPage, openPopup, tabIdFor } from './ui-helpers';

/**
 * Privacy, proven: while a person browses every fixture page, opens cards, searches in the
 * popup and changes options, no request leaves the browser from any ClaimLens context.
 * - pages and their frames: every http(s) request the context sees must be one the page itself
 *   makes (its document, its frames, its own scripts); a content-script request would show up
 *   here as an extra URL;
 * - the service worker and the extension pages: every resource they loaded is chrome-extension://.
 */
test('in the default configuration no request leaves the browser', async ({ context, extensionId }) => {
  const seen: string[] = [];
  context.on('request', (r) => {
    if (/^https?:/.test(r.url())) seen.push(r.url());
  });
  const pageOwn = new Set<string>([...Object.values(FIXTURE_PAGES).map((p) => p.url), ...Object.keys(VENDOR_SCRIPTS)]);

  const visit: FixtureName[] = ['x', 'tiktok', 'news', 'virtualFeed', 'react', 'components', 'factCheck', 'dark'];
  for (const name of visit) {
    const page = await context.newPage();
    await page.goto(FIXTURE_PAGES[name].url);
    if (name !== 'factCheck') await waitForHighlights(page, 1);
    if (name === 'x') {
      await hoverHighlight(page, 'agent Krasnov');
      await expect(page.locator('claimlens-card .card')).toBeVisible();
      await page.keyboard.press('Escape');
    }
    if (name !== 'x') await page.close();
  }

  const x = context.pages().find((p) => p.url() === FIXTURE_PAGES.x.url)!;
  const { page: probe } = await extensionPage(context, extensionId, 'options.html');
  const tabId = await tabIdFor(probe, 'x.com');
  const { page: popup } = await openPopup(context, extensionId, tabId);
  await popup.getByRole('searchbox', { name: 'Search fact-checks' }).fill('krasnow');
  await expect(popup.getByText(/Krasnov/).first()).toBeVisible();
  await probe.getByRole('radio', { name: /Underline/ }).check();
  await probe.getByRole('radio', { name: /^Background/ }).check();
  await x.bringToFront();
  await x.waitForTimeout(500);

  const extra = seen.filter((u) => !pageOwn.has(u));
  expect(extra).toEqual([]);

  const sw = await serviceWorker(context);
  const swResources = await sw.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect(swResources.filter((u) => !u.startsWith('chrome-extension://'))).toEqual([]);
  for (const ext of [popup, probe]) {
    const res = await ext.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(res.filter((u) => !u.startsWith('chrome-extension://'))).toEqual([]);
  }
});
