/** Figures: every number the benchmark reports, with its unit and spread over runs. */

export interface Figure {
  /** Stable id, e.g. "static.1500k.ext_over_floor". */
  id: string;
  section: string;
  label: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  /** Number of runs (or samples) the figure summarises. */
  runs: number;
  /** For latency distributions: the 95th percentile over all samples. */
  p95?: number;
  /** The raw values, one per run (omitted for large sample sets). */
  values?: number[];
  note?: string;
}

export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const median = (xs: readonly number[]) => quantile(xs, 0.5);

const round = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(5)) : x);

/** A figure from one value per run. */
export function fig(id: string, section: string, label: string, unit: string, values: readonly number[], extra: { note?: string; p95?: boolean; keepValues?: boolean } = {}): Figure {
  const v = values.filter((x) => Number.isFinite(x));
  return {
    id,
    section,
    label,
    unit,
    median: round(median(v)),
    min: round(Math.min(...v)),
    max: round(Math.max(...v)),
    runs: v.length,
    ...(extra.p95 ? { p95: round(quantile(v, 0.95)) } : {}),
    ...(extra.keepValues !== false && v.length <= 20 ? { values: v.map(round) } : {}),
    ...(extra.note ? { note: extra.note } : {}),
  };
}

export class FigureSet {
  readonly list: Figure[] = [];
  readonly notes: { section: string; text: string }[] = [];

  add(f: Figure): Figure {
    this.list.push(f);
    return f;
  }

  note(section: string, text: string): void {
    this.notes.push({ section, text });
  }

  get(id: string): Figure | undefined {
    return this.list.find((f) => f.id === id);
  }
}
