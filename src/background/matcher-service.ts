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
  private textReply: Promise<Response<'getTriggers'>> | undefined;

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

  /**
   * The page's trigger list: the prebuilt automaton and which of its phrases are stems, when there
   * is one (no phrase texts: phrases.bin is not even read), else, or when asked for `texts`, the
   * phrases themselves. Made once, on the first request.
   */
  getTriggers(req: Request<'getTriggers'> = { type: 'getTriggers' }): Promise<Response<'getTriggers'>> {
    if (req.texts) return this.remember('textReply', async () => ({ phrases: await this.triggers() }));
    return this.remember('triggerReply', async () => {
      const b = await (this.packedTriggers?.() ?? this.detector.packedTriggers);
      return b ? { automaton: toBase64(b), stems: toBase64(this.detector.triggerStems) } : { phrases: await this.triggers() };
    });
  }

  /** The reply in `slot`, made once; a failed one is not kept (the next page asks again). */
  private remember(slot: 'triggerReply' | 'textReply', make: () => Promise<Response<'getTriggers'>>): Promise<Response<'getTriggers'>> {
    const p = (this[slot] ??= make());
    p.catch(() => {
      if (this[slot] === p) this[slot] = undefined;
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
