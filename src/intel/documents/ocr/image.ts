// Image steps of the MRZ reader, all with sharp: decoding within a pixel limit, EXIF orientation, grey and
// contrast-stretched working copies, quarter turns, deskew, and the crop handed to the OCR engine.
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import { DomainError } from '../../../core/errors.ts';
import { type Grey, otsuThreshold, type Rect } from './band.ts';

export const DEFAULT_MAX_PIXELS = 40_000_000;
/** The working copy's longest side: enough for MRZ text to stay legible on a phone photo of a page. */
const WORK_SIDE = 3000;
/** The copy the MRZ is searched in (projection profiles; no OCR). */
const ANALYSIS_SIDE = 1400;

const RASTER = new Set(['jpeg', 'png', 'webp', 'heif', 'tiff', 'gif']);

export type Decoded = {
  /** Size as viewers show the image (EXIF orientation applied). */
  width: number;
  height: number;
  work: Grey;
  analysis: Grey;
};

function invalid(message: string): DomainError {
  return new DomainError('validation', message, [{ path: 'image', message }]);
}

/**
 * Decodes an image into grey working copies. Refuses, with a DomainError naming the problem, anything sharp
 * cannot decode and anything over `maxPixels` (checked from the header before any pixel is decoded, and again
 * by libvips' own limit).
 */
export async function decodeImage(bytes: Uint8Array, maxPixels: number): Promise<Decoded> {
  if (bytes.length === 0) throw invalid('the image is empty (0 bytes)');
  const options = { limitInputPixels: maxPixels, failOn: 'error' as const, pages: 1 };
  let meta: Metadata;
  try {
    // The header only (no pixels decoded), so the limit can be reported with the image's own numbers.
    meta = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
  } catch (error) {
    throw invalid(`the image cannot be decoded: ${reason(error)}`);
  }
  // Raster photos and scans only: SVG (which may point at other files) and PDF are not images to OCR here.
  if (!RASTER.has(meta.format ?? '')) {
    throw invalid(
      `${meta.format ?? 'this'} files are not accepted: send a JPEG, PNG, WebP, HEIF/AVIF, TIFF or GIF image`,
    );
  }
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (w <= 0 || h <= 0) throw invalid('the image has no size in its header');
  if (w * h > maxPixels) {
    throw invalid(
      `the image is ${w} × ${h} = ${(w * h).toLocaleString('en-US')} pixels, over the limit of ${maxPixels.toLocaleString('en-US')} pixels`,
    );
  }
  const upright = meta.autoOrient ?? { width: w, height: h };
  try {
    const work = await greyCopy(bytes, options, WORK_SIDE);
    const analysis = await toGrey(
      sharp(work.data, { raw: { width: work.width, height: work.height, channels: 1 } }).resize({
        width: ANALYSIS_SIDE,
        height: ANALYSIS_SIDE,
        fit: 'inside',
        withoutEnlargement: true,
      }),
    );
    return { width: upright.width, height: upright.height, work, analysis };
  } catch (error) {
    throw invalid(`the image cannot be decoded: ${reason(error)}`);
  }
}

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.replace(/^Input (buffer|file) /, '') ?? 'unknown error';
}

async function greyCopy(bytes: Uint8Array, options: SharpOptions, side: number): Promise<Grey> {
  return toGrey(
    sharp(bytes, options)
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .greyscale()
      // Stretch the 1st–99th percentile to full range: washed-out photos and grey-on-grey print.
      .normalise({ lower: 1, upper: 99 }),
  );
}

async function toGrey(pipeline: Sharp): Promise<Grey> {
  const { data, info } = await pipeline.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}

const raw = (g: Grey) => sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } });

/** Turns a grey image by quarter turns clockwise. */
export function turn(g: Grey, quarter: 0 | 90 | 180 | 270): Promise<Grey> {
  if (quarter === 0) return Promise.resolve(g);
  return toGrey(raw(g).rotate(quarter));
}

/** Rotates by `degrees` clockwise about the centre onto a larger white canvas (sharp's convention). */
export function rotateSmall(g: Grey, degrees: number): Promise<Grey> {
  if (degrees === 0) return Promise.resolve(g);
  return toGrey(raw(g).rotate(degrees, { background: '#ffffff' }));
}

export type CropOptions = { lineHeight: number; capHeight: number; sharpen: boolean };

/**
 * The crop handed to the OCR engine: the band with a margin, scaled so a line of capitals is `capHeight`
 * pixels tall, on a white border; `sharpen` adds an unsharp mask and a hard threshold for blurred photos.
 */
export async function ocrCrop(
  g: Grey,
  rect: Rect,
  { lineHeight, capHeight, sharpen }: CropOptions,
): Promise<Buffer> {
  const marginX = Math.round(lineHeight * 1.2);
  const marginY = Math.round(lineHeight * 0.7);
  const left = Math.max(0, Math.floor(rect.left - marginX));
  const top = Math.max(0, Math.floor(rect.top - marginY));
  const right = Math.min(g.width, Math.ceil(rect.left + rect.width + marginX));
  const bottom = Math.min(g.height, Math.ceil(rect.top + rect.height + marginY));
  const scale = Math.min(4, Math.max(0.1, capHeight / Math.max(1, lineHeight)));
  let pipeline = raw(g)
    .extract({ left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) })
    .resize({ width: Math.max(1, Math.round((right - left) * scale)), kernel: 'lanczos3' });
  if (sharpen) pipeline = await sharpened(pipeline);
  return pipeline
    .extend({ top: 24, bottom: 24, left: 24, right: 24, background: '#ffffff' })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

async function sharpened(pipeline: Sharp): Promise<Sharp> {
  const g = await toGrey(pipeline.sharpen({ sigma: 1.5, m1: 1, m2: 3 }));
  const t = otsuThreshold(g.data);
  return raw(g).threshold(t);
}
