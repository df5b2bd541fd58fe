// What an uploaded document really is, from its bytes (file-type; the declared Content-Type and the file name
// are ignored), and how big it is: pixels from the image header (sharp metadata, nothing decoded, so a
// decompression bomb costs nothing) and pages of a PDF. Anything else is refused naming what it is.
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata } from 'sharp';
import { DomainError } from '../../core/errors.ts';

export type DocumentFamily = 'image' | 'pdf';

/** The media types accepted for upload, with how they are named to people. */
export const ACCEPTED_DOCUMENT_TYPES = {
  'image/jpeg': 'a JPEG image',
  'image/png': 'a PNG image',
  'image/webp': 'a WebP image',
  'image/heic': 'a HEIC image',
  'image/heif': 'a HEIF image',
  'image/avif': 'an AVIF (HEIF) image',
  'image/tiff': 'a TIFF image',
  'application/pdf': 'a PDF document',
} as const;

export type DocumentMediaType = keyof typeof ACCEPTED_DOCUMENT_TYPES;

export const ACCEPTED_TYPES_TEXT = 'a JPEG, PNG, WebP, HEIC/HEIF or TIFF image, or a PDF';

export type SniffedDocument = {
  mediaType: DocumentMediaType;
  family: DocumentFamily;
  /** "a JPEG image" */
  label: string;
};

export type DocumentSize = { width: number | null; height: number | null; pages: number | null };

/** Limits that do not change per installation (the byte and pixel limits are configuration). */
export const DOCUMENT_LIMITS = { maxPages: 50 } as const;

/** How refused types are named ("The file is a ZIP archive"); others get "a <EXT> file (<mime>)". */
const NAMES: Readonly<Record<string, string>> = {
  zip: 'a ZIP archive',
  rar: 'a RAR archive',
  '7z': 'a 7-Zip archive',
  gz: 'a gzip-compressed file',
  bz2: 'a bzip2-compressed file',
  xz: 'an xz-compressed file',
  zst: 'a Zstandard-compressed file',
  tar: 'a tar archive',
  cab: 'a Windows cabinet archive',
  exe: 'a Windows program (EXE)',
  msi: 'a Windows installer (MSI)',
  elf: 'a Linux program (ELF)',
  mach: 'a macOS program (Mach-O)',
  dmg: 'a macOS disk image',
  iso: 'a disk image (ISO)',
  deb: 'a Debian package',
  rpm: 'an RPM package',
  wasm: 'a WebAssembly program',
  class: 'a Java class file',
  jar: 'a Java archive (JAR)',
  apk: 'an Android app (APK)',
  docx: 'a Word document (DOCX)',
  doc: 'an old Word document (DOC)',
  xlsx: 'an Excel workbook (XLSX)',
  xls: 'an old Excel workbook (XLS)',
  pptx: 'a PowerPoint presentation (PPTX)',
  odt: 'an OpenDocument text',
  rtf: 'a Rich Text document (RTF)',
  epub: 'an e-book (EPUB)',
  ps: 'a PostScript document',
  eps: 'an Encapsulated PostScript image',
  sqlite: 'an SQLite database',
  xml: 'an XML document',
  html: 'an HTML page',
  gif: 'a GIF image',
  apng: 'an animated PNG',
  bmp: 'a BMP image',
  ico: 'an icon (ICO)',
  psd: 'a Photoshop document (PSD)',
  jxl: 'a JPEG XL image',
  jp2: 'a JPEG 2000 image',
  dng: 'a camera raw photo (DNG)',
  cr2: 'a camera raw photo (Canon CR2)',
  cr3: 'a camera raw photo (Canon CR3)',
  nef: 'a camera raw photo (Nikon NEF)',
  arw: 'a camera raw photo (Sony ARW)',
  orf: 'a camera raw photo (Olympus ORF)',
  rw2: 'a camera raw photo (Panasonic RW2)',
  mp4: 'a video (MP4)',
  mov: 'a video (QuickTime MOV)',
  webm: 'a video (WebM)',
  avi: 'a video (AVI)',
  mkv: 'a video (Matroska)',
  mp3: 'an audio file (MP3)',
  wav: 'an audio file (WAV)',
  m4a: 'an audio file (M4A)',
  ogg: 'an Ogg audio or video file',
  flac: 'an audio file (FLAC)',
  swf: 'a Flash movie (SWF)',
  ttf: 'a font (TTF)',
  otf: 'a font (OTF)',
  woff: 'a web font (WOFF)',
  woff2: 'a web font (WOFF2)',
};

const SEQUENCES: Readonly<Record<string, string>> = {
  'image/heic-sequence': 'a HEIC image sequence (burst)',
  'image/heif-sequence': 'a HEIF image sequence (burst)',
};

function isAccepted(mime: string): mime is DocumentMediaType {
  return Object.hasOwn(ACCEPTED_DOCUMENT_TYPES, mime);
}

/** Printable UTF-8 in the first KiB: text of some kind (CSV, JSON, SVG, HTML…). */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  if (head.length === 0) return false;
  const text = Buffer.from(head).toString('utf8');
  if (text.includes('\uFFFD') && head.length === bytes.length) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
  return !/[\u0000-\u0008\u000E-\u001A\u001C-\u001F]/.test(text);
}

/** A plain-language name for what the file is (used when refusing it). */
export function describeFileType(type: { ext: string; mime: string } | undefined, bytes: Uint8Array): string {
  if (type === undefined) {
    if (looksLikeText(bytes)) {
      const start = Buffer.from(bytes.subarray(0, 256)).toString('utf8').trimStart().toLowerCase();
      if (start.startsWith('<svg') || (start.startsWith('<?xml') && start.includes('<svg')))
        return 'an SVG drawing';
      if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'an HTML page';
      return 'text, not an image or a PDF';
    }
    return 'of a type that is not recognised (no image or PDF signature)';
  }
  return SEQUENCES[type.mime] ?? NAMES[type.ext] ?? `a ${type.ext.toUpperCase()} file (${type.mime})`;
}

/** The document's real type; DomainError('validation') naming what the file is when it is not accepted. */
export async function sniffDocument(bytes: Uint8Array): Promise<SniffedDocument> {
  if (bytes.length === 0) throw new DomainError('validation', 'The file is empty');
  const type = await fileTypeFromBuffer(bytes);
  if (type === undefined || !isAccepted(type.mime)) {
    const what = describeFileType(type, bytes);
    throw new DomainError(
      'validation',
      `The file is ${what}; upload ${ACCEPTED_TYPES_TEXT} (the type is read from the content, not the name)`,
      [{ path: 'file', message: `the file is ${what}` }],
    );
  }
  return {
    mediaType: type.mime,
    family: type.mime === 'application/pdf' ? 'pdf' : 'image',
    label: ACCEPTED_DOCUMENT_TYPES[type.mime],
  };
}

const count = (n: number) => n.toLocaleString('en-US');

function millions(n: number): string {
  const m = n / 1_000_000;
  return `${m >= 100 ? count(Math.round(m)) : Number(m.toPrecision(3))} million`;
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}

/**
 * Checks the pixel count from the image header against `maxPixels` before anything is decoded (a PNG
 * claiming 50,000 × 50,000 pixels is refused while still a few bytes); throws DomainError('validation').
 */
export async function measureImage(
  bytes: Uint8Array,
  sniffed: SniffedDocument,
  limits: { maxPixels: number; maxPages?: number },
): Promise<DocumentSize> {
  let meta: Metadata;
  try {
    // Header only: metadata() decodes no pixels, so no pixel limit is needed for it to be safe.
    meta = await sharp(bytes, { limitInputPixels: false, failOn: 'none' }).metadata();
  } catch (error) {
    throw new DomainError(
      'validation',
      `The file looks like ${sniffed.label} but its header cannot be read (${reason(error)}); it may be truncated or damaged`,
    );
  }
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height)
    throw new DomainError('validation', `The file looks like ${sniffed.label} but gives no image size`);
  const pixels = width * height;
  if (pixels > limits.maxPixels)
    throw new DomainError(
      'validation',
      `The image is ${count(width)} × ${count(height)} pixels (${millions(pixels)}); the limit is ${millions(limits.maxPixels)} pixels (GATECHECK_MAX_DOCUMENT_PIXELS)`,
      [{ path: 'file', message: `${count(width)} × ${count(height)} pixels is over the limit` }],
    );
  const pages = meta.pages ?? null;
  const maxPages = limits.maxPages ?? DOCUMENT_LIMITS.maxPages;
  if (pages !== null && pages > maxPages)
    throw new DomainError('validation', `The image has ${pages} pages; the limit is ${maxPages}`);
  return { width, height, pages: pages !== null && pages > 1 ? pages : null };
}

/** Opens a PDF with PDF.js (no eval) and checks its page count. */
export async function measurePdf(
  bytes: Uint8Array,
  limits: { maxPages?: number } = {},
): Promise<DocumentSize> {
  const { getDocumentProxy } = await import('unpdf');
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // PDF.js takes ownership of the buffer it is given, so it gets a copy.
    doc = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0 });
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    if (name === 'PasswordException')
      throw new DomainError('validation', 'The PDF is password-protected; upload it without a password');
    throw new DomainError(
      'validation',
      `The PDF cannot be read (${reason(error)}); it may be truncated or damaged`,
    );
  }
  try {
    const maxPages = limits.maxPages ?? DOCUMENT_LIMITS.maxPages;
    if (doc.numPages > maxPages)
      throw new DomainError('validation', `The PDF has ${doc.numPages} pages; the limit is ${maxPages}`);
    return { width: null, height: null, pages: doc.numPages };
  } finally {
    await doc.destroy();
  }
}

/** Pixels (images) or pages (PDF), within the limits; throws DomainError('validation') otherwise. */
export function measureDocument(
  bytes: Uint8Array,
  sniffed: SniffedDocument,
  limits: { maxPixels: number; maxPages?: number },
): Promise<DocumentSize> {
  return sniffed.family === 'pdf' ? measurePdf(bytes, limits) : measureImage(bytes, sniffed, limits);
}
