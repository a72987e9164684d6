import { expect, hoverHighlight, openFixture, test, waitForHighlights } from './extension';
import { addPost, badgeOf, extensionPage, matchCount, openPopup, stopServiceWorkers, tabIdFor } from './ui-helpers';

/**
 * MV3 workers are stopped whenever Chrome likes (30 s idle, memory). Nothing the user sees may
 * depend on the worker's memory: here it is stopped again and again while pages are open.
 */
test.describe('service-worker restarts', () => {
  test('highlighting of new posts, cards, badge and popup keep working across repeated stops', async ({ context, extensionId }) => {
    const { page, errors } = await openFixture(context, 'x');
    await waitForHighlights(page, 7);
    const { page: probe } = await extensionPage(context, extensionId, 'options.html');
    const tabId = await tabIdFor(probe, 'x.com');
    await expect.poll(() => badgeOf(probe, tabId)).toEqual({ text: '4', title: 'ClaimLens: 4 fact-checked claims on this page' });

    const posts = [
      { text: 'Breaking: the Steele dossier has been confirmed, says my uncle.', phrase: 'Steele dossier', claims: 5 },
      { text: 'Round two: agent Krasnov is back.', phrase: 'agent Krasnov', claims: 5 },
      { text: 'Who still believes the Mueller report proved Trump colluded with Russia?', phrase: 'Mueller report', claims: 6 },
    ];
    let expected = await matchCount(page);
    for (const [i, post] of posts.entries()) {
      await stopServiceWorkers(context, page, extensionId);
      // A new post in the feed: the content script asks the (stopped) worker, which wakes up.
      await addPost(page, `restart-${i}`, post.text);
      expected += 1;
      await expect.poll(() => matchCount(page)).toBe(expected);
      const texts = await waitForHighlights(page, expected);
      expect(texts.filter((t) => t === post.phrase).length).toBeGreaterThanOrEqual(1);
      // The badge is recounted by the woken worker from the page's report.
      await expect.poll(() => badgeOf(probe, tabId)).toEqual({ text: String(post.claims), title: `ClaimLens: ${post.claims} fact-checked claims on this page` });

      // Cards still open.
      await page.bringToFront();
      await hoverHighlight(page, post.phrase);
      const card = page.locator('claimlens-card .card');
      await expect(card).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(card).toHaveCount(0);

      // A popup opened right after another stop: search and the page list answer at once.
      await stopServiceWorkers(context, page, extensionId);
      const { page: popup, errors: popupErrors } = await openPopup(context, extensionId, tabId);
      await popup.getByRole('searchbox').fill('krasnow');
      await expect(popup.locator('.results .result[data-claim="trump-kgb-recruited-1987-krasnov"]')).toBeVisible();
      await popup.getByRole('searchbox').fill('');
      await expect(popup.locator('.page .quote')).toHaveCount(expected);
      expect(popupErrors).toEqual([]);
      await popup.close();
    }
    expect(errors).toEqual([]);
  });

  test('claims imported before a stop are still there after it (read again from storage.local)', async ({ context, extensionId }) => {
    const { page: options } = await extensionPage(context, extensionId, 'options.html');
    // An imported claim, stored the way the options page stores one.
    await options.evaluate(async () => {
      const reply = (await (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ data: { claims: Record<string, unknown>[] } }> } } }).chrome.runtime.sendMessage({ type: 'exportClaims' }));
      const claim = { ...reply.data.claims.find((c) => c.id === 'trump-krasnov-tapes')!, id: 'quux-weather-machine', statement: 'A quux weather machine exists.', phrasings: ['the quux weather machine'], related: [], detection: { priority: 50, rules: [{ triggers: { en: ['quux weather machine'] }, requires: [], vetoes: [] }] } };
      await chrome.storage.local.set({ importedClaims: { version: 1, importedAt: Date.now(), claims: [claim] } });
    });
    const { page } = await openFixture(context, 'x');
    await waitForHighlights(page, 7);
    for (let i = 0; i < 2; i++) {
      await stopServiceWorkers(context, page, extensionId);
      await addPost(page, `quux-${i}`, `They built the quux weather machine (${i}).`);
      await expect.poll(async () => (await waitForHighlights(page, 8 + i)).filter((t) => t === 'quux weather machine').length).toBe(i + 1);
      const { page: popup } = await extensionPage(context, extensionId, 'popup.html');
      await popup.getByRole('searchbox').fill('quux');
      await expect(popup.locator('.results .result')).toHaveAttribute('data-claim', 'quux-weather-machine');
      await popup.close();
    }
  });
});
