import { Automaton } from './automaton';

/**
 * An Automaton that remembers its deep transitions, for the worker's Detector. The detector's
 * automaton holds every trigger and context word of every language, so its alphabet is large (853
 * classes for the bundled database) and the 1 MB of dense rows covers only its ~300 shallowest
 * states: on English news text about three characters in four then take `advance` (a binary search
 * of the state's children, and failure links). Words repeat, within a block and from batch to
 * batch, so a small direct-mapped table of (state, class) → next state answers most of them in one
 * probe. advance(s, c) depends on c only through its class (a code unit outside every pattern is
 * class 0, and no state has a child on it), so the table keys on the class. Not used by the
 * content script (its trigger automaton's alphabet is small; and its bundle is kept lean).
 */
export class CachedAutomaton extends Automaton {
  private readonly shift: number;
  private readonly keyState: Int32Array;
  private readonly keyClass: Uint16Array;
  private readonly next: Int32Array;

  /** `bits`: the table has 2^bits entries (10 bytes each): 16,384 by default, 160 KB. */
  constructor(source: readonly string[] | Uint8Array, bits = 14) {
    super(source);
    const n = 1 << bits;
    this.shift = 32 - bits;
    this.keyState = new Int32Array(n).fill(-1);
    this.keyClass = new Uint16Array(n);
    this.next = new Int32Array(n);
  }

  override advance(s: number, c: number): number {
    const k = this.classOf[c]!;
    if (s < this.rowCount) return this.rows[s * this.classes + k]!;
    const i = (Math.imul(s, 0x9e3779b1) ^ Math.imul(k, 0x85ebca6b)) >>> this.shift;
    if (this.keyState[i] === s && this.keyClass[i] === k) return this.next[i]!;
    const t = super.advance(s, c);
    this.keyState[i] = s;
    this.keyClass[i] = k;
    this.next[i] = t;
    return t;
  }
}
