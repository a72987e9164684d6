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
const MAGIC = 0x434c4103;
/** Header words: magic, states, outputs, patterns, alphabet size, dense rows, states with ≥ 255 children, checksum of the rest. */
const HEADER = 8;
/** A child count of this or more is kept in `childMore`. */
const MANY = 255;

/**
 * What an automaton is made of. States are numbered breadth first, each state's children in
 * order of their code unit, so a state's children are consecutive states and every failure link
 * points to a smaller number: a packed automaton needs no edge targets and no edge starts, only
 * each state's number of children (a byte) and the code unit on the edge into it, with its
 * failure link: 7 bytes a state. Outputs are listed by state. Everything else is derived.
 */
interface Parts {
  childCount: Uint8Array; // per state: number of children (MANY: see childMore)
  childMore: Int32Array; // (state, count) pairs, by state, for the states with ≥ MANY children
  charOf: Uint16Array; // per state: the code unit on the edge into it (0 for the root)
  fail: Int32Array; // per state: failure link, < the state (0 for the root)
  outState: Int32Array; // per output, ascending: the state where the pattern ends
  outPattern: Int32Array; // per output: the pattern (ascending within a state)
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
  /**
   * Per state: 1 when some pattern ends there, 2 when none does, 0 not known yet (`resolve(s)`
   * works it out on the state's first visit, so a start does not walk every state's failure
   * chain). Read-only outside.
   */
  readonly emitting: Uint8Array;
  readonly patternLengths: Int32Array;
  readonly stateCount: number;
  private readonly p: Parts;
  /** Per state + 1: where its children start (the states childStart[s] … childStart[s + 1] − 1). */
  private readonly childStart: Int32Array;
  /** Per state: 1 when a pattern ends at the state itself. */
  private readonly own: Uint8Array;
  /** Per state, once `emitting` is known: nearest state on its failure chain with an output of its own, or -1. */
  private readonly outNextState: Int32Array;
  /** Per state with outputs of its own, once `emitting` is known: where they start in outState/outPattern. */
  private readonly ownFirst: Int32Array;
  private readonly stack: Int32Array;

  /** Builds the automaton of `patterns`, or rebuilds one from the bytes `pack()` returned. */
  constructor(source: readonly string[] | Uint8Array) {
    const p = source instanceof Uint8Array ? unpack(source) : build(source);
    this.p = p;
    const n = p.fail.length;
    this.stateCount = n;
    this.patternLengths = p.patternLengths;
    this.classes = p.alphabet.length + 1;
    this.rowCount = p.rowCount;
    this.classOf = new Uint16Array(65536);
    for (let k = 0; k < p.alphabet.length; k++) this.classOf[p.alphabet[k]!] = k + 1;
    const d = derive(p, this.classOf, this.classes);
    this.childStart = d.childStart;
    this.own = d.own;
    this.rows = d.rows;
    this.emitting = new Uint8Array(n);
    this.outNextState = new Int32Array(n);
    this.ownFirst = new Int32Array(n);
    this.emitting[0] = 2;
    this.outNextState[0] = -1;
    this.stack = new Int32Array(d.maxDepth + 2);
  }

  /** The automaton as bytes: `new Automaton(bytes)` rebuilds it without the patterns. */
  pack(): Uint8Array {
    const p = this.p;
    const n = p.fail.length;
    const O = p.outState.length;
    const P = p.patternLengths.length;
    const A = p.alphabet.length;
    const M = p.childMore.length / 2;
    const raw = 4 * (HEADER + n + 2 * O + P + 2 * M) + 2 * (n + A) + n;
    const buf = new ArrayBuffer(raw + ((4 - (raw % 4)) % 4));
    let off = 4 * HEADER;
    const put = (a: Int32Array | Uint16Array | Uint8Array) => {
      new Uint8Array(buf, off, a.byteLength).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      off += a.byteLength;
    };
    for (const a of [p.fail, p.outState, p.outPattern, p.patternLengths, p.childMore, p.charOf, p.alphabet, p.childCount]) put(a);
    new Int32Array(buf, 0, HEADER).set([MAGIC, n, O, P, A, p.rowCount, M, checksum(new Uint8Array(buf, 4 * HEADER))]);
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
   * Works out `emitting[s]` (and where s's failure chain next has outputs) from the nearest
   * state on its chain already known: 1 when some pattern ends in s, else 2.
   */
  resolve(s: number): number {
    const { emitting, outNextState, own, stack } = this;
    const fail = this.p.fail;
    let top = 0;
    for (let t = s; emitting[t] === 0; t = fail[t]!) {
      if (top === stack.length) throw new Error('automaton: a failure chain longer than the longest pattern');
      stack[top++] = t;
    }
    while (top > 0) {
      const u = stack[--top]!;
      const f = fail[u]!;
      const o = own[f] === 1 ? f : outNextState[f]!;
      outNextState[u] = o;
      if (own[u] === 1) this.ownFirst[u] = this.firstOut(u);
      emitting[u] = own[u] === 1 || o !== -1 ? 1 : 2;
    }
    return emitting[s]!;
  }

  /** The first output of state o (which has some): a binary search of the outputs by state. */
  private firstOut(o: number): number {
    const st = this.p.outState;
    let lo = 0;
    let hi = st.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (st[mid]! < o) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Calls fn(patternId) for each pattern that ends in state s (its own outputs, then those along
   * its failure chain) until fn returns true; returns whether it did.
   */
  someOutput(s: number, fn: (pattern: number) => boolean): boolean {
    const { outState, outPattern } = this.p;
    if (this.emitting[s] === 0) this.resolve(s);
    for (let o = this.own[s] === 1 ? s : this.outNextState[s]!; o !== -1; o = this.outNextState[o]!) {
      for (let k = this.ownFirst[o]!; k < outState.length && outState[k] === o; k++) if (fn(outPattern[k]!)) return true;
    }
    return false;
  }

  /**
   * Calls onMatch(patternId, start, end) for every occurrence, end exclusive, in order of end
   * (and, at one end, longest first). Returning `false` from onMatch stops the scan.
   */
  scan(text: string, onMatch: (pattern: number, start: number, end: number) => boolean | void): void {
    const { emitting, rows, classOf, classes, rowCount, own, outNextState, ownFirst } = this;
    const { outState, outPattern } = this.p;
    const lengths = this.patternLengths;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      s = s < rowCount ? rows[s * classes + classOf[c]!]! : this.advance(s, c);
      const e = emitting[s];
      if (e === 2 || (e === 0 && this.resolve(s) === 2)) continue;
      // s is resolved, and so is every state on its failure chain.
      for (let o = own[s] === 1 ? s : outNextState[s]!; o !== -1; o = outNextState[o]!) {
        for (let k = ownFirst[o]!; k < outState.length && outState[k] === o; k++) {
          const pat = outPattern[k]!;
          if (onMatch(pat, i + 1 - lengths[pat]!, i + 1) === false) return;
        }
      }
    }
  }
}

/**
 * What the automaton derives from its parts, in one pass per table (tight loops over typed
 * arrays), checking what a wrong file could turn into a wild read or an endless loop: every child
 * after its parent, every failure link to a smaller state, every output in range and in order.
 */
function derive(p: Parts, classOf: Uint16Array, classes: number) {
  const n = p.fail.length;
  const bad = (why: string) => new Error(`automaton: packed data is invalid (${why})`);
  const { childCount, childMore, fail, outState, outPattern, patternLengths, charOf } = p;
  // Children: consecutive states after their parent.
  const childStart = new Int32Array(n + 1);
  let next = 1;
  let wrong = fail[0] !== 0;
  let more = 0;
  for (let s = 0; s < n; s++) {
    childStart[s] = next;
    let c = childCount[s]!;
    if (c === MANY) {
      if (childMore[2 * more] !== s) throw bad('child count');
      c = childMore[2 * more + 1]!;
      more++;
    }
    if (c > 0 && next <= s) wrong = true;
    next += c;
    const f = fail[s]!;
    if (s > 0 && !(f >= 0 && f < s)) wrong = true;
  }
  if (wrong || next !== n || more * 2 !== childMore.length) throw bad('state out of range');
  childStart[n] = n;
  // Outputs: listed by state, each a pattern of some length.
  const own = new Uint8Array(n);
  const P = patternLengths.length;
  let prev = 1;
  for (let k = 0; k < outState.length; k++) {
    const t = outState[k]!;
    const q = outPattern[k]!;
    if (!(t >= prev && t < n) || !(q >= 0 && q < P)) throw bad('output out of range');
    prev = t;
    own[t] = 1;
  }
  let maxDepth = 0;
  for (let k = 0; k < P; k++) {
    const len = patternLengths[k]!;
    if (!(len >= 0 && len <= n)) throw bad('output out of range');
    if (len > maxDepth) maxDepth = len;
  }
  // Dense rows: a state's failure target is smaller, so its row is filled first.
  const R = p.rowCount;
  if (!(R >= 1 && R <= n)) throw bad('dense rows');
  const rows = new Int32Array(R * classes);
  for (let s = 0; s < R; s++) {
    const base = s * classes;
    if (s !== 0) rows.copyWithin(base, fail[s]! * classes, (fail[s]! + 1) * classes);
    for (let c = childStart[s]!, end = childStart[s + 1]!; c < end; c++) rows[base + classOf[charOf[c]!]!] = c;
  }
  return { childStart, own, rows, maxDepth };
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
  const childCount = new Uint8Array(n);
  const more: number[] = [];
  const depth = new Int32Array(n);
  let tail = 1;
  for (let head = 0; head < tail; head++) {
    const old = order[head]!;
    const m = children[old]!;
    childCount[head] = Math.min(m.size, MANY);
    if (m.size >= MANY) more.push(head, m.size);
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
  for (let s = 0, next = 1, k = 0; s <= n; s++) {
    childStart[s] = next;
    if (s < n) next += childCount[s] === MANY ? more[2 * k++ + 1]! : childCount[s]!;
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

  // 5. Outputs, by state (and pattern within a state).
  const pairs: [number, number][] = [];
  outs.forEach((list, old) => {
    for (const id of list) pairs.push([newOf[old]!, id]);
  });
  pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);

  // 6. Which states get a dense row: the shallowest (depth ≤ MAX_DENSE_DEPTH), within the budget.
  const budget = Math.max(1, Math.floor(DENSE_BUDGET / (alpha.length + 1)));
  let rowCount = 0;
  while (rowCount < n && rowCount < budget && depth[rowCount]! <= MAX_DENSE_DEPTH) rowCount++;
  return {
    childCount,
    childMore: Int32Array.from(more),
    charOf,
    fail,
    outState: Int32Array.from(pairs, (x) => x[0]),
    outPattern: Int32Array.from(pairs, (x) => x[1]),
    patternLengths: Int32Array.from(patterns, (x) => x.length),
    alphabet: Uint16Array.from(alpha),
    rowCount: Math.max(1, rowCount),
  };
}

function unpack(bytes: Uint8Array): Parts {
  const fail = (why: string) => new Error(`automaton: packed data is invalid (${why})`);
  if (bytes.byteLength < 4 * HEADER) throw fail('too short');
  // Copy when not 4-byte aligned (a view into someone else's buffer).
  const buf = bytes.byteOffset % 4 === 0 ? bytes.buffer : bytes.slice().buffer;
  const base = bytes.byteOffset % 4 === 0 ? bytes.byteOffset : 0;
  const head = new Int32Array(buf, base, HEADER);
  if (head[0] !== MAGIC) throw fail('not a packed automaton of this version');
  const [n, O, P, A, R, M, sum] = [head[1]!, head[2]!, head[3]!, head[4]!, head[5]!, head[6]!, head[7]!];
  const raw = 4 * (HEADER + n + 2 * O + P + 2 * M) + 2 * (n + A) + n;
  const size = raw + ((4 - (raw % 4)) % 4);
  if ([n, O, P, A, R, M].some((x) => x < 0) || n < 1 || size !== bytes.byteLength) throw fail('wrong size');
  // The build's seal: a changed or damaged byte fails here, before any table is read.
  if (checksum(new Uint8Array(buf, base + 4 * HEADER, size - 4 * HEADER)) !== sum) throw fail('checksum does not match: the file was changed or damaged');
  let off = base + 4 * HEADER;
  const take = <T>(Type: { new (b: ArrayBufferLike, o: number, l: number): T; BYTES_PER_ELEMENT: number }, len: number): T => {
    const a = new Type(buf, off, len);
    off += Type.BYTES_PER_ELEMENT * len;
    return a;
  };
  const failLinks = take(Int32Array, n);
  const outState = take(Int32Array, O);
  const outPattern = take(Int32Array, O);
  const patternLengths = take(Int32Array, P);
  const childMore = take(Int32Array, 2 * M);
  const charOf = take(Uint16Array, n);
  const alphabet = take(Uint16Array, A);
  const childCount = take(Uint8Array, n);
  return { fail: failLinks, outState, outPattern, patternLengths, childMore, charOf, alphabet, childCount, rowCount: R };
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
