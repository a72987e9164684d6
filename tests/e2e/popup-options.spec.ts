import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, EXTENSION_DIR, expect, hoverHighlight, openFixture, routeFixtures, test, waitForHighlights } from './extension';
import { badgeOf, CUSTOM_SITE_HTML, extensionPage, highlightNames, matchCount, openPopup, setSync, tabIdFor } from './ui-helpers';

/** The X fixture with its highlights, and the id of its tab. */
async function xWithTab(context: BrowserContext, extensionId: string) {
  const { page, errors } = await openFixture(context, 'x');
  await waitForHighlights(page, 5);
  const { page: probe } = await extensionPage(context, extensionId, 'options.html');
  const tabId = await tabIdFor(probe, 'x.com');
  await probe.close();
  return { page, errors, tabId };
}

const resultIds = (popup: Page) => popup.locator('.results .result').evaluateAll((els) => els.map((e) => e.getAttribute('data-claim')));

test.describe('popup', () => {
  test('search: fuzzy, prefix and Russian words find their claim; a result opens the full card; all by keyboard', async ({ context, extensionId }) => {
    const { page: popup, errors } = await extensionPage(context, extensionId, 'popup.html');
    const box = popup.getByRole('searchbox', { name: 'Search fact-checks' });
    await expect(box).toBeFocused();
    await box.fill('krasnow');
    await expect(popup.locator('.results .count')).toHaveText(/\d+ claims? found/);
    expect(await resultIds(popup)).toContain('trump-kgb-recruited-1987-krasnov');
    await box.fill('Краснов');
    await expect.poll(() => resultIds(popup)).toContain('trump-kgb-recruited-1987-krasnov');
    await box.fill('KGB asset');
    await expect.poll(async () => (await resultIds(popup)).slice(0, 3)).toContain('trump-russian-asset');
    await box.fill('moscow agent gov');
    await expect.poll(async () => (await resultIds(popup))[0]).toBe('maga-moscow-agent-governing-america');
    await box.fill('zzqqxx');
    await expect(popup.locator('.results .count')).toHaveText('No fact-check matches “zzqqxx”.');

    // Keyboard: type, arrow into the results, Enter opens the card, Escape comes back.
    await box.fill('krasnov tapes');
    await expect.poll(async () => (await resultIds(popup))[0]).toBe('trump-krasnov-tapes');
    await box.press('ArrowDown');
    await expect(popup.locator('.results .result').first()).toBeFocused();
    await popup.keyboard.press('Enter');
    const card = popup.locator('[data-testid="card-view"] .card');
    await expect(card).toBeVisible();
    await expect(card.locator('[data-testid="verdict"]')).toHaveText(/Unproven/);
    await expect(card.locator('.sources a').first()).toHaveAttribute('href', /^https:\/\//);
    await expect(popup.getByRole('button', { name: 'Back' })).toBeFocused();
    await popup.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
    await expect(popup.locator('.results .result').first()).toBeFocused();
    expect(errors).toEqual([]);
  });

  test('"On this page" lists what matched; a click scrolls to the words and opens their card on the page', async ({ context, extensionId }) => {
    const { page, tabId, errors } = await xWithTab(context, extensionId);
    // Without ?tab the popup (opened as a page) is about the most recently used other tab.
    const { page: auto } = await extensionPage(context, extensionId, 'popup.html');
    await expect(auto.locator('.page .site')).toHaveText('x.com');
    await auto.close();

    const { page: popup } = await openPopup(context, extensionId, tabId);
    const quotes = popup.locator('.page .quote');
    await expect(quotes).toHaveCount(7);
    await expect(popup.locator('.match-group')).toHaveCount(4);
    await expect(popup.locator('.count-badge')).toHaveText('4');
    await popup.getByRole('button', { name: '“Krasnov tapes” Show on the page' }).click();
    const card = page.locator('claimlens-card .card');
    await expect(card).toBeVisible();
    await expect(card.locator('.claim')).toContainText('Krasnov tapes');
    // The badge counts distinct claims, with a title that says so.
    expect(await badgeOf(popup, tabId)).toEqual({ text: '4', title: 'ClaimLens: 4 fact-checked claims on this page' });
    expect(errors).toEqual([]);
  });

  test('the badge is cleared when the tab loads another page, and set again by the next one', async ({ context, extensionId }) => {
    const { page, tabId } = await xWithTab(context, extensionId);
    const { page: probe } = await extensionPage(context, extensionId, 'options.html');
    await expect.poll(() => badgeOf(probe, tabId)).toEqual({ text: '4', title: 'ClaimLens: 4 fact-checked claims on this page' });
    // A page ClaimLens does not run on: only the worker can clear the badge.
    await page.goto('https://example.com/elsewhere');
    await expect.poll(() => badgeOf(probe, tabId)).toEqual({ text: '', title: 'ClaimLens: no fact-checked claims on this page' });
    await page.goto('https://www.tiktok.com/foryou');
    await waitForHighlights(page, 3);
    await expect.poll(() => badgeOf(probe, tabId)).toEqual({ text: '1', title: 'ClaimLens: 1 fact-checked claim on this page' });
  });

  test('pause on this site removes the highlights, resume brings them back; the badge follows', async ({ context, extensionId }) => {
    const { page, tabId } = await xWithTab(context, extensionId);
    const { page: popup } = await openPopup(context, extensionId, tabId);
    await popup.getByRole('button', { name: 'Pause on x.com' }).click();
    await expect.poll(() => matchCount(page)).toBe(0);
    await expect(popup.locator('.page')).toContainText('Paused on x.com.');
    await expect.poll(() => badgeOf(popup, tabId)).toEqual({ text: '', title: 'ClaimLens is paused on this site' });
    // Hovering a former highlight opens nothing.
    await page.mouse.move(500, 120, { steps: 3 });
    await page.waitForTimeout(600);
    await expect(page.locator('claimlens-card .card')).toHaveCount(0);

    await popup.getByRole('button', { name: 'Resume on x.com' }).click();
    await expect.poll(() => matchCount(page)).toBeGreaterThanOrEqual(7);
    await expect(popup.locator('.page .quote')).toHaveCount(7);
    await expect.poll(() => badgeOf(popup, tabId)).toEqual({ text: '4', title: 'ClaimLens: 4 fact-checked claims on this page' });
  });

  test('card buttons: "Not about this claim" hides it on this site, undone from the popup; "Hide on x.com" pauses', async ({ context, extensionId }) => {
    const { page, tabId } = await xWithTab(context, extensionId);
    await hoverHighlight(page, 'Krasnov tapes');
    const card = page.locator('claimlens-card .card');
    await expect(card).toBeVisible();
    await card.getByRole('button', { name: 'Not about this claim' }).click();
    await expect(card).toHaveCount(0);
    await expect.poll(async () => (await waitForHighlights(page, 1)).includes('Krasnov tapes')).toBe(false);
    expect(await matchCount(page)).toBe(6);

    const { page: popup } = await openPopup(context, extensionId, tabId);
    const hidden = popup.locator('section', { has: popup.getByRole('heading', { name: 'Hidden on x.com' }) });
    await expect(hidden).toContainText('Krasnov tapes');
    await hidden.getByRole('button', { name: /^Show “There are "Trump\/Krasnov tapes"/ }).click();
    await expect.poll(() => matchCount(page)).toBe(7);
    await expect(hidden).toHaveCount(0);

    await page.bringToFront();
    await hoverHighlight(page, 'agent Krasnov');
    await expect(card).toBeVisible();
    await card.getByRole('button', { name: 'Hide on x.com' }).click();
    await expect.poll(() => matchCount(page)).toBe(0);
    await expect(popup.getByRole('button', { name: 'Resume on x.com' })).toBeVisible();
  });
});

test.describe('accessibility', () => {
  const serious = async (page: Page) => (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

  for (const theme of ['light', 'dark'] as const) {
    test(`popup (page list, results, card) and options have no serious or critical axe violations, ${theme}`, async ({ context, extensionId }) => {
      const { tabId } = await xWithTab(context, extensionId);
      const { page: options } = await extensionPage(context, extensionId, 'options.html');
      await options.getByRole('radio', { name: theme === 'dark' ? 'Dark' : 'Light', exact: true }).check();
      await expect(options.locator('html')).toHaveAttribute('data-theme', theme);
      expect(await serious(options)).toEqual([]);
      const { page: popup } = await openPopup(context, extensionId, tabId);
      await expect(popup.locator('.page .quote')).toHaveCount(7);
      expect(await serious(popup)).toEqual([]);
      await popup.getByRole('searchbox').fill('krasnov');
      await expect(popup.locator('.results .result').first()).toBeVisible();
      expect(await serious(popup)).toEqual([]);
      await popup.locator('.results .result').first().click();
      await expect(popup.locator('[data-testid="card-view"] .card')).toBeVisible();
      expect(await serious(popup)).toEqual([]);
    });
  }
});

/**
 * The README's pictures: `CLAIMLENS_SCREENSHOTS=1 npx playwright test -g screenshots` writes
 * docs/images/. Not part of the suite otherwise (it only takes pictures), so it is not even defined.
 */
if (process.env.CLAIMLENS_SCREENSHOTS) test.describe('screenshots', () => {
  test('popup and options for the README', async ({ context, extensionId }) => {
    const { tabId } = await xWithTab(context, extensionId);
    const { page: popup } = await openPopup(context, extensionId, tabId);
    await popup.setViewportSize({ width: 420, height: 760 });
    await expect(popup.locator('.page .quote')).toHaveCount(7);
    await popup.locator('main.popup').screenshot({ path: 'docs/images/popup-page.png' });
    await popup.getByRole('searchbox').fill('krasnow');
    await expect(popup.locator('.results .result').first()).toBeVisible();
    await popup.locator('main.popup').screenshot({ path: 'docs/images/popup-search.png' });
    await popup.locator('.results .result[data-claim="trump-kgb-recruited-1987-krasnov"]').click();
    await expect(popup.locator('[data-testid="card-view"] .card')).toBeVisible();
    await popup.locator('main.popup').screenshot({ path: 'docs/images/popup-card.png' });
    const { page: options } = await extensionPage(context, extensionId, 'options.html');
    await options.setViewportSize({ width: 900, height: 1000 });
    await expect(options.locator('.claim-row')).toHaveCount(11);
    await options.screenshot({ path: 'docs/images/options.png' });
    await options.getByRole('radio', { name: 'Dark', exact: true }).check();
    await expect(options.locator('html')).toHaveAttribute('data-theme', 'dark');
    await popup.getByRole('button', { name: 'Back' }).click();
    await popup.locator('main.popup').screenshot({ path: 'docs/images/popup-search-dark.png' });
  });
});

test.describe('options', () => {
  test('settings apply live to an open tab: off and on, highlight style, open on click, mute', async ({ context, extensionId }) => {
    const { page, errors } = await xWithTab(context, extensionId);
    expect(await highlightNames(page)).toMatchObject({ 'claimlens-match': 7, 'claimlens-style-background': 7 });
    const { page: options, errors: optionErrors } = await extensionPage(context, extensionId, 'options.html');

    const master = options.getByRole('switch', { name: 'ClaimLens is on' });
    await master.click();
    await expect(master).toHaveAttribute('aria-checked', 'false');
    await expect.poll(() => matchCount(page)).toBe(0);
    await master.click();
    await expect.poll(() => matchCount(page)).toBe(7);

    // Highlight style: the same ranges under another style name; "badge only" paints nothing.
    await options.getByRole('radio', { name: /Underline/ }).check();
    await expect.poll(() => highlightNames(page)).toMatchObject({ 'claimlens-match': 7, 'claimlens-style-underline': 7 });
    expect(await highlightNames(page)).not.toHaveProperty('claimlens-style-background');
    await options.getByRole('radio', { name: /Badge only/ }).check();
    await expect.poll(async () => Object.keys(await highlightNames(page)).filter((n) => n.startsWith('claimlens-style'))).toEqual([]);
    expect(await matchCount(page)).toBe(7);
    await options.getByRole('radio', { name: /^Background/ }).check();
    await expect.poll(() => highlightNames(page)).toMatchObject({ 'claimlens-style-background': 7 });

    // Open on click: resting the pointer opens nothing, a click does.
    await options.getByRole('radio', { name: /On click/ }).check();
    await expect.poll(() => options.evaluate(() => chrome.storage.sync.get('openOn'))).toEqual({ openOn: 'click' });
    await page.bringToFront();
    await page.waitForTimeout(200);
    await hoverHighlight(page, 'agent Krasnov');
    await page.waitForTimeout(800);
    const card = page.locator('claimlens-card .card');
    await expect(card).toHaveCount(0);
    await page.mouse.down();
    await page.mouse.up();
    await expect(card).toBeVisible();
    await expect(card.locator('.claim')).toContainText('code name "Krasnov"');
    await page.mouse.click(5, 5);
    await expect(card).toHaveCount(0);

    // Mute a claim: its highlights go at once, on every site.
    await options.locator('input[data-claim="trump-russian-asset"]').check();
    await expect.poll(() => matchCount(page)).toBe(6);
    await options.locator('input[data-claim="trump-russian-asset"]').uncheck();
    await expect.poll(() => matchCount(page)).toBe(7);

    // Theme: a forced dark theme reaches the page's card.
    await options.getByRole('radio', { name: 'Dark', exact: true }).check();
    await expect(options.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.bringToFront();
    await hoverHighlight(page, 'Krasnov tapes');
    await page.mouse.down();
    await page.mouse.up();
    await expect(card).toHaveAttribute('data-theme', 'dark');
    expect(errors).toEqual([]);
    expect(optionErrors).toEqual([]);
  });

  test('strict sensitivity: words whose context is only in the headline are no longer highlighted', async ({ context, extensionId }) => {
    const { page } = await openFixture(context, 'news');
    const before = await waitForHighlights(page, 4);
    expect(before).toContain('Krasnov');
    const { page: options } = await extensionPage(context, extensionId, 'options.html');
    await options.getByRole('radio', { name: /Strict/ }).check();
    // The page is read again: wait until it settles with fewer, but some, highlights (the
    // headline's own words keep their context in their own text).
    await expect
      .poll(async () => {
        const n = (await highlightedOnPage(page)).length;
        return n > 0 && n < before.length;
      })
      .toBe(true);
  });

  test('a site of your own without its permission is listed as needing it and gets no content script', async ({ context, extensionId }) => {
    await context.route('https://news.example.org/**', (r) => r.fulfill({ contentType: 'text/html', body: CUSTOM_SITE_HTML }));
    const { page: options } = await extensionPage(context, extensionId, 'options.html');
    // As if the user had dismissed the browser's prompt: the site is stored, the permission is not.
    await setSync(options, { customSites: ['example.org'] });
    const row = options.locator('.site-row[data-site="example.org"]');
    await expect(row.getByTestId('site-state')).toHaveText('Needs permission');
    await expect(row.getByRole('button', { name: 'Allow' })).toBeVisible();
    expect(await options.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    const page = await context.newPage();
    await page.goto('https://news.example.org/story');
    await page.waitForTimeout(1500);
    expect(await matchCount(page)).toBe(0);
    // Typing a non-https site is refused before any prompt.
    await options.getByRole('textbox', { name: 'Site to add, such as example.org' }).fill('http://insecure.example');
    await options.getByRole('button', { name: 'Add site' }).click();
    await expect(options.locator('#site-error')).toHaveText('Only https sites are supported.');
  });

  test('import: preview shows what is added and why a bad record is rejected; applying makes the claim searchable and highlighted', async ({ context, extensionId }) => {
    const { page: options, errors } = await extensionPage(context, extensionId, 'options.html');
    const exported = await exportFile(options);
    const records = JSON.parse(exported) as Record<string, unknown>[];
    // A new claim built from an exported record: new id, statement and trigger phrase.
    const base = structuredClone(records.find((r) => (r['claimlens:claim'] as { id: string }).id === 'trump-krasnov-tapes')!);
    const ext = base['claimlens:claim'] as Record<string, unknown>;
    ext.id = 'zorblax-protocol';
    ext.phrasings = ['The Zorblax protocol controls the weather'];
    ext.detection = { priority: 50, rules: [{ triggers: { en: ['zorblax protocol'] }, requires: [], vetoes: [] }] };
    ext.related = [];
    base.claimReviewed = 'A secret "Zorblax protocol" controls the weather.';
    base.url = 'https://factcheck.example/zorblax';
    const bad = { '@context': 'https://schema.org', '@type': 'ClaimReview', claimReviewed: 'Insecure source', url: 'http://factcheck.example/insecure', datePublished: '2025-01-01', author: { '@type': 'Organization', name: 'Example' }, reviewRating: { '@type': 'Rating', alternateName: 'False' } };
    await options.getByTestId('import-file').setInputFiles({ name: 'reviews.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(JSON.stringify([base, bad])) });
    const preview = options.getByTestId('import-preview');
    await expect(preview).toBeVisible();
    await expect(preview.getByTestId('preview-add')).toHaveText('1 to add');
    await expect(preview.getByTestId('preview-rejected')).toHaveText('1 rejected');
    await expect(preview).toContainText('A secret "Zorblax protocol" controls the weather.');
    await expect(preview.getByTestId('rejected-list')).toContainText(/https/);
    // Nothing is stored before "Import".
    expect(await options.evaluate(() => chrome.storage.local.get('importedClaims'))).toEqual({});
    await preview.getByRole('button', { name: 'Import 1 claims' }).click();
    await expect(options.getByRole('status')).toHaveText('Imported: 1 new, 0 replaced.');
    await expect(options.locator('.panel', { hasText: 'Claim database' })).toContainText('11 claims come with ClaimLens; 1 imported.');

    // Merged into the worker's database: searchable and detected on a page.
    const { page: popup } = await extensionPage(context, extensionId, 'popup.html');
    await popup.getByRole('searchbox').fill('zorblax');
    await expect.poll(() => resultIds(popup)).toEqual(['zorblax-protocol']);
    await expect(popup.locator('.result .tag')).toHaveText('imported');
    await context.route('https://x.com/zorblax', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><main><article><p>Wake up: the Zorblax protocol is real.</p></article></main>' }));
    const page = await context.newPage();
    await page.goto('https://x.com/zorblax');
    expect(await waitForHighlights(page, 1)).toEqual(['Zorblax protocol']);

    // The export now holds bundled and imported claims.
    const again = JSON.parse(await exportFile(options)) as Record<string, { id: string }>[];
    expect(new Set(again.map((r) => r['claimlens:claim']!.id)).size).toBe(12);
    expect(errors).toEqual([]);
  });

  test('corrupted stored settings fall back to their defaults, key by key; the page keeps working', async ({ context, extensionId }) => {
    const { page: options } = await extensionPage(context, extensionId, 'options.html');
    await setSync(options, {
      settingsVersion: 'seven',
      enabled: 'yes please',
      highlightStyle: 42,
      openOn: { click: true },
      customSites: 'example.org',
      mutedClaims: ['trump-russian-asset', 5, '<script>'],
      runOnX: null,
      theme: 'dark',
    });
    await options.reload();
    await expect(options.getByRole('switch', { name: 'ClaimLens is on' })).toHaveAttribute('aria-checked', 'true');
    await expect(options.getByRole('radio', { name: /^Background/ })).toBeChecked();
    await expect(options.getByRole('radio', { name: /When the pointer rests/ })).toBeChecked();
    await expect(options.getByRole('radio', { name: 'Dark', exact: true })).toBeChecked();
    await expect(options.locator('input[data-claim="trump-russian-asset"]')).toBeChecked();
    await expect(options.getByRole('switch', { name: 'X (x.com, twitter.com)' })).toHaveAttribute('aria-checked', 'true');

    const { page, errors } = await openFixture(context, 'x');
    const texts = await waitForHighlights(page, 5);
    expect(texts).not.toContain('Kremlin asset'); // the valid muted entry was kept
    expect(texts).toHaveLength(6);
    await hoverHighlight(page, 'agent Krasnov');
    await expect(page.locator('claimlens-card .card')).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('reset to defaults clears every setting and hidden match', async ({ context, extensionId }) => {
    const { page: options } = await extensionPage(context, extensionId, 'options.html');
    await setSync(options, { highlightStyle: 'underline', pausedSites: ['x.com'], theme: 'dark', settingsVersion: 1 });
    await options.evaluate(() => chrome.storage.local.set({ dismissedMatches: [{ site: 'x.com', claimId: 'trump-russian-asset', at: 1 }] }));
    await expect(options.getByRole('radio', { name: /Underline/ })).toBeChecked();
    await options.getByRole('button', { name: 'Reset to defaults…' }).click();
    await options.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(options.getByRole('status')).toHaveText('Settings reset to their defaults.');
    await expect(options.getByRole('radio', { name: /^Background/ })).toBeChecked();
    await expect(options.locator('html')).not.toHaveAttribute('data-theme', /./);
    // Only the version of the (default) settings is stored again.
    await expect.poll(() => options.evaluate(() => chrome.storage.sync.get(null))).toEqual({ settingsVersion: 1 });
    expect(await options.evaluate(() => chrome.storage.local.get('dismissedMatches'))).toEqual({});
  });
});

/**
 * Headless Chromium cannot click the browser's permission prompt, and no DevTools command grants
 * an extension's optional host permission. So this test loads a copy of the built extension whose
 * manifest also lists the test site under host_permissions: the permission is then granted, as
 * it would be after the user's "Allow", and permissions.request resolves at once without a
 * prompt. Everything after the prompt is the production code path.
 */
test.describe('options: permission granted', () => {
  let dir: string;
  let profile: string;
  let context: BrowserContext;
  let extensionId: string;

  /** Chromium with a copy of the build whose manifest grants `hosts` (see above). */
  async function launchGranted(hosts: string[]) {
    dir = mkdtempSync(join(tmpdir(), 'claimlens-granted-'));
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    manifest.host_permissions = hosts;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    profile = mkdtempSync(join(tmpdir(), 'claimlens-profile-'));
    const args = CHROMIUM_ARGS.map((a) => (a.startsWith('--disable-extensions-except=') ? `--disable-extensions-except=${dir}` : a.startsWith('--load-extension=') ? `--load-extension=${dir}` : a));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args, viewport: { width: 1280, height: 900 } });
    await routeFixtures(context);
    await context.route('https://news.example.org/**', (r) => r.fulfill({ contentType: 'text/html', body: CUSTOM_SITE_HTML }));
    await context.route('https://blog.anywhere.example/**', (r) => r.fulfill({ contentType: 'text/html', body: CUSTOM_SITE_HTML }));
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    extensionId = new URL(sw.url()).host;
  }

  test.afterEach(async () => {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  test('adding your own site registers the content script there, including the tab already open; removing it stops that', async () => {
    await launchGranted(['https://*.example.org/*']);
    const open = await context.newPage();
    await open.goto('https://news.example.org/already-open');
    await open.waitForTimeout(800);
    expect(await matchCount(open)).toBe(0);

    const { page: options, errors } = await extensionPage(context, extensionId, 'options.html');
    await options.getByRole('textbox', { name: 'Site to add, such as example.org' }).fill('https://www.example.org/some/page');
    await options.getByRole('button', { name: 'Add site' }).click();
    await expect(options.getByRole('status')).toHaveText('ClaimLens now runs on example.org.');
    const row = options.locator('.site-row[data-site="example.org"]');
    await expect(row.getByTestId('site-state')).toHaveText('Allowed');
    await expect
      .poll(() => options.evaluate(() => chrome.scripting.getRegisteredContentScripts()))
      .toEqual([expect.objectContaining({ id: 'claimlens-user-sites', matches: ['https://*.example.org/*'] })]);

    // The tab that was already open got the script at once; a new page gets it on load.
    expect(await waitForHighlights(open, 1)).toEqual(['Kremlin asset']);
    const page = await context.newPage();
    await page.goto('https://news.example.org/story');
    expect(await waitForHighlights(page, 1)).toEqual(['Kremlin asset']);
    // The popup works there too, and so does pausing.
    const tabId = await tabIdFor(options, 'news.example.org');
    const { page: popup } = await openPopup(context, extensionId, tabId);
    await expect(popup.locator('.page .quote')).toHaveCount(1);
    await popup.getByRole('button', { name: 'Pause on news.example.org' }).click();
    await expect.poll(() => matchCount(page)).toBe(0);
    await popup.getByRole('button', { name: 'Resume on news.example.org' }).click();
    await expect.poll(() => matchCount(page)).toBe(1);
    // A site that is not in the list stays unread.
    const other = await context.newPage();
    await other.goto('https://blog.anywhere.example/post');
    await other.waitForTimeout(800);
    expect(await matchCount(other)).toBe(0);

    await row.getByRole('button', { name: 'Remove example.org' }).click();
    await expect.poll(() => options.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    await expect.poll(() => matchCount(page)).toBe(0);
    expect(errors).toEqual([]);
  });

  test('"All websites" registers the content script for every https site, excluding the built-in ones; off unregisters it', async () => {
    await launchGranted(['https://*/*']);
    const { page: options, errors } = await extensionPage(context, extensionId, 'options.html');
    const all = options.getByRole('switch', { name: 'All websites' });
    await all.click();
    await expect(all).toHaveAttribute('aria-checked', 'true');
    await expect
      .poll(() => options.evaluate(() => chrome.scripting.getRegisteredContentScripts()))
      .toEqual([expect.objectContaining({ id: 'claimlens-user-sites', matches: ['https://*/*'], excludeMatches: expect.arrayContaining(['https://x.com/*']) })]);
    const page = await context.newPage();
    await page.goto('https://blog.anywhere.example/post');
    expect(await waitForHighlights(page, 1)).toEqual(['Kremlin asset']);
    // X keeps working (its script is the manifest's; the registered one excludes it).
    const { page: x } = await openFixture(context, 'x');
    expect(await waitForHighlights(x, 7)).toHaveLength(7);

    await all.click();
    await expect.poll(() => options.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    await expect.poll(() => matchCount(page)).toBe(0);
    expect(errors).toEqual([]);
  });
});

test.describe('languages', () => {
  const LANGS = {
    de: { search: 'Faktenchecks durchsuchen', verdict: 'Unbelegt', options: 'ClaimLens-Einstellungen', sources: 'Quellen', notAbout: 'Geht nicht um diese Behauptung' },
    ru: { search: 'Поиск по проверкам', verdict: 'Не доказано', options: 'Настройки ClaimLens', sources: 'Источники', notAbout: 'Это не об этом' },
  } as const;
  for (const [lang, want] of Object.entries(LANGS)) {
    test(`popup, options and the card on the page speak ${lang} when the browser does`, async () => {
      const profile = mkdtempSync(join(tmpdir(), 'claimlens-profile-'));
      const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, `--lang=${lang}`], locale: lang, env: { ...process.env, LANGUAGE: lang } });
      try {
        await routeFixtures(context);
        const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
        const extensionId = new URL(sw.url()).host;
        const { page: popup } = await extensionPage(context, extensionId, 'popup.html');
        await expect(popup.locator('html')).toHaveAttribute('lang', new RegExp(`^${lang}`));
        const box = popup.getByRole('searchbox', { name: want.search });
        await box.fill('krasnov tapes');
        await expect(popup.locator('.results .result').first().locator('.pill')).toHaveText(new RegExp(want.verdict));
        const { page: options } = await extensionPage(context, extensionId, 'options.html');
        await expect(options.getByRole('heading', { level: 1 })).toHaveText(want.options);
        const { page } = await openFixture(context, 'x');
        await waitForHighlights(page, 5);
        await hoverHighlight(page, 'Krasnov tapes');
        const card = page.locator('claimlens-card .card');
        await expect(card.locator('.sources-title')).toHaveText(want.sources);
        await expect(card.locator('[data-testid="verdict"]')).toHaveText(new RegExp(want.verdict));
        await expect(card.getByRole('button', { name: want.notAbout })).toBeVisible();
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    });
  }
});

async function highlightedOnPage(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(CSS.highlights.get('claimlens-match') ?? [])].map((r) => (r as Range).toString()));
}

/** Clicks "Download ClaimReview file" and returns the file's text. */
async function exportFile(options: Page): Promise<string> {
  const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Download ClaimReview file' }).click()]);
  expect(download.suggestedFilename()).toBe('claimlens-claimreview.jsonld');
  const path = await download.path();
  return readFileSync(path, 'utf8');
}
