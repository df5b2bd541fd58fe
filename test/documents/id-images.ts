// Renders ID-like images for the MRZ OCR tests and benchmark: a passport data page (TD3), the back of an ID
// card (TD1) and a TD2 card, each with a pale security print, a photo, printed fields and the MRZ in a
// monospace font (DejaVu Sans Mono: fontconfig-config depends on fonts-dejavu-core, so the Debian image
// has it; renderIdImage checks and says so otherwise). MRZ lines are computed here with their check digits
// (ICAO 9303 7-3-1) or taken from the published specimens in /work/shared/datasets/mrz. Variants turn,
// skew, blur, wash out, re-compress or shrink the clean image the way phone photos and scans do.
import { existsSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

export const MRZ_FONT_FILE = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';
const MONO = 'DejaVu Sans Mono';
const SANS = 'DejaVu Sans';

export type IdFormat = 'TD1' | 'TD2' | 'TD3';

export type IdPerson = {
  documentCode: string;
  issuingState: string;
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationality: string;
  /** YYMMDD */
  birthDate: string;
  sex: 'M' | 'F' | '<';
  /** YYMMDD */
  expiry: string;
  optional?: string;
};

/** ICAO 9303 check digit (weights 7, 3, 1; A–Z = 10–35; `<` = 0). */
export function mrzCheckDigit(text: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '<';
    const v = /\d/.test(c) ? Number(c) : /[A-Z]/.test(c) ? c.charCodeAt(0) - 55 : 0;
    sum += v * (weights[i % 3] ?? 1);
  }
  return String(sum % 10);
}

const padField = (text: string, length: number) =>
  text
    .toUpperCase()
    .replace(/[^A-Z0-9<]/g, '<')
    .padEnd(length, '<')
    .slice(0, length);
const nameField = (p: IdPerson, length: number) =>
  padField(`${p.surname.replace(/[ -]/g, '<')}<<${p.givenNames.replace(/[ -]/g, '<')}`, length);

/** MRZ lines with valid check digits for a person in the given format. */
export function buildMrz(format: IdFormat, p: IdPerson): string[] {
  const code = padField(p.documentCode, 2);
  const number = padField(p.documentNumber, 9);
  const numberCd = mrzCheckDigit(number);
  const dob = `${p.birthDate}${mrzCheckDigit(p.birthDate)}`;
  const exp = `${p.expiry}${mrzCheckDigit(p.expiry)}`;
  if (format === 'TD3') {
    const personal = padField(p.optional ?? '', 14);
    const personalCd = /^<*$/.test(personal) ? '<' : mrzCheckDigit(personal);
    const head = `${number}${numberCd}${p.nationality}${dob}${p.sex}${exp}${personal}${personalCd}`;
    const composite = mrzCheckDigit(`${head.slice(0, 10)}${head.slice(13, 20)}${head.slice(21, 43)}`);
    return [`${code}${p.issuingState}${nameField(p, 39)}`, `${head}${composite}`];
  }
  if (format === 'TD2') {
    const optional = padField(p.optional ?? '', 7);
    const head = `${number}${numberCd}${p.nationality}${dob}${p.sex}${exp}${optional}`;
    const composite = mrzCheckDigit(`${head.slice(0, 10)}${head.slice(13, 20)}${head.slice(21, 35)}`);
    return [`${code}${p.issuingState}${nameField(p, 31)}`, `${head}${composite}`];
  }
  const line1 = `${code}${p.issuingState}${number}${numberCd}${padField(p.optional ?? '', 15)}`;
  const line2head = `${dob}${p.sex}${exp}${p.nationality}${'<'.repeat(11)}`;
  const composite = mrzCheckDigit(
    `${line1.slice(5, 30)}${line2head.slice(0, 7)}${line2head.slice(8, 15)}${line2head.slice(18, 29)}`,
  );
  return [line1, `${line2head}${composite}`, nameField(p, 30)];
}

/** Millimetres of each format (ISO/IEC 7810 ID-1, ID-2, ID-3). */
const SIZE_MM: Record<IdFormat, [number, number]> = { TD1: [85.6, 54], TD2: [105, 74], TD3: [125, 88] };
const MRZ_LENGTH: Record<IdFormat, number> = { TD1: 30, TD2: 36, TD3: 44 };

export type Printed = { label: string; value: string }[];

export type IdImage = {
  png: Buffer;
  width: number;
  height: number;
  /** Where the MRZ text was drawn (pixels; null when drawn without an MRZ). */
  mrzBox: { left: number; top: number; width: number; height: number } | null;
  lines: string[];
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Printed fields of a person (YYMMDD shown as DD.MM.YY, as many cards print them); `short` for ID-1 cards. */
export function printedFromPerson(p: IdPerson, short = false): Printed {
  const date = (d: string) => `${d.slice(4, 6)}.${d.slice(2, 4)}.${d.slice(0, 2)}`;
  const fields: Printed = [
    { label: short ? 'Surname' : 'Surname / Nom', value: p.surname },
    { label: short ? 'Given names' : 'Given names / Prénoms', value: p.givenNames },
    { label: short ? 'Date of birth' : 'Date of birth / Date de naissance', value: date(p.birthDate) },
    { label: short ? 'Sex' : 'Sex / Sexe', value: p.sex === '<' ? 'X' : p.sex },
    { label: short ? 'Date of expiry' : 'Date of expiry / Date d’expiration', value: date(p.expiry) },
    { label: short ? 'Document no.' : 'Document no. / No du document', value: p.documentNumber },
  ];
  if (!short) fields.splice(2, 0, { label: 'Nationality / Nationalité', value: p.nationality });
  return fields;
}

/**
 * Renders one document image (PNG). `lines` is the MRZ to draw (omit `mrz` to draw none, for the negative
 * case); `width` is the image width in pixels, the height follows the format's aspect ratio.
 */
export async function renderIdImage(options: {
  format: IdFormat;
  lines: string[];
  printed: Printed;
  width?: number;
  mrz?: boolean;
  title?: string;
}): Promise<IdImage> {
  if (!existsSync(MRZ_FONT_FILE)) {
    throw new Error(
      `${MRZ_FONT_FILE} is missing: install fonts-dejavu-core (Debian) to render the MRZ test images`,
    );
  }
  const { format, lines } = options;
  const [wMm, hMm] = SIZE_MM[format];
  const width = options.width ?? (format === 'TD3' ? 1600 : 1300);
  const s = width / wMm; // pixels per millimetre
  const height = Math.round(hMm * s);
  const drawMrz = options.mrz !== false;
  const parts: string[] = [];
  const mm = (v: number) => (v * s).toFixed(1);
  // Card, a pale security print of crossing sine waves (guilloche-like) and a header band.
  parts.push(`<rect width="${width}" height="${height}" fill="#eef2f6"/>`);
  for (let k = 0; k < 26; k++) {
    const y0 = (k / 26) * hMm;
    let d = `M 0 ${mm(y0)}`;
    for (let x = 0; x <= wMm; x += 2) d += ` L ${mm(x)} ${mm(y0 + 2.2 * Math.sin(x / 6 + k))}`;
    parts.push(`<path d="${d}" stroke="#c9d6e6" stroke-width="${(0.18 * s).toFixed(2)}" fill="none"/>`);
  }
  parts.push(`<rect x="0" y="0" width="${width}" height="${mm(9)}" fill="#274b7a"/>`);
  parts.push(
    `<text x="${mm(5)}" y="${mm(6.3)}" font-family="${SANS}" font-weight="bold" font-size="${mm(4)}" fill="#ffffff">${esc(
      options.title ?? (format === 'TD3' ? 'PASSPORT  PASSEPORT  UTOPIA' : 'IDENTITY CARD  CARTE D’IDENTITÉ'),
    )}</text>`,
  );
  // Photo with a head-and-shoulders silhouette.
  const mrzLines = lines.length;
  const pitchMm = format === 'TD1' ? 4.6 : 5.2;
  const mrzTopMm = hMm - 3.5 - mrzLines * pitchMm;
  const photoW = format === 'TD1' ? 20 : 30;
  const photoH = Math.min(photoW * 1.28, mrzTopMm - 14);
  const px = 5;
  const py = 12;
  parts.push(
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#b9c4cf"/><stop offset="1" stop-color="#8d99a6"/></linearGradient></defs>`,
  );
  parts.push(
    `<rect x="${mm(px)}" y="${mm(py)}" width="${mm(photoW)}" height="${mm(photoH)}" fill="url(#bg)"/>`,
  );
  parts.push(
    `<ellipse cx="${mm(px + photoW / 2)}" cy="${mm(py + photoH * 0.38)}" rx="${mm(photoW * 0.2)}" ry="${mm(photoH * 0.2)}" fill="#5a4a42"/>`,
  );
  parts.push(
    `<path d="M ${mm(px + photoW * 0.12)} ${mm(py + photoH)} Q ${mm(px + photoW / 2)} ${mm(py + photoH * 0.5)} ${mm(px + photoW * 0.88)} ${mm(py + photoH)} Z" fill="#3b3f52"/>`,
  );
  // Printed fields in two columns to the right of the photo.
  const fx = px + photoW + 5;
  const small = format === 'TD1' ? 0.8 : 1;
  const rowMm = Math.min(7.2, (mrzTopMm - py - 2) / Math.ceil(options.printed.length / 2));
  options.printed.forEach((field, i) => {
    const col = i % 2;
    const row = Math.floor(i / 2);
    const x = fx + col * ((wMm - fx) / 2);
    const y = py + 2.2 + row * rowMm;
    parts.push(
      `<text x="${mm(x)}" y="${mm(y)}" font-family="${SANS}" font-size="${mm(1.8 * small)}" fill="#4a5a70">${esc(field.label)}</text>`,
    );
    parts.push(
      `<text x="${mm(x)}" y="${mm(y + 3.3 * small)}" font-family="${SANS}" font-weight="bold" font-size="${mm(2.9 * small)}" fill="#15202e">${esc(field.value)}</text>`,
    );
  });
  // The MRZ: monospace at 10 characters per inch (2.54 mm), centred, black on the card.
  let mrzBox: IdImage['mrzBox'] = null;
  if (drawMrz) {
    const pitch = 2.54 * (MRZ_LENGTH[format] === 44 ? 0.99 : 1);
    const fontMm = pitch / 0.602; // DejaVu Sans Mono advances 0.602 em
    const lineWidth = pitch * MRZ_LENGTH[format];
    const x0 = (wMm - lineWidth) / 2;
    const capMm = fontMm * 0.729;
    lines.forEach((line, i) => {
      const baseline = mrzTopMm + (i + 1) * pitchMm;
      parts.push(
        `<text x="${mm(x0)}" y="${mm(baseline)}" font-family="${MONO}" font-size="${mm(fontMm)}" fill="#111111">${esc(line)}</text>`,
      );
    });
    mrzBox = {
      left: Math.round(x0 * s),
      top: Math.round((mrzTopMm + pitchMm - capMm) * s),
      width: Math.round(lineWidth * s),
      height: Math.round(((lines.length - 1) * pitchMm + capMm) * s),
    };
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
  const png = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).png().toBuffer();
  return { png, width, height, mrzBox, lines };
}

export type Variant =
  | 'clean'
  | 'rotate90'
  | 'rotate180'
  | 'rotate270'
  | 'skew3'
  | 'blur'
  | 'lowContrast'
  | 'jpeg60'
  | 'small'
  | 'exif6'
  | 'phone';

/** The quarter turns (clockwise) that make a variant upright again, as the reader should report them. */
export const UPRIGHT_ROTATION: Record<Variant, 0 | 90 | 180 | 270> = {
  clean: 0,
  rotate90: 270,
  rotate180: 180,
  rotate270: 90,
  skew3: 0,
  blur: 0,
  lowContrast: 0,
  jpeg60: 0,
  small: 0,
  exif6: 0,
  phone: 0,
};

/**
 * A variant of a clean PNG: turned 90°/180°/270° clockwise, skewed 3° clockwise on a white scanner bed,
 * blurred (sigma 1.3), washed out (grey text on grey), re-compressed as JPEG quality 60, shrunk to 1000
 * px wide, stored turned with an EXIF orientation tag (6) that says how to show it upright, or photographed
 * (`phone`: see PHONE).
 */
export async function makeVariant(png: Buffer, variant: Variant): Promise<Buffer> {
  const img = sharp(png);
  switch (variant) {
    case 'clean':
      return png;
    case 'rotate90':
      return img.rotate(90).png().toBuffer();
    case 'rotate180':
      return img.rotate(180).png().toBuffer();
    case 'rotate270':
      return img.rotate(270).png().toBuffer();
    case 'skew3':
      return img.rotate(3, { background: '#ffffff' }).png().toBuffer();
    case 'blur':
      return img.blur(1.3).png().toBuffer();
    case 'lowContrast':
      // 0..255 → 150..201: dark grey print on a mid-grey card.
      return img.greyscale().linear(0.2, 150).png().toBuffer();
    case 'jpeg60':
      return img.jpeg({ quality: 60 }).toBuffer();
    case 'small':
      return img.resize({ width: 1000 }).png().toBuffer();
    case 'exif6': {
      // Pixels stored turned 90° anticlockwise; orientation 6 tells viewers to turn them 90° clockwise.
      const turned = await img.rotate(270).jpeg({ quality: 90 }).toBuffer();
      return sharp(turned).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer();
    }
    case 'phone':
      return phonePhoto(png);
  }
}

/** Where `phone` puts the document: 2600 px wide, turned 2° clockwise, at (700, 700) of a 4000 × 3000 photo. */
export const PHONE = { width: 4000, height: 3000, docWidth: 2600, degrees: 2, left: 700, top: 700 };

/**
 * A 12 MP phone photo of the document lying on a desk: brown wood with grain (darker stripes a few pixels
 * apart) and pixel noise, the document turned 2°, JPEG quality 85.
 */
async function phonePhoto(png: Buffer): Promise<Buffer> {
  const doc = await sharp(png)
    .resize({ width: PHONE.docWidth })
    .rotate(PHONE.degrees, { background: '#6b5a4a' })
    .toBuffer();
  const desk = Buffer.alloc(PHONE.width * PHONE.height * 3);
  for (let y = 0; y < PHONE.height; y++) {
    const grain = Math.round(18 * Math.sin(y / 1.1 + Math.sin(y / 40) * 3));
    for (let x = 0; x < PHONE.width; x++) {
      const i = (y * PHONE.width + x) * 3;
      const v = 100 + grain + ((x * 7919 + y * 104729) % 23);
      desk[i] = v;
      desk[i + 1] = v - 15;
      desk[i + 2] = v - 30;
    }
  }
  return sharp(desk, { raw: { width: PHONE.width, height: PHONE.height, channels: 3 } })
    .composite([{ input: doc, left: PHONE.left, top: PHONE.top }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** A PNG whose header claims `width` × `height` pixels but whose data is a few bytes: a decompression bomb. */
export function pngBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(width + 1))), // one row of the claimed billions
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A person for the generated documents (fictional; UTO is ICAO's specimen state). */
export const PERSON: IdPerson = {
  documentCode: 'P',
  issuingState: 'UTO',
  surname: 'OKONKWO',
  givenNames: 'ADAEZE GRACE',
  documentNumber: 'X52G81B07',
  nationality: 'UTO',
  birthDate: '910228',
  sex: 'F',
  expiry: '330615',
  optional: 'ZB1990S02',
};
