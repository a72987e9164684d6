import type { Claim, Lexicon } from './schema';
import { Detector, type DetectionClaim, type DetectorIndex, type RefTable } from '../detect/detector';
import type { Phrase } from '../detect/phrase-matcher';
import { bytesOf, readSections, view, writeSections } from './binary';

/**
 * The bundled claim database as packaged files of the extension, written by the build
 * (scripts/lib/claim-data-plugin.ts) and read by the worker with fetch() at every start:
 *
 * - `data/detection.bin`: what detection needs, as typed arrays read in place (no JSON but a
 *   small head): the lexicon, the languages and set names, each claim's id and number of rules,
 *   which phrases are stems, and what each phrase refers to (`RefTable`);
 * - `data/rules.bin`: each claim's detection rules as JSON, one after the other with their
 *   offsets: fetched at start with the rest, but a claim's rules are parsed on its first match
 *   (at 100k claims parsing every claim's rules was most of the start's JSON);
 * - `data/detector.bin`: the detector's automaton packed as raw bytes (`Automaton.pack`), read
 *   into an ArrayBuffer and wrapped without base64 or JSON;
 * - `data/phrases.bin`: the phrases' texts (UTF-16 with offsets), read on the first getTriggers
 *   (the trigger list pages ask for), not on the start path: detection needs only the automaton;
 * - `data/triggers.bin`: the trigger-only automaton the content script uses, the same way; read
 *   on the first getTriggers, not on the start path (empty when the build left it out);
 * - `data/claims.json`: every claim in full (card data, phrasings), read only when something
 *   needs it (a card, a search, the lists), not on the start path.
 *
 * The build is the trust boundary: it parses every data file with the zod schemas and fails on
 * any problem, and packaged files are read-only. Each binary file carries a checksum the build
 * wrote (src/claims/binary.ts, `Automaton.pack`), checked on read, and the worker checks what a
 * wrong file could turn into a wild read, an endless loop or a wrong answer: the containers'
 * sizes, the automaton's structure in one pass (`new Automaton(bytes)`), and that the tables fit
 * the claims (`new Detector`). A missing or corrupt file is an error that names it.
 */

export const PACKAGED_FILES = {
  detection: 'data/detection.bin',
  phrases: 'data/phrases.bin',
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
  /** The phrases' texts (for the trigger list pages ask for), read on first call. */
  readonly phrases: () => Promise<readonly Phrase[]>;
}

/** The bundled database as the worker holds it: detection data at once, full claims on demand. */
export interface Database {
  readonly detection: DetectionData;
  /** Every bundled claim in full, read on first call (later calls share the promise). */
  readonly claims: () => Promise<readonly Claim[]>;
  /** The trigger automaton for pages, read on first call; undefined when the build left it out. */
  readonly triggerAutomaton: () => Promise<Uint8Array | undefined>;
}

/** The small JSON head of detection.bin. */
interface DetectionHead {
  lexicon: Lexicon;
  ids: string[];
  langs: string[];
  sets: string[];
}

/** First word of detection.bin: "CLT" and the layout version. */
const DETECTION_MAGIC = 0x434c5401;
/** Sections: JSON head, rule counts (u32 per claim), stems (u8 per phrase), ref starts (u32 per phrase + 1), ref claims, ref infos (i32 per ref). */
const DETECTION_SECTIONS = 6;
/** First word of phrases.bin: "CLP" and the layout version. */
const PHRASES_MAGIC = 0x434c5001;

function detectionFile(claims: readonly Claim[], lexicon: Lexicon, index: DetectorIndex): Uint8Array {
  const { refs } = index;
  const head: DetectionHead = { lexicon, ids: claims.map((c) => c.id), langs: [...refs.langs], sets: [...refs.sets] };
  const ruleCounts = Uint32Array.from(claims, (c) => c.detection.rules.length);
  return writeSections(DETECTION_MAGIC, [new TextEncoder().encode(JSON.stringify(head)), bytesOf(ruleCounts), index.stems, bytesOf(refs.start), bytesOf(refs.claim), bytesOf(refs.info)]);
}

function phrasesFile(phrases: readonly Phrase[]): Uint8Array {
  const offsets = new Uint32Array(phrases.length + 1);
  let n = 0;
  phrases.forEach((p, i) => {
    offsets[i] = n;
    n += p.text.length;
  });
  offsets[phrases.length] = n;
  const units = new Uint16Array(n);
  phrases.forEach((p, i) => {
    for (let k = 0; k < p.text.length; k++) units[offsets[i]! + k] = p.text.charCodeAt(k);
  });
  const stems = Uint8Array.from(phrases, (p) => (p.stem ? 1 : 0));
  return writeSections(PHRASES_MAGIC, [bytesOf(offsets), stems, bytesOf(units)]);
}

/** The phrases of phrases.bin; throws naming the file when it does not fit `count` phrases. */
function readPhrases(buf: ArrayBuffer, count: number): Phrase[] {
  const file = PACKAGED_FILES.phrases;
  const fail = (why = 'wrong sizes') => new Error(`${file}: not a phrase file of this build (${why})`);
  const [o, st, u] = readSections(buf, PHRASES_MAGIC, 3, file, 'a phrase file') as [Uint8Array, Uint8Array, Uint8Array];
  const offsets = view(o, Uint32Array, fail);
  const units = view(u, Uint16Array, fail);
  if (offsets.length !== count + 1 || st.length !== count) throw fail(`${count + 1 === offsets.length ? st.length : offsets.length - 1} phrases, ${PACKAGED_FILES.detection} has ${count}`);
  const out: Phrase[] = new Array<Phrase>(count);
  for (let i = 0; i < count; i++) {
    const a = offsets[i]!;
    const b = offsets[i + 1]!;
    if (b < a || b > units.length) throw fail('offset out of range');
    out[i] = { text: String.fromCharCode.apply(null, units.subarray(a, b) as unknown as number[]), stem: st[i] === 1 };
  }
  return out;
}

/**
 * Largest trigger automaton packaged (and sent to pages with getTriggers): 12 MB of bytes, 16 MB
 * as base64. A larger one (the benchmarks' 100k synthetic claims: ~55 MB in the compact layout)
 * is left out: a page builds its own from the phrases, as before. (The 10k one, ~6 MB since the
 * compact layout, is now sent.)
 */
export const TRIGGER_AUTOMATON_MAX = 12 * 1024 * 1024;

/** First word of an automaton file: "CLD" and the layout version. */
const MAGIC = 0x434c4402;
/** magic, then the packed automaton's byte length (0: none), then the automaton. */
const HEADER_BYTES = 8;

/** The files the build writes for a checked database (pure: run by the build and by tests). */
export function packDatabase(claims: readonly Claim[], lexicon: Lexicon, triggerMax = TRIGGER_AUTOMATON_MAX): { detection: Uint8Array; phrases: Uint8Array; detector: Uint8Array; rules: Uint8Array; triggers: Uint8Array; claims: string } {
  const index = Detector.index(claims, lexicon);
  const triggers = index.triggerAutomaton && index.triggerAutomaton.length <= triggerMax ? index.triggerAutomaton : new Uint8Array(0);
  return { detection: detectionFile(claims, lexicon, index), phrases: phrasesFile(index.phrases), detector: automatonFile(index.automaton), rules: rulesFile(claims), triggers: automatonFile(triggers), claims: JSON.stringify(claims) };
}

/** First word of rules.bin. */
const RULES_MAGIC = 0x434c5202;

/** The lists of a rule (sets by name): written only when not empty, read back as [] when absent. */
const RULE_LISTS = ['requires', 'requiresAny', 'near', 'before', 'vetoes', 'vetoesNear', 'blockers'] as const;

/**
 * A claim's detection as rules.bin holds it: without the rules' triggers (they are in the phrase
 * tables of detection.bin, which is what detection reads) and without empty lists: at 100k
 * claims a seventh of the full rules, read at every start.
 */
function compactDetection(d: Claim['detection']): unknown {
  return {
    priority: d.priority,
    rules: d.rules.map((r) => Object.fromEntries(RULE_LISTS.filter((k) => r[k].length > 0).map((k) => [k, r[k]]))),
  };
}

/** magic, claim count n, n + 1 byte offsets (from the end of the offsets), then each claim's compact detection (no triggers) as UTF-8 JSON. */
function rulesFile(claims: readonly Claim[]): Uint8Array {
  const enc = new TextEncoder();
  const parts = claims.map((c) => enc.encode(JSON.stringify(compactDetection(c.detection))));
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

/**
 * A claim of the packaged database: its rules parsed from rules.bin on first use. Its rules carry
 * no triggers (`{}`: detection finds them in the phrase tables); whoever needs them (rebuilding
 * the tables with imported claims) reads the claims in full.
 */
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

/** The claims of rules.bin, each with its id and rule count from detection.bin; throws naming the file when it does not fit. */
function rulesClaims(buf: ArrayBuffer, ids: readonly string[], ruleCounts: Uint32Array): PackagedClaim[] {
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
    if (!d || typeof d.priority !== 'number' || !Array.isArray(d.rules) || d.rules.length !== c.ruleCount) throw new Error(`${file}: the rules of claim "${c.id}" do not fit ${PACKAGED_FILES.detection}`);
    for (const r of d.rules as Partial<Claim['detection']['rules'][number]>[]) {
      if (!r || typeof r !== 'object') throw new Error(`${file}: the rules of claim "${c.id}" do not fit ${PACKAGED_FILES.detection}`);
      for (const k of RULE_LISTS) {
        const v = r[k];
        if (v === undefined) r[k] = [];
        else if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`${file}: the rules of claim "${c.id}" do not fit ${PACKAGED_FILES.detection}`);
      }
      // The triggers are in the phrase tables (detection.bin), not here.
      r.triggers = {};
    }
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

/** detection.bin: the JSON head and the tables, as views into `buf`; throws naming the file when it is not one. */
function readDetection(buf: ArrayBuffer): { head: DetectionHead; ruleCounts: Uint32Array; stems: Uint8Array; refs: RefTable } {
  const file = PACKAGED_FILES.detection;
  const fail = (why = 'wrong sizes') => new Error(`${file}: not a detection file of this build (${why})`);
  const [h, rc, stems, rs, claim, info] = readSections(buf, DETECTION_MAGIC, DETECTION_SECTIONS, file, 'a detection file') as Uint8Array[];
  let head: Partial<DetectionHead> | null;
  try {
    head = JSON.parse(new TextDecoder().decode(h)) as Partial<DetectionHead> | null;
  } catch (e) {
    throw fail(`its head is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!head || typeof head !== 'object' || !head.lexicon || !Array.isArray(head.ids) || !Array.isArray(head.langs) || !Array.isArray(head.sets)) throw fail('its head is not one');
  const ruleCounts = view(rc!, Uint32Array, fail);
  if (ruleCounts.length !== head.ids.length) throw fail(`${head.ids.length} claims, ${ruleCounts.length} rule counts`);
  const refs: RefTable = { start: view(rs!, Uint32Array, fail), claim: view(claim!, Int32Array, fail), info: view(info!, Int32Array, fail), langs: head.langs, sets: head.sets };
  if (refs.start.length !== stems!.length + 1) throw fail(`${stems!.length} phrases, ${refs.start.length - 1} ref lists`);
  return { head: head as DetectionHead, ruleCounts, stems: stems!, refs };
}

/**
 * Reads detection.bin, detector.bin and rules.bin (in parallel); claims.json, phrases.bin and
 * triggers.bin are read on the first call of `claims()`, `phrases()` and `triggerAutomaton()`.
 * Rejects with an error naming the file that is missing or not what the build wrote.
 */
export async function loadPackagedDatabase(read: PackageReader): Promise<Database> {
  const [detBuf, bin, rulesBuf] = await Promise.all([readBytes(read, PACKAGED_FILES.detection), readBytes(read, PACKAGED_FILES.detector), readBytes(read, PACKAGED_FILES.rules)]);
  const { head, ruleCounts, stems, refs } = readDetection(detBuf);
  const ids = head.ids;
  const automaton = unpackAutomatonFile(bin, PACKAGED_FILES.detector);
  if (!automaton) throw new Error(`${PACKAGED_FILES.detector}: holds no automaton`);
  const detectionClaims = rulesClaims(rulesBuf, ids, ruleCounts);
  let full: Promise<readonly Claim[]> | undefined;
  const claims = () =>
    (full ??= readJson(read, PACKAGED_FILES.claims).then((c) => {
      if (!Array.isArray(c) || c.length !== ids.length || c.some((x: { id?: unknown }, i) => x?.id !== ids[i]))
        throw new Error(`${PACKAGED_FILES.claims}: does not hold the claims of ${PACKAGED_FILES.detection}`);
      return c as Claim[];
    }));
  let triggers: Promise<Uint8Array | undefined> | undefined;
  const triggerAutomaton = () => (triggers ??= readBytes(read, PACKAGED_FILES.triggers).then((b) => unpackAutomatonFile(b, PACKAGED_FILES.triggers)));
  let texts: Promise<readonly Phrase[]> | undefined;
  const phrases = () => {
    const p = (texts ??= readBytes(read, PACKAGED_FILES.phrases).then((b) => readPhrases(b, stems.length)));
    // A failed read is not kept: the next page asks again.
    p.catch(() => {
      if (texts === p) texts = undefined;
    });
    return p;
  };
  return { detection: { lexicon: head.lexicon, claims: detectionClaims, index: { stems, refs, automaton }, phrases }, claims, triggerAutomaton };
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
