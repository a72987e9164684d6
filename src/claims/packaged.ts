import type { Claim, Lexicon } from './schema';
import { Detector, type DetectionClaim, type DetectorIndex, type Ref } from '../detect/detector';
import type { Phrase } from '../detect/phrase-matcher';

/**
 * The bundled claim database as packaged files of the extension, written by the build
 * (scripts/lib/claim-data-plugin.ts) and read by the worker with fetch() at every start:
 *
 * - `data/detection.json`: what detection needs — the lexicon, each claim's id and number of
 *   rules, and the Detector's phrase tables (phrases and what each refers to);
 * - `data/rules.bin`: each claim's detection rules as JSON, one after the other with their
 *   offsets: fetched at start with the rest, but a claim's rules are parsed on its first match
 *   (at 100k claims parsing every claim's rules was most of the start's JSON);
 * - `data/detector.bin`: the detector's automaton packed as raw bytes (`Automaton.pack`), read
 *   into an ArrayBuffer and wrapped without base64 or JSON;
 * - `data/triggers.bin`: the trigger-only automaton the content script uses, the same way; read
 *   on the first getTriggers, not on the start path (empty when the build left it out);
 * - `data/claims.json`: every claim in full (card data, phrasings), read only when something
 *   needs it (a card, a search, the lists), not on the start path.
 *
 * The build is the trust boundary: it parses every data file with the zod schemas and fails on
 * any problem, and packaged files are read-only. The worker checks only what a wrong file could
 * turn into a wild read: the container's sizes here, every automaton index in
 * `new Automaton(bytes)`, and that the tables fit the claims (`new Detector`). A missing or
 * corrupt file is an error that names it.
 */

export const PACKAGED_FILES = {
  detection: 'data/detection.json',
  detector: 'data/detector.bin',
  rules: 'data/rules.bin',
  triggers: 'data/triggers.bin',
  claims: 'data/claims.json',
} as const;

/** How the loader reads a packaged file (the worker: fetch of runtime.getURL; tests: memory). */
export interface PackageReader {
  text(path: string): Promise<string>;
  bytes(path: string): Promise<ArrayBuffer>;
}

export interface DetectionData {
  readonly lexicon: Lexicon;
  /** Each claim's id and rules, in the order of claims.json (sorted by id). */
  readonly claims: DetectionClaim[];
  /** The Detector's tables for exactly these claims. */
  readonly index: DetectorIndex;
}

/** The bundled database as the worker holds it: detection data at once, full claims on demand. */
export interface Database {
  readonly detection: DetectionData;
  /** Every bundled claim in full, read on first call (later calls share the promise). */
  readonly claims: () => Promise<readonly Claim[]>;
  /** The trigger automaton for pages, read on first call; undefined when the build left it out. */
  readonly triggerAutomaton: () => Promise<Uint8Array | undefined>;
}

/**
 * detection.json. The phrase tables are written compactly (they are most of the file, and
 * at 100k claims most of the start-up's JSON): a phrase as its text with a trailing `*` for a
 * stem, and what it refers to as numbers (`encodeRef`), one number or a list per phrase.
 */
interface DetectionFile {
  lexicon: Lexicon;
  ids: string[];
  ruleCounts: number[];
  phrases: string[];
  langs: string[];
  sets: string[];
  refs: (number | number[])[];
}

/** A trigger ref: ((claim × 256 + rule) × 256 + language) × 2 + hashtag; a set ref: −(set + 1). */
function encodeRef(r: Ref, lang: (l: string) => number, set: (s: string) => number): number {
  if (r.kind === 'set') return -(set(r.set) + 1);
  if (r.rule >= 256) throw new Error(`claim ${r.claim}: more than 256 rules`);
  return ((r.claim * 256 + r.rule) * 256 + lang(r.lang)) * 2 + (r.hashtag ? 1 : 0);
}

function decodeRef(n: number, langs: readonly string[], sets: readonly string[]): Ref {
  const bad = () => new Error(`${PACKAGED_FILES.detection}: a phrase refers to nothing (${n})`);
  if (!Number.isSafeInteger(n)) throw bad();
  if (n < 0) {
    const set = sets[-n - 1];
    if (set === undefined) throw bad();
    return { kind: 'set', set };
  }
  const lang = langs[Math.floor(n / 2) % 256];
  if (lang === undefined) throw bad();
  const r: Ref = { kind: 'trigger', claim: Math.floor(n / 131072), rule: Math.floor(n / 512) % 256, lang };
  if (n % 2 === 1) r.hashtag = true;
  return r;
}

function encodeTables(phrases: readonly Phrase[], refs: readonly Ref[][]): Pick<DetectionFile, 'phrases' | 'langs' | 'sets' | 'refs'> {
  const langs: string[] = [];
  const sets: string[] = [];
  const indexOf = (list: string[], max: number) => {
    const m = new Map<string, number>();
    return (x: string) => {
      let i = m.get(x);
      if (i === undefined) {
        if (list.length >= max) throw new Error(`detection tables: more than ${max} distinct values`);
        m.set(x, (i = list.length));
        list.push(x);
      }
      return i;
    };
  };
  const lang = indexOf(langs, 256);
  const set = indexOf(sets, 1 << 30);
  return {
    phrases: phrases.map((p) => (p.stem ? `${p.text}*` : p.text)),
    langs,
    sets,
    refs: refs.map((list) => (list.length === 1 ? encodeRef(list[0]!, lang, set) : list.map((r) => encodeRef(r, lang, set)))),
  };
}

function decodeTables(d: DetectionFile): Pick<DetectorIndex, 'phrases' | 'refs'> {
  const phrases = d.phrases.map((p): Phrase => {
    if (typeof p !== 'string') throw new Error(`${PACKAGED_FILES.detection}: a phrase is not a string`);
    return p.endsWith('*') ? { text: p.slice(0, -1), stem: true } : { text: p, stem: false };
  });
  // Most phrases have one ref, and the phrases of one claim's rule in one language share it: one
  // read-only list per distinct number (the Detector only reads them).
  const single = new Map<number, Ref[]>();
  const refs = d.refs.map((x) => {
    if (typeof x === 'number') {
      let l = single.get(x);
      if (!l) single.set(x, (l = [decodeRef(x, d.langs, d.sets)]));
      return l;
    }
    return Array.isArray(x) ? x.map((n) => decodeRef(n, d.langs, d.sets)) : [];
  });
  return { phrases, refs };
}

/**
 * Largest trigger automaton packaged (and sent to pages with getTriggers): 12 MB of bytes, 16 MB
 * as base64. A larger one (the benchmarks' 100k synthetic claims: ~230 MB) is left out: a page
 * builds its own from the phrases, as before, and the file stays half the size.
 */
export const TRIGGER_AUTOMATON_MAX = 12 * 1024 * 1024;

/** First word of an automaton file: "CLD" and the layout version. */
const MAGIC = 0x434c4402;
/** magic, then the packed automaton's byte length (0: none), then the automaton. */
const HEADER_BYTES = 8;

/** The files the build writes for a checked database (pure: run by the build and by tests). */
export function packDatabase(claims: readonly Claim[], lexicon: Lexicon, triggerMax = TRIGGER_AUTOMATON_MAX): { detection: string; detector: Uint8Array; rules: Uint8Array; triggers: Uint8Array; claims: string } {
  const index = Detector.index(claims, lexicon);
  const detection: DetectionFile = { lexicon, ids: claims.map((c) => c.id), ruleCounts: claims.map((c) => c.detection.rules.length), ...encodeTables(index.phrases, index.refs) };
  const triggers = index.triggerAutomaton && index.triggerAutomaton.length <= triggerMax ? index.triggerAutomaton : new Uint8Array(0);
  return { detection: JSON.stringify(detection), detector: automatonFile(index.automaton), rules: rulesFile(claims), triggers: automatonFile(triggers), claims: JSON.stringify(claims) };
}

/** First word of rules.bin. */
const RULES_MAGIC = 0x434c5201;

/** magic, claim count n, n + 1 byte offsets (from the end of the offsets), then each claim's detection as UTF-8 JSON. */
function rulesFile(claims: readonly Claim[]): Uint8Array {
  const enc = new TextEncoder();
  const parts = claims.map((c) => enc.encode(JSON.stringify(c.detection)));
  const head = 4 * (2 + claims.length + 1);
  const out = new Uint8Array(head + parts.reduce((a, p) => a + p.length, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, RULES_MAGIC, true);
  view.setUint32(4, claims.length, true);
  let off = 0;
  parts.forEach((p, i) => {
    view.setUint32(8 + 4 * i, off, true);
    out.set(p, head + off);
    off += p.length;
  });
  view.setUint32(8 + 4 * claims.length, off, true);
  return out;
}

/** A claim of the packaged database: its rules parsed from rules.bin on first use. */
class PackagedClaim implements DetectionClaim {
  private parsed: Claim['detection'] | undefined;
  constructor(
    readonly id: string,
    readonly ruleCount: number,
    private readonly source: (claim: PackagedClaim) => Claim['detection'],
  ) {}
  get detection(): Claim['detection'] {
    return (this.parsed ??= this.source(this));
  }
}

/** The claims of rules.bin, each with its id and rule count from detection.json; throws naming the file when it does not fit. */
function rulesClaims(buf: ArrayBuffer, ids: readonly string[], ruleCounts: readonly number[]): PackagedClaim[] {
  const file = PACKAGED_FILES.rules;
  const fail = (why: string) => new Error(`${file}: not a rules file of this build (${why})`);
  const n = ids.length;
  const head = 4 * (2 + n + 1);
  if (buf.byteLength < head) throw fail('too short');
  const view = new DataView(buf);
  if (view.getUint32(0, true) !== RULES_MAGIC) throw fail('wrong magic number or version');
  if (view.getUint32(4, true) !== n) throw fail(`${view.getUint32(4, true)} claims, ${PACKAGED_FILES.detection} has ${n}`);
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    offsets[i] = view.getUint32(8 + 4 * i, true);
    if ((i > 0 && offsets[i]! < offsets[i - 1]!) || head + offsets[i]! > buf.byteLength) throw fail('offset out of range');
  }
  if (offsets[0] !== 0 || head + offsets[n]! !== buf.byteLength) throw fail('wrong size');
  const bytes = new Uint8Array(buf, head);
  const dec = new TextDecoder();
  const index = new Map<PackagedClaim, number>();
  const parse = (c: PackagedClaim): Claim['detection'] => {
    const i = index.get(c)!;
    let d: Claim['detection'];
    try {
      d = JSON.parse(dec.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!))) as Claim['detection'];
    } catch (e) {
      throw new Error(`${file}: the rules of claim "${c.id}" are not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!d || !Array.isArray(d.rules) || d.rules.length !== c.ruleCount) throw new Error(`${file}: the rules of claim "${c.id}" do not fit ${PACKAGED_FILES.detection}`);
    return d;
  };
  return ids.map((id, i) => {
    const count = ruleCounts[i];
    if (typeof id !== 'string' || typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new Error(`${PACKAGED_FILES.detection}: claim ${i} has no id or rule count`);
    const c = new PackagedClaim(id, count, parse);
    index.set(c, i);
    return c;
  });
}

function automatonFile(packed: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + packed.length);
  const head = new DataView(out.buffer);
  head.setUint32(0, MAGIC, true);
  head.setUint32(4, packed.length, true);
  out.set(packed, HEADER_BYTES);
  return out;
}

/**
 * The packed automaton in an automaton file, as a view into `buf` (no copy), or undefined for
 * an empty one (the build left it out). Throws naming the file when it is not one.
 */
export function unpackAutomatonFile(buf: ArrayBuffer, file: string): Uint8Array | undefined {
  const fail = (why: string) => new Error(`${file}: not an automaton file of this build (${why})`);
  if (buf.byteLength < HEADER_BYTES) throw fail('too short');
  const head = new DataView(buf);
  if (head.getUint32(0, true) !== MAGIC) throw fail('wrong magic number or version');
  const length = head.getUint32(4, true);
  if (HEADER_BYTES + length !== buf.byteLength) throw fail(`${buf.byteLength} bytes, the header says ${HEADER_BYTES + length}`);
  return length > 0 ? new Uint8Array(buf, HEADER_BYTES, length) : undefined;
}

async function readJson(read: PackageReader, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await read.text(path);
  } catch (e) {
    throw new Error(`${path}: could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

async function readBytes(read: PackageReader, path: string): Promise<ArrayBuffer> {
  try {
    return await read.bytes(path);
  } catch (e) {
    throw new Error(`${path}: could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * Reads detection.json, detector.bin and rules.bin (in parallel); claims.json and triggers.bin are read on
 * the first call of `claims()` and `triggerAutomaton()`. Rejects with an error naming the file
 * that is missing or not what the build wrote.
 */
export async function loadPackagedDatabase(read: PackageReader): Promise<Database> {
  const [json, bin, rulesBuf] = await Promise.all([readJson(read, PACKAGED_FILES.detection), readBytes(read, PACKAGED_FILES.detector), readBytes(read, PACKAGED_FILES.rules)]);
  const d = json as Partial<DetectionFile> | null;
  if (
    !d ||
    typeof d !== 'object' ||
    !d.lexicon ||
    !Array.isArray(d.ids) ||
    !Array.isArray(d.ruleCounts) ||
    d.ids.length !== d.ruleCounts.length ||
    !Array.isArray(d.phrases) ||
    !Array.isArray(d.refs) ||
    !Array.isArray(d.langs) ||
    !Array.isArray(d.sets) ||
    d.phrases.length !== d.refs.length
  )
    throw new Error(`${PACKAGED_FILES.detection}: not a detection file of this build`);
  const ids = d.ids;
  const automaton = unpackAutomatonFile(bin, PACKAGED_FILES.detector);
  if (!automaton) throw new Error(`${PACKAGED_FILES.detector}: holds no automaton`);
  const detectionClaims = rulesClaims(rulesBuf, ids, d.ruleCounts);
  let full: Promise<readonly Claim[]> | undefined;
  const claims = () =>
    (full ??= readJson(read, PACKAGED_FILES.claims).then((c) => {
      if (!Array.isArray(c) || c.length !== ids.length || c.some((x: { id?: unknown }, i) => x?.id !== ids[i]))
        throw new Error(`${PACKAGED_FILES.claims}: does not hold the claims of ${PACKAGED_FILES.detection}`);
      return c as Claim[];
    }));
  let triggers: Promise<Uint8Array | undefined> | undefined;
  const triggerAutomaton = () => (triggers ??= readBytes(read, PACKAGED_FILES.triggers).then((b) => unpackAutomatonFile(b, PACKAGED_FILES.triggers)));
  const { phrases, refs } = decodeTables(d as DetectionFile);
  return { detection: { lexicon: d.lexicon, claims: detectionClaims, index: { phrases, refs, automaton } }, claims, triggerAutomaton };
}

/** The worker's reader: the extension's own packaged files (never the network). */
export function extensionReader(getURL: (path: string) => string): PackageReader {
  const get = async (path: string) => {
    const res = await fetch(getURL(path));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res;
  };
  return { text: async (p) => (await get(p)).text(), bytes: async (p) => (await get(p)).arrayBuffer() };
}
