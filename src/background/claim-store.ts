import type { Database } from '../claims/bundled';
import { toCardClaim, type Claim } from '../claims/schema';
import type { ClaimSummary, Response } from '../messaging/protocol';
import { MatcherService } from './matcher-service';
import { SearchIndex } from './search-index';

/**
 * The worker's claim database: the bundled claims plus the ones the user imported (read from
 * storage.local at every start and on every change). Everything in it is derived from those two
 * sources, so a restarted worker rebuilds it and loses nothing. Pure: tested in Node.
 */
export class ClaimStore {
  private imported: Claim[] = [];
  private importedIds = new Set<string>();
  private service: MatcherService;
  private index: SearchIndex | undefined;

  constructor(
    private readonly db: Database,
    private readonly log: (msg: string) => void = console.warn,
  ) {
    this.service = new MatcherService(db);
  }

  /** Merges imported claims (already schema-checked); one with a bundled claim's id is left out. */
  setImported(claims: readonly Claim[]): void {
    const bundledIds = new Set(this.db.claims.map((c) => c.id));
    this.imported = claims.filter((c) => {
      if (!bundledIds.has(c.id)) return true;
      this.log(`ClaimLens: imported claim "${c.id}" has the id of a bundled claim; left out`);
      return false;
    });
    this.importedIds = new Set(this.imported.map((c) => c.id));
    this.service = new MatcherService({ claims: [...this.db.claims, ...this.imported], lexicon: this.db.lexicon });
    this.index = undefined;
  }

  get matcher(): MatcherService {
    return this.service;
  }

  get size(): number {
    return this.db.claims.length + this.imported.length;
  }

  all(): Claim[] {
    return [...this.db.claims, ...this.imported];
  }

  sourceOf(id: string): 'bundled' | 'imported' {
    return this.importedIds.has(id) ? 'imported' : 'bundled';
  }

  list(): ClaimSummary[] {
    return this.all().map((c) => ({ id: c.id, statement: c.statement, verdict: c.verdict, source: this.sourceOf(c.id) }));
  }

  search(query: string, limit = 20): Response<'searchClaims'> {
    this.index ??= new SearchIndex(this.all());
    const { hits, total } = this.index.search(query, limit);
    const byId = new Map(this.all().map((c) => [c.id, c]));
    const results = hits.flatMap((h) => {
      const c = byId.get(h.id);
      return c ? [{ claim: toCardClaim(c), source: this.sourceOf(c.id), score: h.score }] : [];
    });
    return { results, total };
  }
}
