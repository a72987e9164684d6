import type { Database } from '../claims/bundled';
import { toCardClaim } from '../claims/schema';
import { Detector } from '../detect/detector';
import type { Phrase } from '../detect/phrase-matcher';
import type { CardClaim, Request, Response } from '../messaging/protocol';

/**
 * The background's claim index: built once per worker start from the bundled database, then
 * answers the content script's questions. Pure (no browser APIs) so it is tested in Node.
 */
export class MatcherService {
  private readonly detector: Detector;
  private readonly phrases: Phrase[];
  private readonly cards = new Map<string, CardClaim>();

  constructor(db: Database) {
    this.detector = new Detector(db.claims, db.lexicon, db.index);
    this.phrases = this.detector.triggers;
    for (const c of db.claims) this.cards.set(c.id, toCardClaim(c));
  }

  getTriggers(): Response<'getTriggers'> {
    const automaton = this.detector.packedTriggers;
    return automaton ? { phrases: this.phrases, automaton } : { phrases: this.phrases };
  }

  /**
   * Sensitivity `strict` keeps triggers that need no context (specific phrases such as "agent
   * Krasnov") but asks more of the others: every context word their rule requires must be in the
   * block's own text, not only in the page's headline. `balanced` (the default) accepts both.
   */
  matchBlocks(req: Request<'matchBlocks'>): Response<'matchBlocks'> {
    const matches: Response<'matchBlocks'>['matches'] = [];
    const claims: Record<string, CardClaim> = {};
    const strict = req.sensitivity === 'strict';
    const known = new Set(req.known);
    for (const block of req.blocks) {
      for (const m of this.detector.detect(block.text, req.headline)) {
        if (strict && m.evidence.context.some((c) => c.where !== 'text')) continue;
        matches.push({ block: block.id, start: m.start, end: m.end, claimId: m.claimId, evidence: { ...m.evidence, context: [...m.evidence.context] } });
        if (known.has(m.claimId)) continue;
        const card = this.cards.get(m.claimId);
        if (card) claims[m.claimId] = card;
      }
    }
    return { matches, claims };
  }
}
