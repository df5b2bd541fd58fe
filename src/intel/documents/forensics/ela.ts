// Error-level analysis: the picture is saved once more as JPEG at a fixed quality and compared with itself.
// Areas that went through the same compressions as the rest change alike; an area pasted in or retouched
// after the last save at another quality changes more (or less). The difference, amplified so its largest
// value maps near white, is the image shown to the reviewer.
//
// The `suspicious` flag is deliberately conservative, because an honest photo must not be called doctored.
// Raw error levels are high wherever there is detail (text, edges), so they are not judged directly: the
// flag needs a JPEG saved twice (an earlier save at a lower quality, found by the JPEG ghost) and a compact
// area that does not carry that earlier save while the rest of the picture does — the local JPEG ghost,
// blockwise on luminance, where each block's texture cancels out (see localisedAnomaly). Without an earlier
// save (a single save, a PNG, a screenshot) nothing is judged and `suspicious` stays false.
import sharp from 'sharp';

export const ELA_QUALITY = 90;
/** Output PNGs are at most this many pixels on the long side (the viewer needs no more). */
export const ELA_MAX_SIDE = 2048;

export type ElaResult = {
  png: Uint8Array;
  /** Mean and largest difference per pixel (0–255, the mean of the three channels). */
  meanDiff: number;
  maxDiff: number;
  suspicious: boolean;
  /** Where the cluster is, in the picture's pixels, when suspicious. */
  region: { left: number; top: number; width: number; height: number; share: number; ratio: number } | null;
};

type Rgb = { data: Buffer; width: number; height: number };

/**
 * Error-level analysis of decoded RGB pixels. `firstQuality` is the quality of an earlier save found by the
 * JPEG ghost (null when there is none, or the file is not a JPEG): only then is the picture judged.
 */
export async function errorLevelAnalysis(rgb: Rgb, firstQuality: number | null): Promise<ElaResult> {
  const { data, width, height } = rgb;
  const again = await sharp(
    await sharp(data, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: ELA_QUALITY })
      .toBuffer(),
  )
    .raw()
    .toBuffer();
  const pixels = width * height;
  // Per pixel: the mean of the three channels' absolute differences.
  let max = 0;
  let maxChannel = 0;
  let total = 0;
  for (let i = 0; i < pixels * 3; i += 3) {
    const r = Math.abs(data[i]! - again[i]!);
    const g = Math.abs(data[i + 1]! - again[i + 1]!);
    const b = Math.abs(data[i + 2]! - again[i + 2]!);
    const d = r + g + b;
    total += d;
    if (d > max) max = d;
    if (r > maxChannel) maxChannel = r;
    if (g > maxChannel) maxChannel = g;
    if (b > maxChannel) maxChannel = b;
  }
  max = Math.round(max / 3);
  total /= 3;
  // Colour ELA image: each channel's difference amplified by one factor, so the largest maps near white
  // (written over the re-saved copy, which is not needed any more).
  const scale = (255 / Math.max(maxChannel, 1)) * 0.95;
  const amplified = again;
  for (let i = 0; i < pixels * 3; i++)
    amplified[i] = Math.min(255, Math.round(Math.abs(data[i]! - again[i]!) * scale));
  let out = sharp(amplified, { raw: { width, height, channels: 3 } });
  if (Math.max(width, height) > ELA_MAX_SIDE)
    out = out.resize({ width: ELA_MAX_SIDE, height: ELA_MAX_SIDE, fit: 'inside' });
  const png = new Uint8Array(await out.png({ compressionLevel: 6 }).toBuffer());
  const region = firstQuality === null ? null : await localisedAnomaly(rgb, firstQuality);
  return {
    png,
    meanDiff: Math.round((total / pixels) * 100) / 100,
    maxDiff: max,
    suspicious: region !== null,
    region,
  };
}

function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Thresholds of the localisation test (see localisedAnomaly). A block is judged when it is not clipped
 * (no channel at or beyond 5/250) and its difference at the lower quality is at least MIN_LEVEL grey
 * levels (flat paper says nothing). It is an outlier when its ratio is OUTLIER_FACTOR × the picture's
 * median ratio and at least MIN_EXCESS above it. The largest 8-connected cluster of outliers must have
 * MIN_BLOCKS blocks, be at most MAX_SHARE of the judged blocks, and hold MIN_SHARE_OF_OUTLIERS of all
 * outliers (the anomaly is in one place, not all over the picture).
 */
export const ELA_THRESHOLDS = {
  MIN_LEVEL: 0.5,
  OUTLIER_FACTOR: 3,
  MIN_EXCESS: 0.35,
  MIN_BLOCKS: 24,
  MAX_SHARE: 0.2,
  MIN_SHARE_OF_OUTLIERS: 0.5,
} as const;

const B = 8;

function luma(rgb: Rgb): Buffer {
  const n = rgb.width * rgb.height;
  const y = Buffer.alloc(n);
  const d = rgb.data;
  for (let p = 0, i = 0; p < n; p++, i += 3)
    y[p] = Math.round(0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!);
  return y;
}

/** Mean absolute difference per 8 × 8 block between grey levels and their JPEG at `quality`. */
async function blockDifferences(
  y: Buffer,
  width: number,
  height: number,
  quality: number,
): Promise<Float64Array> {
  const jpeg = await sharp(y, { raw: { width, height, channels: 1 } })
    .jpeg({ quality })
    .toBuffer();
  const back = await sharp(jpeg).extractChannel(0).raw().toBuffer();
  const bw = Math.floor(width / B);
  const bh = Math.floor(height / B);
  const out = new Float64Array(bw * bh);
  for (let row = 0; row < bh * B; row++) {
    const k0 = Math.floor(row / B) * bw;
    for (let x = 0; x < bw * B; x++) {
      const i = row * width + x;
      out[k0 + Math.floor(x / B)]! += Math.abs(y[i]! - back[i]!);
    }
  }
  for (let k = 0; k < out.length; k++) out[k]! /= B * B;
  return out;
}

/**
 * Where a picture saved twice does not show its first save: the local JPEG ghost (Farid 2009). Given the
 * earlier save's quality q1 (found by findJpegGhost), every 8 × 8 luminance block is re-saved at q1 and at
 * q1 − 10. A block that went through the q1 save changes little at q1 (the ghost): its ratio
 * diff(q1) / diff(q1 − 10) is small. A block pasted or painted in after that save has no ghost and a ratio
 * near 1. Texture cancels out because both differences are of the same block. Null when no compact area
 * stands out.
 */
export async function localisedAnomaly(rgb: Rgb, firstQuality: number): Promise<ElaResult['region']> {
  const T = ELA_THRESHOLDS;
  const { width, height } = rgb;
  const bw = Math.floor(width / B);
  const bh = Math.floor(height / B);
  if (bw < 16 || bh < 16 || firstQuality <= 15) return null;
  const y = luma(rgb);
  const atGhost = await blockDifferences(y, width, height, firstQuality);
  const below = await blockDifferences(y, width, height, firstQuality - 10);
  const n = bw * bh;
  const ratio = new Float64Array(n).fill(Number.NaN);
  const judged: number[] = [];
  for (let k = 0; k < n; k++) {
    if (below[k]! < T.MIN_LEVEL || clipped(rgb, k % bw, Math.floor(k / bw))) continue;
    ratio[k] = atGhost[k]! / below[k]!;
    judged.push(ratio[k]!);
  }
  if (judged.length < 64) return null;
  const typical = median(judged);
  const limit = Math.max(T.OUTLIER_FACTOR * typical, typical + T.MIN_EXCESS);
  const outlier = new Uint8Array(n);
  let outliers = 0;
  for (let k = 0; k < n; k++) {
    if (ratio[k]! >= limit) {
      outlier[k] = 1;
      outliers++;
    }
  }
  const cluster = largestCluster(outlier, bw, bh);
  if (cluster.length < T.MIN_BLOCKS || cluster.length > T.MAX_SHARE * judged.length) return null;
  if (cluster.length < T.MIN_SHARE_OF_OUTLIERS * outliers) return null;
  const xs = cluster.map((k) => k % bw);
  const ys = cluster.map((k) => Math.floor(k / bw));
  const left = Math.min(...xs) * B;
  const top = Math.min(...ys) * B;
  const clusterRatio = cluster.reduce((s, k) => s + ratio[k]!, 0) / cluster.length;
  return {
    left,
    top,
    width: (Math.max(...xs) + 1) * B - left,
    height: (Math.max(...ys) + 1) * B - top,
    share: Math.round((cluster.length / n) * 1000) / 1000,
    ratio: Math.round((clusterRatio / Math.max(typical, 0.01)) * 10) / 10,
  };
}

function clipped(rgb: Rgb, bx: number, by: number): boolean {
  for (let yy = by * B; yy < (by + 1) * B; yy++) {
    for (let i = (yy * rgb.width + bx * B) * 3, end = i + B * 3; i < end; i++) {
      const v = rgb.data[i]!;
      if (v <= 5 || v >= 250) return true;
    }
  }
  return false;
}

/** The largest 8-connected group of set cells. */
function largestCluster(set: Uint8Array, bw: number, bh: number): number[] {
  const seen = new Uint8Array(set.length);
  let best: number[] = [];
  for (let k = 0; k < set.length; k++) {
    if (!set[k] || seen[k]) continue;
    const stack = [k];
    const members: number[] = [];
    seen[k] = 1;
    while (stack.length > 0) {
      const c = stack.pop()!;
      members.push(c);
      const cx = c % bw;
      const cy = Math.floor(c / bw);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = cx + dx;
          const yy = cy + dy;
          if (x < 0 || yy < 0 || x >= bw || yy >= bh) continue;
          const m = yy * bw + x;
          if (set[m] && !seen[m]) {
            seen[m] = 1;
            stack.push(m);
          }
        }
      }
    }
    if (members.length > best.length) best = members;
  }
  return best;
}
