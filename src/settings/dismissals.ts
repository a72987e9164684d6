import { z } from 'zod/mini';
import { lazy } from '../util/lazy';
import { Slug } from '../claims/schema';
import { isSiteHost } from './sites';

/**
 * "Not about this claim": the user said a match on a site is not about the claim. Remembered per
 * site and claim (in storage.local: a device's own list, not capped by storage.sync's quotas),
 * newest last, at most MAX_DISMISSALS.
 */
export const DISMISSALS_KEY = 'dismissedMatches';
export const MAX_DISMISSALS = 2000;

export const Dismissal = lazy(() => z.strictObject({
  site: z.string().check(z.maxLength(253), z.refine(isSiteHost, 'must be a host name')),
  claimId: Slug.check(z.maxLength(200)),
  /** When, in ms since 1970 (for the undo list's order). */
  at: z.number().check(z.int(), z.nonnegative()),
}));
export type Dismissal = z.output<typeof Dismissal>;

/** The stored list, keeping valid entries only (each dropped one is logged). */
export function parseDismissals(raw: unknown, log: (msg: string) => void = console.warn): Dismissal[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    log('ClaimLens: the list of hidden matches is not a list; starting a new one');
    return [];
  }
  const out: Dismissal[] = [];
  for (const v of raw) {
    const r = Dismissal.safeParse(v);
    if (r.success) out.push(r.data);
    else log('ClaimLens: dropped an invalid hidden-match entry');
  }
  return out.slice(-MAX_DISMISSALS);
}

export function isDismissed(list: readonly Dismissal[], site: string, claimId: string): boolean {
  return list.some((d) => d.site === site && d.claimId === claimId);
}

export function addDismissal(list: readonly Dismissal[], d: Dismissal): Dismissal[] {
  return [...list.filter((x) => !(x.site === d.site && x.claimId === d.claimId)), d].slice(-MAX_DISMISSALS);
}

export function removeDismissal(list: readonly Dismissal[], site: string, claimId: string): Dismissal[] {
  return list.filter((x) => !(x.site === site && x.claimId === claimId));
}
