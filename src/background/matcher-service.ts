import type { Lexicon } from '../claims/schema';
import { toBase64 } from '../detect/automaton';
import { Detector, type DetectionClaim, type DetectorIndex } from '../detect/detector';
import type { Phrase } from '../detect/phrase-matcher';
import type { CardClaim, Request, Response } from '../messaging/protocol';

/** The card data of these claims (those that exist), read when a match first needs them. */
export type CardSource = (ids: readonly string[]) => Promise<Record<string, CardClaim>>;

/** What the matcher is built from: each claim's id and rules, the lexicon, and tables prebuilt for them. */
export interface DetectionDb {
  readonly claims: readonly DetectionClaim[];
  readonly lexicon: Lexicon;
  readonly index?: DetectorIndex;
}

/**
 * The background's claim index: built once per worker start from the bundled database, then
 * answers the content script's questions. Pure (no browser APIs) so it is tested in Node. It holds
 * only detection data; card data comes from `cards` for the claims a reply carries.
 */
export class MatcherService {
  private readonly detector: Detector;
  private readonly phrases: Phrase[];
  private packedTriggers: string | undefined;

  constructor(
    db: DetectionDb,
    private readonly cards: CardSource,
  ) {
    this.detector = new Detector(db.claims, db.lexicon, db.index);
    this.phrases = this.detector.triggers;
  }

  getTriggers(): Response<'getTriggers'> {
    const bytes = this.detector.packedTriggers;
    // Base64 for the JSON message, made on the first request (not on the worker's start path).
    if (bytes && this.packedTriggers === undefined) this.packedTriggers = toBase64(bytes);
    const automaton = this.packedTriggers;
    return automaton ? { phrases: this.phrases, automaton } : { phrases: this.phrases };
  }

  /**
   * Sensitivity `strict` keeps triggers that need no context (specific phrases such as "agent
   * Krasnov") but asks more of the others: every context word their rule requires must be in the
   * block's own text, not only in the page's headline. `balanced` (the default) accepts both.
   */
  async matchBlocks(req: Request<'matchBlocks'>): Promise<Response<'matchBlocks'>> {
    const matches: Response<'matchBlocks'>['matches'] = [];
    const strict = req.sensitivity === 'strict';
    const known = new Set(req.known);
    const wanted = new Set<string>();
    for (const block of req.blocks) {
      for (const m of this.detector.detect(block.text, req.headline)) {
        if (strict && m.evidence.context.some((c) => c.where !== 'text')) continue;
        matches.push({ block: block.id, start: m.start, end: m.end, claimId: m.claimId, evidence: { ...m.evidence, context: [...m.evidence.context] } });
        if (!known.has(m.claimId)) wanted.add(m.claimId);
      }
    }
    const claims = wanted.size > 0 ? await this.cards([...wanted]) : {};
    return { matches, claims };
  }
}
