import type { Claim, Lexicon } from './schema';
import { Detector, type DetectionClaim, type DetectorIndex } from '../detect/detector';

/**
 * The bundled claim database as packaged files of the extension, written by the build
 * (scripts/lib/claim-data-plugin.ts) and read by the worker with fetch() at every start:
 *
 * - `data/detection.json`: what detection needs — the lexicon, each claim's id and rules, and
 *   the Detector's phrase tables (phrases and what each refers to);
 * - `data/detector.bin`: both automata packed as raw bytes (`Automaton.pack`), read into an
 *   ArrayBuffer and wrapped without base64 or JSON;
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
}

interface DetectionFile {
  lexicon: Lexicon;
  claims: DetectionClaim[];
  phrases: DetectorIndex['phrases'];
  refs: DetectorIndex['refs'];
}

/** First word of detector.bin: "CLD" and the layout version. */
const MAGIC = 0x434c4401;
/** magic, section count, then each section's byte length; sections start 4-byte aligned. */
const SECTIONS = 2;
const HEADER_BYTES = 4 * (2 + SECTIONS);
const align4 = (n: number) => (n + 3) & ~3;

/** The files the build writes for a checked database (pure: run by the build and by tests). */
export function packDatabase(claims: readonly Claim[], lexicon: Lexicon): { detection: string; detector: Uint8Array; claims: string } {
  const index = Detector.index(claims, lexicon);
  const detection: DetectionFile = { lexicon, claims: claims.map((c) => ({ id: c.id, detection: c.detection })), phrases: index.phrases, refs: index.refs };
  return { detection: JSON.stringify(detection), detector: packAutomata([index.automaton, index.triggerAutomaton]), claims: JSON.stringify(claims) };
}

function packAutomata(sections: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + sections.reduce((a, s) => a + align4(s.length), 0));
  const head = new DataView(out.buffer);
  head.setUint32(0, MAGIC, true);
  head.setUint32(4, sections.length, true);
  let off = HEADER_BYTES;
  sections.forEach((s, i) => {
    head.setUint32(8 + 4 * i, s.length, true);
    out.set(s, off);
    off += align4(s.length);
  });
  return out;
}

/** detector.bin's sections, as views into `buf` (no copy); throws naming the file when it is not one. */
export function unpackAutomata(buf: ArrayBuffer): [automaton: Uint8Array, triggerAutomaton: Uint8Array] {
  const fail = (why: string) => new Error(`${PACKAGED_FILES.detector}: not a detector file of this build (${why})`);
  if (buf.byteLength < HEADER_BYTES) throw fail('too short');
  const head = new DataView(buf);
  if (head.getUint32(0, true) !== MAGIC) throw fail('wrong magic number or version');
  if (head.getUint32(4, true) !== SECTIONS) throw fail('wrong number of sections');
  const lengths = [head.getUint32(8, true), head.getUint32(12, true)];
  const size = HEADER_BYTES + lengths.reduce((a, n) => a + align4(n), 0);
  if (size !== buf.byteLength) throw fail(`${buf.byteLength} bytes, the header says ${size}`);
  const a = new Uint8Array(buf, HEADER_BYTES, lengths[0]);
  const b = new Uint8Array(buf, HEADER_BYTES + align4(lengths[0]!), lengths[1]);
  return [a, b];
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

/**
 * Reads detection.json and detector.bin (in parallel); claims.json is read on the first call of
 * `claims()`. Rejects with an error naming the file that is missing or not what the build wrote.
 */
export async function loadPackagedDatabase(read: PackageReader): Promise<Database> {
  const binP = read.bytes(PACKAGED_FILES.detector).catch((e: unknown) => {
    throw new Error(`${PACKAGED_FILES.detector}: could not be read (${e instanceof Error ? e.message : String(e)})`);
  });
  const [json, bin] = await Promise.all([readJson(read, PACKAGED_FILES.detection), binP]);
  const d = json as Partial<DetectionFile> | null;
  if (!d || typeof d !== 'object' || !d.lexicon || !Array.isArray(d.claims) || !Array.isArray(d.phrases) || !Array.isArray(d.refs) || d.phrases.length !== d.refs.length)
    throw new Error(`${PACKAGED_FILES.detection}: not a detection file of this build`);
  const [automaton, triggerAutomaton] = unpackAutomata(bin);
  let full: Promise<readonly Claim[]> | undefined;
  const claims = () =>
    (full ??= readJson(read, PACKAGED_FILES.claims).then((c) => {
      if (!Array.isArray(c) || c.length !== d.claims!.length || c.some((x: { id?: unknown }, i) => x?.id !== d.claims![i]!.id))
        throw new Error(`${PACKAGED_FILES.claims}: does not hold the claims of ${PACKAGED_FILES.detection}`);
      return c as Claim[];
    }));
  return { detection: { lexicon: d.lexicon, claims: d.claims, index: { phrases: d.phrases, refs: d.refs, automaton, triggerAutomaton } }, claims };
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
