/**
 * Which source each byte of a bundle came from, from its source map (no dependency: the VLQ
 * mappings are decoded here). Used to say which packages and files make the content script big.
 */

const B64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

function decodeVlq(seg: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of seg) {
    const d = B64.get(ch)!;
    value += (d & 31) << shift;
    if (d & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

export interface SourceMapV3 {
  sources: string[];
  mappings: string;
}

/** The generated code cut into pieces, each with the source it came from. */
export function generatedSegments(code: string, map: SourceMapV3): { source: string; text: string }[] {
  const lines = code.split('\n');
  const out: { source: string; text: string }[] = [];
  let src = 0;
  const mapLines = map.mappings.split(';');
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    const segs = (mapLines[li] ?? '').split(',').filter(Boolean);
    let col = 0;
    const points: { col: number; src: number }[] = [];
    for (const s of segs) {
      const v = decodeVlq(s);
      col += v[0]!;
      if (v.length >= 4) {
        src += v[1]!;
        points.push({ col, src });
      } else points.push({ col, src: -1 });
      // Original line, column and name fields are not needed: only the source index is kept.
    }
    if (points.length === 0) {
      out.push({ source: '(unmapped)', text: line });
      continue;
    }
    if (points[0]!.col > 0) out.push({ source: '(unmapped)', text: line.slice(0, points[0]!.col) });
    for (let k = 0; k < points.length; k++) {
      const p = points[k]!;
      const end = k + 1 < points.length ? points[k + 1]!.col : line.length;
      out.push({ source: p.src >= 0 ? map.sources[p.src]! : '(unmapped)', text: line.slice(p.col, end) });
    }
  }
  return out;
}

/** A readable group for a source path: the npm package, or the project folder. */
export function groupOf(source: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (nm) return nm[1]!;
  const m = /(?:^|\/)(src\/[^/]+|entrypoints\/[^/]+|scripts\/[^/]+)/.exec(source);
  if (m) return m[1]!;
  if (source.includes('virtual:') || source.startsWith('\0')) return '(virtual modules)';
  return source.replace(/^(\.\.\/)+/, '');
}

/** A lookup from a generated position (0-based line and column) to the original source file and line. */
export function positionLookup(map: SourceMapV3): (line: number, col: number) => { source: string; line: number } | undefined {
  const perLine: { col: number; src: number; line: number }[][] = [];
  let src = 0;
  let oline = 0;
  const mapLines = map.mappings.split(';');
  for (let li = 0; li < mapLines.length; li++) {
    let col = 0;
    const pts: { col: number; src: number; line: number }[] = [];
    for (const s of mapLines[li]!.split(',').filter(Boolean)) {
      const v = decodeVlq(s);
      col += v[0]!;
      if (v.length >= 4) {
        src += v[1]!;
        oline += v[2]!;
        pts.push({ col, src, line: oline });
      }
    }
    perLine.push(pts);
  }
  return (line, col) => {
    const pts = perLine[line];
    if (!pts || pts.length === 0) return undefined;
    let lo = 0;
    let hi = pts.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (pts[mid]!.col <= col) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const p = pts[best < 0 ? 0 : best]!;
    return { source: map.sources[p.src]!, line: p.line + 1 };
  };
}
