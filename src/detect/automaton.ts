/**
 * Aho–Corasick automaton over UTF-16 code units: finds every occurrence of every pattern in one
 * pass over the text, whatever the number of patterns. Built once per trigger set.
 *
 * Layout is flat typed arrays (no object per state) so that a database of 100k claims stays
 * compact. Code units are first mapped to a small alphabet (the characters that occur in some
 * pattern; everything else is class 0). The shallow states, where ordinary text spends nearly
 * all its time (every letter starts some pattern), get dense rows of complete transitions,
 * failure links already followed: one array read per character. Deeper states keep sorted
 * edge lists and follow failure links.
 */
/** States at most this deep get a dense row (text rarely stays deeper for long). */
const MAX_DENSE_DEPTH = 3;
/** Entries (4 bytes each) of all dense rows together: 1 MB. */
const DENSE_BUDGET = 256 * 1024;

export class Automaton {
  /** 65536 entries: alphabet class of a code unit, 0 = in no pattern. Read-only outside. */
  readonly classOf: Uint16Array;
  readonly classes: number;
  /** Per state: its dense row, or -1. Read-only outside. */
  readonly rowOf: Int32Array;
  /** Dense rows: rows[row * classes + class] = next state. Read-only outside. */
  readonly rows: Int32Array;
  /** Per state: 1 when some pattern ends there. Read-only outside. */
  readonly emitting: Uint8Array;
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
    this.classOf = new Uint16Array(65536);
    let k = 1;
    for (let i = 0; i < total; i++) {
      const c = this.edgeChar[i]!;
      if (this.classOf[c] === 0) this.classOf[c] = k++;
    }
    this.classes = k;

    // 3. Failure links, breadth first (the root's children first, so `order` is by depth).
    this.fail = new Int32Array(n);
    this.outNextState = new Int32Array(n).fill(-1);
    const order = new Int32Array(n);
    const depth = new Int32Array(n);
    let head = 0, tail = 0;
    order[tail++] = 0;
    head = 1;
    for (const t of children[0]!.values()) {
      order[tail++] = t;
      depth[t] = 1;
    }
    while (head < tail) {
      const s = order[head++]!;
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
        depth[t] = depth[s]! + 1;
        order[tail++] = t;
      }
    }

    // 4. Dense rows for the shallowest states (by depth, at most MAX_DENSE_DEPTH and within a
    // memory budget). A state's failure target is shallower, so its row is filled first.
    const budget = Math.max(1, Math.floor(DENSE_BUDGET / this.classes));
    let rowCount = 0;
    while (rowCount < n && rowCount < budget && depth[order[rowCount]!]! <= MAX_DENSE_DEPTH) rowCount++;
    this.rowOf = new Int32Array(n).fill(-1);
    this.rows = new Int32Array(rowCount * this.classes);
    for (let r = 0; r < rowCount; r++) {
      const s = order[r]!;
      this.rowOf[s] = r;
      const base = r * this.classes;
      if (s !== 0) this.rows.set(this.rows.subarray(this.rowOf[this.fail[s]!]! * this.classes, (this.rowOf[this.fail[s]!]! + 1) * this.classes), base);
      for (const [c, t] of children[s]!) this.rows[base + this.classOf[c]!] = t;
    }

    // 5. Outputs, packed.
    this.outStart = new Int32Array(n + 1);
    this.outFirst = new Int32Array(n).fill(-1);
    let o = 0;
    for (let s = 0; s < n; s++) {
      this.outStart[s] = o;
      o += outs[s]!.length;
    }
    this.outStart[n] = o;
    this.outPatterns = new Int32Array(o);
    this.emitting = new Uint8Array(n);
    for (let s = 0; s < n; s++) {
      const list = outs[s]!;
      for (let k = 0; k < list.length; k++) this.outPatterns[this.outStart[s]! + k] = list[k]!;
      if (list.length > 0) this.outFirst[s] = list[0]!;
      if (list.length > 0 || this.outNextState[s]! !== -1) this.emitting[s] = 1;
    }
  }

  /** The child of state s on code unit c, or -1. */
  private step(s: number, c: number): number {
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

  /** The state after reading code unit c in state s (following failure links). */
  advance(s: number, c: number): number {
    const r = this.rowOf[s]!;
    if (r >= 0) return this.rows[r * this.classes + this.classOf[c]!]!;
    let t = this.step(s, c);
    while (t === -1 && s !== 0) {
      s = this.fail[s]!;
      t = this.step(s, c);
    }
    return t === -1 ? 0 : t;
  }

  /** Whether some pattern ends in state s. */
  emits(s: number): boolean {
    return this.emitting[s] === 1;
  }

  /**
   * Calls onMatch(patternId, start, end) for every occurrence, end exclusive, in order of end.
   * Returning `false` from onMatch stops the scan.
   */
  scan(text: string, onMatch: (pattern: number, start: number, end: number) => boolean | void): void {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      s = this.advance(s, text.charCodeAt(i));
      if (s === 0) continue;
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
