import { siteKind, type SiteKind } from './sites';

/** What a site offers as page-level context. Thin by design: detection decides, not this. */
export interface SiteProfile {
  readonly kind: SiteKind;
  /** The page's headline, used as context for every block (news articles); none for feeds. */
  headline(doc: Document): string | undefined;
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 1000) || undefined;

const FEED: Omit<SiteProfile, 'kind'> = {
  // A post stands on its own: another post's words must not decide for it.
  headline: () => undefined,
};

const NEWS: Omit<SiteProfile, 'kind'> = {
  headline: (doc) =>
    clean(doc.querySelector('article h1, main h1, h1')?.textContent) ??
    clean(doc.querySelector('meta[property="og:title"]')?.getAttribute('content')),
};

export function profileFor(hostname: string): SiteProfile {
  const kind = siteKind(hostname);
  return { kind, ...(kind === 'news' ? NEWS : FEED) };
}
