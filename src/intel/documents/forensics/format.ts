// The file formats forensics reads, told from the bytes. The declared media type must agree when it names
// one of them (a PNG sent as image/jpeg is refused, naming both), so the caller's sniffing and ours match.
import { DomainError } from '../../../core/errors.ts';

export type ForensicFormat = 'jpeg' | 'png' | 'webp' | 'tiff' | 'heif' | 'pdf';

const NAMES: Record<ForensicFormat, string> = {
  jpeg: 'a JPEG image',
  png: 'a PNG image',
  webp: 'a WebP image',
  tiff: 'a TIFF image',
  heif: 'a HEIC/HEIF/AVIF image',
  pdf: 'a PDF document',
};

const MEDIA_TYPES: Record<string, ForensicFormat> = {
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/tiff': 'tiff',
  'image/heic': 'heif',
  'image/heif': 'heif',
  'image/heic-sequence': 'heif',
  'image/heif-sequence': 'heif',
  'image/avif': 'heif',
  'application/pdf': 'pdf',
};

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

const ascii = (b: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...b.subarray(start, Math.min(end, b.length)));

/** The format of the bytes, or null when they are none of the formats forensics reads. */
export function sniffForensicFormat(b: Uint8Array): ForensicFormat | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  if (b.length >= 4 && (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*')) return 'tiff';
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(b, 8, 12))) return 'heif';
  if (ascii(b, 0, 1024).includes('%PDF-')) return 'pdf';
  return null;
}

/** The format to read, checked against the declared media type; DomainError('validation') when unreadable. */
export function resolveFormat(bytes: Uint8Array, mediaType: string): ForensicFormat {
  const declared = MEDIA_TYPES[mediaType.split(';')[0]!.trim().toLowerCase()];
  const sniffed = sniffForensicFormat(bytes);
  if (sniffed === null) {
    throw new DomainError(
      'validation',
      bytes.length === 0
        ? 'The file is empty'
        : 'The file is not a JPEG, PNG, WebP, TIFF, HEIC/HEIF/AVIF image or a PDF (checked from its content)',
      [{ path: 'file', message: 'unknown or unsupported format' }],
    );
  }
  if (declared !== undefined && declared !== sniffed) {
    throw new DomainError('validation', `The file is ${NAMES[sniffed]}, not ${mediaType} as declared`, [
      { path: 'mediaType', message: `content is ${NAMES[sniffed]}` },
    ]);
  }
  return sniffed;
}
