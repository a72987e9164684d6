import type { Database } from '../claims/packaged';
import { toCardClaim, type Claim } from '../claims/schema';
import type { CardClaim, ClaimSummary, Response } from '../messaging/protocol';
import { MatcherService } from './matcher-service';
import { SearchIndex } from './search-index';

/**
 * The worker's claim database: the bundled claims plus the ones the user imported (read from
 * storage.local at every start and on every change). Everything in it is derived from those two
 * sources, so a restarted worker rebuilds it and loses nothing. Pure: tested in Node.
 *
 * Only detection data is needed to answer the content script; the bundled claims in full (card
 * data, phrasings) are read on first need — the first card a match carries, a search, a list —
 * so they stay off the worker's start path.
 */
export class ClaimStore {
  private imported: Claim[] = [];
  private importTurn = 0;
  private importedById = new Map<string, Claim>();
  private bundledIds: Set<string> | undefined;
  private bundledById: Promise<Map<string, Claim>> | undefined;
  private readonly cardCache = new Map<string, CardClaim>();
  private service: MatcherService;
  /** The search index and the claims it was built over (position = document number). */
  private searching: Promise<{ index: SearchIndex; claims: readonly Claim[] }> | undefined;

  constructor(
    private readonly db: Database,
    private readonly log: (msg: string) => void = console.warn,
  ) {
    this.service = new MatcherService(db.detection, this.cards, db.triggerAutomaton);
  }

  /** Card data for a reply: imported claims from memory, bundled ones from the full claims (read once). */
  private readonly cards = async (ids: readonly string[]): Promise<Record<string, CardClaim>> => {
    const out: Record<string, CardClaim> = {};
    for (const id of ids) {
      let card = this.cardCache.get(id);
      if (!card) {
        const c = this.importedById.get(id) ?? (await this.bundled()).get(id);
        if (!c) continue;
        card = toCardClaim(c);
        if (!this.importedById.has(id)) this.cardCache.set(id, card);
      }
      out[id] = card;
    }
    return out;
  };

  private bundled(): Promise<Map<string, Claim>> {
    return (this.bundledById ??= this.db.claims().then((list) => new Map(list.map((c) => [c.id, c]))));
  }

  /**
   * Merges imported claims (already schema-checked); one with a bundled claim's id is left out.
   * Resolves once the matcher answers with them (the bundled claims are then read in full: the
   * packaged rules leave the triggers to the prebuilt tables). A later call wins over an earlier
   * one still reading.
   */
  async setImported(claims: readonly Claim[]): Promise<void> {
    const turn = ++this.importTurn;
    const bundledIds = (this.bundledIds ??= new Set(this.db.detection.claims.map((c) => c.id)));
    this.imported = claims.filter((c) => {
      if (!bundledIds.has(c.id)) return true;
      this.log(`ClaimLens: imported claim "${c.id}" has the id of a bundled claim; left out`);
      return false;
    });
    this.importedById = new Map(this.imported.map((c) => [c.id, c]));
    this.searching = undefined;
    const imported = this.imported;
    // Imported claims change the database: its tables are built here, over the bundled claims in
    // full and the imported ones. Without any, the prebuilt ones serve again.
    if (imported.length === 0) {
      this.service = new MatcherService(this.db.detection, this.cards, this.db.triggerAutomaton);
      return;
    }
    const bundled = await this.db.claims();
    if (turn !== this.importTurn) return;
    this.service = new MatcherService({ claims: [...bundled, ...imported], lexicon: this.db.detection.lexicon }, this.cards);
  }

  get matcher(): MatcherService {
    return this.service;
  }

  get size(): number {
    return this.db.detection.claims.length + this.imported.length;
  }

  async all(): Promise<Claim[]> {
    return [...(await this.db.claims()), ...this.imported];
  }

  sourceOf(id: string): 'bundled' | 'imported' {
    return this.importedById.has(id) ? 'imported' : 'bundled';
  }

  async list(): Promise<ClaimSummary[]> {
    return (await this.all()).map((c) => ({ id: c.id, statement: c.statement, verdict: c.verdict, source: this.sourceOf(c.id) }));
  }

  /** Builds the search index now (the worker does it while idle, so the first search does not wait). */
  warmSearch(): Promise<void> {
    return this.searchState().then(() => undefined);
  }

  private searchState(): Promise<{ index: SearchIndex; claims: readonly Claim[] }> {
    if (!this.searching) {
      const p = this.all().then((claims) => ({ index: new SearchIndex(claims), claims }));
      this.searching = p;
      // A failed read is not cached: the next search tries again.
      p.catch(() => {
        if (this.searching === p) this.searching = undefined;
      });
    }
    return this.searching;
  }

  async search(query: string, limit = 20): Promise<Response<'searchClaims'>> {
    const { index, claims } = await this.searchState();
    const { hits, total } = index.search(query, limit);
    const results = hits.flatMap((h) => {
      const c = claims[h.doc];
      return c ? [{ claim: toCardClaim(c), source: this.sourceOf(c.id), score: h.score }] : [];
    });
    return { results, total };
  }
}
