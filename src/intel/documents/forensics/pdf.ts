// PDF forensics: the document information dictionary and XMP (PDF.js via unpdf: Producer, Creator, dates,
// CreatorTool, the editing history), incremental saves counted in the raw bytes, producers of earlier
// revisions still in the file, and the first image of the first page (for the perceptual hash).
//
// An incremental save appends the changed objects, a new cross-reference section, a trailer pointing back
// at the previous one and a new startxref … %%EOF to the untouched original: each revision ends with its own
// startxref. A linearised ("fast web view") file has two by design, which are not counted as a save.
import { parseMetaDate } from '../../../core/detectors/documents/edited.ts';
import { DomainError } from '../../../core/errors.ts';
import type { FlatMetadata } from './image-metadata.ts';
import { readXmp } from './xmp.ts';

export type PdfImage = { data: Uint8Array; width: number; height: number; channels: 1 | 3 | 4 };

export type PdfForensics = {
  metadata: FlatMetadata;
  firstImage: PdfImage | null;
};

/** Revisions: each `startxref <offset> %%EOF` ending. */
export function countRevisions(bytes: Uint8Array): { revisions: number; linearized: boolean; eof: number } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let revisions = 0;
  let eof = 0;
  for (let at = buf.indexOf('%%EOF'); at >= 0; at = buf.indexOf('%%EOF', at + 5)) eof++;
  for (let at = buf.indexOf('startxref'); at >= 0; at = buf.indexOf('startxref', at + 9)) {
    const tail = buf.toString('latin1', at + 9, Math.min(buf.length, at + 48));
    if (/^\s+\d+\s+%%EOF/.test(tail)) revisions++;
  }
  const linearized = /\/Linearized\b/.test(buf.toString('latin1', 0, Math.min(buf.length, 2048)));
  return { revisions, linearized, eof };
}

/** A PDF literal string's bytes starting after "(" (escapes and balanced parentheses), or null. */
function literalString(text: string, start: number): string | null {
  let depth = 1;
  let out = '';
  for (let i = start; i < text.length && i < start + 1000; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const n = text[i + 1] ?? '';
      const map: Record<string, string> = {
        n: '\n',
        r: '\r',
        t: '\t',
        b: '\b',
        f: '\f',
        '(': '(',
        ')': ')',
        '\\': '\\',
      };
      if (/[0-7]/.test(n)) {
        const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4))![0];
        out += String.fromCharCode(Number.parseInt(oct, 8));
        i += oct.length;
      } else {
        out += map[n] ?? n;
        i++;
      }
      continue;
    }
    if (c === '(') depth++;
    if (c === ')' && --depth === 0) return out;
    out += c;
  }
  return null;
}

/** PDF text string bytes (latin1 here) → text: UTF-16BE with a BOM, else PDFDocEncoding ≈ Latin-1. */
function pdfText(raw: string): string {
  if (raw.startsWith('\xfe\xff')) return Buffer.from(raw.slice(2), 'latin1').swap16().toString('utf16le');
  if (raw.startsWith('\xef\xbb\xbf')) return Buffer.from(raw.slice(3), 'latin1').toString('utf8');
  return raw;
}

/** Every /Producer value written in plain (uncompressed) objects, in file order, without repeats. */
export function rawProducers(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const found: string[] = [];
  const re = /\/Producer\s*(\(|<([0-9a-fA-F\s]{0,800})>)/g;
  for (const m of text.matchAll(re)) {
    let value: string | null = null;
    if (m[1] === '(') value = literalString(text, (m.index ?? 0) + m[0].length);
    else if (m[2] !== undefined) value = Buffer.from(m[2].replace(/\s/g, ''), 'hex').toString('latin1');
    if (value === null) continue;
    const clean = pdfText(value).replace(/\0/g, '').trim();
    if (clean !== '' && !found.includes(clean)) found.push(clean);
    if (found.length >= 10) break;
  }
  return found;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.replace(/\0/g, '').trim().slice(0, 300) : undefined;

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}

type Info = Record<string, unknown>;
type XmpHolder = { getRaw?: () => unknown } | null | undefined;

/** Reads a PDF; DomainError('validation') when it is truncated, damaged, encrypted with a password or over limits. */
export async function readPdf(
  bytes: Uint8Array,
  options: { maxPixels: number; maxPages: number },
): Promise<PdfForensics> {
  const { revisions, linearized, eof } = countRevisions(bytes);
  if (eof === 0) {
    throw new DomainError('validation', 'The PDF is truncated: it has no end-of-file marker (%%EOF)', [
      { path: 'file', message: 'truncated PDF' },
    ]);
  }
  const { getDocumentProxy, extractImages } = await import('unpdf');
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // PDF.js takes ownership of the buffer it is given, so it gets a copy. No scripts, no fonts loaded.
    doc = await getDocumentProxy(new Uint8Array(bytes), {
      isEvalSupported: false,
      verbosity: 0,
      maxImageSize: options.maxPixels,
      disableFontFace: true,
      useSystemFonts: false,
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    throw new DomainError(
      'validation',
      name === 'PasswordException'
        ? 'The PDF is protected with a password: send it without the password'
        : `The PDF cannot be read (${reason(error)}); it may be truncated or damaged`,
      [{ path: 'file', message: name === 'PasswordException' ? 'password-protected PDF' : 'unreadable PDF' }],
    );
  }
  try {
    if (doc.numPages > options.maxPages) {
      throw new DomainError(
        'validation',
        `The PDF has ${doc.numPages} pages; the limit is ${options.maxPages}`,
        [{ path: 'file', message: 'too many pages' }],
      );
    }
    const meta = (await doc.getMetadata()) as unknown as { info?: Info; metadata?: XmpHolder };
    const info = meta.info ?? {};
    const rawXmp = meta.metadata?.getRaw?.();
    const xmp = typeof rawXmp === 'string' ? readXmp(rawXmp) : { historySoftware: [], historyActions: [] };
    const m: FlatMetadata = {};
    const set = (key: string, value: string | number | boolean | undefined) => {
      if (value !== undefined && value !== '' && m[key] === undefined) m[key] = value;
    };
    const iso = (v: unknown) => (typeof v === 'string' ? parseMetaDate(v)?.iso : undefined);
    set('format', 'pdf');
    set('pdfVersion', str(info.PDFFormatVersion));
    set('pages', doc.numPages);
    const producer = str(info.Producer) ?? xmp.producer;
    set('producer', producer);
    set('creator', str(info.Creator));
    set('creatorTool', xmp.creatorTool);
    if (xmp.historySoftware.length > 0) set('historySoftware', xmp.historySoftware.join('; '));
    if (xmp.historyActions.length > 0) set('historyActions', xmp.historyActions.join('; '));
    set('createDate', iso(info.CreationDate) ?? iso(xmp.createDate));
    set('modifyDate', iso(info.ModDate) ?? iso(xmp.modifyDate));
    set('metadataDate', iso(xmp.metadataDate));
    set('digitalSourceType', xmp.digitalSourceType);
    set('incrementalSaves', Math.max(0, revisions - 1 - (linearized ? 1 : 0)));
    set('linearized', linearized);
    const earlier = rawProducers(bytes).filter((p) => p !== producer);
    if (earlier.length > 0) set('earlierProducers', earlier.join('; '));
    if (info.IsSignaturesPresent === true) set('signed', true);
    return { metadata: m, firstImage: await firstImage(doc, extractImages) };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(
      'validation',
      `The PDF cannot be read (${reason(error)}); it may be truncated or damaged`,
      [{ path: 'file', message: 'unreadable PDF' }],
    );
  } finally {
    await doc.destroy();
  }
}

type Extract = (
  doc: never,
  page: number,
) => Promise<{ data: Uint8ClampedArray; width: number; height: number; channels: number }[]>;

/** The first image painted on page 1 (decoded by PDF.js within maxImageSize), or null. */
async function firstImage(doc: unknown, extract: unknown): Promise<PdfImage | null> {
  let images: Awaited<ReturnType<Extract>>;
  try {
    images = await (extract as Extract)(doc as never, 1);
  } catch {
    return null; // an image PDF.js cannot decode leaves the hash empty, the metadata stands
  }
  const img = images.find((i: { width: number; height: number }) => i.width >= 16 && i.height >= 16);
  if (!img || (img.channels !== 1 && img.channels !== 3 && img.channels !== 4)) return null;
  return {
    data: new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength),
    width: img.width,
    height: img.height,
    channels: img.channels,
  };
}
