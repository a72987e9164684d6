import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { expect, hoverHighlight, launchWithExtension, routeFixtures, serviceWorker, waitForHighlights } from './extension';

/**
 * A claim database whose every text field carries HTML/JS payloads (tests/fixtures/payload-data)
 * is built into its own extension; card and popup must show the payloads as inert text.
 */
const OUT = '.output-payload';
const test = base.extend<{ ext: { context: import('@playwright/test').BrowserContext; id: string } }>({
  ext: async ({}, use) => {
    const { context, close } = await launchWithExtension({ extensionDir: join(process.cwd(), OUT, 'chrome-mv3') });
    await routeFixtures(context);
    await context.route('https://www.reuters.com/payload', (r) =>
      r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>ok</title><p>Have you heard of the zanzibar payload story?</p>' }),
    );
    const sw = await serviceWorker(context);
    await use({ context, id: new URL(sw.url()).host });
    await close();
  },
});

test.beforeAll(() => {
  execSync('npx wxt build', { env: { ...process.env, CLAIMLENS_DATA_DIR: 'tests/fixtures/payload-data', CLAIMLENS_OUT_DIR: OUT }, stdio: 'pipe' });
});

test('payloads in every text field stay text in the card, the popup and the options', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.goto('https://www.reuters.com/payload');
  expect(await waitForHighlights(page, 1)).toEqual(['zanzibar payload']);
  await hoverHighlight(page, 'zanzibar payload');
  const card = page.locator('claimlens-card .card');
  await expect(card).toBeVisible();
  await card.locator('summary').first().click();
  await expect(card).toContainText('<img src=x onerror=');
  await expect(card).toContainText('<script>document.title="pwned"</script>');
  expect(await page.locator('claimlens-card').evaluate((h) => h.shadowRoot!.querySelectorAll('img, script, iframe, object, embed').length)).toBe(0);
  // Links are the https URLs, nothing else.
  const hrefs = await card.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs.every((h) => h!.startsWith('https://'))).toBe(true);
  expect(await page.title()).toBe('ok');

  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.id}/popup.html`);
  await popup.getByRole('searchbox', { name: 'Search fact-checks' }).fill('zanzibar');
  await expect(popup.getByText(/Statement <img/).first()).toBeVisible();
  expect(await popup.evaluate(() => document.querySelectorAll('img, script:not([src]), iframe').length)).toBe(0);
  expect(await popup.title()).not.toBe('pwned');

  // The options page lists claims (the mute list) from the same data.
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.id}/options.html`);
  await expect(options.getByText(/Statement <img/).first()).toBeVisible();
  expect(await options.evaluate(() => document.querySelectorAll('img, script:not([src]), iframe').length)).toBe(0);
  expect(await options.title()).not.toBe('pwned');
});
