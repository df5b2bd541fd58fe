// Finding the MRZ in a grey image without OCR: binarise (Otsu), estimate the skew from the horizontal
// projection profile (text lines give the peakiest profile when they run level), then cut the profile into
// text lines and group the long, gap-free lines of equal height into blocks of 2–3. The MRZ is the lowest
// such block on an upright document. Pure functions over 8-bit grey pixels; no I/O.

export type Grey = { data: Uint8Array; width: number; height: number };
export type Rect = { left: number; top: number; width: number; height: number };

/** Otsu's threshold over the 256-bin histogram. */
export function otsuThreshold(data: Uint8Array): number {
  const hist = new Float64Array(256);
  for (const v of data) hist[v] = (hist[v] as number) + 1;
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * (hist[t] as number);
  let sumB = 0;
  let weightB = 0;
  let best = 0;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    weightB += hist[t] as number;
    if (weightB === 0) continue;
    const weightF = data.length - weightB;
    if (weightF === 0) break;
    sumB += t * (hist[t] as number);
    const meanB = sumB / weightB;
    const meanF = (sum - sumB) / weightF;
    const between = weightB * weightF * (meanB - meanF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/**
 * Ink mask (1 = ink): darker than Otsu's global threshold and than the local background, so a shaded page
 * or a pale security print does not turn whole rows into ink.
 */
export function inkMask(grey: Grey): Uint8Array {
  const { data, width, height } = grey;
  const global = otsuThreshold(data);
  // Integral image for the local mean over a window about 1/40 of the larger side.
  const r = Math.max(8, Math.round(Math.max(width, height) / 80));
  const integral = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[y * width + x] as number;
      integral[(y + 1) * (width + 1) + x + 1] = (integral[y * (width + 1) + x + 1] as number) + row;
    }
  }
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(height, y + r + 1);
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x] as number;
      if (v > global) continue;
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(width, x + r + 1);
      const area = (y1 - y0) * (x1 - x0);
      const s =
        (integral[y1 * (width + 1) + x1] as number) -
        (integral[y0 * (width + 1) + x1] as number) -
        (integral[y1 * (width + 1) + x0] as number) +
        (integral[y0 * (width + 1) + x0] as number);
      if (v < s / area - 12) mask[y * width + x] = 1;
    }
  }
  return mask;
}

/**
 * Keeps only the ink that could be characters: connected blobs (8-connected) between 3 px and an eighth of
 * the image tall, at most 12 times as wide as tall, and not a solid bar (twice as wide as tall). Specks of
 * sensor noise, the grain of a desk, ruled lines, a portrait photo and the desk itself go; printed text and
 * the MRZ stay (blurred fillers run together into one wide blob, so wide blobs that are not solid stay).
 */
export function characterMask(mask: Uint8Array, width: number, height: number): Uint8Array {
  const labels = new Int32Array(width * height);
  const parent: number[] = [0];
  const find = (a: number): number => {
    let r = a;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[a] !== r) {
      const next = parent[a] as number;
      parent[a] = r;
      a = next;
    }
    return r;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!mask[i]) continue;
      let label = 0;
      const neighbours = [
        x > 0 ? labels[i - 1] : 0,
        y > 0 && x > 0 ? labels[i - width - 1] : 0,
        y > 0 ? labels[i - width] : 0,
        y > 0 && x + 1 < width ? labels[i - width + 1] : 0,
      ];
      for (const n of neighbours) {
        if (!n) continue;
        if (label === 0) label = n;
        else if (n !== label) union(label, n);
      }
      if (label === 0) {
        label = parent.length;
        parent.push(label);
      }
      labels[i] = label;
    }
  }
  const n = parent.length;
  const minX = new Int32Array(n).fill(width);
  const maxX = new Int32Array(n).fill(-1);
  const minY = new Int32Array(n).fill(height);
  const maxY = new Int32Array(n).fill(-1);
  const area = new Int32Array(n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const l = labels[y * width + x] as number;
      if (!l) continue;
      const r = find(l);
      labels[y * width + x] = r;
      if (x < (minX[r] as number)) minX[r] = x;
      if (x > (maxX[r] as number)) maxX[r] = x;
      if (y < (minY[r] as number)) minY[r] = y;
      if (y > (maxY[r] as number)) maxY[r] = y;
      area[r] = (area[r] as number) + 1;
    }
  }
  const maxHeight = Math.max(12, Math.round(Math.min(width, height) / 8));
  const keep = new Uint8Array(n);
  for (let r = 1; r < n; r++) {
    if (parent[r] !== r) continue;
    const w = (maxX[r] as number) - (minX[r] as number) + 1;
    const h = (maxY[r] as number) - (minY[r] as number) + 1;
    const fill = (area[r] as number) / (w * h);
    if (h >= 3 && h <= maxHeight && w <= 12 * h && !(fill >= 0.9 && w >= 2 * h)) keep[r] = 1;
  }
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) if (keep[labels[i] as number]) out[i] = 1;
  return out;
}

/** The ink that could be text: inkMask, then characterMask. */
export function textMask(grey: Grey): Uint8Array {
  return characterMask(inkMask(grey), grey.width, grey.height);
}

/** Sum of squares of the row profile after shearing by `degrees` (rows level out at the text's angle). */
function profileEnergy(mask: Uint8Array, width: number, height: number, degrees: number): number {
  const t = Math.tan((degrees * Math.PI) / 180);
  const pad = Math.ceil(Math.abs(t) * width) + 1;
  const profile = new Float64Array(height + 2 * pad);
  const cx = width / 2;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (mask[row + x] === 0) continue;
      const bin = Math.round(y - (x - cx) * t) + pad;
      profile[bin] = (profile[bin] as number) + 1;
    }
  }
  let energy = 0;
  for (let i = 0; i < profile.length; i++) energy += (profile[i] as number) ** 2;
  return energy;
}

/** OR-pools the mask by `f` in both directions (any ink in an f × f cell makes the cell ink). */
function pool(mask: Uint8Array, width: number, height: number, f: number) {
  const w = Math.ceil(width / f);
  const h = Math.ceil(height / f);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const outRow = Math.floor(y / f) * w;
    for (let x = 0; x < width; x++) if (mask[row + x]) out[outRow + Math.floor(x / f)] = 1;
  }
  return { mask: out, width: w, height: h };
}

/**
 * The angle (degrees, positive when lines fall to the right) at which the text lines run, searched within
 * ±maxDegrees, coarse to fine (1°, 0.25°, 0.1°) on a copy pooled to about 700 px; `energy` is the profile's
 * peakiness at that angle (comparable between 0° and 90° turns of the same mask, since the ink is the same).
 */
export function estimateSkew(mask: Uint8Array, width: number, height: number, maxDegrees = 8) {
  const f = Math.max(1, Math.round(Math.max(width, height) / 700));
  const small = f > 1 ? pool(mask, width, height, f) : { mask, width, height };
  const energyAt = (d: number) => profileEnergy(small.mask, small.width, small.height, d);
  let best = { degrees: 0, energy: energyAt(0) };
  const search = (from: number, to: number, step: number) => {
    for (let d = from; d <= to + 1e-9; d += step) {
      const rounded = Math.round(d * 100) / 100;
      if (Math.abs(rounded) > maxDegrees) continue;
      const energy = energyAt(rounded);
      if (energy > best.energy) best = { degrees: rounded, energy };
    }
  };
  search(-maxDegrees, maxDegrees, 1);
  const coarse = best.degrees;
  search(coarse - 0.75, coarse + 0.75, 0.25);
  const medium = best.degrees;
  search(medium - 0.2, medium + 0.2, 0.1);
  return { degrees: Math.round(best.degrees * 10) / 10, energy: best.energy };
}

/** The same mask turned a quarter (rows become columns), to compare profile energy both ways. */
export function transpose(mask: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) out[x * height + y] = mask[y * width + x] as number;
  return out;
}

export type TextLine = { top: number; bottom: number; left: number; right: number };

export type MrzBand = Rect & { lines: TextLine[]; lineHeight: number };

/** Text lines: runs of rows with ink; each line's extent is its longest run of ink without a gap of a line height. */
export function findTextLines(mask: Uint8Array, width: number, height: number): TextLine[] {
  const rowInk = new Uint32Array(height);
  for (let y = 0; y < height; y++) {
    let n = 0;
    for (let x = 0; x < width; x++) n += mask[y * width + x] as number;
    rowInk[y] = n;
  }
  const minInk = Math.max(2, Math.round(width * 0.004));
  const runs: [number, number][] = [];
  let start = -1;
  for (let y = 0; y <= height; y++) {
    const on = y < height && (rowInk[y] as number) >= minInk;
    if (on && start < 0) start = y;
    if (!on && start >= 0) {
      const last = runs[runs.length - 1];
      if (last && start - last[1] <= 1) last[1] = y;
      else runs.push([start, y]);
      start = -1;
    }
  }
  const lines: TextLine[] = [];
  for (const [top, bottom] of runs) {
    const h = bottom - top;
    if (h < 4) continue;
    const cols = new Uint8Array(width);
    for (let y = top; y < bottom; y++) for (let x = 0; x < width; x++) if (mask[y * width + x]) cols[x] = 1;
    let bestLeft = 0;
    let bestRight = 0;
    let segStart = -1;
    let lastInk = -1;
    for (let x = 0; x <= width; x++) {
      const ink = x < width && cols[x] === 1;
      if (ink) {
        if (segStart < 0 || x - lastInk > h) segStart = x;
        lastInk = x;
        if (lastInk + 1 - segStart > bestRight - bestLeft) {
          bestLeft = segStart;
          bestRight = lastInk + 1;
        }
      }
    }
    lines.push({ top, bottom, left: bestLeft, right: bestRight });
  }
  return lines;
}

const heightOf = (l: TextLine) => l.bottom - l.top;

/** A line long enough (in line heights) to be an MRZ line: TD1's 30 characters are about 20–35 heights. */
function mrzLike(l: TextLine): boolean {
  const h = heightOf(l);
  return h >= 5 && l.right - l.left >= 14 * h;
}

function similar(a: TextLine, b: TextLine): boolean {
  const ha = heightOf(a);
  const hb = heightOf(b);
  const h = Math.max(ha, hb);
  return (
    Math.abs(ha - hb) <= 0.4 * h &&
    b.top - a.bottom <= 1.8 * h &&
    Math.abs(a.left - b.left) <= 2.5 * h &&
    Math.abs(a.right - b.right) <= 2.5 * h
  );
}

/**
 * Blocks of 2–3 similar MRZ-like lines, the lowest block first (the MRZ sits at the bottom of an upright
 * document); a run of 4 or more such lines offers its bottom 3 and bottom 2.
 */
export function findMrzBands(mask: Uint8Array, width: number, height: number): MrzBand[] {
  const lines = findTextLines(mask, width, height);
  const groups: TextLine[][] = [];
  let current: TextLine[] = [];
  for (const line of lines) {
    const prev = current[current.length - 1];
    if (mrzLike(line) && (prev === undefined || similar(prev, line))) {
      current.push(line);
      continue;
    }
    if (current.length) groups.push(current);
    current = mrzLike(line) ? [line] : [];
  }
  if (current.length) groups.push(current);
  const bands: MrzBand[] = [];
  for (const group of groups.reverse()) {
    if (group.length < 2) continue;
    const options = group.length <= 3 ? [group] : [group.slice(-3), group.slice(-2)];
    for (const option of options) bands.push(toBand(option));
  }
  return bands;
}

function toBand(lines: TextLine[]): MrzBand {
  const top = Math.min(...lines.map((l) => l.top));
  const bottom = Math.max(...lines.map((l) => l.bottom));
  const left = Math.min(...lines.map((l) => l.left));
  const right = Math.max(...lines.map((l) => l.right));
  const lineHeight = lines.reduce((s, l) => s + heightOf(l), 0) / lines.length;
  return { left, top, width: right - left, height: bottom - top, lines, lineHeight };
}
