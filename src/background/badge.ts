import browser from 'webextension-polyfill';

/**
 * The toolbar badge: the number of distinct claims matched on a tab. The content script is the
 * source of truth and reports after every change, so a restarted worker loses nothing.
 * Chrome resets a tab's badge when the tab navigates.
 */
export async function setBadge(tabId: number, claimCount: number): Promise<void> {
  const text = claimCount > 0 ? String(claimCount) : '';
  const title = claimCount === 0 ? 'ClaimLens: no fact-checked claims on this page' : `ClaimLens: ${claimCount} fact-checked claim${claimCount === 1 ? '' : 's'} on this page`;
  await Promise.all([
    browser.action.setBadgeText({ tabId, text }),
    browser.action.setBadgeBackgroundColor({ tabId, color: '#7c2d12' }),
    browser.action.setTitle({ tabId, title }),
  ]);
}
