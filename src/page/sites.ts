/**
 * Where the content script runs. Each pattern is https only; `*.site` also matches the bare
 * domain. The list is the manifest: changing it changes what the extension can read.
 */
export const SOCIAL_MATCHES = [
  'https://x.com/*',
  'https://mobile.x.com/*',
  'https://twitter.com/*',
  'https://mobile.twitter.com/*',
  'https://www.tiktok.com/*',
] as const;

export const NEWS_SITES = [
  'euronews.com',
  'theguardian.com',
  'bbc.com',
  'bbc.co.uk',
  'nytimes.com',
  'washingtonpost.com',
  'cnn.com',
  'foxnews.com',
  'reuters.com',
  'apnews.com',
  'politico.com',
  'politico.eu',
  'nbcnews.com',
  'france24.com',
  'dw.com',
  'thedailybeast.com',
  'newsweek.com',
  'indiatoday.in',
  'metro.co.uk',
  'ndtv.com',
  'aljazeera.com',
  'independent.co.uk',
  'npr.org',
  'usatoday.com',
] as const;

export const NEWS_MATCHES = NEWS_SITES.map((d) => `https://*.${d}/*`);

export const CONTENT_MATCHES = [...SOCIAL_MATCHES, ...NEWS_MATCHES];

export type SiteKind = 'x' | 'tiktok' | 'news';

export function siteKind(hostname: string): SiteKind {
  const h = hostname.toLowerCase();
  if (/(^|\.)(x|twitter)\.com$/.test(h)) return 'x';
  if (/(^|\.)tiktok\.com$/.test(h)) return 'tiktok';
  return 'news';
}
