// Real document files for the forensics tests and benchmark, generated on the fly (nothing read from disk):
// an ID card photographed by a "phone" (JPEG with Make/Model/DateTimeOriginal/OffsetTime), the same photo
// re-saved by Photoshop (Software tag, a later ModifyDate in another time zone, XMP history), a PNG whose XMP
// names GIMP, a photo with a pasted-in region saved at another compression (for error-level analysis), PDFs
// made with pdf-lib (a scanner's producer, the same PDF with a hand-written incremental update, a PDF
// editor's producer) and hostile files. Pixels come from a seeded generator, so every run makes the same files.
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { seededRandom } from '../random.ts';

export type Raw = { data: Buffer; width: number; height: number };

const SANS = 'DejaVu Sans';

/** Smooth random texture (value noise): a coarse random grid, bilinearly interpolated. */
function valueNoise(width: number, height: number, cell: number, rnd: () => number): Float32Array {
  const gw = Math.ceil(width / cell) + 2;
  const gh = Math.ceil(height / cell) + 2;
  const grid = new Float32Array(gw * gh).map(() => rnd());
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = y / cell;
    const y0 = Math.floor(gy);
    const fy = gy - y0;
    for (let x = 0; x < width; x++) {
      const gx = x / cell;
      const x0 = Math.floor(gx);
      const fx = gx - x0;
      const a = grid[y0 * gw + x0]!;
      const b = grid[y0 * gw + x0 + 1]!;
      const c = grid[(y0 + 1) * gw + x0]!;
      const d = grid[(y0 + 1) * gw + x0 + 1]!;
      out[y * width + x] = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }
  }
  return out;
}

/** A photo-like picture (a face-ish blob on a textured background) as raw RGB. */
export function photoRaw(width: number, height: number, seed: number): Raw {
  const rnd = seededRandom(seed);
  const coarse = valueNoise(width, height, Math.max(8, width / 6), rnd);
  const fine = valueNoise(width, height, 3, rnd);
  const hue = [rnd(), rnd(), rnd()];
  const data = Buffer.alloc(width * height * 3);
  const cx = width / 2;
  const cy = height * 0.42;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const inFace = ((x - cx) / (width * 0.26)) ** 2 + ((y - cy) / (height * 0.3)) ** 2 < 1;
      const shoulders = y > height * 0.72 && Math.abs(x - cx) < width * 0.42;
      const base = inFace
        ? [196, 152, 122]
        : shoulders
          ? [52, 60, 84]
          : [150 + 60 * hue[0]!, 160, 170 + 40 * hue[2]!];
      const light = 0.75 + 0.35 * coarse[i]! + 0.12 * (fine[i]! - 0.5);
      for (let c = 0; c < 3; c++) data[i * 3 + c] = Math.max(0, Math.min(255, base[c]! * light));
    }
  }
  return { data, width, height };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export type CardPerson = {
  surname: string;
  givenNames: string;
  number: string;
  birth: string;
  expiry: string;
};

export const PERSON_A: CardPerson = {
  surname: 'OKONKWO',
  givenNames: 'ADAEZE GRACE',
  number: 'X52G81B07',
  birth: '28.02.1991',
  expiry: '15.06.2033',
};

export const PERSON_B: CardPerson = {
  surname: 'LINDQVIST',
  givenNames: 'JOHAN ERIK',
  number: 'K7704Q2M1',
  birth: '03.11.1987',
  expiry: '09.01.2031',
};

/**
 * An ID card as raw RGB: security print (its phase from `seed`: one design per seed), header, photo (its
 * own seed, by default derived from `seed`), printed fields.
 */
export async function cardRaw(
  person: CardPerson,
  seed: number,
  width = 1280,
  photoSeed = seed * 7 + 1,
): Promise<Raw> {
  const height = Math.round(width * 0.63);
  const s = width / 85.6;
  const mm = (v: number) => (v * s).toFixed(1);
  const parts: string[] = [`<rect width="${width}" height="${height}" rx="${mm(3)}" fill="#eef2f6"/>`];
  for (let k = 0; k < 22; k++) {
    const y0 = (k / 22) * 54;
    let d = `M 0 ${mm(y0)}`;
    for (let x = 0; x <= 86; x += 2) d += ` L ${mm(x)} ${mm(y0 + 1.6 * Math.sin(x / 5 + k + seed))}`;
    parts.push(`<path d="${d}" stroke="#c6d3e4" stroke-width="${(0.15 * s).toFixed(2)}" fill="none"/>`);
  }
  parts.push(`<rect x="0" y="0" width="${width}" height="${mm(8)}" fill="#274b7a"/>`);
  parts.push(
    `<text x="${mm(4)}" y="${mm(5.6)}" font-family="${SANS}" font-weight="bold" font-size="${mm(3.4)}" fill="#fff">IDENTITY CARD · UTOPIA</text>`,
  );
  const fields: [string, string][] = [
    ['Surname', person.surname],
    ['Given names', person.givenNames],
    ['Date of birth', person.birth],
    ['Date of expiry', person.expiry],
    ['Document no.', person.number],
  ];
  fields.forEach(([label, value], i) => {
    const y = 13 + i * 7.4;
    parts.push(
      `<text x="${mm(33)}" y="${mm(y)}" font-family="${SANS}" font-size="${mm(1.7)}" fill="#4a5a70">${esc(label)}</text>`,
    );
    parts.push(
      `<text x="${mm(33)}" y="${mm(y + 3.4)}" font-family="${SANS}" font-weight="bold" font-size="${mm(2.9)}" fill="#15202e">${esc(value)}</text>`,
    );
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
  const photoW = Math.round(24 * s);
  const photoH = Math.round(31 * s);
  const photo = photoRaw(photoW, photoH, photoSeed);
  const { data, info } = await sharp(Buffer.from(svg))
    .flatten({ background: '#ffffff' })
    .composite([
      {
        input: photo.data,
        raw: { width: photoW, height: photoH, channels: 3 },
        left: Math.round(4 * s),
        top: Math.round(11 * s),
      },
    ])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * The card as a phone camera sees it: on a textured desk, a little uneven light and sensor noise.
 * `width` is the photo's width; the card fills about 80% of it.
 */
export async function capturedRaw(person: CardPerson, seed: number, width = 1600): Promise<Raw> {
  const height = Math.round(width * 0.75);
  const card = await cardRaw(person, seed, Math.round(width * 0.8));
  const rnd = seededRandom(seed * 31 + 5);
  const desk = valueNoise(width, height, 40, rnd);
  const light = valueNoise(width, height, width / 2, rnd);
  const data = Buffer.alloc(width * height * 3);
  const left = Math.round((width - card.width) / 2);
  const top = Math.round((height - card.height) / 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const cxp = x - left;
      const cyp = y - top;
      const onCard = cxp >= 0 && cyp >= 0 && cxp < card.width && cyp < card.height;
      const shade = 0.86 + 0.2 * light[i]!;
      for (let c = 0; c < 3; c++) {
        const base = onCard
          ? card.data[(cyp * card.width + cxp) * 3 + c]!
          : [112, 84, 62][c]! * (0.8 + 0.4 * desk[i]!);
        // Sensor noise: a sum of three uniforms (near-Gaussian), sigma about 3 levels.
        const noise = (rnd() + rnd() + rnd() - 1.5) * 6;
        data[i * 3 + c] = Math.max(0, Math.min(255, Math.round(base * shade + noise)));
      }
    }
  }
  return { data, width, height };
}

const jpegOf = (raw: Raw, quality: number) =>
  sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } }).jpeg({ quality });

/** The honest upload: a phone photo with its capture data (Apple iPhone, iOS 17.1, Edmonton in January). */
export async function cameraJpeg(raw?: Raw): Promise<Buffer> {
  const r = raw ?? (await capturedRaw(PERSON_A, 1));
  return jpegOf(r, 92)
    .withExif({
      IFD0: { Make: 'Apple', Model: 'iPhone 14', Software: '17.1', DateTime: '2026:01:10 14:03:12' },
      IFD2: {
        DateTimeOriginal: '2026:01:10 14:03:12',
        DateTimeDigitized: '2026:01:10 14:03:12',
        OffsetTime: '-07:00',
        OffsetTimeOriginal: '-07:00',
        OffsetTimeDigitized: '-07:00',
      },
    })
    .toBuffer();
}

/** An XMP packet as Photoshop writes it (attributes and a history sequence). */
export function photoshopXmp(modifyDate = '2026-02-23T17:55:02+08:00'): string {
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 9.1-c002">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmp:CreatorTool="Adobe Photoshop 26.1 (Windows)" xmp:CreateDate="2026-01-10T14:03:12-07:00"
    xmp:ModifyDate="${modifyDate}" xmp:MetadataDate="${modifyDate}" photoshop:ColorMode="3">
   <xmpMM:History>
    <rdf:Seq>
     <rdf:li stEvt:action="saved" stEvt:when="${modifyDate}" stEvt:softwareAgent="Adobe Photoshop 26.1 (Windows)" stEvt:changed="/"/>
    </rdf:Seq>
   </xmpMM:History>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** The same photo opened and saved again in Photoshop, in UTC+08:00, six weeks later. */
export async function photoshopJpeg(raw?: Raw): Promise<Buffer> {
  const r = raw ?? (await capturedRaw(PERSON_A, 1));
  const decoded = await sharp(await jpegOf(r, 92).toBuffer())
    .raw()
    .toBuffer({ resolveWithObject: true });
  return sharp(decoded.data, { raw: { width: decoded.info.width, height: decoded.info.height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: {
        Make: 'Apple',
        Model: 'iPhone 14',
        Software: 'Adobe Photoshop 26.1 (Windows)',
        DateTime: '2026:02:23 17:55:02',
      },
      IFD2: { DateTimeOriginal: '2026:01:10 14:03:12', OffsetTimeOriginal: '-07:00', OffsetTime: '+08:00' },
    })
    .withXmp(photoshopXmp())
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Inserts chunks right after IHDR. */
export function withPngChunks(png: Buffer, chunks: Buffer[]): Buffer {
  const afterIhdr = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([png.subarray(0, afterIhdr), ...chunks, png.subarray(afterIhdr)]);
}

/** A PNG exported by GIMP: XMP in an uncompressed iTXt chunk naming GIMP as CreatorTool, plus its tEXt. */
export async function gimpPng(raw?: Raw): Promise<Buffer> {
  const r = raw ?? (await cardRaw(PERSON_A, 1, 800));
  const png = await sharp(r.data, { raw: { width: r.width, height: r.height, channels: 3 } })
    .png()
    .toBuffer();
  const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:GIMP="http://www.gimp.org/xmp/" GIMP:Platform="Linux" xmp:CreatorTool="GIMP 2.10"/></rdf:RDF></x:xmpmeta>`;
  const itxt = Buffer.concat([
    Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'),
    Buffer.from(xmp, 'utf8'),
  ]);
  return withPngChunks(png, [
    pngChunk('iTXt', itxt),
    pngChunk('tEXt', Buffer.from('Software\0GIMP 2.10.36', 'latin1')),
  ]);
}

/** A PNG with Stable Diffusion (AUTOMATIC1111) generation parameters in a tEXt chunk. */
export async function generatedPng(): Promise<Buffer> {
  const r = photoRaw(512, 512, 99);
  const png = await sharp(r.data, { raw: { width: 512, height: 512, channels: 3 } })
    .png()
    .toBuffer();
  const text =
    'parameters\0passport photo of a man, studio light\nSteps: 30, Sampler: DPM++ 2M, CFG scale: 7, Seed: 42';
  return withPngChunks(png, [pngChunk('tEXt', Buffer.from(text, 'latin1'))]);
}

/**
 * A doctored photo, made the way a forger splices: the captured card of person A was saved at quality 75
 * (an earlier save), then the surname field cut from another, never-compressed photo (person B's card,
 * same layout) was pasted over it and the whole saved again at quality 92. The pasted area went through one
 * compression, the rest through two, which error-level analysis shows. Returns the box pasted.
 */
export async function splicedJpeg(): Promise<{
  jpeg: Buffer;
  box: { left: number; top: number; width: number; height: number };
}> {
  const captured = await capturedRaw(PERSON_A, 1);
  const donor = await capturedRaw(PERSON_B, 1);
  const first = await sharp(await jpegOf(captured, 75).toBuffer())
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = first.info;
  // The surname field of the card (cardRaw/capturedRaw geometry).
  const cardW = Math.round(width * 0.8);
  const s = cardW / 85.6;
  const left = Math.round((width - cardW) / 2 + 32.5 * s);
  const top = Math.round((height - Math.round(cardW * 0.63)) / 2 + 13.6 * s);
  const box = { left, top, width: Math.round(40 * s), height: Math.round(4.6 * s) };
  const out = Buffer.from(first.data);
  for (let y = box.top; y < box.top + box.height; y++) {
    donor.data.copy(
      out,
      (y * width + box.left) * 3,
      (y * width + box.left) * 3,
      (y * width + box.left + box.width) * 3,
    );
  }
  const jpeg = await sharp(out, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
  return { jpeg, box };
}

/** Saved at `first`, decoded and saved again at `second` (double compression). */
export async function doubleCompressedJpeg(raw: Raw, first: number, second: number): Promise<Buffer> {
  const once = await sharp(await jpegOf(raw, first).toBuffer())
    .raw()
    .toBuffer({ resolveWithObject: true });
  return sharp(once.data, { raw: { width: once.info.width, height: once.info.height, channels: 3 } })
    .jpeg({ quality: second })
    .toBuffer();
}

/** Plain JPEG of raw pixels at a quality, without metadata. */
export function plainJpeg(raw: Raw, quality: number): Promise<Buffer> {
  return jpegOf(raw, quality).toBuffer();
}

/** A one-page PDF holding the card photo, as a scanner or an editor would write it. */
export async function buildPdf(options: {
  producer: string;
  creator?: string;
  created?: Date;
  modified?: Date;
  image?: Buffer;
  objectStreams?: boolean;
}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setProducer(options.producer);
  if (options.creator) pdf.setCreator(options.creator);
  pdf.setCreationDate(options.created ?? new Date('2026-01-12T15:20:00Z'));
  pdf.setModificationDate(options.modified ?? options.created ?? new Date('2026-01-12T15:20:00Z'));
  const page = pdf.addPage([595, 842]);
  // By default the page holds the camera photo of person A's card, scanned smaller: the same picture.
  const jpeg =
    options.image ??
    (await sharp(await cameraJpeg())
      .resize(800)
      .jpeg({ quality: 85 })
      .toBuffer());
  const img = await pdf.embedJpg(jpeg);
  page.drawImage(img, { x: 60, y: 400, width: 475, height: 356 });
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText('Scanned document', { x: 60, y: 380, size: 9, font });
  return pdf.save({ useObjectStreams: options.objectStreams ?? false });
}

/**
 * Appends an incremental update by hand, as an editor saving in place does: a new Info dictionary
 * (producer, modification date), a cross-reference section for it, a trailer pointing back (/Prev) at the
 * previous one, startxref and %%EOF. The original bytes stay untouched in front.
 */
export function appendIncrementalUpdate(
  pdf: Uint8Array,
  info: { producer: string; modified: string },
): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const size = Number(/\/Size\s+(\d+)/.exec(text.slice(text.lastIndexOf('trailer')))?.[1]);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(text.slice(text.lastIndexOf('trailer')))?.[1];
  if (!Number.isFinite(prev) || !Number.isFinite(size) || !root)
    throw new Error('not a PDF with a classic trailer');
  const head = text.endsWith('\n') ? '' : '\n';
  const objOffset = pdf.length + head.length;
  const obj = `${size} 0 obj\n<< /Producer (${info.producer}) /ModDate (${info.modified}) >>\nendobj\n`;
  const xrefOffset = objOffset + obj.length;
  const xref = `xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objOffset).padStart(10, '0')} 00000 n \n`;
  const trailer = `trailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(pdf), Buffer.from(head + obj + xref + trailer, 'latin1')]);
}

/** A tiny HEIC (8 × 8, HEVC-coded): sharp's prebuilt libvips reads its header but has no HEVC decoder. */
export const TINY_HEIC = Buffer.from(
  [
    'AAAAHGZ0eXBoZWljAAAAAG1pZjFoZWljbWlhZgAAAXxtZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAA',
    'AAAAAAAAAAAAACJpbG9jAAAAAERAAAEAAQAAAAABoAABAAAAAAAAACYAAAAjaWluZgAAAAAAAQAAABVpbmZlAgAA',
    'AAABAABodmMxAAAAAA5waXRtAAAAAAABAAAA/GlwcnAAAADcaXBjbwAAAHVodmNDAQNwAAAAAAAAAAAAHvAA/P34',
    '+AAADwNgAAEAGEABDAH//wNwAAADAJAAAAMAAAMAHroCQGEAAQApQgEBA3AAAAMAkAAAAwAAAwAeoCCBBZbqrprm',
    '4CGgwIAAAAyAAAADAIRiAAEABkQBwXPBiQAAABNjb2xybmNseAABAA0ABoAAAAAUaXNwZQAAAAAAAABAAAAAQAAA',
    'AChjbGFwAAAACAAAAAEAAAAIAAAAAf///8gAAAAC////yAAAAAIAAAAQcGl4aQAAAAADCAgIAAAAGGlwbWEAAAAA',
    'AAAAAQABBYECAwWEAAAALm1kYXQAAAAiKAGvBBITTOD46cJoP9Kn+SZV668n7asr40mfd7EYkqn/oA==',
  ].join(''),
  'base64',
);

/**
 * A scanner's TIFF, written by hand (sharp writes no EXIF into TIFF): 64 × 48 uncompressed RGB with the
 * baseline tags and Make, Model, Software and DateTime in IFD0, as a flatbed scanner's driver writes them.
 */
export function scannerTiff(): Buffer {
  const width = 64;
  const height = 48;
  const strings: [number, string][] = [
    [271, 'EPSON'],
    [272, 'Perfection V600'],
    [305, 'EPSON Scan 3.9.4.0'],
    [306, '2026:01:12 15:20:00'],
  ];
  const pixels = Buffer.from(photoRaw(width, height, 8).data);
  // Layout: header (8) | IFD | string data | bits-per-sample values | pixels.
  const shorts: [number, number][] = [
    [256, width],
    [257, height],
    [259, 1],
    [262, 2],
    [277, 3],
    [278, height],
    [284, 1],
  ];
  const count = shorts.length + strings.length + 3; // + BitsPerSample, StripOffsets, StripByteCounts
  const ifdSize = 2 + count * 12 + 4;
  let cursor = 8 + ifdSize;
  const stringAt = strings.map(([, v]) => {
    const at = cursor;
    cursor += v.length + 1 + ((v.length + 1) % 2);
    return at;
  });
  const bpsAt = cursor;
  cursor += 6;
  const pixelsAt = cursor;
  const out = Buffer.alloc(pixelsAt + pixels.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  type Entry = [tag: number, type: number, count: number, value: number];
  const entries: Entry[] = [
    ...shorts.map(([tag, v]): Entry => [tag, 3, 1, v]),
    ...strings.map(([tag, v], i): Entry => [tag, 2, v.length + 1, stringAt[i]!]),
    [258, 3, 3, bpsAt],
    [273, 4, 1, pixelsAt],
    [279, 4, 1, pixels.length],
  ];
  entries.sort((a, b) => a[0] - b[0]);
  out.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, n, value], i) => {
    const at = 10 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(n, at + 4);
    if (type === 3 && n === 1) out.writeUInt16LE(value, at + 8);
    else out.writeUInt32LE(value, at + 8);
  });
  out.writeUInt32LE(0, 10 + entries.length * 12);
  strings.forEach(([, v], i) => {
    out.write(`${v}\0`, stringAt[i]!, 'latin1');
  });
  for (let k = 0; k < 3; k++) out.writeUInt16LE(8, bpsAt + 2 * k);
  pixels.copy(out, pixelsAt);
  return out;
}

/** A PNG whose header claims `width` × `height` pixels with almost no data: a decompression bomb. */
export function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(0, 9);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(width + 1))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG whose SOF header claims 60,000 × 60,000 pixels (3.6 gigapixels). */
export async function hugeHeaderJpeg(): Promise<Buffer> {
  const jpeg = Buffer.from(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer(),
  );
  for (let i = 2; i + 9 < jpeg.length; ) {
    if (jpeg[i] !== 0xff) break;
    const marker = jpeg[i + 1]!;
    const len = jpeg.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2) {
      jpeg.writeUInt16BE(60000, i + 5);
      jpeg.writeUInt16BE(60000, i + 7);
      return jpeg;
    }
    i += 2 + len;
  }
  throw new Error('no SOF marker');
}
