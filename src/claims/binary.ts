import { checksum } from '../detect/automaton';

/**
 * The container of the packaged binary files (src/claims/packaged.ts): a magic number naming
 * the file's kind and layout version, the number of sections, each section's length in bytes, a
 * checksum of everything after the header (FNV-1a, written by the build, checked on read), then
 * the sections, each padded to a multiple of 4 bytes so a typed array can view it in place.
 */
const pad4 = (n: number) => n + ((4 - (n % 4)) % 4);

export function writeSections(magic: number, sections: readonly Uint8Array[]): Uint8Array {
  const head = 4 * (3 + sections.length);
  const size = head + sections.reduce((a, s) => a + pad4(s.byteLength), 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, true);
  view.setUint32(4, sections.length, true);
  let off = head;
  sections.forEach((s, i) => {
    view.setUint32(12 + 4 * i, s.byteLength, true);
    out.set(s, off);
    off += pad4(s.byteLength);
  });
  view.setInt32(8, checksum(out.subarray(head)), true);
  return out;
}

/** The bytes of a typed array (a view, no copy). */
export const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * The sections of a file `writeSections` wrote, as views into `buf` (no copy). Throws an error
 * naming the file and what is wrong (kind, size, checksum) before anything is read from it.
 */
export function readSections(buf: ArrayBuffer, magic: number, count: number, file: string, kind: string): Uint8Array[] {
  const fail = (why: string) => new Error(`${file}: not ${kind} of this build (${why})`);
  if (buf.byteLength < 12) throw fail('too short');
  const view = new DataView(buf);
  if (view.getUint32(0, true) !== magic) throw fail('wrong magic number or version');
  if (view.getUint32(4, true) !== count) throw fail(`${view.getUint32(4, true)} sections, expected ${count}`);
  const head = 4 * (3 + count);
  if (buf.byteLength < head) throw fail('too short');
  const lengths: number[] = [];
  let size = head;
  for (let i = 0; i < count; i++) {
    lengths.push(view.getUint32(12 + 4 * i, true));
    size += pad4(lengths[i]!);
  }
  if (size !== buf.byteLength) throw fail(`${buf.byteLength} bytes, the header says ${size}: truncated or padded`);
  if (checksum(new Uint8Array(buf, head)) !== view.getInt32(8, true)) throw fail('checksum does not match: the file was changed or damaged');
  let off = head;
  return lengths.map((len) => {
    const s = new Uint8Array(buf, off, len);
    off += pad4(len);
    return s;
  });
}

/** A section as a typed array of `T` (its length a multiple of the element size, else `fail`). */
export function view<T>(s: Uint8Array, Type: { new (b: ArrayBufferLike, o: number, l: number): T; BYTES_PER_ELEMENT: number }, fail: () => Error): T {
  if (s.byteLength % Type.BYTES_PER_ELEMENT !== 0) throw fail();
  return new Type(s.buffer, s.byteOffset, s.byteLength / Type.BYTES_PER_ELEMENT);
}
