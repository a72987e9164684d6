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
const MAGIC = 0x434c4102;
/** Header words: magic, states, patterns, alphabet size, dense rows, checksum of the rest. */
const HEADER = 6;

/**
 * What an automaton is made of. States are numbered breadth first, each state's children in
 * order of their code unit, so a state's children are consecutive states and every failure link
 * points to a smaller number: a packed automaton needs no edge targets and no edge starts, only
 * each state's number of children and the code unit on the edge into it (8 bytes a state with
 * its failure link). Everything else is derived from these.
 */
interface Parts {
  childCount: Uint16Array; // per state: number of children
  charOf: Uint16Array; // per state: the code unit on the edge into it (0 for the root)
  fail: Int32Array; // per state: failure link, < the state (0 for the root)
  terminal: Int32Array; // per pattern: the state where it ends, or -1 (empty pattern)
  patternLengths: Int32Array;
  alphabet: Uint16Array; // class k (k ≥ 1) is the code unit alphabet[k - 1]
  rowCount: number; // states 0 … rowCount − 1 (the shallowest) have a dense row
}

export class Automaton {
  /** 65536 entries: alphabet class of a code unit, 0 = in no pattern. Read-only outside. */
  readonly classOf: Uint16Array;
  readonly classes: number;
  /** States below this number have a dense row (state s: row s). */
  readonly rowCount: number;
  /** Dense rows: rows[state * classes + class] = next state, for state < rowCount. Read-only outside. */
  readonly rows: Int32Array;
  /** Per state: 1 when some pattern ends there. Read-only outside. */
  readonly emitting: Uint8Array;
  readonly patternLengths: Int32Array;
  readonly stateCount: number;
  private readonly p: Parts;
  /** Per state + 1: where its children start (the states childStart[s] … childStart[s + 1] − 1). */
  private readonly childStart: Int32Array;
  /** Per state + 1: where its own outputs start in outPatterns. */
  private readonly outStart: Int32Array;
  /** Pattern ids, grouped by the state they end in (ascending within a state). */
  private readonly outPatterns: Int32Array;
  /** Per state: nearest state on its failure chain with an output of its own, or -1. */
  private readonly outNextState: Int32Array;

  /** Builds the automaton of `patterns`, or rebuilds one from the bytes `pack()` returned. */
  constructor(source: readonly string[] | Uint8Array) {
    const p = source instanceof Uint8Array ? unpack(source) : build(source);
    this.p = p;
    const n = p.fail.length;
    const P = p.terminal.length;
    const bad = (why: string) => new Error(`automaton: packed data is invalid (${why})`);
    this.stateCount = n;
    this.patternLengths = p.patternLengths;
    this.classes = p.alphabet.length + 1;
    this.rowCount = p.rowCount;
    this.classOf = new Uint16Array(65536);
    for (let k = 0; k < p.alphabet.length; k++) this.classOf[p.alphabet[k]!] = k + 1;
    // Children: consecutive states after their parent. One pass derives where they start and
    // checks what a wrong file could turn into a wild read or an endless loop: every child after
    // its parent, every failure link to a smaller state, every output in range.
    const childStart = (this.childStart = new Int32Array(n + 1));
    const { childCount, fail, terminal } = p;
    let next = 1;
    for (let s = 0; s < n; s++) {
      childStart[s] = next;
      const c = childCount[s]!;
      if (c > 0 && next <= s) throw bad('state out of range');
      next += c;
      const f = fail[s]!;
      if (s > 0 ? !(f >= 0 && f < s) : f !== 0) throw bad('state out of range');
    }
    if (next !== n) throw bad('state out of range');
    childStart[n] = n;
    // Outputs grouped by state: a counting sort of the patterns by their terminal state.
    const outStart = (this.outStart = new Int32Array(n + 1));
    for (let k = 0; k < P; k++) {
      const t = terminal[k]!;
      if (t === -1) continue;
      if (!(t > 0 && t < n) || p.patternLengths[k]! < 1) throw bad('output out of range');
      outStart[t + 1]!++;
    }
    for (let s = 0; s < n; s++) outStart[s + 1]! += outStart[s]!;
    const outPatterns = (this.outPatterns = new Int32Array(outStart[n]!));
    const fill = outStart.slice(0, n);
    for (let k = 0; k < P; k++) {
      const t = terminal[k]!;
      if (t !== -1) outPatterns[fill[t]!++] = k;
    }
    // Failure links point to smaller states, so one pass in order follows each chain.
    const outNextState = (this.outNextState = new Int32Array(n));
    const emitting = (this.emitting = new Uint8Array(n));
    outNextState[0] = -1;
    for (let s = 1; s < n; s++) {
      const f = fail[s]!;
      const o = outStart[f + 1]! > outStart[f]! ? f : outNextState[f]!;
      outNextState[s] = o;
      if (o !== -1 || outStart[s + 1]! > outStart[s]!) emitting[s] = 1;
    }
    // Dense rows: a state's failure target is smaller, so its row is filled first.
    if (!(p.rowCount >= 1 && p.rowCount <= n)) throw bad('dense rows');
    const classes = this.classes;
    const rows = (this.rows = new Int32Array(p.rowCount * classes));
    const charOf = p.charOf;
    for (let s = 0; s < p.rowCount; s++) {
      const base = s * classes;
      if (s !== 0) rows.copyWithin(base, fail[s]! * classes, (fail[s]! + 1) * classes);
      for (let c = childStart[s]!, end = childStart[s + 1]!; c < end; c++) rows[base + this.classOf[charOf[c]!]!] = c;
    }
  }

  /** The automaton as bytes: `new Automaton(bytes)` rebuilds it without the patterns. */
  pack(): Uint8Array {
    const p = this.p;
    const n = p.fail.length;
    const P = p.terminal.length;
    const A = p.alphabet.length;
    const size = 4 * (HEADER + n + 2 * P) + 2 * (2 * n + A);
    const buf = new ArrayBuffer(size + ((4 - (size % 4)) % 4));
    let off = 4 * HEADER;
    const ints = (a: Int32Array) => {
      new Int32Array(buf, off, a.length).set(a);
      off += 4 * a.length;
    };
    const shorts = (a: Uint16Array) => {
      new Uint16Array(buf, off, a.length).set(a);
      off += 2 * a.length;
    };
    ints(p.fail);
    ints(p.terminal);
    ints(p.patternLengths);
    shorts(p.childCount);
    shorts(p.charOf);
    shorts(p.alphabet);
    new Int32Array(buf, 0, HEADER).set([MAGIC, n, P, A, p.rowCount, checksum(new Uint8Array(buf, 4 * HEADER))]);
    return new Uint8Array(buf);
  }

  /** The child of state s on code unit c, or -1: a binary search of its consecutive children. */
  private step(s: number, c: number): number {
    let lo = this.childStart[s]!;
    let hi = this.childStart[s + 1]! - 1;
    const ch = this.p.charOf;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ch[mid]!;
      if (v === c) return mid;
      if (v < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The state after reading code unit c in state s (following failure links). */
  advance(s: number, c: number): number {
    if (s < this.rowCount) return this.rows[s * this.classes + this.classOf[c]!]!;
    const fail = this.p.fail;
    let t = this.step(s, c);
    while (t === -1 && s !== 0) {
      s = fail[s]!;
      if (s < this.rowCount) return this.rows[s * this.classes + this.classOf[c]!]!;
      t = this.step(s, c);
    }
    return t === -1 ? 0 : t;
  }

  /**
   * Calls fn(patternId) for each pattern that ends in state s (its own outputs, then those along
   * its failure chain) until fn returns true; returns whether it did.
   */
  someOutput(s: number, fn: (pattern: number) => boolean): boolean {
    const { outStart, outPatterns, outNextState } = this;
    for (let o = outStart[s + 1]! > outStart[s]! ? s : outNextState[s]!; o !== -1; o = outNextState[o]!) {
      for (let k = outStart[o]!; k < outStart[o + 1]!; k++) if (fn(outPatterns[k]!)) return true;
    }
    return false;
  }

  /**
   * Calls onMatch(patternId, start, end) for every occurrence, end exclusive, in order of end
   * (and, at one end, longest first). Returning `false` from onMatch stops the scan.
   */
  scan(text: string, onMatch: (pattern: number, start: number, end: number) => boolean | void): void {
    const { outStart, outPatterns, outNextState, emitting, rows, classOf, classes, rowCount } = this;
    const lengths = this.patternLengths;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      s = s < rowCount ? rows[s * classes + classOf[c]!]! : this.advance(s, c);
      if (emitting[s] !== 1) continue;
      let o = outStart[s + 1]! > outStart[s]! ? s : outNextState[s]!;
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

/** FNV-1a over the bytes, 32 bits at a time (a multiple of 4 bytes): the build's seal on a packed file. */
export function checksum(bytes: Uint8Array): number {
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
  return h;
}

function build(patterns: readonly string[]): Parts {
  // 1. Trie, built with temporary per-state maps (numbered in order of creation).
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

  // 2. Renumber breadth first, each state's children in order of their code unit.
  const order = new Int32Array(n); // new number → old
  const newOf = new Int32Array(n); // old number → new
  const charOf = new Uint16Array(n);
  const childCount = new Uint16Array(n);
  const depth = new Int32Array(n);
  let tail = 1;
  for (let head = 0; head < tail; head++) {
    const old = order[head]!;
    const m = children[old]!;
    if (m.size > 0xffff) throw new Error('automaton: a state with more than 65535 children');
    childCount[head] = m.size;
    for (const c of [...m.keys()].sort((a, b) => a - b)) {
      const t = m.get(c)!;
      newOf[t] = tail;
      order[tail] = t;
      charOf[tail] = c;
      depth[tail] = depth[head]! + 1;
      tail++;
    }
  }

  // 3. The alphabet, in order of first use breadth first.
  const seen = new Uint8Array(65536);
  const alpha: number[] = [];
  for (let s = 1; s < n; s++) {
    const c = charOf[s]!;
    if (!seen[c]) {
      seen[c] = 1;
      alpha.push(c);
    }
  }

  // 4. Failure links, breadth first (a state's link is shallower, so already known).
  const childStart = new Int32Array(n + 1);
  for (let s = 0, next = 1; s <= n; s++) {
    childStart[s] = next;
    if (s < n) next += childCount[s]!;
  }
  const child = (s: number, c: number) => {
    let lo = childStart[s]!;
    let hi = childStart[s + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = charOf[mid]!;
      if (v === c) return mid;
      if (v < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  const fail = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    for (let t = childStart[s]!; t < childStart[s + 1]!; t++) {
      if (s === 0) continue; // depth 1: fail to the root
      const c = charOf[t]!;
      let f = fail[s]!;
      let nx = child(f, c);
      while (nx === -1 && f !== 0) {
        f = fail[f]!;
        nx = child(f, c);
      }
      fail[t] = nx === -1 ? 0 : nx;
    }
  }

  // 5. Where each pattern ends.
  const terminal = new Int32Array(patterns.length).fill(-1);
  outs.forEach((list, old) => {
    for (const id of list) terminal[id] = newOf[old]!;
  });

  // 6. Which states get a dense row: the shallowest (depth ≤ MAX_DENSE_DEPTH), within the budget.
  const budget = Math.max(1, Math.floor(DENSE_BUDGET / (alpha.length + 1)));
  let rowCount = 0;
  while (rowCount < n && rowCount < budget && depth[rowCount]! <= MAX_DENSE_DEPTH) rowCount++;
  return { childCount, charOf, fail, terminal, patternLengths: Int32Array.from(patterns, (x) => x.length), alphabet: Uint16Array.from(alpha), rowCount: Math.max(1, rowCount) };
}

function unpack(bytes: Uint8Array): Parts {
  const fail = (why: string) => new Error(`automaton: packed data is invalid (${why})`);
  if (bytes.byteLength < 4 * HEADER) throw fail('too short');
  // Copy when not 4-byte aligned (a view into someone else's buffer).
  const buf = bytes.byteOffset % 4 === 0 ? bytes.buffer : bytes.slice().buffer;
  const base = bytes.byteOffset % 4 === 0 ? bytes.byteOffset : 0;
  const head = new Int32Array(buf, base, HEADER);
  if (head[0] !== MAGIC) throw fail('not a packed automaton of this version');
  const [n, P, A, R, sum] = [head[1]!, head[2]!, head[3]!, head[4]!, head[5]!];
  const raw = 4 * (HEADER + n + 2 * P) + 2 * (2 * n + A);
  const size = raw + ((4 - (raw % 4)) % 4);
  if ([n, P, A, R].some((x) => x < 0) || n < 1 || size !== bytes.byteLength) throw fail('wrong size');
  if (checksum(new Uint8Array(buf, base + 4 * HEADER, size - 4 * HEADER)) !== sum) throw fail('checksum does not match: the file was changed or damaged');
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
  return { fail: ints(n), terminal: ints(P), patternLengths: ints(P), childCount: shorts(n), charOf: shorts(n), alphabet: shorts(A), rowCount: R };
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
