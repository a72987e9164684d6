import { NEWS_SITES, SOCIAL_MATCHES } from '../page/sites';
import type { Settings } from './schema';
import { hostIsOn } from './sites';

/** The site groups whose content scripts are in the manifest. */
export type SiteGroup = 'x' | 'tiktok' | 'news';

const SOCIAL_HOSTS = SOCIAL_MATCHES.map((p) => new URL(p.replace('/*', '/')).hostname);

/** Which built-in group a host belongs to, if any (the manifest's match patterns, as host names). */
export function siteGroup(hostname: string): SiteGroup | undefined {
  const h = hostname.toLowerCase();
  if (SOCIAL_HOSTS.includes(h)) return /tiktok/.test(h) ? 'tiktok' : 'x';
  if (NEWS_SITES.some((d) => h === d || h.endsWith(`.${d}`))) return 'news';
  return undefined;
}

/** Whether the user paused ClaimLens on this host (or on a site it belongs to). */
export function isPaused(settings: Pick<Settings, 'pausedSites'>, hostname: string): boolean {
  return settings.pausedSites.some((s) => hostIsOn(hostname, s));
}

/** active: highlight; paused: the user paused this site; off: switched off; site-off: not a site the user chose. */
export type PolicyState = 'active' | 'paused' | 'off' | 'site-off';

/** Whether the content script on `hostname` should highlight, and if not, why. */
export function pagePolicy(settings: Settings, hostname: string): PolicyState {
  if (!settings.enabled) return 'off';
  if (isPaused(settings, hostname)) return 'paused';
  const group = siteGroup(hostname);
  const byGroup = group === 'x' ? settings.runOnX : group === 'tiktok' ? settings.runOnTikTok : group === 'news' ? settings.runOnNews : false;
  if (byGroup || settings.runOnAllSites || settings.customSites.some((s) => hostIsOn(hostname, s))) return 'active';
  return 'site-off';
}
