import { z } from 'zod/mini';
import { lazy } from '../util/lazy';

/**
 * Pages that are themselves fact-checks carry schema.org ClaimReview markup. On those pages
 * every quoted sentence would light up; instead ClaimLens shows one quiet notice.
 * This reads the page's JSON-LD (never executes it) and returns the reviewed claims' texts.
 */
const Reviewed = lazy(() => z.looseObject({
  '@type': z.optional(z.union([z.string(), z.array(z.string())])),
  claimReviewed: z.optional(z.string().check(z.maxLength(2000))),
  url: z.optional(z.string().check(z.maxLength(2000))),
}));

const MAX_SCRIPTS = 20;
const MAX_JSON = 500_000;

export interface PageClaimReview {
  claimReviewed: string;
  url?: string;
}

export function findClaimReviews(doc: Document): PageClaimReview[] {
  const out: PageClaimReview[] = [];
  const scripts = [...doc.querySelectorAll('script[type="application/ld+json"]')].slice(0, MAX_SCRIPTS);
  for (const s of scripts) {
    const text = s.textContent ?? '';
    if (text.length > MAX_JSON || !/ClaimReview/.test(text)) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      continue;
    }
    visit(json, out, 0);
  }
  return out;
}

function visit(node: unknown, out: PageClaimReview[], depth: number): void {
  if (depth > 6 || out.length >= 20 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node.slice(0, 100)) visit(n, out, depth + 1);
    return;
  }
  const r = Reviewed.safeParse(node);
  if (r.success) {
    const types = ([] as string[]).concat(r.data['@type'] ?? []);
    if (types.includes('ClaimReview') && r.data.claimReviewed) out.push({ claimReviewed: r.data.claimReviewed, ...(r.data.url ? { url: r.data.url } : {}) });
  }
  for (const key of ['@graph', 'mainEntity', 'itemListElement', 'dataFeedElement', 'item', 'review']) {
    visit((node as Record<string, unknown>)[key], out, depth + 1);
  }
}
