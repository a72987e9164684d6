/**
 * Aho–Corasick automaton over UTF-16 code units: finds every occurrence of every pattern in one
 * pass over the text, whatever the number of patterns. Built once per trigger set.
 *
 * Layout is flat typed arrays (no object per state) so that a database of 100k claims stays
 * compact: the root's transitions are a dense table (most characters of ordinary text start
 * no pattern, so the common case is one array read), other states keep sorted edge lists.
 */
export class Automaton {
  private readonly rootNext: Int32Array; // 65536 entries: state after the root on code unit c
  private readonly edgeStart: Int32Array; // per state: first edge index
  private readonly edgeCount: Uint16Array | Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  private readonly outFirst: Int32Array; // per state: first output (pattern id) or -1
  private readonly outNextState: Int32Array; // per state: nearest state on the fail chain with an output, or -1
  private readonly outPatterns: Int32Array; // outputs of a state, packed: pattern ids
  private readonly outStart: Int32Array;
  readonly patternLengths: Int32Array;
  readonly stateCount: number;

  constructor(patterns: readonly string[]) {
    // 1. Trie, built with temporary per-state maps.
    const children: Map<number, number>[] = [new Map()];
    const outs: number[][] = [[]];
    patterns.forEach((p, id) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let t = children[s]!.get(c);
        if (t === undefined) {
          t = children.length;
          children.push(new Map());
          outs.push([]);
          children[s]!.set(c, t);
        }
        s = t;
      }
      if (p.length > 0) outs[s]!.push(id);
    });
    const n = children.length;
    this.stateCount = n;
    this.patternLengths = Int32Array.from(patterns, (p) => p.length);

    // 2. Flatten edges (sorted by char for binary search).
    this.edgeStart = new Int32Array(n);
    this.edgeCount = n < 65536 ? new Uint16Array(n) : new Int32Array(n);
    let total = 0;
    for (const m of children) total += m.size;
    this.edgeChar = new Uint16Array(total);
    this.edgeTarget = new Int32Array(total);
    let e = 0;
    for (let s = 0; s < n; s++) {
      const m = children[s]!;
      this.edgeStart[s] = e;
      this.edgeCount[s] = m.size;
      const keys = [...m.keys()].sort((a, b) => a - b);
      for (const k of keys) {
        this.edgeChar[e] = k;
        this.edgeTarget[e] = m.get(k)!;
        e++;
      }
    }
    this.rootNext = new Int32Array(65536);
    for (const [c, t] of children[0]!) this.rootNext[c] = t;

    // 3. Failure links, breadth first.
    this.fail = new Int32Array(n);
    this.outNextState = new Int32Array(n).fill(-1);
    const queue = new Int32Array(n);
    let head = 0, tail = 0;
    for (const t of children[0]!.values()) queue[tail++] = t;
    while (head < tail) {
      const s = queue[head++]!;
      for (const [c, t] of children[s]!) {
        let f = this.fail[s]!;
        let next = this.step(f, c);
        while (next === -1 && f !== 0) {
          f = this.fail[f]!;
          next = this.step(f, c);
        }
        this.fail[t] = next === -1 ? 0 : next;
        const fs = this.fail[t]!;
        this.outNextState[t] = outs[fs]!.length > 0 ? fs : this.outNextState[fs]!;
        queue[tail++] = t;
      }
    }

    // 4. Outputs, packed.
    this.outStart = new Int32Array(n + 1);
    this.outFirst = new Int32Array(n).fill(-1);
    let o = 0;
    for (let s = 0; s < n; s++) {
      this.outStart[s] = o;
      o += outs[s]!.length;
    }
    this.outStart[n] = o;
    this.outPatterns = new Int32Array(o);
    for (let s = 0; s < n; s++) {
      const list = outs[s]!;
      for (let k = 0; k < list.length; k++) this.outPatterns[this.outStart[s]! + k] = list[k]!;
      if (list.length > 0) this.outFirst[s] = list[0]!;
    }
  }

  /** The child of state s on code unit c, or -1. */
  private step(s: number, c: number): number {
    if (s === 0) {
      const t = this.rootNext[c]!;
      return t === 0 ? -1 : t;
    }
    let lo = this.edgeStart[s]!;
    let hi = lo + this.edgeCount[s]! - 1;
    const ch = this.edgeChar;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ch[mid]!;
      if (v === c) return this.edgeTarget[mid]!;
      if (v < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Calls onMatch(patternId, start, end) for every occurrence, end exclusive, in order of end.
   * Returning `false` from onMatch stops the scan.
   */
  scan(text: string, onMatch: (pattern: number, start: number, end: number) => boolean | void): void {
    let s = 0;
    const rootNext = this.rootNext;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (s === 0) {
        s = rootNext[c]!;
        if (s === 0) continue;
      } else {
        let t = this.step(s, c);
        while (t === -1 && s !== 0) {
          s = this.fail[s]!;
          t = this.step(s, c);
        }
        s = t === -1 ? 0 : t;
        if (s === 0) continue;
      }
      let o = this.outFirst[s]! !== -1 ? s : this.outNextState[s]!;
      while (o !== -1) {
        for (let k = this.outStart[o]!; k < this.outStart[o + 1]!; k++) {
          const p = this.outPatterns[k]!;
          if (onMatch(p, i + 1 - this.patternLengths[p]!, i + 1) === false) return;
        }
        o = this.outNextState[o]!;
      }
    }
  }
}
