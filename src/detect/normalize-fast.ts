import { FAST_LIMIT, fastPassThrough, fastTables, normalize, type Normalized } from './normalize';

/**
 * normalize(input), by the fused fold tables the content script's first pass uses (fastTables):
 * for text they cover (ASCII, Latin-1, Latin Extended, typographic punctuation, emoji and
 * symbols: most blocks the worker is asked about) each code unit is folded from a table into
 * typed arrays, with its offsets, instead of a string and two maps built a character at a time.
 * Text with a character of another script or a combining mark goes to normalize() itself.
 * Equal to normalize(input) for every input (property-tested in tests/unit/detect/normalize.test.ts).
 * Only the worker's Detector uses it (not bundled into the content script).
 */
export function normalizeFast(input: string, scratch?: NormalizeScratch): Normalized {
  return normalizeFused(input, scratch) ?? normalize(input);
}

const LOWER = /\p{Ll}/u;

/**
 * Buffers the fused pass writes into. Given one, normalizeFast returns views of it (`start` and
 * `end` are subarrays, not copies), valid until the scratch's next use: the worker's Detector
 * normalises every block of every batch into its own, so a batch allocates no offset maps (they
 * were about 40% of what a batch allocated). Without one, the result is a copy of a shared one.
 */
export class NormalizeScratch {
  units = new Uint16Array(1024);
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);

  /** Room for an input of n code units: one gives at most 5 out (a fold of up to 4, after a CamelCase space). */
  fit(n: number): void {
    if (this.units.length >= 5 * n + 8) return;
    const cap = Math.max(5 * n + 8, 2 * this.units.length);
    this.units = new Uint16Array(cap);
    this.starts = new Int32Array(cap);
    this.ends = new Int32Array(cap);
  }
}

const shared = new NormalizeScratch();

/**
 * The fused pass: normalize(input), or undefined when the input needs the full normaliser. With
 * `scratch`, the offsets are views of it (see NormalizeScratch); without, copies.
 */
export function normalizeFused(input: string, scratch?: NormalizeScratch): Normalized | undefined {
  const { kind, fold, foldCode } = fastTables();
  const n = input.length;
  const buf = scratch ?? shared;
  buf.fit(n);
  const u = buf.units;
  const st = buf.starts;
  const en = buf.ends;
  const limit = FAST_LIMIT;
  let len = 0;
  let lastWasSpace = true;
  let prevKind = 0;
  let prevPrevKind = 0;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    const k = c < limit ? kind[c]! : 4;
    if (k === 3) continue; // ignorable: dropped
    if (k === 4) {
      const cp = input.codePointAt(i)!;
      const w = cp > 0xffff ? 2 : 1;
      // A lone surrogate is left to normalize() (the text is decoded as UTF-16 below).
      if (cp >= 0xd800 && cp <= 0xdfff) return undefined;
      const pass = fastPassThrough(cp);
      if (pass === 0) return undefined;
      if (pass === 2) {
        i += w - 1;
        continue;
      }
      // Appended unchanged, no part of a word, never a space.
      for (let j = 0; j < w; j++) {
        u[len] = input.charCodeAt(i + j);
        st[len] = i;
        en[len++] = i + w;
      }
      lastWasSpace = false;
      prevPrevKind = prevKind;
      prevKind = 0;
      i += w - 1;
      continue;
    }
    // CamelCase splits "TrumpKrasnov" and "KGBAgent" as normalize() does.
    if (k === 2 && (prevKind === 1 || (prevKind === 2 && prevPrevKind === 2 && i + 1 < n && isLowerAt(input, i + 1, c < 128, kind)))) {
      if (!lastWasSpace) {
        u[len] = 32;
        st[len] = i;
        en[len++] = i;
        lastWasSpace = true;
      }
    }
    prevPrevKind = prevKind;
    prevKind = k;
    const d = foldCode[c]!;
    if (d >= 0) {
      if (d === 32) {
        if (lastWasSpace) continue;
        lastWasSpace = true;
      } else lastWasSpace = false;
      u[len] = d;
      st[len] = i;
      en[len++] = i + 1;
      continue;
    }
    const f = fold[c]!;
    for (let j = 0; j < f.length; j++) {
      const e = f.charCodeAt(j);
      if (e === 32) {
        if (lastWasSpace) continue;
        lastWasSpace = true;
      } else lastWasSpace = false;
      u[len] = e;
      st[len] = i;
      en[len++] = i + 1;
    }
  }
  if (len > 0 && u[len - 1] === 32) len--;
  const text = decodeUnits(u, len);
  return scratch ? { text, start: st.subarray(0, len), end: en.subarray(0, len) } : { text, start: st.slice(0, len), end: en.slice(0, len) };
}

/** UTF-16 code units in platform order: a native decoder reads them when the platform is little-endian. */
const utf16 = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 && typeof TextDecoder === 'function' ? new TextDecoder('utf-16le') : undefined;

/** The first `len` code units as a string (valid UTF-16: lone surrogates never get here). */
function decodeUnits(u: Uint16Array, len: number): string {
  if (utf16) return utf16.decode(u.subarray(0, len));
  let text = '';
  for (let a = 0; a < len; a += 4096) text += String.fromCharCode.apply(null, u.subarray(a, Math.min(len, a + 4096)) as unknown as number[]);
  return text;
}

/** Whether the code unit at i is a lower-case letter, as normalize() asks before a CamelCase split. */
function isLowerAt(input: string, i: number, ascii: boolean, kind: Uint8Array): boolean {
  const d = input.charCodeAt(i);
  if (ascii) return d >= 97 && d <= 122;
  if (d < FAST_LIMIT && kind[d]! <= 2) return kind[d] === 1;
  return LOWER.test(input.charAt(i));
}
