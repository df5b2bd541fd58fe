// MRZ OCR end to end on generated ID-like images (test/documents/id-images.ts): the reader must read back the
// exact lines and fields for every variant (turned, skewed, blurred, washed out, re-compressed, small, EXIF
// orientation), say where the MRZ is, find nothing on a page without one, and refuse what it cannot decode.
// Some images carry published specimen MRZs from /work/shared/datasets/mrz (see SOURCE.md). One reader (one
// tesseract worker) serves the whole file.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.ts';
import { parseMrz } from '../../src/intel/documents/mrz.ts';
import { createMrzReader, type MrzOcrResult, type MrzReader } from '../../src/intel/documents/ocr/index.ts';
import {
  buildMrz,
  type IdFormat,
  type IdImage,
  makeVariant,
  PERSON,
  PHONE,
  type Printed,
  pngBomb,
  printedFromPerson,
  renderIdImage,
  UPRIGHT_ROTATION,
  type Variant,
} from './id-images.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const DATASETS = '/work/shared/datasets/mrz';
type Case = { mrz: string[] | string };
const specimens = (file: string) =>
  (JSON.parse(readFileSync(`${DATASETS}/${file}`, 'utf8')) as { cases: Case[] }).cases
    .map((c) => c.mrz)
    .filter((m): m is string[] => Array.isArray(m));
const all = [...specimens('arg0s1080_mrz_specimens.json'), ...specimens('cheminfo_mrz_parse_cases.json')];
const specimen = (first: string) => {
  const found = all.find((lines) => lines[0] === first);
  if (!found) throw new Error(`specimen ${first} is not in the dataset`);
  return found;
};

// Published specimens: a Canadian passport, a Finnish ID card (document number running on into the
// optional data), ICAO's TD2 and TD3 "Utopia" examples.
const CAN_TD3 = specimen('P<CANMARTIN<<SARAH<<<<<<<<<<<<<<<<<<<<<<<<<<');
const FIN_TD1 = specimen('I<FINXA10000585010195<112X<<<<');
const UTO_TD2 = specimen('I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<');
const UTO_TD3 = specimen('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<');
const UTO_MRVA = all.find(
  (l) => l[0] === 'V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<' && l[1]?.length === 44,
)!;

/** Printed fields from the MRZ itself, for specimen images. */
function printedFrom(lines: string[]): Printed {
  const f = parseMrz(lines, { now: NOW }).fields;
  return [
    { label: 'Surname / Nom', value: f.lastName ?? '' },
    { label: 'Given names / Prénoms', value: f.firstName ?? '' },
    { label: 'Date of birth', value: f.birthDate ?? '' },
    { label: 'Sex', value: f.sex ?? '' },
    { label: 'Date of expiry', value: f.expirationDate ?? '' },
    { label: 'Document no.', value: f.documentNumber ?? '' },
  ];
}

const person = (format: IdFormat) => ({ ...PERSON, documentCode: format === 'TD3' ? 'P' : 'I' });
const generated = (format: IdFormat) => buildMrz(format, person(format));

type Row = {
  name: string;
  format: IdFormat;
  lines: string[];
  variant: Variant;
  printed: Printed;
  /** When the MRZ is a visa drawn on a page of that size: MRVA or MRVB. */
  visa?: 'MRVA' | 'MRVB';
};
const ROWS: Row[] = [
  {
    name: 'TD3 passport, clean',
    format: 'TD3',
    lines: generated('TD3'),
    variant: 'clean',
    printed: printedFromPerson(person('TD3')),
  },
  {
    name: 'TD3 Canadian specimen, turned 90°',
    format: 'TD3',
    lines: CAN_TD3,
    variant: 'rotate90',
    printed: printedFrom(CAN_TD3),
  },
  {
    name: 'TD2 Utopia specimen, turned 180°',
    format: 'TD2',
    lines: UTO_TD2,
    variant: 'rotate180',
    printed: printedFrom(UTO_TD2),
  },
  {
    name: 'TD3 passport, skewed 3°',
    format: 'TD3',
    lines: generated('TD3'),
    variant: 'skew3',
    printed: printedFromPerson(person('TD3')),
  },
  {
    name: 'TD1 Finnish specimen, blurred',
    format: 'TD1',
    lines: FIN_TD1,
    variant: 'blur',
    printed: printedFrom(FIN_TD1),
  },
  {
    name: 'TD1 ID card, low contrast',
    format: 'TD1',
    lines: generated('TD1'),
    variant: 'lowContrast',
    printed: printedFromPerson(person('TD1'), true),
  },
  {
    name: 'TD2 ID card, JPEG quality 60',
    format: 'TD2',
    lines: generated('TD2'),
    variant: 'jpeg60',
    printed: printedFromPerson(person('TD2')),
  },
  {
    name: 'TD3 Utopia specimen, 1000 px wide',
    format: 'TD3',
    lines: UTO_TD3,
    variant: 'small',
    printed: printedFrom(UTO_TD3),
  },
  {
    name: 'TD1 ID card, EXIF orientation 6',
    format: 'TD1',
    lines: generated('TD1'),
    variant: 'exif6',
    printed: printedFromPerson(person('TD1'), true),
  },
  {
    name: 'MRV-A Utopia visa specimen, turned 270°',
    format: 'TD3',
    lines: UTO_MRVA,
    variant: 'rotate270',
    printed: [],
    visa: 'MRVA',
  },
  {
    name: 'TD3 passport, 12 MP phone photo on a desk',
    format: 'TD3',
    lines: generated('TD3'),
    variant: 'phone',
    printed: printedFromPerson(person('TD3')),
  },
];

let reader: MrzReader;
const clean = new Map<string, IdImage>();

beforeAll(async () => {
  reader = await createMrzReader();
});
afterAll(async () => {
  await reader?.close();
});

async function render(row: Row): Promise<{ image: IdImage; bytes: Buffer }> {
  const key = `${row.format}:${row.lines.join('/')}`;
  let image = clean.get(key);
  if (!image) {
    image = await renderIdImage({ format: row.format, lines: row.lines, printed: row.printed });
    clean.set(key, image);
  }
  return { image, bytes: await makeVariant(image.png, row.variant) };
}

/** Where the MRZ box of a clean image lands in the `phone` photo: scaled, turned 2° about the page's centre, moved. */
function boxInPhoto(image: IdImage): NonNullable<IdImage['mrzBox']> {
  const box = image.mrzBox!;
  const s = PHONE.docWidth / image.width;
  const w = PHONE.docWidth;
  const h = Math.round(image.height * s);
  const a = (PHONE.degrees * Math.PI) / 180;
  const canvasW = w * Math.cos(a) + h * Math.sin(a);
  const canvasH = w * Math.sin(a) + h * Math.cos(a);
  const corners = [
    [box.left, box.top],
    [box.left + box.width, box.top],
    [box.left, box.top + box.height],
    [box.left + box.width, box.top + box.height],
  ].map(([x = 0, y = 0]) => {
    const dx = x * s - w / 2;
    const dy = y * s - h / 2;
    return [
      PHONE.left + canvasW / 2 + dx * Math.cos(a) - dy * Math.sin(a),
      PHONE.top + canvasH / 2 + dx * Math.sin(a) + dy * Math.cos(a),
    ];
  });
  const xs = corners.map((c) => c[0] as number);
  const ys = corners.map((c) => c[1] as number);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  return { left, top, width: Math.max(...xs) - left, height: Math.max(...ys) - top };
}

/** |a − b| within `tolerance` px, per box side. */
function expectBoxNear(box: MrzOcrResult['box'], want: NonNullable<IdImage['mrzBox']>, tolerance: number) {
  expect(box).not.toBeNull();
  const b = box as NonNullable<MrzOcrResult['box']>;
  const diff = {
    left: Math.abs(b.left - want.left),
    top: Math.abs(b.top - want.top),
    right: Math.abs(b.left + b.width - (want.left + want.width)),
    bottom: Math.abs(b.top + b.height - (want.top + want.height)),
  };
  for (const [side, d] of Object.entries(diff))
    expect({ side, d: d <= tolerance }).toEqual({ side, d: true });
}

describe('createMrzReader on ID-like images', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))(
    '%s: exact lines, fields, orientation and box',
    async (_, row) => {
      const { image, bytes } = await render(row);
      const r = await reader.read(bytes);
      expect(r.found).toBe(true);
      expect(r.lines).toEqual(row.lines);
      expect(r.format).toBe(row.visa ?? row.format);
      expect(r.rotation).toBe(UPRIGHT_ROTATION[row.variant]);
      // Fields as the MRZ parser reads them from the true lines.
      const parsed = parseMrz(r.lines, { now: NOW });
      expect(parsed.fields).toEqual(parseMrz(row.lines, { now: NOW }).fields);
      expect(parsed.checkDigitsValid).toBe(true);
      expect(r.confidence).toBeGreaterThan(0);
      expect(r.confidence).toBeLessThanOrEqual(100);
      expect(r.rawLines.length).toBeGreaterThanOrEqual(row.lines.length);
      for (const c of r.corrections) expect(c.why.length).toBeGreaterThan(10);
      // Size as shown (EXIF applied); the box in the upright image.
      const scale = row.variant === 'small' ? 1000 / image.width : 1;
      const quarter = row.variant === 'rotate90' || row.variant === 'rotate270';
      const shown = row.variant === 'skew3' || row.variant === 'phone' ? await sharp(bytes).metadata() : null;
      expect({ width: r.width, height: r.height }).toEqual(
        shown
          ? { width: shown.width, height: shown.height }
          : {
              width: Math.round((quarter ? image.height : image.width) * scale),
              height: Math.round((quarter ? image.width : image.height) * scale),
            },
      );
      const want = image.mrzBox!;
      if (row.variant === 'skew3') {
        // Skewed 3° clockwise on a larger canvas: deskewed by about −3°, the box grows by the slant.
        expect(Math.abs(r.skewDegrees + 3)).toBeLessThanOrEqual(0.5);
        expect(r.box!.width).toBeGreaterThan(want.width * 0.95);
        expect(r.box!.height).toBeGreaterThan(want.height);
        expect(r.box!.height).toBeLessThan(want.height + want.width * Math.tan((4 * Math.PI) / 180));
      } else if (row.variant === 'phone') {
        expect(Math.abs(r.skewDegrees + PHONE.degrees)).toBeLessThanOrEqual(0.5);
        expectBoxNear(r.box, boxInPhoto(image), r.width * 0.012);
      } else {
        expect(Math.abs(r.skewDegrees)).toBeLessThanOrEqual(0.5);
        const scaled = {
          left: want.left * scale,
          top: want.top * scale,
          width: want.width * scale,
          height: want.height * scale,
        };
        expectBoxNear(r.box, scaled, Math.max(8, r.width * 0.012));
      }
    },
  );

  it('reads an altered MRZ as printed: the check digits fail and nothing is "corrected" into validity', async () => {
    // The birth date changed from 910228 to 890228 without its check digit (or the composite) following.
    const altered = generated('TD3').map((l, i) => (i === 1 ? l.replace('9102284', '8902284') : l));
    expect(parseMrz(altered, { now: NOW }).checkDigitsValid).toBe(false);
    const image = await renderIdImage({ format: 'TD3', lines: altered, printed: printedFromPerson(PERSON) });
    const r = await reader.read(image.png);
    expect(r.found).toBe(true);
    expect(r.lines).toEqual(altered);
    expect(r.format).toBe('TD3');
    expect(parseMrz(r.lines, { now: NOW }).problems.map((p) => p.field)).toEqual([
      'issuingState',
      'nationality',
      'birthDateCheckDigit',
      'compositeCheckDigit',
    ]);
  });

  it('whole-page fallback: finds the MRZ lines by OCR alone, then reads them as a band', async () => {
    const pageOnly = await createMrzReader({ findBands: false });
    try {
      const row = ROWS.find((r) => r.variant === 'skew3')!;
      const { image, bytes } = await render(row);
      const r = await pageOnly.read(bytes);
      expect(r.lines).toEqual(row.lines);
      expect(Math.abs(r.skewDegrees + 3)).toBeLessThanOrEqual(0.5);
      expect(r.box!.width).toBeGreaterThan(image.mrzBox!.width * 0.95);
      expect(r.box!.width).toBeLessThan(image.mrzBox!.width * 1.1);
    } finally {
      await pageOnly.close();
    }
  });

  it('reports no MRZ rather than a wrong one when the print is too small to read (320 px page)', async () => {
    const row = ROWS[0]!;
    const { image } = await render(row);
    const tiny = await sharp(image.png).resize({ width: 320 }).png().toBuffer();
    const r = await reader.read(tiny);
    expect(r).toMatchObject({ found: false, lines: [], format: null, width: 320 });
  });

  it('finds no MRZ on a page without one, without throwing', async () => {
    const image = await renderIdImage({
      format: 'TD3',
      lines: generated('TD3'),
      printed: printedFromPerson(PERSON),
      mrz: false,
    });
    const r = await reader.read(image.png);
    expect(r).toMatchObject({
      found: false,
      lines: [],
      format: null,
      box: null,
      corrections: [],
      rotation: 0,
      skewDegrees: 0,
      width: image.width,
      height: image.height,
    });
  });

  it('serialises concurrent reads on its one worker', async () => {
    const td2 = ROWS.find((r) => r.variant === 'jpeg60')!;
    const td3 = ROWS.find((r) => r.variant === 'small')!;
    const [a, b] = await Promise.all([render(td2), render(td3)]);
    const [ra, rb] = await Promise.all([reader.read(a.bytes), reader.read(b.bytes)]);
    expect(ra.lines).toEqual(td2.lines);
    expect(rb.lines).toEqual(td3.lines);
  });
});

describe('createMrzReader on broken and hostile input', () => {
  const refusal = async (bytes: Uint8Array, r: MrzReader = reader) => {
    const error = await r.read(bytes).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    const d = error as DomainError;
    expect(d.code).toBe('validation');
    expect(d.problems?.[0]?.path).toBe('image');
    return d.message;
  };

  it('corrupt, truncated and empty files', async () => {
    expect(await refusal(Buffer.from('%PDF-1.7 this is not an image at all'))).toMatch(/cannot be decoded/);
    const png = (await renderIdImage({ format: 'TD1', lines: generated('TD1'), printed: [] })).png;
    expect(await refusal(png.subarray(0, Math.floor(png.length / 3)))).toMatch(/cannot be decoded/);
    expect(await refusal(new Uint8Array(0))).toBe('the image is empty (0 bytes)');
  });

  it('SVG (which may reference other files) is not an image to OCR', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="file:///etc/passwd"/></svg>',
    );
    expect(await refusal(svg)).toBe(
      'svg files are not accepted: send a JPEG, PNG, WebP, HEIF/AVIF, TIFF or GIF image',
    );
  });

  it('an extreme aspect ratio within the pixel limit is read without trouble', async () => {
    const strip = await sharp({ create: { width: 20_000, height: 3, channels: 3, background: '#777777' } })
      .png()
      .toBuffer();
    const r = await reader.read(strip);
    expect(r).toMatchObject({ found: false, width: 20_000, height: 3 });
  });

  it('a decompression bomb: pixels over the limit, refused from the header', async () => {
    const message = await refusal(pngBomb(60_000, 60_000));
    expect(message).toBe(
      'the image is 60000 × 60000 = 3,600,000,000 pixels, over the limit of 40,000,000 pixels',
    );
  });

  it('a lower limit set by the caller', async () => {
    const small = await createMrzReader({ maxPixels: 500_000 });
    try {
      const png = (await renderIdImage({ format: 'TD1', lines: generated('TD1'), printed: [] })).png;
      expect(await refusal(png, small)).toMatch(/= 1,066,000 pixels, over the limit of 500,000 pixels$/);
    } finally {
      await small.close();
    }
    await expect(small.read(new Uint8Array([1]))).rejects.toThrow('the MRZ reader is closed');
  });
});
