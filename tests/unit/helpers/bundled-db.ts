import { checkDataDir } from '../../../scripts/lib/data-files';
import { loadPackagedDatabase, packDatabase, PACKAGED_FILES, type Database, type PackageReader } from '@/src/claims/packaged';
import type { Claim } from '@/src/claims/schema';

/** An in-memory package: what the build writes for `data/`, read back the way the worker reads it. */
export function memoryReader(files: Record<string, string | Uint8Array>): PackageReader & { reads: string[] } {
  const reads: string[] = [];
  const get = (p: string) => {
    reads.push(p);
    const f = files[p];
    if (f === undefined) return Promise.reject(new Error('no such file'));
    return Promise.resolve(f);
  };
  return {
    reads,
    text: async (p) => {
      const f = await get(p);
      return typeof f === 'string' ? f : new TextDecoder().decode(f);
    },
    bytes: async (p) => {
      const f = await get(p);
      const b = typeof f === 'string' ? new TextEncoder().encode(f) : f;
      return b.slice().buffer;
    },
  };
}

/** The packaged files of the bundled database (data/), as the build writes them. */
export function bundledFiles(): Record<string, string | Uint8Array> {
  const { claims, lexicon, problems } = checkDataDir();
  if (problems.length > 0 || !lexicon) throw new Error('data/ does not check');
  claims.sort((a, b) => a.id.localeCompare(b.id));
  const f = packDatabase(claims, lexicon);
  return {
    [PACKAGED_FILES.detection]: f.detection,
    [PACKAGED_FILES.phrases]: f.phrases,
    [PACKAGED_FILES.detector]: f.detector,
    [PACKAGED_FILES.rules]: f.rules,
    [PACKAGED_FILES.triggers]: f.triggers,
    [PACKAGED_FILES.claims]: f.claims,
  };
}

/** The bundled database as the worker loads it, and its claims in full. */
export async function loadBundled(): Promise<{ db: Database; claims: readonly Claim[] }> {
  const db = await loadPackagedDatabase(memoryReader(bundledFiles()));
  return { db, claims: await db.claims() };
}
