import type { Claim } from '../../claims/schema';

/** What an import would do, shown before anything is stored. Pure: tested in Node. */
export interface ImportPreview {
  /** New claims. */
  add: Claim[];
  /** Claims that replace an imported claim with the same id. */
  replace: Claim[];
  /** Claims already in the database exactly as they are (a re-import of an export). */
  unchanged: Claim[];
  /** Records that will not be imported, and why. */
  rejected: { record: string; reason: string }[];
}

export interface PreviewReasons {
  /** A claim with a bundled claim's id but different content. */
  bundledId: (id: string) => string;
}

/**
 * Sorts converted claims against the database: bundled claims are never replaced by an import
 * (they change in data/), imported ones are.
 */
export function previewImport(
  converted: { claims: readonly Claim[]; rejected: readonly { record: string; reason: string }[] },
  bundled: readonly Claim[],
  imported: readonly Claim[],
  reasons: PreviewReasons,
): ImportPreview {
  const bundledById = new Map(bundled.map((c) => [c.id, c]));
  const importedById = new Map(imported.map((c) => [c.id, c]));
  const out: ImportPreview = { add: [], replace: [], unchanged: [], rejected: [...converted.rejected] };
  for (const c of converted.claims) {
    const b = bundledById.get(c.id);
    const i = importedById.get(c.id);
    if (b) {
      if (sameClaim(b, c)) out.unchanged.push(c);
      else out.rejected.push({ record: `"${c.id}"`, reason: reasons.bundledId(c.id) });
    } else if (i) {
      if (sameClaim(i, c)) out.unchanged.push(c);
      else out.replace.push(c);
    } else out.add.push(c);
  }
  return out;
}

/** The imported claims after applying a preview: replaced ones swapped in place, new ones appended. */
export function applyPreview(imported: readonly Claim[], p: ImportPreview): Claim[] {
  const replaced = new Map(p.replace.map((c) => [c.id, c]));
  return [...imported.map((c) => replaced.get(c.id) ?? c), ...p.add];
}

/** Equal as data: key order does not matter. */
export function sameClaim(a: Claim, b: Claim): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x,
  );
}
