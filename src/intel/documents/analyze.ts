// Analysis of one document file, pure of the database: what it is (sniffed, measured within the limits), the
// MRZ (OCR of images; for PDFs the text layer), forensics (metadata, findings, perceptual hash, error-level
// image). The upload job and `gatecheck document` both call analyzeDocument, so they report the same thing.
// HEIC photos are decoded with libheif (heic-decode, WebAssembly, offline) for OCR and the error-level
// image; metadata comes from the original file. A HEIC that cannot be decoded gets metadata only, and says so.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { FINDING_KINDS } from '../../core/detectors/documents/edited.ts';
import { DomainError } from '../../core/errors.ts';
import { analyzeForensics, type DocumentForensics } from './forensics/index.ts';
import { mrzLines, parseMrz } from './mrz.ts';
import { createMrzReader, type MrzBox, type MrzOcrResult, type MrzReader } from './ocr/index.ts';
import {
  DOCUMENT_LIMITS,
  type DocumentSize,
  measureDocument,
  type SniffedDocument,
  sniffDocument,
} from './sniff.ts';

export type AnalysisStep = 'decoding' | 'reading MRZ' | 'forensics' | 'face';

/** The face on an identity document's photo (the largest one found), read with the Node face models. */
export type DocumentFace = {
  found: boolean;
  /** Faces the detector found (at most 3 looked for: a document may repeat the photo as a small ghost image). */
  faces: number;
  /** The largest face's confidence 0..1; null when none. */
  score: number | null;
  /** [x, y, w, h] normalised to the analysed image; null when none. */
  box: [number, number, number, number] | null;
  /** The largest face's identity embedding (Human's 1024-number description), rounded to 4 decimals. */
  embedding: number[] | null;
};

/** The MRZ as read from the document, checked with parseMrz. */
export type MrzReading = {
  /** `ocr`: read from the image; `text`: found in the PDF's text layer. */
  source: 'ocr' | 'text';
  found: boolean;
  lines: string[];
  rawLines: string[];
  format: string | null;
  confidence: number;
  rotation: 0 | 90 | 180 | 270;
  skewDegrees: number;
  box: MrzBox | null;
  /** The original image's size (null for a PDF's text layer). */
  width: number | null;
  height: number | null;
  corrections: MrzOcrResult['corrections'];
  /** Structure, check digits and state codes all pass. */
  valid: boolean;
  /** Structure and check digits pass (the reading is faithful), whatever the state codes. */
  checkDigitsValid: boolean;
  problems: string[];
  /** surname, givenNames, documentNumber, nationality, dateOfBirth, sex, expiry, issuingState (those read). */
  fields: Record<string, string>;
};

export type DocumentAnalysis = {
  mediaType: string;
  family: SniffedDocument['family'];
  /** "a JPEG image" */
  label: string;
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  pages: number | null;
  /** null when no MRZ could be looked for (an undecodable HEIC). */
  mrz: MrzReading | null;
  forensics: DocumentForensics;
  /** Only when `face` was asked for: null for a PDF or an undecodable HEIC (nothing looked at). */
  face?: DocumentFace | null;
  /** What could not be done and why, in plain words. */
  notes: string[];
  ms: number;
};

export type AnalyzeOptions = {
  maxPixels: number;
  maxPages?: number;
  /** For MRZ dates (the century of a two-digit year); default now. */
  now?: Date;
  /** A reader to reuse (the caller closes it); default: one made and closed for this call. */
  reader?: MrzReader;
  onStep?: (step: AnalysisStep) => Promise<void> | void;
  /** Also read the face on the photo (identity documents: the ID-photo match of live verification). */
  face?: boolean;
};

const require = createRequire(import.meta.url);

/** Findings read from pixels (not metadata): taken from a HEIC's decoded copy. */
const PIXEL_FINDINGS: ReadonlySet<string> = new Set([FINDING_KINDS.elaLocalised]);

type HeicImage = {
  width: number;
  height: number;
  decode(): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
};
type HeicDecode = { all(input: { buffer: Uint8Array }): Promise<HeicImage[] & { dispose?: () => void }> };

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}

let libheifQuieted = false;

/**
 * libheif-js reports a failed decode with console.log("Decoding image failed", …) on top of rejecting: that
 * would land in `gatecheck document --json` output. Only that message is dropped; everything else passes.
 */
function quietLibheif(): void {
  if (libheifQuieted) return;
  libheifQuieted = true;
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (args[0] === 'Decoding image failed') return;
    log(...args);
  };
}

/**
 * Decodes the first image of a HEIC/HEIF file to PNG with libheif, checking its size against `maxPixels`
 * before any pixel is decoded. Returns null with the reason when libheif cannot decode it.
 */
export async function decodeHeic(
  bytes: Uint8Array,
  maxPixels: number,
): Promise<{ png: Uint8Array } | { png: null; why: string }> {
  let images: Awaited<ReturnType<HeicDecode['all']>>;
  quietLibheif();
  try {
    const decode = require('heic-decode') as HeicDecode;
    images = await decode.all({ buffer: bytes });
  } catch (error) {
    return { png: null, why: reason(error) };
  }
  try {
    const first = images[0];
    if (first === undefined) return { png: null, why: 'no image in the file' };
    if (first.width * first.height > maxPixels)
      throw new DomainError(
        'validation',
        `The HEIC image is ${first.width} × ${first.height} pixels; the limit is ${maxPixels} pixels (GATECHECK_MAX_DOCUMENT_PIXELS)`,
      );
    let raw: { width: number; height: number; data: Uint8ClampedArray };
    try {
      raw = await first.decode();
    } catch (error) {
      return { png: null, why: reason(error) };
    }
    const png = await sharp(Buffer.from(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength), {
      raw: { width: raw.width, height: raw.height, channels: 4 },
    })
      .png()
      .toBuffer();
    return { png: new Uint8Array(png) };
  } finally {
    images.dispose?.();
  }
}

/** The MRZ fields under the names the document view uses (only those read). */
export function mrzFields(result: ReturnType<typeof parseMrz>): Record<string, string> {
  const f = result.fields;
  const pairs: [string, string | null][] = [
    ['surname', f.lastName],
    ['givenNames', f.firstName],
    ['documentNumber', f.documentNumber],
    ['nationality', f.nationality],
    ['dateOfBirth', f.birthDate],
    ['sex', f.sex],
    ['expiry', f.expirationDate],
    ['issuingState', f.issuingState],
  ];
  const out: Record<string, string> = {};
  for (const [k, v] of pairs) if (v !== null && v !== '') out[k] = v;
  return out;
}

function checked(lines: string[], now: Date | undefined) {
  const parsed = parseMrz(lines, now ? { now } : {});
  return {
    valid: parsed.valid,
    checkDigitsValid: parsed.format !== null && parsed.supported && parsed.checkDigitsValid,
    problems: parsed.problems.map((p) => p.message),
    fields: mrzFields(parsed),
    format: parsed.format,
  };
}

export function readingFromOcr(ocr: MrzOcrResult, now?: Date): MrzReading {
  const base = {
    source: 'ocr' as const,
    found: ocr.found,
    lines: ocr.lines,
    rawLines: ocr.rawLines,
    confidence: ocr.confidence,
    rotation: ocr.rotation,
    skewDegrees: ocr.skewDegrees,
    box: ocr.box,
    width: ocr.width,
    height: ocr.height,
    corrections: ocr.corrections,
  };
  if (!ocr.found || ocr.lines.length === 0)
    return {
      ...base,
      format: ocr.format,
      valid: false,
      checkDigitsValid: false,
      problems: ['no machine-readable zone was found in the image'],
      fields: {},
    };
  const c = checked(ocr.lines, now);
  return { ...base, ...c, format: c.format ?? ocr.format };
}

/** Candidate MRZ line groups in text: runs of MRZ-shaped lines cut to 3 × 30, 2 × 36 or 2 × 44. */
export function mrzCandidatesInText(text: string): string[][] {
  const shaped = text
    .split(/\r?\n/)
    .map((l) => l.replace(/[«‹]/g, '<').replace(/\s+/g, '').toUpperCase())
    .map((l) => (/^[A-Z0-9<]{28,46}$/.test(l) && l.includes('<') ? l : null));
  const out: string[][] = [];
  for (let i = 0; i < shaped.length; i++) {
    for (const [count, length] of [
      [3, 30],
      [2, 44],
      [2, 36],
    ] as const) {
      const group = shaped.slice(i, i + count);
      if (group.length === count && group.every((l) => l !== null && l.length === length))
        out.push(group as string[]);
    }
  }
  return out;
}

type PdfItem = { str?: string; hasEOL?: boolean; transform?: number[] };

/** The text layer of a PDF as lines (a new line at an end-of-line mark or when the baseline moves). */
async function pdfText(bytes: Uint8Array, maxPages: number): Promise<string> {
  const { getDocumentProxy } = await import('unpdf');
  const doc = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0 });
  try {
    let out = '';
    for (let n = 1; n <= Math.min(doc.numPages, maxPages); n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let lastY: number | null = null;
      for (const raw of content.items) {
        const item = raw as PdfItem;
        if (typeof item.str !== 'string') continue;
        const y = item.transform?.[5] ?? null;
        if (lastY !== null && y !== null && Math.abs(y - lastY) > 2 && !out.endsWith('\n')) out += '\n';
        out += item.str;
        if (item.hasEOL === true) out += '\n';
        if (y !== null) lastY = y;
      }
      out += '\n';
      page.cleanup();
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/** The MRZ in a PDF's text layer: the first valid group, else the first of MRZ shape; null when none. */
export async function readPdfMrz(
  bytes: Uint8Array,
  options: { maxPages?: number; now?: Date } = {},
): Promise<MrzReading | null> {
  const text = await pdfText(bytes, options.maxPages ?? DOCUMENT_LIMITS.maxPages);
  const groups = mrzCandidatesInText(text);
  let best: MrzReading | null = null;
  for (const group of groups) {
    const lines = mrzLines(group);
    const c = checked(lines, options.now);
    if (c.format === null) continue;
    const reading: MrzReading = {
      source: 'text',
      found: true,
      lines,
      rawLines: group,
      confidence: 100,
      rotation: 0,
      skewDegrees: 0,
      box: null,
      width: null,
      height: null,
      corrections: [],
      ...c,
    };
    if (c.valid || c.checkDigitsValid) return reading;
    best ??= reading;
  }
  return best;
}

const noPdfMrz = (): MrzReading => ({
  source: 'text',
  found: false,
  lines: [],
  rawLines: [],
  format: null,
  confidence: 0,
  rotation: 0,
  skewDegrees: 0,
  box: null,
  width: null,
  height: null,
  corrections: [],
  valid: false,
  checkDigitsValid: false,
  problems: [
    'no machine-readable zone in the text layer (a scanned PDF is not read by OCR: upload the image)',
  ],
  fields: {},
});

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Analyses one document file. Throws DomainError('validation') for a file that is not an accepted type or is
 * over the limits (naming what is wrong); other failures (a damaged file the decoders give up on) throw too.
 */
export async function analyzeDocument(bytes: Uint8Array, options: AnalyzeOptions): Promise<DocumentAnalysis> {
  const started = performance.now();
  const step = async (s: AnalysisStep) => {
    await options.onStep?.(s);
  };
  const maxPages = options.maxPages ?? DOCUMENT_LIMITS.maxPages;
  const notes: string[] = [];

  await step('decoding');
  const sniffed = await sniffDocument(bytes);
  const size: DocumentSize = await measureDocument(bytes, sniffed, {
    maxPixels: options.maxPixels,
    maxPages,
  });
  // What OCR and the error-level analysis look at: the file itself, or for HEIC its decoded PNG.
  let raster: Uint8Array | null = sniffed.family === 'image' ? bytes : null;
  let rasterType = sniffed.mediaType as string;
  if (sniffed.mediaType === 'image/heic' || sniffed.mediaType === 'image/heif') {
    const decoded = await decodeHeic(bytes, options.maxPixels);
    if (decoded.png === null) {
      raster = null;
      notes.push(
        `The HEIC image could not be decoded (${decoded.why}): metadata only, no MRZ reading and no error-level image.`,
      );
    } else {
      raster = decoded.png;
      rasterType = 'image/png';
      notes.push('The HEIC image was decoded with libheif for the MRZ reading and the error-level image.');
    }
  }

  await step('reading MRZ');
  let mrz: MrzReading | null = null;
  if (sniffed.family === 'pdf') {
    mrz = (await readPdfMrz(bytes, { maxPages, ...(options.now ? { now: options.now } : {}) })) ?? noPdfMrz();
  } else if (raster !== null) {
    const reader = options.reader ?? (await createMrzReader({ maxPixels: options.maxPixels }));
    try {
      mrz = readingFromOcr(await reader.read(raster), options.now);
    } finally {
      if (options.reader === undefined) await reader.close();
    }
  }

  await step('forensics');
  let forensics = await analyzeForensics(bytes, sniffed.mediaType, { maxPixels: options.maxPixels });
  if (raster !== null && raster !== bytes && forensics.ela === null) {
    // HEIC: metadata and its findings from the original; hashes, the error-level image and what it shows
    // need pixels, so they come from the decoded copy.
    const decoded = await analyzeForensics(raster, rasterType, { maxPixels: options.maxPixels });
    const { decoded: _undecodable, ...metadata } = forensics.metadata;
    forensics = {
      metadata,
      findings: [...forensics.findings, ...decoded.findings.filter((f) => PIXEL_FINDINGS.has(f.kind))],
      perceptualHash: decoded.perceptualHash,
      detailHash: decoded.detailHash,
      ela: decoded.ela,
    };
  }

  let face: DocumentFace | null | undefined;
  if (options.face === true) {
    await step('face');
    if (raster === null) {
      face = null;
      if (sniffed.family === 'pdf')
        notes.push(
          'A PDF is not searched for a face: upload a photo of the document for the ID-photo match.',
        );
    } else face = await readDocumentFace(raster, options.maxPixels);
  }

  return {
    mediaType: sniffed.mediaType,
    family: sniffed.family,
    label: sniffed.label,
    bytes: bytes.length,
    sha256: sha256Hex(bytes),
    width: size.width,
    height: size.height,
    pages: size.pages,
    mrz,
    forensics,
    ...(face !== undefined ? { face } : {}),
    notes,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * The largest face on a document photo with its embedding (Node face models, loaded on first use and shared
 * by the process).
 */
export async function readDocumentFace(raster: Uint8Array, maxPixels: number): Promise<DocumentFace> {
  const { readLargestFace } = await import('../faces/largest-face.ts');
  const { faces, face } = await readLargestFace(raster, { maxFaces: 3, maxPixels });
  if (face === null) return { found: false, faces: 0, score: null, box: null, embedding: null };
  return {
    found: true,
    faces,
    score: face.score,
    box: face.box,
    embedding: face.embedding === null ? null : face.embedding.map((x) => Math.round(x * 1e4) / 1e4),
  };
}
