// Forensic analysis of one document file (JPEG, PNG, WebP, TIFF, HEIC/HEIF/AVIF or PDF): flat metadata,
// findings in plain words (each strong or weak), a 64-bit perceptual hash, and for images an error-level
// image. The findings that metadata alone supports come from the same pure function the documents.edited
// detector uses (core), so an analysis stored today and metadata supplied by an integrator read alike.
//
// Limits: the file size (maxBytes) and the pixel count (maxPixels, from the header before anything is
// decoded, and again as sharp's limitInputPixels); PDFs also a page count. A file that is not what it says,
// truncated or damaged is refused with DomainError('validation') naming why; nothing here crashes on it.
import sharp, { type Metadata } from 'sharp';
import {
  FINDING_KINDS,
  type ForensicFinding,
  findingsFromMetadata,
} from '../../../core/detectors/documents/edited.ts';
import { classifySoftware } from '../../../core/detectors/documents/editing-software.ts';
import { DomainError } from '../../../core/errors.ts';
import { errorLevelAnalysis } from './ela.ts';
import { type ForensicFormat, resolveFormat } from './format.ts';
import { type FlatMetadata, readImageMetadata } from './image-metadata.ts';
import { estimateJpegQuality, findJpegGhost, type Ghost, readQuantTables } from './jpeg.ts';
import { readPdf } from './pdf.ts';
import { perceptualHashes } from './phash.ts';

export type { ForensicFinding };

export type ElaSummary = {
  png: Uint8Array;
  meanDiff: number;
  maxDiff: number;
  suspicious: boolean;
  /** The area that stands out, in the picture's pixels (after EXIF orientation), when suspicious. */
  region?: { left: number; top: number; width: number; height: number; share: number; ratio: number } | null;
};

export type DocumentForensics = {
  /** Flat: software, producer, creator, creatorTool, make, model, createDate, modifyDate, dateTimeOriginal… */
  metadata: FlatMetadata;
  findings: ForensicFinding[];
  /** 64 bits as 16 lower-case hex characters (images, or the first image of a PDF's first page). */
  perceptualHash: string | null;
  /** 256 bits as 64 hex characters, of the same picture: confirms a perceptual-hash match (sameImage). */
  detailHash: string | null;
  /** Images only (null for PDFs and for images whose pixels cannot be decoded here, e.g. HEVC HEIC). */
  ela: ElaSummary | null;
};

export type ForensicsOptions = { maxPixels?: number; maxBytes?: number; maxPages?: number };

export const FORENSICS_LIMITS = {
  maxPixels: 40_000_000,
  maxBytes: 64 * 1024 * 1024,
  maxPages: 50,
} as const;

const mp = (n: number) => `${Math.round(n / 100_000) / 10} megapixels`;
const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '');
}

/** Analyses one document file. DomainError('validation' | 'payload_too_large') for what cannot be analysed. */
export async function analyzeForensics(
  bytes: Uint8Array,
  mediaType: string,
  options: ForensicsOptions = {},
): Promise<DocumentForensics> {
  const maxBytes = options.maxBytes ?? FORENSICS_LIMITS.maxBytes;
  if (bytes.length > maxBytes) {
    throw new DomainError(
      'payload_too_large',
      `The file is ${mb(bytes.length)}; the limit is ${mb(maxBytes)}`,
      [{ path: 'file', message: 'too large' }],
    );
  }
  const format = resolveFormat(bytes, mediaType);
  const maxPixels = options.maxPixels ?? FORENSICS_LIMITS.maxPixels;
  if (format === 'pdf') return analyzePdf(bytes, maxPixels, options.maxPages ?? FORENSICS_LIMITS.maxPages);
  return analyzeImage(bytes, format, maxPixels);
}

const stripKeys = (findings: ReturnType<typeof findingsFromMetadata>): ForensicFinding[] =>
  findings.map(({ kind, strength, detail }) => ({ kind, strength, detail }));

async function analyzePdf(
  bytes: Uint8Array,
  maxPixels: number,
  maxPages: number,
): Promise<DocumentForensics> {
  const pdf = await readPdf(bytes, { maxPixels, maxPages });
  let hashes: { perceptualHash: string | null; detailHash: string | null } = {
    perceptualHash: null,
    detailHash: null,
  };
  if (pdf.firstImage) {
    const { data, width, height, channels } = pdf.firstImage;
    hashes = await perceptualHashes(sharp(data, { raw: { width, height, channels } }));
  }
  return {
    metadata: pdf.metadata,
    findings: stripKeys(findingsFromMetadata(pdf.metadata)),
    ...hashes,
    ela: null,
  };
}

type Decoded = { data: Buffer; width: number; height: number };

async function readHeader(bytes: Uint8Array, maxPixels: number) {
  let header: Metadata;
  try {
    // Header only: nothing is decoded, so the pixel count is known before any memory is spent on it.
    header = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new DomainError(
      'validation',
      `The image cannot be read (${reason(error)}); it may be truncated or damaged`,
      [{ path: 'file', message: 'unreadable image' }],
    );
  }
  const width = header.width ?? 0;
  const height = header.height ?? 0;
  if (width <= 0 || height <= 0) {
    throw new DomainError('validation', 'The image has no size in its header; it is damaged', [
      { path: 'file', message: 'unreadable image' },
    ]);
  }
  if (width * height > maxPixels) {
    throw new DomainError(
      'validation',
      `The image is ${width} × ${height} pixels (${mp(width * height)}); the limit is ${mp(maxPixels)}`,
      [{ path: 'file', message: 'too many pixels' }],
    );
  }
  return header;
}

/** Decoded, upright (EXIF orientation applied), 8-bit sRGB without alpha; null when no decoder (HEVC HEIC). */
async function decode(
  bytes: Uint8Array,
  format: ForensicFormat,
  header: Metadata,
  maxPixels: number,
): Promise<Decoded | null> {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'truncated' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) return null;
    return { data, width: info.width, height: info.height };
  } catch (error) {
    const message = reason(error);
    if (
      format === 'heif' &&
      (header.compression === 'hevc' || /compression format|decoder plugin|plugin/i.test(message))
    ) {
      return null; // sharp's prebuilt libvips has no HEVC decoder: metadata only
    }
    throw new DomainError(
      'validation',
      `The image cannot be decoded (${message}); it may be truncated or damaged`,
      [{ path: 'file', message: 'undecodable image' }],
    );
  }
}

const WHERE_X = ['left', 'centre', 'right'];
const WHERE_Y = ['top', 'middle', 'bottom'];

function whereText(region: NonNullable<ElaSummary['region']>, width: number, height: number): string {
  const cx = Math.min(2, Math.floor(((region.left + region.width / 2) / width) * 3));
  const cy = Math.min(2, Math.floor(((region.top + region.height / 2) / height) * 3));
  if (cx === 1 && cy === 1) return 'in the centre';
  return `at the ${WHERE_Y[cy]} ${WHERE_X[cx]}`
    .replace('middle ', '')
    .replace('top centre', 'top')
    .replace('bottom centre', 'bottom');
}

async function analyzeImage(
  bytes: Uint8Array,
  format: ForensicFormat,
  maxPixels: number,
): Promise<DocumentForensics> {
  const header = await readHeader(bytes, maxPixels);
  const { metadata, captureData } = await readImageMetadata(bytes, format, header);
  let quality: number | null = null;
  if (format === 'jpeg') {
    quality = estimateJpegQuality(readQuantTables(bytes));
    if (quality !== null) metadata.jpegQuality = quality;
  }
  const pixels = await decode(bytes, format, header, maxPixels);
  const findings = stripKeys(findingsFromMetadata(metadata));

  const software = typeof metadata.software === 'string' ? classifySoftware(metadata.software) : null;
  const photoLike = format === 'jpeg' || format === 'heif';
  if (photoLike && !captureData && metadata.createDate === undefined && software?.category !== 'capture') {
    findings.push({
      kind: FINDING_KINDS.noCaptureData,
      strength: 'weak',
      detail:
        'A photo with no camera data at all (no make, model or capture date): usual after a messaging app or a screenshot, also after editing',
    });
  }
  if (pixels === null) {
    metadata.decoded = false;
    return { metadata, findings, perceptualHash: null, detailHash: null, ela: null };
  }

  const hashes = await perceptualHashes(
    sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } }),
  );
  let ghost: Ghost | null = null;
  if (format === 'jpeg' && quality !== null) {
    ghost = await findJpegGhost(pixels, quality);
    if (ghost) {
      metadata.earlierJpegQuality = ghost.quality;
      findings.push({
        kind: FINDING_KINDS.recompressed,
        strength: 'weak',
        detail: `Saved as JPEG at least twice: an earlier save at about quality ${ghost.quality} shows under the last one (quality ${quality})`,
      });
    }
  }
  const ela = await errorLevelAnalysis(pixels, ghost?.quality ?? null);
  if (ela.region) {
    const pct = Math.max(1, Math.round(ela.region.share * 100));
    findings.push({
      kind: FINDING_KINDS.elaLocalised,
      strength: 'strong',
      detail: `Error-level analysis: one area (about ${pct}% of the picture, ${whereText(ela.region, pixels.width, pixels.height)}) lacks the earlier save the rest of the picture carries — it was pasted in or changed after that save`,
    });
  }
  return { metadata, findings, ...hashes, ela };
}
