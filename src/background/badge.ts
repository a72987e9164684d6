import browser from 'webextension-polyfill';
import type { MessageKey, Translate } from '../ui/i18n';

/**
 * The toolbar badge: the number of distinct claims matched on a tab, and a title that says it in
 * words (screen readers read the title, not the badge). The content script is the source of truth
 * and reports after every change, so a restarted worker loses nothing; the worker clears the
 * badge when the tab starts loading another page and asks the new page again when it is loaded.
 */

export type BadgeState = 'active' | 'paused' | 'off' | 'site-off';

/** The badge's text and accessible title. `t` is browser.i18n.getMessage (passed in: testable). */
export function badgeFor(claimCount: number, state: BadgeState, t: Translate): { text: string; title: string } {
  const n = state === 'active' ? claimCount : 0;
  const text = n > 0 ? String(Math.min(n, 999)) : '';
  let title: string;
  if (state === 'paused') title = t('badgeTitlePaused');
  else if (state === 'off') title = t('badgeTitleOff');
  else if (state === 'site-off') title = t('badgeTitleSiteOff');
  else if (n === 0) title = t('badgeTitleNone');
  else title = n === 1 ? t('badgeTitleOne') : t('badgeTitleMany', [String(n)]);
  // An unknown message key gives "": keep the product name at least.
  return { text, title: title || 'ClaimLens' };
}

const i18n: Translate = (key: MessageKey, subs?: string | string[]) => browser.i18n.getMessage(key, subs);

export async function setBadge(tabId: number, claimCount: number, state: BadgeState = 'active'): Promise<void> {
  const { text, title } = badgeFor(claimCount, state, i18n);
  await Promise.all([
    browser.action.setBadgeText({ tabId, text }),
    browser.action.setBadgeBackgroundColor({ tabId, color: '#7c2d12' }),
    browser.action.setTitle({ tabId, title }),
  ]);
}

/** Back to "nothing on this page": the tab is loading another document. */
export async function clearBadge(tabId: number): Promise<void> {
  await Promise.all([browser.action.setBadgeText({ tabId, text: '' }), browser.action.setTitle({ tabId, title: i18n('badgeTitleNone') || 'ClaimLens' })]);
}
