// A few XMP properties read from the packet text: the tool that made the file, its dates, camera make and
// model, the PDF producer, the editing history's software agents and the IPTC digital source type (AI).
// Properties may be attributes (xmp:CreatorTool="…") or elements (<xmp:CreatorTool>…</xmp:CreatorTool>), under
// any prefix (old files use xap:). No XML parser and no entity expansion: only the five XML entities and
// character references are decoded, the packet is cut at MAX_XMP_CHARS, and every pattern is linear.

export const MAX_XMP_CHARS = 1_000_000;

export type XmpFields = {
  creatorTool?: string;
  createDate?: string;
  modifyDate?: string;
  metadataDate?: string;
  dateTimeOriginal?: string;
  make?: string;
  model?: string;
  software?: string;
  producer?: string;
  digitalSourceType?: string;
  /** stEvt:softwareAgent of every history event, in order, without repeats. */
  historySoftware: string[];
  /** stEvt:action values (created, saved, converted, derived, …) without repeats. */
  historyActions: string[];
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/gi, (whole, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    const code = k.startsWith('#x') ? Number.parseInt(k.slice(2), 16) : Number.parseInt(k.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const clean = (s: string) => decodeEntities(s).replace(/\s+/g, ' ').trim();

/** Every value of a property by local name (attribute or simple element, or the first rdf:li inside it). */
function values(xml: string, local: string): string[] {
  const out: string[] = [];
  const attr = new RegExp(`[\\w.-]+:${local}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
  for (const m of xml.matchAll(attr)) out.push(clean(m[1] ?? m[2] ?? ''));
  const element = new RegExp(`<([\\w.-]+:${local})(?:\\s[^>]*)?>([^<]*)<`, 'g');
  for (const m of xml.matchAll(element)) {
    const text = clean(m[2] ?? '');
    if (text !== '') {
      out.push(text);
      continue;
    }
    // <dc:x><rdf:Alt><rdf:li>value</rdf:li>… — the first item.
    const rest = xml.slice((m.index ?? 0) + m[0].length - 1, (m.index ?? 0) + m[0].length + 2000);
    const li = /<rdf:li(?:\s[^>]*)?>([^<]*)</.exec(rest);
    if (li?.[1] !== undefined && clean(li[1]) !== '') out.push(clean(li[1]));
  }
  // rdf:resource="…" form, used for URIs such as the digital source type.
  const resource = new RegExp(`<[\\w.-]+:${local}\\s[^>]*rdf:resource\\s*=\\s*"([^"]*)"`, 'g');
  for (const m of xml.matchAll(resource)) out.push(clean(m[1] ?? ''));
  return out.filter((v) => v !== '');
}

const first = (xml: string, local: string) => values(xml, local)[0];

/** The XMP fields forensics uses; an empty history when there is none. */
export function readXmp(text: string): XmpFields {
  const xml = text.length > MAX_XMP_CHARS ? text.slice(0, MAX_XMP_CHARS) : text;
  const unique = (list: string[]) => [...new Set(list)];
  const fields: XmpFields = {
    creatorTool: first(xml, 'CreatorTool'),
    createDate: first(xml, 'CreateDate'),
    modifyDate: first(xml, 'ModifyDate'),
    metadataDate: first(xml, 'MetadataDate'),
    dateTimeOriginal: first(xml, 'DateTimeOriginal') ?? first(xml, 'DateCreated'),
    make: first(xml, 'Make'),
    model: first(xml, 'Model'),
    software: first(xml, 'Software'),
    producer: first(xml, 'Producer'),
    digitalSourceType: first(xml, 'DigitalSourceType'),
    historySoftware: unique(values(xml, 'softwareAgent')),
    historyActions: unique(values(xml, 'action')),
  };
  for (const key of Object.keys(fields) as (keyof XmpFields)[]) {
    if (fields[key] === undefined) delete fields[key];
  }
  return fields;
}

/** The XMP packet inside raw bytes (HEIC, or any file whose XMP the other readers missed), or null. */
export function findXmpPacket(bytes: Uint8Array): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = buf.indexOf('<x:xmpmeta');
  if (start < 0) return null;
  const end = buf.indexOf('</x:xmpmeta>', start);
  const stop =
    end < 0 ? Math.min(buf.length, start + MAX_XMP_CHARS) : Math.min(end + 12, start + MAX_XMP_CHARS);
  return buf.toString('utf8', start, stop);
}
