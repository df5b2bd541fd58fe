// Image metadata flattened to the keys the bundle and the documents.edited detector use. EXIF (IFD0, EXIF,
// and their OffsetTime* tags), IPTC and the ICC profile's description come from exifr; XMP from the packet
// sharp found (it also reads PNG zTXt/iTXt) or from the bytes; PNG text chunks from sharp; C2PA content
// credentials and the IPTC "trainedAlgorithmicMedia" source type from a byte search.
//
// exifr gets the bytes already in memory (`chunked: false`, nothing else is read), no multi-segment
// reading, no maker notes or thumbnails, values neither revived nor translated (dates stay as written, so
// the offset tags can be applied to them). Its own errors are collected, never thrown.
import exifr from 'exifr';
import type { Metadata } from 'sharp';
import { parseMetaDate } from '../../../core/detectors/documents/edited.ts';
import type { ForensicFormat } from './format.ts';
import { findXmpPacket, MAX_XMP_CHARS, readXmp } from './xmp.ts';

export type FlatMetadata = Record<string, string | number | boolean>;

type Block = Record<string, unknown>;

const str = (v: unknown): string | undefined => {
  if (typeof v === 'string') {
    const t = v.replace(/\0+$/g, '').trim();
    return t === '' ? undefined : t.slice(0, 300);
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
};

/** An EXIF date "2026:02:23 17:55:02" with its OffsetTime* tag as ISO 8601 (offset kept when known). */
export function exifDate(value: unknown, offset: unknown): string | undefined {
  const text = str(value);
  if (!text) return undefined;
  const off = str(offset);
  const withOffset = off && /^[+-]\d{2}:\d{2}$/.test(off) ? `${text}${off}` : text;
  return parseMetaDate(withOffset)?.iso;
}

/** "Exif\0\0" + TIFF → TIFF. */
function exifTiff(exif: Buffer): Uint8Array {
  return exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
}

async function parseExif(input: Uint8Array, format: ForensicFormat): Promise<Block> {
  const onFile = format === 'jpeg' || format === 'png' || format === 'tiff';
  try {
    const out = (await exifr.parse(Buffer.from(input.buffer, input.byteOffset, input.byteLength), {
      tiff: true,
      ifd0: {},
      exif: true,
      gps: false,
      interop: false,
      ifd1: false,
      makerNote: false,
      userComment: false,
      xmp: false,
      iptc: onFile && format === 'jpeg',
      icc: onFile ? { pick: ['ProfileDescription', 'ProfileCreator'] } : false,
      jfif: false,
      ihdr: false,
      reviveValues: false,
      translateValues: false,
      mergeOutput: false,
      sanitize: true,
      silentErrors: true,
      chunked: false,
      multiSegment: false,
    } as Parameters<typeof exifr.parse>[1])) as Block | undefined;
    return out ?? {};
  } catch {
    return {}; // not a file exifr understands: no EXIF
  }
}

const AI_TEXT_KEYS = new Set([
  'parameters',
  'prompt',
  'workflow',
  'sd-metadata',
  'invokeai_metadata',
  'dream',
]);

/** The C2PA claim generator names in a JUMBF manifest (CBOR text after "claim_generator" or its info "name"). */
export function c2paGenerators(bytes: Uint8Array): string[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.indexOf('c2pa') < 0 || buf.indexOf('jumb') < 0) return [];
  const names = new Set<string>();
  let at = 0;
  for (let n = 0; n < 16; n++) {
    at = buf.indexOf('claim_generator', at);
    if (at < 0) break;
    at += 'claim_generator'.length;
    // claim_generator (v1): the next CBOR item is the text. claim_generator_info (v2): a map with "name".
    const text = cborText(buf, at) ?? cborText(buf, findCborKey(buf, at, 'name'));
    if (text) names.add(text);
  }
  return [...names];
}

function findCborKey(buf: Buffer, from: number, key: string): number {
  const header = Buffer.from([0x60 + key.length, ...Buffer.from(key, 'latin1')]);
  const at = buf.indexOf(header, from);
  return at < 0 || at - from > 256 ? -1 : at + header.length;
}

function cborText(buf: Buffer, at: number): string | undefined {
  if (at < 0 || at >= buf.length) return undefined;
  const h = buf[at]!;
  let len: number;
  let start: number;
  if (h >= 0x60 && h <= 0x77) {
    len = h - 0x60;
    start = at + 1;
  } else if (h === 0x78 && at + 1 < buf.length) {
    len = buf[at + 1]!;
    start = at + 2;
  } else if (h === 0x79 && at + 2 < buf.length) {
    len = buf.readUInt16BE(at + 1);
    start = at + 3;
  } else return undefined;
  if (len === 0 || len > 300 || start + len > buf.length) return undefined;
  const text = buf.toString('utf8', start, start + len).trim();
  return /^[\p{L}\p{N} ._/()+:,-]+$/u.test(text) ? text : undefined;
}

function digitalSourceTypeIn(bytes: Uint8Array): string | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const t of ['compositeWithTrainedAlgorithmicMedia', 'trainedAlgorithmicMedia']) {
    if (buf.indexOf(t) >= 0) return `http://cv.iptc.org/newscodes/digitalsourcetype/${t}`;
  }
  return undefined;
}

export type ImageMetadata = {
  metadata: FlatMetadata;
  /** Make, model or a capture date is present (a camera or phone wrote it). */
  captureData: boolean;
};

/** The flat metadata of an image, from its bytes and the header sharp already read. */
export async function readImageMetadata(
  bytes: Uint8Array,
  format: ForensicFormat,
  header: Metadata,
): Promise<ImageMetadata> {
  const onFile = format === 'jpeg' || format === 'png' || format === 'tiff';
  const exifSource = onFile ? bytes : header.exif ? exifTiff(header.exif) : null;
  const parsed = exifSource ? await parseExif(exifSource, onFile ? format : 'tiff') : {};
  const ifd0 = (parsed.ifd0 ?? {}) as Block;
  const exif = (parsed.exif ?? {}) as Block;
  const iptc = (parsed.iptc ?? {}) as Block;
  const icc = (parsed.icc ?? {}) as Block;

  const xmpText = header.xmp
    ? header.xmp.subarray(0, MAX_XMP_CHARS).toString('utf8')
    : findXmpPacket(bytes.subarray(0, Math.min(bytes.length, 64 * 1024 * 1024)));
  const xmp = xmpText ? readXmp(xmpText) : { historySoftware: [], historyActions: [] };

  const m: FlatMetadata = {};
  const set = (key: string, value: string | number | boolean | undefined) => {
    if (value !== undefined && value !== '' && m[key] === undefined) m[key] = value;
  };
  set('format', format);
  set('width', header.width);
  set('height', header.height);
  set('make', str(ifd0.Make) ?? xmp.make);
  set('model', str(ifd0.Model) ?? xmp.model);
  set('software', str(ifd0.Software) ?? xmp.software);
  set('hostComputer', str(ifd0.HostComputer));
  set('creatorTool', xmp.creatorTool);
  set('producer', xmp.producer);
  if (xmp.historySoftware.length > 0) set('historySoftware', xmp.historySoftware.join('; '));
  if (xmp.historyActions.length > 0) set('historyActions', xmp.historyActions.join('; '));
  set(
    'dateTimeOriginal',
    pick(exifDate(exif.DateTimeOriginal, exif.OffsetTimeOriginal), xmp.dateTimeOriginal),
  );
  set('createDate', pick(exifDate(exif.CreateDate, exif.OffsetTimeDigitized), xmp.createDate));
  set('modifyDate', pick(exifDate(ifd0.ModifyDate, exif.OffsetTime), xmp.modifyDate));
  set('metadataDate', isoOf(xmp.metadataDate));
  const program = [str(iptc.OriginatingProgram), str(iptc.ProgramVersion)].filter(Boolean).join(' ');
  set('iptcProgram', program);
  set('iccProfile', str(icc.ProfileDescription));
  set('orientation', typeof header.orientation === 'number' ? header.orientation : undefined);

  for (const c of header.comments ?? []) {
    const key = c.keyword.toLowerCase();
    if (key === 'software') set('software', str(c.text));
    if (AI_TEXT_KEYS.has(key) && str(c.text)) set('aiParameters', c.keyword);
  }
  const generators = c2paGenerators(bytes);
  if (generators.length > 0) {
    set('c2pa', true);
    set('c2paGenerator', generators.join('; '));
  }
  set('digitalSourceType', xmp.digitalSourceType ?? digitalSourceTypeIn(bytes));

  const captureData = m.make !== undefined || m.model !== undefined || m.dateTimeOriginal !== undefined;
  return { metadata: m, captureData };
}

function isoOf(value: string | undefined): string | undefined {
  return value === undefined ? undefined : (parseMetaDate(value)?.iso ?? undefined);
}

/** The EXIF date, unless only the XMP one carries an offset (Photoshop writes both; XMP keeps the zone). */
function pick(exifIso: string | undefined, xmpValue: string | undefined): string | undefined {
  const xmpIso = isoOf(xmpValue);
  if (exifIso === undefined) return xmpIso;
  if (xmpIso === undefined) return exifIso;
  const e = parseMetaDate(exifIso);
  const x = parseMetaDate(xmpIso);
  return e?.offsetMinutes === null && x?.offsetMinutes !== null && e.wallMs === x?.wallMs ? xmpIso : exifIso;
}
