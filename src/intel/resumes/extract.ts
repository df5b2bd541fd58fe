// Text out of a resume file: PDF (unpdf's PDF.js build), DOCX (mammoth) or plain text/Markdown. The
// type is sniffed from the bytes, never the file name. Limits keep hostile files cheap: the file size,
// and for DOCX every zip entry is inflated here with a cap on its output before mammoth sees it, so a
// zip bomb (even one that lies about its sizes in the headers) stops at the cap.
import { inflateRawSync } from 'node:zlib';

export type ResumeFormat = 'pdf' | 'docx' | 'text';

export type ExtractedResume = {
  format: ResumeFormat;
  text: string;
  /** Embedded images (PDF image objects, DOCX word/media files): a photo is likely among them. */
  embeddedImages: number;
  pages: number | null;
};

export const RESUME_LIMITS = {
  maxFileBytes: 20 * 1024 * 1024,
  /** Any one zip entry once inflated. */
  maxEntryBytes: 32 * 1024 * 1024,
  /** All zip entries together once inflated. */
  maxTotalBytes: 64 * 1024 * 1024,
  maxEntries: 2000,
  maxPages: 50,
} as const;

/** A file that cannot be read as a resume; the message names what is wrong. */
export class ResumeFileError extends Error {
  override name = 'ResumeFileError';
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export function sniffResumeFormat(bytes: Uint8Array): ResumeFormat | 'zip' | 'unknown' {
  const head = Buffer.from(bytes.subarray(0, 1024));
  if (head.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return Buffer.from(bytes).includes('word/document.xml') ? 'docx' : 'zip';
  }
  if (looksLikeText(bytes)) return 'text';
  return 'unknown';
}

export async function extractResumeText(
  bytes: Uint8Array,
  limits: typeof RESUME_LIMITS = RESUME_LIMITS,
): Promise<ExtractedResume> {
  if (bytes.length === 0) throw new ResumeFileError('the file is empty');
  if (bytes.length > limits.maxFileBytes) {
    throw new ResumeFileError(`the file is ${mb(bytes.length)}; the limit is ${mb(limits.maxFileBytes)}`);
  }
  const format = sniffResumeFormat(bytes);
  switch (format) {
    case 'pdf':
      return extractPdf(bytes, limits);
    case 'docx':
      return extractDocx(bytes, limits);
    case 'text':
      return { format: 'text', text: decodeText(bytes), embeddedImages: 0, pages: null };
    case 'zip':
      throw new ResumeFileError('the file is a zip archive but not a Word document (no word/document.xml)');
    default:
      throw new ResumeFileError(
        'the file is not a PDF, a Word document (.docx) or text; old .doc files must be saved as .docx or PDF first',
      );
  }
}

async function extractPdf(bytes: Uint8Array, limits: typeof RESUME_LIMITS): Promise<ExtractedResume> {
  const { getDocumentProxy } = await import('unpdf');
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // PDF.js takes ownership of the buffer it is given, so it gets a copy.
    doc = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0 });
  } catch (error) {
    throw new ResumeFileError(`the PDF cannot be read (${pdfReason(error)}); it may be truncated or damaged`);
  }
  try {
    if (doc.numPages > limits.maxPages) {
      throw new ResumeFileError(`the PDF has ${doc.numPages} pages; the limit is ${limits.maxPages}`);
    }
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(pdfLines(content.items));
      page.cleanup();
    }
    return {
      format: 'pdf',
      text: pages.join('\n'),
      embeddedImages: countPdfImages(bytes),
      pages: doc.numPages,
    };
  } catch (error) {
    if (error instanceof ResumeFileError) throw error;
    throw new ResumeFileError(`the PDF cannot be read (${pdfReason(error)}); it may be truncated or damaged`);
  } finally {
    await doc.destroy();
  }
}

function pdfReason(error: unknown): string {
  return error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
}

type PdfItem = { str?: string; hasEOL?: boolean; transform?: number[] };

/** Joins PDF.js text items into lines: a new line at an end-of-line mark or when the baseline moves. */
function pdfLines(items: readonly unknown[]): string {
  let out = '';
  let lastY: number | null = null;
  for (const raw of items) {
    const item = raw as PdfItem;
    if (typeof item.str !== 'string') continue;
    const y = item.transform?.[5] ?? null;
    if (lastY !== null && y !== null && Math.abs(y - lastY) > 2 && !out.endsWith('\n')) out += '\n';
    out += item.str;
    if (item.hasEOL === true) out += '\n';
    if (y !== null) lastY = y;
  }
  return out;
}

/** Image XObjects are streams, and streams never sit inside object streams: their dictionaries are plain. */
function countPdfImages(bytes: Uint8Array): number {
  const latin = Buffer.from(bytes).toString('latin1');
  return latin.match(/\/Subtype\s*\/Image\b/g)?.length ?? 0;
}

type ZipEntryInfo = { name: string; method: number; compressedSize: number; localOffset: number };

async function extractDocx(bytes: Uint8Array, limits: typeof RESUME_LIMITS): Promise<ExtractedResume> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readZipDirectory(buffer, limits);
  let total = 0;
  for (const entry of entries) total += inflatedSize(buffer, entry, limits, total);
  const mammoth = (await import('mammoth')).default;
  let text: string;
  try {
    text = (await mammoth.extractRawText({ buffer })).value;
  } catch (error) {
    throw new ResumeFileError(
      `the Word document cannot be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const embeddedImages = entries.filter((e) =>
    /^word\/media\/.+\.(png|jpe?g|gif|bmp|tiff?|webp|emf|wmf|heic)$/i.test(e.name),
  ).length;
  return { format: 'docx', text: text.replace(/\n{2,}/g, '\n'), embeddedImages, pages: null };
}

function readZipDirectory(buffer: Buffer, limits: typeof RESUME_LIMITS): ZipEntryInfo[] {
  const bad = (why: string) => new ResumeFileError(`the Word document is not a valid zip file (${why})`);
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > buffer.length) throw bad('no end of central directory; truncated?');
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  if (count > limits.maxEntries) {
    throw new ResumeFileError(
      `the Word document has ${count} zip entries; the limit is ${limits.maxEntries}`,
    );
  }
  const entries: ZipEntryInfo[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) {
      throw bad('a central directory entry is missing; truncated?');
    }
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    entries.push({
      name: buffer.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: buffer.readUInt16LE(offset + 10),
      compressedSize: buffer.readUInt32LE(offset + 20),
      localOffset: buffer.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates one entry with its output capped (whatever the headers claim) and returns its real size. */
function inflatedSize(
  buffer: Buffer,
  entry: ZipEntryInfo,
  limits: typeof RESUME_LIMITS,
  soFar: number,
): number {
  const at = entry.localOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== 0x04034b50) {
    throw new ResumeFileError(`the Word document is not a valid zip file (entry ${entry.name} is missing)`);
  }
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.length;
  if (entry.method !== 8) {
    throw new ResumeFileError(
      `the Word document uses an unsupported zip compression (method ${entry.method})`,
    );
  }
  const cap = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - soFar);
  try {
    return inflateRawSync(data, { maxOutputLength: cap + 1 }).length;
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ResumeFileError(
        `the Word document entry ${entry.name} inflates to more than ${mb(cap)} (the limit is ${mb(limits.maxEntryBytes)} per entry and ${mb(limits.maxTotalBytes)} in all); refusing a possible zip bomb`,
      );
    }
    throw new ResumeFileError(
      `the Word document entry ${entry.name} is damaged (${(error as Error).message})`,
    );
  }
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  if (sample[0] === 0xff && sample[1] === 0xfe) return true;
  if (sample[0] === 0xfe && sample[1] === 0xff) return true;
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control <= sample.length / 100;
}

/** UTF-8 (with or without BOM), UTF-16 with a BOM; invalid UTF-8 is read as Windows-1252. */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
