/**
 * Sites as the settings see them: host names, the site key a pause or a hidden match is stored
 * under, and the match patterns a user's own site asks permission for. Pure: no browser APIs.
 */

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A lower-case host name with at least one dot (or "localhost"), IDN in punycode. */
export function isSiteHost(host: unknown): host is string {
  if (typeof host !== 'string' || host.length === 0 || host.length > 253) return false;
  if (host === 'localhost') return true;
  const labels = host.split('.');
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]!);
}

/** The key a site is remembered under: the host name without "www." (x.com and www.x.com are one site). */
export function siteKey(hostname: string): string {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h.startsWith('www.') ? h.slice(4) : h;
}

/** Whether `host` is `site` or one of its subdomains. */
export function hostIsOn(host: string, site: string): boolean {
  const h = siteKey(host);
  return h === site || h.endsWith(`.${site}`);
}

export type SiteInput = { ok: true; host: string } | { ok: false; reason: 'empty' | 'invalid' | 'scheme' };

/**
 * What the user typed into "Add a site": "example.org", "www.example.org/path" or a full https
 * URL. Only https sites are supported (like the built-in ones).
 */
export function parseSiteInput(text: string): SiteInput {
  const t = text.trim();
  if (!t) return { ok: false, reason: 'empty' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'scheme' };
  if (url.username || url.password || url.port) return { ok: false, reason: 'invalid' };
  const host = siteKey(url.hostname);
  return isSiteHost(host) ? { ok: true, host } : { ok: false, reason: 'invalid' };
}

/** The match pattern (and optional host permission) for a user's site: https, the site and its subdomains. */
export function sitePattern(host: string): string {
  return `https://*.${host}/*`;
}

/** The pattern for "all sites". */
export const ALL_SITES_PATTERN = 'https://*/*';

/** The match patterns the dynamically registered content script should cover. */
export function wantedPatterns(s: { enabled: boolean; runOnAllSites: boolean; customSites: readonly string[] }, granted: (pattern: string) => boolean): string[] {
  if (!s.enabled) return [];
  if (s.runOnAllSites && granted(ALL_SITES_PATTERN)) return [ALL_SITES_PATTERN];
  return s.customSites.map(sitePattern).filter(granted);
}
