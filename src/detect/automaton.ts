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
 *
 * An automaton can be packed into bytes (`pack`) and rebuilt from them (`new Automaton(bytes)`)
 * without reading a pattern: the build prebuilds the bundled database's automata this way, so a
 * starting worker or content script only wraps arrays (see scripts/lib/claim-data-plugin.ts).
 */
/** States at most this deep get a dense row (text rarely stays deeper for long). */
const MAX_DENSE_DEPTH = 3;
/** Entries (4 bytes each) of all dense rows together: 1 MB. */
const DENSE_BUDGET = 256 * 1024;
/** First word of a packed automaton: "CLA" and the layout version. */
const MAGIC = 0x434c4101;
const HEADER = 8;

/** What an automaton is made of; everything else is derived from these. */
interface Parts {
  edgeStart: Int32Array; // per state: first edge index
  edgeCount: Int32Array; // per state: number of edges
  edgeChar: Uint16Array; // per edge, sorted by char within a state
  edgeTarget: Int32Array;
  fail: Int32Array;
  outFirst: Int32Array; // per state: first output (pattern id) or -1
  outNextState: Int32Array; // per state: nearest state on the fail chain with an output, or -1
  outPatterns: Int32Array; // outputs of a state, packed: pattern ids
  outStart: Int32Array; // per state + 1: where its outputs start in outPatterns
  patternLengths: Int32Array;
  alphabet: Uint16Array; // class k (k ≥ 1) is the code unit alphabet[k - 1]
  rowStates: Int32Array; // the states with a dense row, in breadth-first order
}

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
  readonly patternLengths: Int32Array;
  readonly stateCount: number;
  private readonly p: Parts;

  /** Builds the automaton of `patterns`, or rebuilds one from the bytes `pack()` returned. */
  constructor(source: readonly string[] | Uint8Array) {
    const p = source instanceof Uint8Array ? unpack(source) : build(source);
    this.p = p;
    const n = p.fail.length;
    this.stateCount = n;
    this.patternLengths = p.patternLengths;
    this.classes = p.alphabet.length + 1;
    this.classOf = new Uint16Array(65536);
    for (let k = 0; k < p.alphabet.length; k++) this.classOf[p.alphabet[k]!] = k + 1;
    this.emitting = new Uint8Array(n);
    for (let s = 0; s < n; s++) if (p.outFirst[s]! !== -1 || p.outNextState[s]! !== -1) this.emitting[s] = 1;
    // Dense rows: a state's failure target is shallower, so its row is filled first.
    this.rowOf = new Int32Array(n).fill(-1);
    this.rows = new Int32Array(p.rowStates.length * this.classes);
    for (let r = 0; r < p.rowStates.length; r++) {
      const s = p.rowStates[r]!;
      this.rowOf[s] = r;
      const base = r * this.classes;
      if (s !== 0) {
        const fr = this.rowOf[p.fail[s]!]!;
        if (fr < 0) throw new Error('automaton: a dense row’s failure state has no row');
        this.rows.copyWithin(base, fr * this.classes, (fr + 1) * this.classes);
      }
      for (let e = p.edgeStart[s]!, end = e + p.edgeCount[s]!; e < end; e++) this.rows[base + this.classOf[p.edgeChar[e]!]!] = p.edgeTarget[e]!;
    }
  }

  /** The automaton as bytes: `new Automaton(bytes)` rebuilds it without the patterns. */
  pack(): Uint8Array {
    const p = this.p;
    const ints = [p.edgeStart, p.edgeCount, p.edgeTarget, p.fail, p.outFirst, p.outNextState, p.outPatterns, p.outStart, p.patternLengths, p.rowStates];
    const intCount = ints.reduce((a, x) => a + x.length, 0);
    const shortCount = p.edgeChar.length + p.alphabet.length;
    const buf = new ArrayBuffer(4 * (HEADER + intCount) + 2 * shortCount);
    const head = new Int32Array(buf, 0, HEADER);
    head.set([MAGIC, p.fail.length, p.edgeChar.length, p.outPatterns.length, p.patternLengths.length, p.alphabet.length, p.rowStates.length, 0]);
    let off = 4 * HEADER;
    for (const a of ints) {
      new Int32Array(buf, off, a.length).set(a);
      off += 4 * a.length;
    }
    for (const a of [p.edgeChar, p.alphabet]) {
      new Uint16Array(buf, off, a.length).set(a);
      off += 2 * a.length;
    }
    return new Uint8Array(buf);
  }

  /** The child of state s on code unit c, or -1. */
  private step(s: number, c: number): number {
    return childOf(this.p, s, c);
  }

  /** The state after reading code unit c in state s (following failure links). */
  advance(s: number, c: number): number {
    const r = this.rowOf[s]!;
    if (r >= 0) return this.rows[r * this.classes + this.classOf[c]!]!;
    let t = this.step(s, c);
    while (t === -1 && s !== 0) {
      s = this.p.fail[s]!;
      t = this.step(s, c);
    }
    return t === -1 ? 0 : t;
  }

  /**
   * Calls fn(patternId) for each pattern that ends in state s (its own outputs, then those along
   * its failure chain) until fn returns true; returns whether it did.
   */
  someOutput(s: number, fn: (pattern: number) => boolean): boolean {
    const { outFirst, outNextState, outStart, outPatterns } = this.p;
    for (let o = outFirst[s]! !== -1 ? s : outNextState[s]!; o !== -1; o = outNextState[o]!) {
      for (let k = outStart[o]!; k < outStart[o + 1]!; k++) if (fn(outPatterns[k]!)) return true;
    }
    return false;
  }

  /**
   * Calls onMatch(patternId, start, end) for every occurrence, end exclusive, in order of end.
   * Returning `false` from onMatch stops the scan.
   */
  scan(text: string, onMatch: (pattern: number, start: number, end: number) => boolean | void): void {
    const { outFirst, outNextState, outStart, outPatterns } = this.p;
    const lengths = this.patternLengths;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      s = this.advance(s, text.charCodeAt(i));
      if (s === 0) continue;
      let o = outFirst[s]! !== -1 ? s : outNextState[s]!;
      while (o !== -1) {
        for (let k = outStart[o]!; k < outStart[o + 1]!; k++) {
          const pat = outPatterns[k]!;
          if (onMatch(pat, i + 1 - lengths[pat]!, i + 1) === false) return;
        }
        o = outNextState[o]!;
      }
    }
  }
}

/** Binary search of state s's sorted edges for code unit c: the child, or -1. */
function childOf(p: Parts, s: number, c: number): number {
  let lo = p.edgeStart[s]!;
  let hi = lo + p.edgeCount[s]! - 1;
  const ch = p.edgeChar;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ch[mid]!;
    if (v === c) return p.edgeTarget[mid]!;
    if (v < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function build(patterns: readonly string[]): Parts {
  // 1. Trie, built with temporary per-state maps.
  const children: Map<number, number>[] = [new Map()];
  const outs: number[][] = [[]];
  patterns.forEach((pat, id) => {
    let s = 0;
    for (let i = 0; i < pat.length; i++) {
      const c = pat.charCodeAt(i);
      let t = children[s]!.get(c);
      if (t === undefined) {
        t = children.length;
        children.push(new Map());
        outs.push([]);
        children[s]!.set(c, t);
      }
      s = t;
    }
    if (pat.length > 0) outs[s]!.push(id);
  });
  const n = children.length;

  // 2. Flatten edges (sorted by char for binary search); the alphabet in order of first use.
  const edgeStart = new Int32Array(n);
  const edgeCount = new Int32Array(n);
  let total = 0;
  for (const m of children) total += m.size;
  const edgeChar = new Uint16Array(total);
  const edgeTarget = new Int32Array(total);
  let e = 0;
  for (let s = 0; s < n; s++) {
    const m = children[s]!;
    edgeStart[s] = e;
    edgeCount[s] = m.size;
    const keys = [...m.keys()].sort((a, b) => a - b);
    for (const k of keys) {
      edgeChar[e] = k;
      edgeTarget[e] = m.get(k)!;
      e++;
    }
  }
  const seen = new Uint8Array(65536);
  const alpha: number[] = [];
  for (let i = 0; i < total; i++) {
    const c = edgeChar[i]!;
    if (!seen[c]) {
      seen[c] = 1;
      alpha.push(c);
    }
  }
  const alphabet = Uint16Array.from(alpha);

  // 3. Failure links and outputs, breadth first (so `order` is by depth).
  const p: Parts = {
    edgeStart,
    edgeCount,
    edgeChar,
    edgeTarget,
    fail: new Int32Array(n),
    outFirst: new Int32Array(n).fill(-1),
    outNextState: new Int32Array(n).fill(-1),
    outPatterns: new Int32Array(0),
    outStart: new Int32Array(n + 1),
    patternLengths: Int32Array.from(patterns, (x) => x.length),
    alphabet,
    rowStates: new Int32Array(0),
  };
  const order = new Int32Array(n);
  const depth = new Int32Array(n);
  let head = 1;
  let tail = 1; // order[0] is the root
  for (const t of children[0]!.values()) {
    order[tail++] = t;
    depth[t] = 1;
  }
  while (head < tail) {
    const s = order[head++]!;
    for (const [c, t] of children[s]!) {
      let f = p.fail[s]!;
      let next = childOf(p, f, c);
      while (next === -1 && f !== 0) {
        f = p.fail[f]!;
        next = childOf(p, f, c);
      }
      p.fail[t] = next === -1 ? 0 : next;
      const fs = p.fail[t]!;
      p.outNextState[t] = outs[fs]!.length > 0 ? fs : p.outNextState[fs]!;
      depth[t] = depth[s]! + 1;
      order[tail++] = t;
    }
  }

  // 4. Outputs, packed.
  let o = 0;
  for (let s = 0; s < n; s++) {
    p.outStart[s] = o;
    o += outs[s]!.length;
  }
  p.outStart[n] = o;
  p.outPatterns = new Int32Array(o);
  for (let s = 0; s < n; s++) {
    const list = outs[s]!;
    for (let k = 0; k < list.length; k++) p.outPatterns[p.outStart[s]! + k] = list[k]!;
    if (list.length > 0) p.outFirst[s] = list[0]!;
  }

  // 5. Which states get a dense row: the shallowest (depth ≤ MAX_DENSE_DEPTH), within the budget.
  const budget = Math.max(1, Math.floor(DENSE_BUDGET / (alphabet.length + 1)));
  let rowCount = 0;
  while (rowCount < n && rowCount < budget && depth[order[rowCount]!]! <= MAX_DENSE_DEPTH) rowCount++;
  p.rowStates = order.slice(0, rowCount);
  return p;
}

function unpack(bytes: Uint8Array): Parts {
  const fail = (why: string) => new Error(`automaton: packed data is invalid (${why})`);
  if (bytes.byteLength < 4 * HEADER) throw fail('too short');
  // Copy when not 4-byte aligned (a view into someone else's buffer).
  const buf = bytes.byteOffset % 4 === 0 ? bytes.buffer : bytes.slice().buffer;
  const base = bytes.byteOffset % 4 === 0 ? bytes.byteOffset : 0;
  const head = new Int32Array(buf, base, HEADER);
  if (head[0] !== MAGIC) throw fail('not a packed automaton of this version');
  const [n, E, O, P, A, R] = [head[1]!, head[2]!, head[3]!, head[4]!, head[5]!, head[6]!];
  const size = 4 * (HEADER + 6 * n + 1 + E + O + P + R) + 2 * (E + A);
  if ([n, E, O, P, A, R].some((x) => x < 0) || n < 1 || size !== bytes.byteLength) throw fail('wrong size');
  let off = base + 4 * HEADER;
  const ints = (len: number) => {
    const a = new Int32Array(buf, off, len);
    off += 4 * len;
    return a;
  };
  const shorts = (len: number) => {
    const a = new Uint16Array(buf, off, len);
    off += 2 * len;
    return a;
  };
  const p: Parts = {
    edgeStart: ints(n),
    edgeCount: ints(n),
    edgeTarget: ints(E),
    fail: ints(n),
    outFirst: ints(n),
    outNextState: ints(n),
    outPatterns: ints(O),
    outStart: ints(n + 1),
    patternLengths: ints(P),
    rowStates: ints(R),
    edgeChar: shorts(E),
    alphabet: shorts(A),
  };
  // Every index must stay in bounds: a corrupt file fails here, not with a wild read later.
  const inStates = (a: Int32Array, allowMinus: boolean) => a.every((x) => (allowMinus && x === -1) || (x >= 0 && x < n));
  if (!inStates(p.edgeTarget, false) || !inStates(p.fail, false) || !inStates(p.outNextState, true) || !inStates(p.rowStates, false)) throw fail('state out of range');
  for (let s = 0; s < n; s++) if (p.edgeStart[s]! < 0 || p.edgeCount[s]! < 0 || p.edgeStart[s]! + p.edgeCount[s]! > E || p.outStart[s]! > p.outStart[s + 1]!) throw fail('edge or output range');
  if (p.outStart[0] !== 0 || p.outStart[n] !== O || !p.outPatterns.every((x) => x >= 0 && x < P) || !p.outFirst.every((x) => x >= -1 && x < P)) throw fail('output out of range');
  return p;
}

/** Bytes as base64 (for JSON and for a string in a bundled module). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
