// Perceptual hashes (pHash, as pHash.org and imagehash compute it): the picture shrunk to N × N grey levels,
// its 2-D DCT, the K × K lowest frequencies after the constant term, one bit each: above their median or
// not. Re-encoding, resizing and brightness barely move those frequencies; another picture does.
// - perceptualHash: N = 32, K = 8 → 64 bits (16 hex characters), the contract's hash, for finding candidates.
// - detailHash: N = 64, K = 16 → 256 bits (64 hex characters), which also sees the photo and the text and
//   so tells two scans of different documents of one design apart (see sameImage in core).
import type { Sharp } from 'sharp';

function cosTable(n: number, k: number): Float64Array[] {
  // COS[u][x] = cos((2x + 1) u π / 2N) for u = 1..K (the constant term u = 0 is left out).
  return Array.from({ length: k + 1 }, (_, u) => {
    const row = new Float64Array(n);
    for (let x = 0; x < n; x++) row[x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * n));
    return row;
  });
}

const TABLES = new Map<string, Float64Array[]>();

/** The K × K-bit hash of N × N grey levels (row-major), as K² / 4 hex characters. */
export function hashGrey(grey: Uint8Array | Buffer, n = 32, k = 8): string {
  if (grey.length !== n * n) throw new Error(`expected ${n * n} grey levels, got ${grey.length}`);
  let cos = TABLES.get(`${n}/${k}`);
  if (!cos) {
    cos = cosTable(n, k);
    TABLES.set(`${n}/${k}`, cos);
  }
  // Rows first: R[y][u] = Σx f(x, y) cos_u(x), then columns: C[v][u] = Σy R[y][u] cos_v(y).
  const rows = new Float64Array(n * k);
  for (let y = 0; y < n; y++) {
    for (let u = 1; u <= k; u++) {
      const c = cos[u]!;
      let s = 0;
      for (let x = 0; x < n; x++) s += grey[y * n + x]! * c[x]!;
      rows[y * k + (u - 1)] = s;
    }
  }
  const coeffs = new Float64Array(k * k);
  for (let v = 1; v <= k; v++) {
    const c = cos[v]!;
    for (let u = 0; u < k; u++) {
      let s = 0;
      for (let y = 0; y < n; y++) s += rows[y * k + u]! * c[y]!;
      coeffs[(v - 1) * k + u] = s;
    }
  }
  const sorted = Float64Array.from(coeffs).sort();
  const half = (k * k) / 2;
  const median = (sorted[half - 1]! + sorted[half]!) / 2;
  let hex = '';
  for (let i = 0; i < k * k; i += 4) {
    let nibble = 0;
    for (let b = 0; b < 4; b++) nibble = (nibble << 1) | (coeffs[i + b]! > median ? 1 : 0);
    hex += nibble.toString(16);
  }
  return hex;
}

/** 2 × 2 box average: 64 × 64 → 32 × 32. */
function halve(grey: Buffer, n: number): Uint8Array {
  const m = n / 2;
  const out = new Uint8Array(m * m);
  for (let y = 0; y < m; y++) {
    for (let x = 0; x < m; x++) {
      const i = 2 * y * n + 2 * x;
      out[y * m + x] = Math.round((grey[i]! + grey[i + 1]! + grey[i + n]! + grey[i + n + 1]!) / 4);
    }
  }
  return out;
}

export type PerceptualHashes = { perceptualHash: string; detailHash: string };

/** Both hashes of a picture (a sharp pipeline over the decoded or encoded image, upright). */
export async function perceptualHashes(input: Sharp): Promise<PerceptualHashes> {
  const grey = await input
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(64, 64, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  return { perceptualHash: hashGrey(halve(grey, 64), 32, 8), detailHash: hashGrey(grey, 64, 16) };
}

/** The 64-bit perceptual hash of a picture. */
export async function perceptualHash(input: Sharp): Promise<string> {
  return (await perceptualHashes(input)).perceptualHash;
}

export { hammingDistance, sameImage } from '../../../core/detectors/documents/edited.ts';
