// The MRZ reader: decode (image.ts), find the MRZ band without OCR (band.ts), OCR only that band with
// tesseract.js restricted to the MRZ alphabet, correct the text by the ICAO structure (correct.ts) and let
// the check digits decide whether the reading is right. When it is not, the next attempt turns the image a
// quarter, sharpens a blurred band, tries another skew, and last OCRs the whole page to look for MRZ-shaped
// lines. Everything is local: the worker script, the wasm core (tesseract.js-core) and the English
// traineddata (@tesseract.js-data/eng) come from node_modules and nothing is cached or fetched.
import { createRequire } from 'node:module';
import path from 'node:path';
import Tesseract from 'tesseract.js';
import { parseMrz } from '../mrz.ts';
import {
  estimateSkew,
  findMrzBands,
  type Grey,
  type MrzBand,
  type Rect,
  textMask,
  transpose,
} from './band.ts';
import { type CorrectedMrz, correctMrz, pickMrzLines } from './correct.ts';
import { type Aligned, alignToGrid, type OcrLine, voteReadings } from './grid.ts';
import { DEFAULT_MAX_PIXELS, decodeImage, ocrCrop, rotateSmall, turn } from './image.ts';
import type { MrzBox, MrzOcrResult, MrzReader } from './types.ts';

const require = createRequire(import.meta.url);
/** LSTM-only integer model: the legacy engine is not needed for a 37-character alphabet. */
export const LANG_PATH = path.join(
  path.dirname(require.resolve('@tesseract.js-data/eng/package.json')),
  '4.0.0_best_int',
);
const WHITELIST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
/**
 * OCR calls of band crops per image at most (the whole-page fallback adds up to two pages with four crops
 * each): a page without an MRZ, or a hostile one, must not cost more than a few seconds.
 */
const MAX_OCR = 12;
/**
 * Crops read per band, in order: LSTM reads best with capitals about 18–27 px tall, and two sizes seldom
 * make the same mistake; a third size and a sharpened, thresholded crop (blur) come next when the first
 * two disagree or fail their check digits.
 */
const CROP_VARIANTS = [
  { capHeight: 22, sharpen: false },
  { capHeight: 18, sharpen: false },
  { capHeight: 27, sharpen: false },
  { capHeight: 22, sharpen: true },
];

type Quarter = 0 | 90 | 180 | 270;

type Reading = {
  corrected: CorrectedMrz | null;
  rawLines: string[];
  confidence: number;
  valid: boolean;
  /** Passing check digits, to rank readings that are not valid. */
  score: number;
  rotation: Quarter;
  skew: number;
  box: MrzBox | null;
  /**
   * Readings at different sizes back it: valid and two agreeing (or three or more voted), or failing its
   * check digits with three or more readings agreeing on every character behind the failing digits.
   */
  settled: boolean;
  /** `line:column` keys where the voted readings did not all see the same character (all, when not voted). */
  disputed: Set<string> | 'all';
};

/** `skew`: the deskew applied (degrees clockwise); `analysis`: the turned and deskewed analysis copy. */
type Located = { rotation: Quarter; skew: number; analysis: Grey; bands: MrzBand[] };

/**
 * One tesseract worker, reused for every read and ended by close(). `maxPixels` bounds what is decoded
 * (default 40 MP); `findBands: false` skips the projection-profile search and goes straight to whole-page
 * OCR (for tests and benchmarks of that fallback).
 */
export async function createMrzReader(
  options: { maxPixels?: number; findBands?: boolean } = {},
): Promise<MrzReader> {
  const findBands = options.findBands ?? true;
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const worker = await Tesseract.createWorker(
    'eng',
    Tesseract.OEM.LSTM_ONLY,
    { langPath: LANG_PATH, cacheMethod: 'none', gzip: true },
    // MRZ text has no words: the dictionaries would only pull readings towards English.
    { load_system_dawg: '0', load_freq_dawg: '0' },
  );
  await worker.setParameters({
    tessedit_char_whitelist: WHITELIST,
    tessedit_pageseg_mode: Tesseract.PSM.SINGLE_BLOCK,
    user_defined_dpi: '300',
    // Tesseract's progress chatter ("Detected 11 diacritics") goes to the wasm file system's /dev/null.
    debug_file: '/dev/null',
  });
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  return {
    read(image) {
      if (closed) return Promise.reject(new Error('the MRZ reader is closed'));
      const run = queue.then(() => readImage(worker, image, maxPixels, findBands));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await worker.terminate();
    },
  };
}

async function readImage(
  worker: Tesseract.Worker,
  bytes: Uint8Array,
  maxPixels: number,
  findBands: boolean,
): Promise<MrzOcrResult> {
  const started = performance.now();
  const image = await decodeImage(bytes, maxPixels);
  const { work, analysis } = image;
  const scaleToOriginal = image.width / work.width;
  let ocrCalls = 0;
  let best: Reading | null = null;
  const done = (r: Reading | null): MrzOcrResult =>
    result(r, image.width, image.height, performance.now() - started);

  const ocr = async (png: Buffer, psm: string) => {
    ocrCalls++;
    await worker.setParameters({ tessedit_pageseg_mode: psm as Tesseract.PSM });
    return (await worker.recognize(png, {}, { text: true, blocks: true })).data;
  };
  const consider = (r: Reading) => {
    if (best === null || r.valid || rank(r) > rank(best)) best = r;
    return r.valid;
  };

  // Band attempts, orientation by orientation, the likeliest first.
  const turnedWork = new Map<Quarter, Grey>();
  const deskewedWork = new Map<string, Grey>();
  const workCopy = async (quarter: Quarter, skew: number) => {
    let upright = turnedWork.get(quarter);
    if (!upright) {
      upright = await turn(work, quarter);
      turnedWork.set(quarter, upright);
    }
    const key = `${quarter}:${skew}`;
    let deskewed = deskewedWork.get(key);
    if (!deskewed) {
      deskewed = await rotateSmall(upright, skew);
      deskewedWork.set(key, deskewed);
    }
    return { upright, deskewed };
  };
  /**
   * Reads one band at the crop sizes in turn. Returns the result when a reading is settled (valid and
   * confirmed, or the same altered MRZ at every size); `mrzShaped` says whether any reading looked like one.
   */
  const readBand = async (
    g: Grey,
    rect: Rect,
    lineHeight: number,
    quarter: Quarter,
    skew: number,
    box: MrzBox,
    limit = MAX_OCR,
  ): Promise<{ result: MrzOcrResult | null; mrzShaped: boolean }> => {
    const readings: Extraction[] = [];
    for (const variant of CROP_VARIANTS) {
      if (ocrCalls >= limit) break;
      const png = await ocrCrop(g, rect, { lineHeight, ...variant });
      const extraction = extract(await ocr(png, Tesseract.PSM.SINGLE_BLOCK));
      if (!extraction.pick) {
        // Nothing MRZ-shaped at the first size: other sizes of the same band will not make it so.
        if (readings.length === 0) {
          consider({ ...judge([extraction], quarter, skew), box });
          return { result: null, mrzShaped: false };
        }
        continue;
      }
      readings.push(extraction);
      // One reading can be wrong and still pass its check digits (they collide one time in ten), so a
      // reading is only accepted when a second one at another size agrees, or by vote of three or more.
      const voting = voters(readings);
      if (voting.length < 2) continue;
      const reading = { ...judge(readings, quarter, skew), box };
      // How many readings, each corrected on its own, read exactly what the vote settled on.
      const voted = reading.corrected?.lines.join('\n');
      const backing = voting.filter((r) => r.own !== null && r.own === voted).length;
      if (reading.valid && (backing >= 2 || voting.length >= 3)) {
        return { result: done({ ...reading, settled: true }), mrzShaped: true };
      }
      // Three sizes read the same lines, or at least agree on every character of the checks that fail:
      // that is what the document says (an altered MRZ), not a misreading another attempt would fix.
      if (!reading.valid && (backing >= 3 || (voting.length >= 3 && failureUndisputed(reading)))) {
        const settled = { ...reading, settled: true };
        if (isFound(settled)) return { result: done(settled), mrzShaped: true };
      }
      consider(reading);
    }
    if (readings.length === 1) consider({ ...judge(readings, quarter, skew), box });
    return { result: null, mrzShaped: readings.length > 0 };
  };

  const tried: Quarter[] = [];
  for await (const quarter of orientationOrder(analysis)) {
    tried.push(quarter);
    if (!findBands) continue;
    if (ocrCalls >= MAX_OCR) break;
    const skews = [null, 2, -2, 4, -4, 6, -6];
    for (const skewTry of skews) {
      if (ocrCalls >= MAX_OCR) break;
      const located = await locate(analysis, quarter, skewTry);
      if (located.bands.length === 0) {
        if (skewTry === null) continue;
        break;
      }
      let sawMrzShape = false;
      for (const band of located.bands.slice(0, 2)) {
        const { upright, deskewed } = await workCopy(quarter, located.skew);
        const k = deskewed.width / located.analysis.width;
        const rect: Rect = {
          left: band.left * k,
          top: band.top * k,
          width: band.width * k,
          height: band.height * k,
        };
        const box = boxInUpright(rect, located.skew, upright, deskewed, scaleToOriginal);
        const outcome = await readBand(deskewed, rect, band.lineHeight * k, quarter, located.skew, box);
        if (outcome.result) return outcome.result;
        if (outcome.mrzShaped) sawMrzShape = true;
      }
      // Other skews only help a band that was read as MRZ-shaped but failed its check digits.
      if (!sawMrzShape) break;
    }
  }

  // Last resort: OCR whole upright pages (automatic layout) to find MRZ-shaped lines, then read them as a
  // band like above (several sizes, voted), since one reading of a whole page is often off by a character.
  for (const quarter of tried.slice(0, 2)) {
    const located = await locate(analysis, quarter, null);
    const page = await ocr(await pngOf(located.analysis), Tesseract.PSM.AUTO);
    const reading = judge([extract(page)], quarter, located.skew);
    const found = reading.corrected ? findLines(page, reading.corrected.picked) : null;
    if (found) {
      const { upright, deskewed } = await workCopy(quarter, located.skew);
      const k = deskewed.width / located.analysis.width;
      const rect: Rect = {
        left: found.left * k,
        top: found.top * k,
        width: found.width * k,
        height: found.height * k,
      };
      reading.box = boxInUpright(rect, located.skew, upright, deskewed, scaleToOriginal);
      const outcome = await readBand(
        deskewed,
        rect,
        found.lineHeight * k,
        quarter,
        located.skew,
        reading.box,
        ocrCalls + CROP_VARIANTS.length,
      );
      if (outcome.result) return outcome.result;
    }
    // One page reading alone is never reported (see isFound), but its lines are kept for rawLines.
    consider(reading);
  }
  return done(best);
}

function rank(r: Reading): number {
  return (r.corrected ? 1000 : 0) + r.score * 100 + r.confidence;
}

/** The page's text lines with their symbols' horizontal positions. */
function pageLines(page: Tesseract.Page): OcrLine[] {
  return (page.blocks ?? []).flatMap((b) =>
    b.paragraphs.flatMap((p) =>
      p.lines.map((l) => ({
        text: l.text.trim(),
        symbols: l.words.flatMap((w) =>
          w.symbols.map((s) => ({ text: s.text, x0: s.bbox.x0, x1: s.bbox.x1, confidence: s.confidence })),
        ),
      })),
    ),
  );
}

/** One OCR reading: its text lines, and the MRZ-shaped ones among them placed on the MRZ grid. */
type Extraction = {
  rawLines: string[];
  confidence: number;
  pick: ReturnType<typeof pickMrzLines>;
  aligned: Aligned | null;
  own: string | null;
};

function extract(page: Tesseract.Page): Extraction {
  const lines = pageLines(page);
  const rawLines = lines.map((l) => l.text).filter((l) => l !== '');
  const pick = pickMrzLines(lines.map((l) => l.text));
  const aligned = pick
    ? alignToGrid(lines.slice(pick.start, pick.start + pick.lines.length), pick.length)
    : null;
  // This reading corrected on its own, to tell whether readings agree beyond look-alike characters.
  const own = aligned ? (correctMrz(aligned.lines)?.lines.join('\n') ?? null) : null;
  return { rawLines, confidence: page.confidence, pick, aligned, own };
}

const shapeOf = (r: Extraction) => `${r.pick?.lines.length}x${r.pick?.length}`;

/** The readings that can be voted with the first: same line count and length, placed on the grid. */
function voters(readings: Extraction[]): Extraction[] {
  const first = readings[0];
  if (!first?.pick) return [];
  return readings.filter((r) => r.aligned !== null && shapeOf(r) === shapeOf(first));
}

/**
 * Turns readings of one band into a reading of the MRZ: the readings placed on the MRZ's character grid
 * (grid.ts), voted column by column and corrected with what the others saw; or the first reading corrected
 * as read when the grid does not fit. The candidate that is valid, or passes the most check digits, wins.
 */
function judge(readings: Extraction[], rotation: Quarter, skew: number): Reading {
  const first = readings[0];
  const rawLines = first?.rawLines ?? [];
  const confidence = readings.reduce((a, r) => a + r.confidence, 0) / Math.max(1, readings.length);
  const candidates: CorrectedMrz[] = [];
  const disputedBy = new Map<CorrectedMrz, Set<string>>();
  if (first?.pick) {
    const vote = voteReadings(voters(readings).map((r) => r.aligned as Aligned));
    const onGrid = vote
      ? correctMrz(vote.lines, {
          earlier: vote.corrections,
          hints: { alternatives: vote.alternatives, confidence: vote.confidence },
        })
      : null;
    if (onGrid && vote) {
      const voted = { ...onGrid, picked: first.pick.lines };
      candidates.push(voted);
      disputedBy.set(voted, new Set(Object.keys(vote.alternatives)));
    }
    const asRead = correctMrz(first.pick.lines);
    if (asRead) candidates.push(asRead);
  }
  let best: Reading = {
    corrected: null,
    rawLines,
    confidence,
    valid: false,
    score: 0,
    rotation,
    skew,
    box: null,
    settled: false,
    disputed: 'all',
  };
  for (const corrected of candidates) {
    const score = corrected.checks.filter((c) => c.ok).length;
    // The MRZ parser is the judge (its check digits, every format including visas); ours only guided.
    const parsed = parseMrz(corrected.lines);
    const valid = parsed.format !== null && parsed.supported && parsed.checkDigitsValid;
    const reading: Reading = {
      ...best,
      corrected,
      valid,
      score,
      disputed: disputedBy.get(corrected) ?? 'all',
    };
    if (best.corrected === null || (valid && !best.valid) || (valid === best.valid && score > best.score))
      best = reading;
  }
  return best;
}

/** Every column holds a character its field allows (after correction). */
function structureOk(c: CorrectedMrz): boolean {
  if (!c.layout) return true;
  for (const f of c.layout.fields) {
    const text = (c.lines[f.line] ?? '').slice(f.start, f.end);
    const ok =
      f.kind === 'date'
        ? /^[0-9<]+$/.test(text)
        : f.kind === 'check'
          ? /^[0-9<]$/.test(text)
          : f.kind === 'sex'
            ? /^[MFX<]$/.test(text)
            : f.kind === 'alnum'
              ? /^[A-Z0-9<]+$/.test(text)
              : /^[A-Z<]+$/.test(text);
    if (!ok) return false;
  }
  return true;
}

/**
 * Whether every character behind the failing check digits was read the same at every size: the failing
 * fields, their check digits, and for the composite the characters no passing field check vouches for.
 */
function failureUndisputed(r: Reading): boolean {
  const c = r.corrected;
  if (!c?.layout || r.disputed === 'all') return false;
  const layout = c.layout;
  const vouched = new Set<string>();
  layout.checks.forEach((check, i) => {
    if (check.name === 'composite' || !c.checks[i]?.ok) return;
    for (const [line, start, end] of check.over)
      for (let col = start; col < end; col++) vouched.add(`${line}:${col}`);
  });
  const behind: string[] = [];
  layout.checks.forEach((check, i) => {
    if (c.checks[i]?.ok) return;
    behind.push(`${check.at[0]}:${check.at[1]}`);
    for (const [line, start, end] of check.over) {
      for (let col = start; col < end; col++)
        if (!vouched.has(`${line}:${col}`)) behind.push(`${line}:${col}`);
    }
  });
  const disputed = r.disputed;
  return behind.length > 0 && behind.every((k) => !disputed.has(k));
}

/**
 * A reading is reported as found when readings at several sizes settled on it (see `settled`): valid, or
 * failing its check digits identically at three sizes with every column holding what its field allows and
 * at least half the check digits passing — an altered document fails one or two (the field's and the
 * composite) but still has an MRZ, and documents.mrz-invalid needs to see it. Readings that disagree or
 * stand alone are not reported: an OCR misreading must not look like an MRZ, valid or altered.
 */
function isFound(r: Reading): boolean {
  const c = r.corrected;
  if (!c || !r.settled) return false;
  if (r.valid) return true;
  return c.layout !== null && structureOk(c) && r.score >= Math.ceil(c.layout.checks.length / 2);
}

function result(r: Reading | null, width: number, height: number, ms: number): MrzOcrResult {
  const c = r?.corrected ?? null;
  const found = r !== null && isFound(r);
  const format = found && c ? (parseMrz(c.lines).format ?? c.layout?.format ?? null) : null;
  return {
    found,
    lines: found && c ? c.lines : [],
    rawLines: r?.rawLines ?? [],
    format: format ?? null,
    confidence: r ? Math.max(0, Math.min(100, Math.round(r.confidence))) : 0,
    rotation: found && r ? r.rotation : 0,
    skewDegrees: found && r ? r.skew : 0,
    corrections: found && c ? c.corrections : [],
    box: found && r ? r.box : null,
    width,
    height,
    ms: Math.round(ms),
  };
}

/**
 * Quarter turns to try, likeliest first: the axis along which the ink's projection profile is peakiest is
 * the text direction; of the two turns on that axis, the one that leaves the MRZ-like block at the bottom
 * (located lazily: the second pair is only looked at when the first fails).
 */
async function* orientationOrder(analysis: Grey): AsyncGenerator<Quarter> {
  const mask = textMask(analysis);
  const across = estimateSkew(mask, analysis.width, analysis.height, 6).energy;
  const down = estimateSkew(
    transpose(mask, analysis.width, analysis.height),
    analysis.height,
    analysis.width,
    6,
  ).energy;
  const pairs: [Quarter, Quarter][] =
    across >= down
      ? [
          [0, 180],
          [90, 270],
        ]
      : [
          [90, 270],
          [0, 180],
        ];
  for (const [a, b] of pairs) {
    const located = await locate(analysis, a, null);
    const band = located.bands[0];
    const upper = band !== undefined && band.top + band.height / 2 < located.analysis.height * 0.45;
    yield upper ? b : a;
    yield upper ? a : b;
  }
}

const locateCache = new WeakMap<Grey, Map<string, Located>>();

/** Turns the analysis copy, deskews it (estimated, or the given skew) and finds MRZ-like bands. */
async function locate(analysis: Grey, rotation: Quarter, skewTry: number | null): Promise<Located> {
  let cache = locateCache.get(analysis);
  if (!cache) {
    cache = new Map();
    locateCache.set(analysis, cache);
  }
  const key = `${rotation}:${skewTry}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const turned = await turn(analysis, rotation);
  let skew = skewTry ?? 0;
  if (skewTry === null) {
    const estimated = estimateSkew(textMask(turned), turned.width, turned.height).degrees;
    skew = Math.abs(estimated) >= 0.3 ? estimated : 0;
  }
  const deskewed = await rotateSmall(turned, -skew);
  const bands = findMrzBands(textMask(deskewed), deskewed.width, deskewed.height);
  const located: Located = { rotation, skew: skew === 0 ? 0 : -skew, analysis: deskewed, bands };
  cache.set(key, located);
  return located;
}

/**
 * The band's rectangle in the deskewed working copy, mapped back to the upright (quarter-turned, not
 * deskewed) image of the original size: the four corners rotated back, their bounding box, clamped.
 */
function boxInUpright(
  rect: Rect,
  skew: number,
  upright: Grey,
  deskewed: Grey,
  scaleToOriginal: number,
): MrzBox {
  const a = (-skew * Math.PI) / 180;
  const cx = deskewed.width / 2;
  const cy = deskewed.height / 2;
  const ux = upright.width / 2;
  const uy = upright.height / 2;
  const corners = [
    [rect.left, rect.top],
    [rect.left + rect.width, rect.top],
    [rect.left, rect.top + rect.height],
    [rect.left + rect.width, rect.top + rect.height],
  ].map(([x = 0, y = 0]) => {
    const dx = x - cx;
    const dy = y - cy;
    return [ux + dx * Math.cos(a) - dy * Math.sin(a), uy + dx * Math.sin(a) + dy * Math.cos(a)] as const;
  });
  return clampBox(
    Math.min(...corners.map((p) => p[0])),
    Math.min(...corners.map((p) => p[1])),
    Math.max(...corners.map((p) => p[0])),
    Math.max(...corners.map((p) => p[1])),
    upright.width,
    upright.height,
    scaleToOriginal,
  );
}

function clampBox(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  w: number,
  h: number,
  scale: number,
): MrzBox {
  const left = Math.max(0, Math.min(w, x0));
  const top = Math.max(0, Math.min(h, y0));
  const right = Math.max(0, Math.min(w, x1));
  const bottom = Math.max(0, Math.min(h, y1));
  return {
    left: Math.round(left * scale),
    top: Math.round(top * scale),
    width: Math.round((right - left) * scale),
    height: Math.round((bottom - top) * scale),
  };
}

async function pngOf(g: Grey): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** Where the picked lines are on a whole-page OCR (pixels of the OCR'd image), and their median height. */
function findLines(page: Tesseract.Page, picked: string[]): (Rect & { lineHeight: number }) | null {
  const lines = (page.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines));
  const hits = lines.filter((l) => picked.includes(l.text.replace(/[^A-Z0-9<]/g, '')));
  if (hits.length === 0) return null;
  const left = Math.min(...hits.map((l) => l.bbox.x0));
  const top = Math.min(...hits.map((l) => l.bbox.y0));
  const heights = hits.map((l) => l.bbox.y1 - l.bbox.y0).sort((a, b) => a - b);
  return {
    left,
    top,
    width: Math.max(...hits.map((l) => l.bbox.x1)) - left,
    height: Math.max(...hits.map((l) => l.bbox.y1)) - top,
    lineHeight: heights[heights.length >> 1] ?? 1,
  };
}
