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
  /** The phrases' texts for `index`, when it does not carry them (read on the first getTriggers). */
  readonly phrases?: () => Promise<readonly Phrase[]>;
}

/**
 * The background's claim index: built once per worker start from the bundled database, then
 * answers the content script's questions. Pure (no browser APIs) so it is tested in Node. It holds
 * only detection data; card data comes from `cards` for the claims a reply carries.
 */
export class MatcherService {
  private readonly detector: Detector;
  private readonly texts: (() => Promise<readonly Phrase[]>) | undefined;
  private triggerReply: Promise<Response<'getTriggers'>> | undefined;

  /**
   * `packedTriggers` gives the trigger automaton prebuilt for exactly these claims (the bundled
   * database's, read from the package on the first getTriggers); without it, or when it gives
   * nothing, pages get the phrases only and build their own.
   */
  constructor(
    db: DetectionDb,
    private readonly cards: CardSource,
    private readonly packedTriggers?: () => Promise<Uint8Array | undefined>,
  ) {
    this.detector = new Detector(db.claims, db.lexicon, db.index);
    this.texts = db.index && !db.index.phrases ? db.phrases : undefined;
  }

  /** The trigger phrases, from the detector's own texts or the packaged ones (read once). */
  private async triggers(): Promise<Phrase[]> {
    if (!this.texts) return this.detector.triggers;
    return this.detector.triggersOf(await this.texts());
  }

  /** The trigger phrases and, when there is one, their automaton as base64 (made once, on the first request). */
  getTriggers(): Promise<Response<'getTriggers'>> {
    const bytes = this.packedTriggers?.() ?? Promise.resolve(this.detector.packedTriggers);
    const p = (this.triggerReply ??= Promise.all([bytes, this.triggers()]).then(([b, phrases]) => (b ? { phrases, automaton: toBase64(b) } : { phrases })));
    // A failed read is not kept: the next page asks again.
    p.catch(() => {
      if (this.triggerReply === p) this.triggerReply = undefined;
    });
    return p;
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
