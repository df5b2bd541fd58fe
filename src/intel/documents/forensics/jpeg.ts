// JPEG re-compression traces. The quantisation tables (DQT segments, read here from the markers) give the
// quality the file was last saved at, estimated against the IJG (libjpeg) tables that most encoders scale.
// The "JPEG ghost" (Farid 2009) finds an EARLIER save at a lower quality: the picture is re-saved at a range
// of qualities, and a dip in the difference below the last quality is where an earlier save quantised it.
import sharp from 'sharp';

// IJG standard tables (ITU-T T.81 Annex K), natural order. Only their sums are used: order-free.
const STD_LUMA = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22,
  29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103,
  121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const STD_CHROMA = [
  17,
  18,
  24,
  47,
  99,
  99,
  99,
  99,
  18,
  21,
  26,
  66,
  99,
  99,
  99,
  99,
  24,
  26,
  56,
  99,
  99,
  99,
  99,
  99,
  47,
  66,
  99,
  99,
  99,
  99,
  99,
  99,
  ...new Array<number>(32).fill(99),
];

/** The quantisation tables by id (0 = luminance, 1 = chrominance usually), 64 values each. */
export function readQuantTables(b: Uint8Array): Map<number, number[]> {
  const tables = new Map<number, number[]>();
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return tables;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) break;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // start of scan: no more tables before the data
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2) break;
    const end = Math.min(b.length, i + 2 + len);
    if (marker === 0xdb) {
      let p = i + 4;
      while (p < end) {
        const precision = b[p]! >> 4;
        const id = b[p]! & 0x0f;
        p++;
        const size = precision === 0 ? 64 : 128;
        if (p + size > end) break;
        const values: number[] = [];
        for (let k = 0; k < 64; k++)
          values.push(precision === 0 ? b[p + k]! : (b[p + 2 * k]! << 8) | b[p + 2 * k + 1]!);
        tables.set(id, values);
        p += size;
      }
    }
    i += 2 + len;
  }
  return tables;
}

const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);

function scaledSum(std: readonly number[], quality: number): number {
  const scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
  let s = 0;
  for (const v of std) s += Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100)));
  return s;
}

/**
 * The quality (1–100) the tables correspond to on the IJG scale, or null without tables. Cameras and
 * Photoshop use their own tables: the figure is then the nearest IJG quality, an estimate.
 */
export function estimateJpegQuality(tables: Map<number, number[]>): number | null {
  const luma = tables.get(0);
  if (!luma) return null;
  const chroma = tables.get(1);
  const target = sum(luma) + (chroma ? sum(chroma) : 0);
  let best = 1;
  let bestErr = Number.POSITIVE_INFINITY;
  for (let q = 1; q <= 100; q++) {
    const err = Math.abs(scaledSum(STD_LUMA, q) + (chroma ? scaledSum(STD_CHROMA, q) : 0) - target);
    if (err < bestErr) {
      bestErr = err;
      best = q;
    }
  }
  return best;
}

export type Ghost = {
  /** The earlier save's quality, as the dip of the curve shows it. */
  quality: number;
  /** How deep the dip is: 1 - difference at the dip / the smaller of its neighbours' (0.2 = 20% lower). */
  depth: number;
  curve: { quality: number; diff: number }[];
};

const GHOST_QUALITIES = [40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95];
/** The dip must be this much under both neighbours to count (honest single saves give smooth curves). */
export const GHOST_MIN_DEPTH = 0.25;
/**
 * A picture so flat that re-saving it at the lowest quality changes it by less than this (mean absolute
 * difference per channel, 0-255) has no curve to judge: its dips are rounding of a few flat colours.
 */
export const GHOST_MIN_DETAIL = 1.5;

/**
 * Looks for an earlier, lower-quality save. `rgb` is the decoded picture (3 channels), `lastQuality` the
 * quality of the file's own tables. Works on a centred crop of at most `crop` pixels a side, aligned to the
 * 16-pixel grid of the original compression. Null when nothing stands out.
 */
export async function findJpegGhost(
  rgb: { data: Buffer; width: number; height: number },
  lastQuality: number,
  crop = 512,
): Promise<Ghost | null> {
  const w = Math.min(crop, rgb.width - (rgb.width % 16));
  const h = Math.min(crop, rgb.height - (rgb.height % 16));
  if (w < 64 || h < 64) return null;
  const left = Math.floor((rgb.width - w) / 2 / 16) * 16;
  const top = Math.floor((rgb.height - h) / 2 / 16) * 16;
  const region = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    rgb.data.copy(
      region,
      y * w * 3,
      ((top + y) * rgb.width + left) * 3,
      ((top + y) * rgb.width + left + w) * 3,
    );
  }
  const curve: Ghost['curve'] = [];
  for (const q of GHOST_QUALITIES) {
    if (q >= lastQuality - 5) break;
    const again = await sharp(region, { raw: { width: w, height: h, channels: 3 } })
      .jpeg({ quality: q })
      .toBuffer();
    const back = await sharp(again).raw().toBuffer();
    let total = 0;
    for (let i = 0; i < region.length; i++) total += Math.abs(region[i]! - back[i]!);
    curve.push({ quality: q, diff: total / region.length });
  }
  if (Math.max(...curve.map((c) => c.diff)) < GHOST_MIN_DETAIL) return null;
  let best: Ghost | null = null;
  for (let k = 1; k < curve.length - 1; k++) {
    const here = curve[k]!.diff;
    const neighbour = Math.min(curve[k - 1]!.diff, curve[k + 1]!.diff);
    if (neighbour <= 0) continue;
    const depth = 1 - here / neighbour;
    if (depth >= GHOST_MIN_DEPTH && (best === null || depth > best.depth)) {
      best = { quality: curve[k]!.quality, depth: Math.round(depth * 1000) / 1000, curve };
    }
  }
  return best;
}
