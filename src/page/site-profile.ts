import { ancestorFlag } from './ancestors';
import { siteKind, type SiteKind } from './sites';

/**
 * What a site offers: where its content is, what to ignore, and the page-level context.
 * Thin by design: detection decides what a claim is, not this.
 */
export interface SiteProfile {
  readonly kind: SiteKind;
  /** The page's headline, used as context for every block (news articles); none for feeds. */
  headline(doc: Document): string | undefined;
  /** Selectors of page parts whose text is not content: navigation, composers, ads, footers. */
  readonly ignore: string;
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 1000) || undefined;

const PROFILES: Record<SiteKind, Omit<SiteProfile, 'kind'>> = {
  // X: a post stands on its own (another post's words must not decide for it); the compose box
  // is contenteditable (skipped everywhere); the navigation and "who to follow" are not claims.
  x: {
    headline: () => undefined,
    ignore: 'nav, [role="navigation"], [data-testid="primaryColumn"] [role="progressbar"], [data-testid="UserCell"]',
  },
  // TikTok: captions and comments are the content; the sidebar and the navigation are not.
  tiktok: {
    headline: () => undefined,
    ignore: 'nav, [data-e2e="nav-foryou"], [data-e2e="search-box"], [class*="SideNav"]',
  },
  // News: the article's headline is the context of every paragraph; menus, footers, cookie
  // banners and "most read" lists are not the article.
  news: {
    headline: (doc) =>
      clean(doc.querySelector('article h1, main h1, h1')?.textContent) ??
      clean(doc.querySelector('meta[property="og:title"]')?.getAttribute('content')),
    ignore: 'nav, footer, [role="navigation"], [role="contentinfo"], [aria-label*="cookie" i], [id*="cookie" i], [class*="cookie" i]',
  },
};

export function profileFor(hostname: string): SiteProfile {
  const kind = siteKind(hostname);
  return { kind, ...PROFILES[kind] };
}

/** True when `el` sits in a part of the page the profile ignores. */
export function isIgnored(profile: SiteProfile, el: Element): boolean {
  try {
    return el.closest(profile.ignore) !== null;
  } catch {
    return false;
  }
}

/**
 * isIgnored for the many elements of one page: each element is matched against the profile's
 * selectors once, and its answer is kept for the elements below it (paragraphs share their
 * ancestors), instead of a closest() up to the root for every block.
 */
export function ignoreChecker(profile: SiteProfile): (el: Element) => boolean {
  const known = new WeakMap<Element, boolean>();
  const own = (el: Element) => {
    try {
      return el.matches(profile.ignore);
    } catch {
      return false;
    }
  };
  return (el) => ancestorFlag(el, known, own);
}
