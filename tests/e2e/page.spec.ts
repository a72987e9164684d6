import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, highlightedTexts, hoverHighlight, openFixture, test, waitForHighlights } from './extension';

/** README pictures are refreshed only on request (CLAIMLENS_SCREENSHOTS=1); otherwise they go to test-results/. */
const shot = (name: string) => (process.env.CLAIMLENS_SCREENSHOTS ? `docs/images/${name}` : test.info().outputPath(name));
const matchCount = (page: Page) => page.evaluate(() => CSS.highlights.get('claimlens-match')?.size ?? 0);
/** The element that has focus, looking through shadow roots. */
const deepActive = (page: Page) =>
  page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a ? `${a.tagName.toLowerCase()}${a.className ? `.${String(a.className).split(' ')[0]}` : ''}` : '';
  });

test.describe('content script on living pages', () => {
  test('virtualised feed: hundreds of posts added and recycled, highlights follow exactly, none stale', async ({ context }) => {
    const { page, errors } = await openFixture(context, 'virtualFeed');
    await waitForHighlights(page, 1);
    for (let burst = 0; burst < 30; burst++) {
      await page.evaluate(() => (window as unknown as { __addBurst(n: number): number }).__addBurst(12));
      await page.waitForTimeout(40);
    }
    // Settle, then compare with what the page shows now.
    await expect
      .poll(async () => {
        const r = await page.evaluate(() => {
          const h = CSS.highlights.get('claimlens-match');
          const ranges = [...(h ?? [])] as Range[];
          return {
            // Each claim post has 1-3 highlighted phrases; every range must be in the document and non-empty.
            live: ranges.every((x) => x.startContainer.isConnected && !x.collapsed),
            posts: new Set(ranges.map((x) => x.startContainer.parentElement!.closest('article'))).size,
            claims: (window as unknown as { __claimCells(): number }).__claimCells(),
          };
        });
        return r.live && r.posts === r.claims;
      }, { timeout: 15_000 })
      .toBe(true);
    // Memory stays bounded: highlights only for the ~30 cells on screen, not for 390 posts seen.
    expect(await matchCount(page)).toBeLessThanOrEqual(30);
    expect(errors).toEqual([]);
  });

  test('React page re-rendering its text: highlights follow, React logs no error', async ({ context }) => {
    const { page, errors } = await openFixture(context, 'react');
    await waitForHighlights(page, 1);
    // Over two seconds the claim paragraph appears and disappears many times.
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const h = await highlightedTexts(page);
      for (const t of h.find((x) => x.name === 'claimlens-match')?.texts ?? []) seen.add(t);
      await page.waitForTimeout(100);
    }
    expect(seen).toEqual(new Set(['Kremlin asset', 'Agent Krasnov']));
    expect(await page.evaluate(() => (window as unknown as { __tick: number }).__tick)).toBeGreaterThan(10);
    expect(await page.evaluate(() => (window as unknown as { __reactErrors: string[] }).__reactErrors)).toEqual([]);
    // No stale range: every highlighted range still reads as a claim phrase.
    const texts = (await highlightedTexts(page)).find((x) => x.name === 'claimlens-match')?.texts ?? [];
    expect(texts.every((t) => t === 'Kremlin asset' || t === 'Agent Krasnov')).toBe(true);
    expect(errors).toEqual([]);
  });

  test('split phrases, open shadow roots and same-origin iframes are read; editors are not', async ({ context }) => {
    const { page, errors } = await openFixture(context, 'components');
    await waitForHighlights(page, 3);
    await expect
      .poll(async () => ((await highlightedTexts(page)).find((x) => x.name === 'claimlens-match')?.texts ?? []).sort())
      .toEqual(['Krasnov', 'Krasnov tapes', 'agent Krasnov', 'recruited by the KGB'].sort());
    const frame = page.frames().find((f) => f.url().includes('embed-frame'))!;
    await expect.poll(() => frame.evaluate(() => [...(CSS.highlights.get('claimlens-match') ?? [])].map((r) => r.toString()))).toEqual(['MAGA = Moscow Agent Governing America']);
    expect(errors).toEqual([]);
  });

  test('a fact-check page gets one quiet notice instead of highlights', async ({ context }) => {
    const { page } = await openFixture(context, 'factCheck');
    const notice = page.locator('claimlens-notice .notice');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('this page is a fact-check of');
    await page.waitForTimeout(500);
    expect(await matchCount(page)).toBe(0);
    await notice.getByRole('button', { name: 'Dismiss ClaimLens notice' }).click();
    await expect(page.locator('claimlens-notice')).toHaveCount(0);
  });
});

test.describe('the card, for everyone', () => {
  test('keyboard: Alt+Shift+L jumps to a match and focuses its card, Tab reaches the links, Escape returns focus', async ({ context }) => {
    const { page } = await openFixture(context, 'x');
    await waitForHighlights(page, 5);
    await page.locator('h1').click(); // focus in the page, not on a highlight
    await page.keyboard.press('Alt+Shift+L');
    const card = page.locator('claimlens-card .card');
    await expect(card).toBeVisible();
    expect(await deepActive(page)).toBe('div.card');
    const first = await card.locator('[data-testid="verdict"]').textContent();
    await page.keyboard.press('Tab'); // the close button
    await page.keyboard.press('Tab'); // "Full explanation"
    await page.keyboard.press('Tab'); // the first source link
    expect(await deepActive(page)).toBe('a');
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
    expect(await deepActive(page)).toBe('body');
    // The shortcut walks the matches in page order.
    await page.keyboard.press('Alt+Shift+L');
    await page.keyboard.press('Alt+Shift+L');
    await expect(card).toBeVisible();
    expect(await card.locator('.claim').textContent()).not.toBe(first);
  });

  test('focus on a link inside a matched phrase opens the card without taking focus', async ({ context }) => {
    const { page } = await openFixture(context, 'x');
    await waitForHighlights(page, 5);
    await page.locator('a', { hasText: 'Kremlin' }).focus();
    await expect(page.locator('claimlens-card .card')).toBeVisible();
    expect(await deepActive(page)).toBe('a');
  });

  test('the open card has no serious or critical accessibility violations (axe)', async ({ context }) => {
    const { page } = await openFixture(context, 'x');
    await waitForHighlights(page, 5);
    await hoverHighlight(page, 'agent Krasnov');
    await expect(page.locator('claimlens-card .card')).toBeVisible();
    await page.locator('claimlens-card .why summary').click();
    const results = await new AxeBuilder({ page }).include('claimlens-card').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test('follows the page theme: dark page, dark card; light page in a dark system, light card', async ({ context }) => {
    const { page } = await openFixture(context, 'dark');
    await waitForHighlights(page, 1);
    await hoverHighlight(page, 'recruited by the KGB');
    const card = page.locator('claimlens-card .card');
    await expect(card).toBeVisible();
    expect(await card.getAttribute('data-theme')).toBe('dark');
    const bg = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(22, 27, 34)');
    await page.screenshot({ path: shot('card-dark.png') });

    const light = await openFixture(context, 'news');
    await light.page.emulateMedia({ colorScheme: 'dark' });
    await waitForHighlights(light.page, 1);
    await hoverHighlight(light.page, 'KGB recruited');
    const c2 = light.page.locator('claimlens-card .card');
    await expect(c2).toBeVisible();
    expect(await c2.getAttribute('data-theme')).toBe('light');
    expect(await c2.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
    await light.page.screenshot({ path: shot('card-light.png') });
  });

  test('the card flips above a highlight near the bottom and follows scrolling', async ({ context }) => {
    const { page } = await openFixture(context, 'x');
    await page.setViewportSize({ width: 900, height: 420 });
    await waitForHighlights(page, 5);
    // Bring the last post to the bottom edge of the viewport, then hover its highlight.
    await page.evaluate(() => {
      const el = document.getElementById('p7')!;
      window.scrollTo(0, el.getBoundingClientRect().bottom + window.scrollY - window.innerHeight + 8);
    });
    await hoverHighlight(page, 'Krasnov tapes');
    const card = page.locator('claimlens-card .card');
    await expect(card).toBeVisible();
    expect(await card.getAttribute('data-placement')).toBe('above');
    const vp = page.viewportSize()!;
    const box = (await card.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(vp.height);
    const before = box.y;
    await page.evaluate(() => window.scrollBy(0, -60));
    await expect.poll(async () => (await card.boundingBox())?.y ?? before).not.toBe(before);
  });
});

test('single-page navigation: a new route is read again and the old route leaves no highlight', async ({ context }) => {
  const { page, errors } = await openFixture(context, 'x');
  await waitForHighlights(page, 5);
  // Like X: the URL changes with pushState and the app swaps the timeline's content.
  await page.evaluate(() => {
    history.pushState({}, '', '/i/bookmarks');
    const tl = document.getElementById('timeline')!;
    tl.replaceChildren();
    const p = document.createElement('article');
    p.innerHTML = '<div data-testid="tweetText"><span>Bookmarked: the Krasnov tapes thread</span></div>';
    tl.append(p);
  });
  await expect.poll(async () => ((await highlightedTexts(page)).find((x) => x.name === 'claimlens-match')?.texts ?? []).sort(), { timeout: 10_000 }).toEqual(['Krasnov tapes']);
  expect(errors.filter((e) => !/renderer lost/.test(e))).toEqual([]);
});
