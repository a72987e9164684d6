import { expect, hoverHighlight, openFixture, test, waitForHighlights } from './extension';

const sorted = (a: string[]) => [...a].sort();

test.describe('page text → highlight → card', () => {
  test('X timeline: claim phrases are highlighted, look-alikes are not, the page keeps working', async ({ context }) => {
    const { page, errors } = await openFixture(context, 'x');
    const texts = await waitForHighlights(page, 5);
    expect(sorted(texts)).toEqual(sorted(['recruited', 'codename Krasnov', 'agent Krasnov', 'MAGA = Moscow Agent Governing America', 'TrumpKrasnov', 'Kremlin asset', 'Krasnov tapes']));
    // Every highlight ClaimLens registers is named claimlens*, and nothing was wrapped or rewritten.
    const names = await page.evaluate(() => {
      const n: string[] = [];
      CSS.highlights.forEach((_h, name) => n.push(name));
      return n;
    });
    expect(names.every((n) => n.startsWith('claimlens'))).toBe(true);
    const dom = await page.evaluate(() => {
      const w = window as unknown as { __snapshot(): string; __initialHTML: string };
      return { now: w.__snapshot(), before: w.__initialHTML };
    });
    expect(dom.now).toBe(dom.before);
    // The page's own renderer kept updating its text nodes.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __renders: number }).__renders)).toBeGreaterThan(3);
    expect(errors).toEqual([]);
  });

  test('hovering a highlight opens the card with verdict and working https source links; Escape closes it', async ({ context }) => {
    const { page, errors } = await openFixture(context, 'x');
    await waitForHighlights(page, 5);
    await hoverHighlight(page, 'agent Krasnov');
    const card = page.locator('claimlens-card .card');
    await expect(card).toBeVisible();
    await expect(card.locator('[data-testid="verdict"]')).toHaveText(/Unproven/);
    await expect(card).toContainText('KGB');
    const links = card.locator('.sources a');
    expect(await links.count()).toBeGreaterThanOrEqual(2);
    for (const a of await links.all()) {
      expect(await a.getAttribute('href')).toMatch(/^https:\/\//);
      expect(await a.getAttribute('target')).toBe('_blank');
      expect(await a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    // The card stays inside the viewport.
    const box = (await card.boundingBox())!;
    const vp = page.viewportSize()!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(vp.width);
    expect(box.y + box.height).toBeLessThanOrEqual(vp.height);
    // The pointer can move onto the card without it closing.
    await page.mouse.move(box.x + box.width / 2, box.y + 20, { steps: 6 });
    await page.waitForTimeout(800);
    await expect(card).toBeVisible();
    // A source link opens in a new tab at its https URL.
    const first = links.first();
    const href = (await first.getAttribute('href'))!;
    const [popup] = await Promise.all([context.waitForEvent('page'), first.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(href);
    await popup.close();
    // Escape closes it.
    await page.bringToFront();
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('moving the pointer away closes the card', async ({ context }) => {
    const { page } = await openFixture(context, 'x');
    await waitForHighlights(page, 5);
    await hoverHighlight(page, 'Krasnov tapes');
    const card = page.locator('claimlens-card .card');
    await expect(card).toBeVisible();
    await expect(card.locator('[data-testid="verdict"]')).not.toHaveText(/^$/);
    await page.mouse.move(5, 5, { steps: 3 });
    await expect(card).toHaveCount(0);
  });

  test('TikTok feed: caption and comment highlighted, the hockey player is not', async ({ context }) => {
    const { page, errors } = await openFixture(context, 'tiktok');
    const texts = await waitForHighlights(page, 3);
    expect(sorted(texts)).toEqual(sorted(['KGB really recruit', 'Krasnov', 'krasnov', 'comrade Krasnov']));
    expect(errors).toEqual([]);
  });

  test('news article: the headline gives the context; the Cossack general and frozen assets are left alone', async ({ context }) => {
    const { page, errors } = await openFixture(context, 'news');
    const texts = await waitForHighlights(page, 4);
    expect(sorted(texts)).toEqual(sorted(['recruited by the KGB', 'Krasnov', 'KGB recruited', 'Krasnov']));
    await hoverHighlight(page, 'KGB recruited');
    const card = page.locator('claimlens-card .card');
    await expect(card).toBeVisible();
    await card.locator('.why summary').click();
    await expect(card.locator('.why')).toContainText('The headline');
    expect(errors).toEqual([]);
  });
});
