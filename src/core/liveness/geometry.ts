// Small numeric helpers for trace analysis: boxes, medians, cosine similarity of embeddings.
import type { Box } from './types.ts';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Cosine similarity; NaN when the vectors differ in length or one is all zeros. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return Number.NaN;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 || nb === 0) return Number.NaN;
  return dot / Math.sqrt(na * nb);
}

/** The element-wise median of vectors of the most common length (robust to a few odd frames). */
export function medianVector(vectors: readonly (readonly number[])[]): number[] | null {
  if (vectors.length === 0) return null;
  const counts = new Map<number, number>();
  for (const v of vectors) counts.set(v.length, (counts.get(v.length) ?? 0) + 1);
  let length = 0;
  let best = 0;
  for (const [len, n] of counts) {
    if (n > best) {
      best = n;
      length = len;
    }
  }
  const same = vectors.filter((v) => v.length === length);
  const out = new Array<number>(length);
  const column = new Array<number>(same.length);
  for (let d = 0; d < length; d++) {
    for (let i = 0; i < same.length; i++) column[i] = (same[i] as readonly number[])[d] as number;
    out[d] = median(column);
  }
  return out;
}

function intersection(a: Box, b: Box): number {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The share of box `of` that box `by` covers (0..1). */
export function coveredShare(of: Box, by: Box): number {
  const area = of[2] * of[3];
  return area > 0 ? intersection(of, by) / area : 0;
}

/** Whether a point lies inside a box shrunk by `inset` of its width/height on each side. */
export function insideBox(x: number, y: number, box: Box, inset = 0): boolean {
  const dx = box[2] * inset;
  const dy = box[3] * inset;
  return x >= box[0] + dx && x <= box[0] + box[2] - dx && y >= box[1] + dy && y <= box[1] + box[3] - dy;
}

export const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
