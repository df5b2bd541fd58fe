// Document forensics on real files made in the test setup (test/documents/forensic-fixtures.ts): metadata,
// findings, error-level analysis, perceptual hashes, hostile files, and the examples through the assessment.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { assessPopulation, toPublicAssessment } from '../../src/core/assess.ts';
import { parseBundleText } from '../../src/core/bundle/validate.ts';
import { DomainError } from '../../src/core/errors.ts';
import { c2paGenerators } from '../../src/intel/documents/forensics/image-metadata.ts';
import {
  analyzeForensics,
  countRevisions,
  type DocumentForensics,
  estimateJpegQuality,
  hammingDistance,
  perceptualHashes,
  readQuantTables,
  sameImage,
} from '../../src/intel/documents/forensics/index.ts';
import { readXmp } from '../../src/intel/documents/forensics/xmp.ts';
import * as fx from './forensic-fixtures.ts';

const kinds = (f: DocumentForensics) => f.findings.map((x) => `${x.strength}:${x.kind}`);
const strong = (f: DocumentForensics) => f.findings.filter((x) => x.strength === 'strong');

async function refused(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw new Error(`expected a DomainError, got ${String(error)}`);
  }
  throw new Error('expected a DomainError, got a result');
}

let captured: fx.Raw;
let camera: Buffer;
let cameraResult: DocumentForensics;

beforeAll(async () => {
  captured = await fx.capturedRaw(fx.PERSON_A, 1);
  camera = await fx.cameraJpeg(captured);
  cameraResult = await analyzeForensics(camera, 'image/jpeg');
});

describe('images', () => {
  it('an honest phone photo: capture data read with its offset, no finding at all', () => {
    expect(cameraResult.metadata).toMatchObject({
      make: 'Apple',
      model: 'iPhone 14',
      software: '17.1',
      dateTimeOriginal: '2026-01-10T14:03:12-07:00',
      modifyDate: '2026-01-10T14:03:12-07:00',
      width: 1600,
      height: 1200,
      jpegQuality: 92,
    });
    expect(cameraResult.findings).toEqual([]);
    expect(cameraResult.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
    expect(cameraResult.detailHash).toMatch(/^[0-9a-f]{64}$/);
    expect(cameraResult.ela?.suspicious).toBe(false);
  });

  it('re-saved by Photoshop in UTC+08:00: the editor (strong), the late change and the clocks (weak)', async () => {
    const r = await analyzeForensics(await fx.photoshopJpeg(captured), 'image/jpeg');
    expect(r.metadata).toMatchObject({
      software: 'Adobe Photoshop 26.1',
      creatorTool: 'Adobe Photoshop 26.1 (Windows)',
      historySoftware: 'Adobe Photoshop 26.1 (Windows)',
      modifyDate: '2026-02-23T17:55:02+08:00',
      dateTimeOriginal: '2026-01-10T14:03:12-07:00',
      jpegQuality: 90,
    });
    expect(r.findings[0]).toEqual({
      kind: 'editing-software',
      strength: 'strong',
      detail: 'Saved by Adobe Photoshop 26.1 — photo-editing software, not a scanner or camera',
    });
    expect(kinds(r)).toEqual([
      'strong:editing-software',
      'weak:modified-after-capture',
      'weak:date-offsets-disagree',
    ]);
    // Re-saved at a higher quality than... no: 92 then 90, so no earlier, lower save to find.
    expect(r.metadata.earlierJpegQuality).toBeUndefined();
  });

  it('a PNG whose XMP (iTXt) names GIMP as CreatorTool', async () => {
    const r = await analyzeForensics(await fx.gimpPng(), 'image/png');
    expect(r.metadata.creatorTool).toBe('GIMP 2.10');
    expect(strong(r).map((f) => f.detail)).toContain(
      'Saved by GIMP 2.10.36 — photo-editing software, not a scanner or camera',
    );
    expect(r.ela?.suspicious).toBe(false); // PNGs are never judged
  });

  it('a PNG with Stable Diffusion generation parameters is AI-made', async () => {
    const r = await analyzeForensics(await fx.generatedPng(), 'image/png');
    expect(r.metadata.aiParameters).toBe('parameters');
    expect(kinds(r)).toEqual(['strong:ai-generated']);
  });

  it('a spliced region: the earlier save (weak) and the area without it (strong), where it was pasted', async () => {
    const { jpeg, box } = await fx.splicedJpeg();
    const r = await analyzeForensics(jpeg, 'image/jpeg');
    expect(r.metadata.earlierJpegQuality).toBe(75);
    expect(kinds(r)).toEqual(['weak:no-capture-data', 'weak:recompressed', 'strong:ela-localised']);
    expect(r.ela?.suspicious).toBe(true);
    const region = r.ela?.region;
    expect(region).toEqual({
      left: expect.any(Number),
      top: expect.any(Number),
      width: expect.any(Number),
      height: expect.any(Number),
      share: expect.any(Number),
      ratio: expect.any(Number),
    });
    // The area found covers the pasted box (to the 8-pixel grid) and little else.
    expect(region!.left).toBeLessThanOrEqual(box.left);
    expect(region!.top).toBeLessThanOrEqual(box.top);
    expect(region!.left + region!.width).toBeGreaterThanOrEqual(box.left + box.width);
    expect(region!.top + region!.height).toBeGreaterThanOrEqual(box.top + box.height);
    expect(region!.width * region!.height).toBeLessThan(box.width * box.height * 1.3);
  });

  it('a whole picture saved twice is re-compressed (weak) but not doctored in one place', async () => {
    for (const [first, second] of [
      [60, 90],
      [75, 92],
      [50, 95],
    ] as const) {
      const r = await analyzeForensics(await fx.doubleCompressedJpeg(captured, first, second), 'image/jpeg');
      expect(r.metadata.earlierJpegQuality).toBe(first);
      expect(strong(r)).toEqual([]);
      expect(r.ela?.suspicious).toBe(false);
    }
  });

  it('honest single saves at any quality are neither re-compressed nor suspicious', async () => {
    for (const q of [70, 85, 95]) {
      const r = await analyzeForensics(await fx.plainJpeg(fx.photoRaw(900, 700, q), q), 'image/jpeg');
      expect(r.metadata.earlierJpegQuality).toBeUndefined();
      expect(r.ela?.suspicious).toBe(false);
      expect(kinds(r)).toEqual(['weak:no-capture-data']);
    }
  });

  it('a flat single-colour picture saved twice has no curve to judge: not called re-compressed', async () => {
    const flat = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#88aacc' } })
      .jpeg({ quality: 50 })
      .toBuffer();
    const again = await sharp(flat).jpeg({ quality: 80 }).toBuffer();
    const r = await analyzeForensics(again, 'image/jpeg');
    expect(r.metadata.earlierJpegQuality).toBeUndefined();
    expect(kinds(r)).toEqual(['weak:no-capture-data']);
  });

  it('the error-level image is a PNG of the picture size, amplified', async () => {
    const ela = cameraResult.ela!;
    const meta = await sharp(ela.png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1600, 1200]);
    expect(ela.meanDiff).toBeGreaterThan(0);
    expect(ela.maxDiff).toBeGreaterThan(ela.meanDiff);
    const stats = await sharp(ela.png).stats();
    expect(Math.max(...stats.channels.map((c) => c.max))).toBeGreaterThan(200);
  });

  it('reads EXIF from WebP and AVIF and decodes them', async () => {
    const exif = { IFD0: { Make: 'Google', Model: 'Pixel 8', Software: 'GIMP 2.10' } };
    const img = sharp(camera).resize(640);
    for (const [type, bytes] of [
      ['image/webp', await img.clone().webp({ quality: 90 }).withExif(exif).toBuffer()],
      ['image/avif', await img.clone().avif({ quality: 60, effort: 0 }).withExif(exif).toBuffer()],
    ] as const) {
      const r = await analyzeForensics(bytes, type);
      expect(r.metadata).toMatchObject({ make: 'Google', model: 'Pixel 8', software: 'GIMP 2.10' });
      expect(kinds(r)).toContain('strong:editing-software');
      expect(r.ela).not.toBeNull();
      expect(sameImage(r, cameraResult).same).toBe(true);
    }
  });

  it('reads a scanner TIFF’s own tags; the scanner does not count', async () => {
    const r = await analyzeForensics(fx.scannerTiff(), 'image/tiff');
    expect(r.metadata).toMatchObject({
      format: 'tiff',
      make: 'EPSON',
      model: 'Perfection V600',
      software: 'EPSON Scan 3.9.4.0',
      modifyDate: '2026-01-12T15:20:00',
    });
    expect(r.findings).toEqual([]);
    expect(r.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a HEIC without an HEVC decoder: metadata only, no hash, no error-level image, no error', async () => {
    const r = await analyzeForensics(fx.TINY_HEIC, 'image/heic');
    expect(r.metadata).toMatchObject({ format: 'heif', width: 8, height: 8, decoded: false });
    expect(r.perceptualHash).toBeNull();
    expect(r.ela).toBeNull();
  });

  it('estimates JPEG quality from the quantisation tables', async () => {
    const raw = fx.photoRaw(256, 256, 3);
    for (const q of [30, 50, 60, 75, 90, 100]) {
      expect(estimateJpegQuality(readQuantTables(await fx.plainJpeg(raw, q)))).toBe(q);
    }
    expect(estimateJpegQuality(readQuantTables(Buffer.from('not a jpeg')))).toBeNull();
  });
});

describe('PDFs', () => {
  let scanner: Uint8Array;
  beforeAll(async () => {
    scanner = await fx.buildPdf({ producer: 'Canon iR-ADV C5535 PDF', creator: 'Canon iR-ADV C5535' });
  });

  it('a scanner-made PDF: producer, dates, one revision, no finding; hash of its picture', async () => {
    const r = await analyzeForensics(scanner, 'application/pdf');
    expect(r.metadata).toMatchObject({
      producer: 'Canon iR-ADV C5535 PDF',
      creator: 'Canon iR-ADV C5535',
      createDate: '2026-01-12T15:20:00Z',
      pages: 1,
      incrementalSaves: 0,
    });
    expect(r.findings).toEqual([]);
    expect(r.ela).toBeNull();
    // The page's picture is the card photo: the same picture as the camera JPEG.
    expect(sameImage(r, cameraResult).same).toBe(true);
  });

  it('an incremental update appended by hand: one save after creation (weak)', async () => {
    const updated = fx.appendIncrementalUpdate(scanner, {
      producer: 'Canon iR-ADV C5535 PDF',
      modified: "D:20260223175502+08'00'",
    });
    const r = await analyzeForensics(updated, 'application/pdf');
    expect(r.metadata).toMatchObject({ incrementalSaves: 1, modifyDate: '2026-02-23T17:55:02+08:00' });
    expect(r.findings).toEqual([
      {
        kind: 'incremental-saves',
        strength: 'weak',
        detail: 'Saved again once after it was first made (the PDF has an update appended to the original)',
      },
    ]);
  });

  it('a PDF editor as producer is strong; saving a scan again with it names both', async () => {
    const made = await analyzeForensics(
      await fx.buildPdf({ producer: 'Foxit PDF Editor 12.1.2' }),
      'application/pdf',
    );
    expect(kinds(made)).toEqual(['strong:editing-software']);
    const edited = await analyzeForensics(
      fx.appendIncrementalUpdate(scanner, {
        producer: 'Foxit PDF Editor 12.1.2',
        modified: 'D:20260223175502Z',
      }),
      'application/pdf',
    );
    expect(edited.metadata).toMatchObject({
      producer: 'Foxit PDF Editor 12.1.2',
      earlierProducers: 'Canon iR-ADV C5535 PDF',
    });
    expect(kinds(edited)).toEqual(['strong:editing-software', 'strong:incremental-saves']);
    expect(edited.findings[1]?.detail).toBe(
      'First written by Canon iR-ADV C5535 PDF, then saved again once with Foxit PDF Editor 12.1.2 — PDF-editing software that can change the text and pictures of a PDF',
    );
  });

  it('counts revisions, not the two sections of a linearised file', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(countRevisions(text('%PDF-1.7\nstartxref\n10\n%%EOF\n'))).toEqual({
      revisions: 1,
      linearized: false,
      eof: 1,
    });
    const linearised =
      '%PDF-1.7\n1 0 obj <</Linearized 1>> endobj\nstartxref\n0\n%%EOF\nstartxref\n99\n%%EOF\n';
    expect(countRevisions(text(linearised))).toEqual({ revisions: 2, linearized: true, eof: 2 });
  });
});

describe('perceptual hashes', () => {
  const variants: [string, (b: Buffer) => Promise<Buffer>][] = [
    ['re-encoded at quality 60', (b) => sharp(b).jpeg({ quality: 60 }).toBuffer()],
    ['resized to half', (b) => sharp(b).resize(800).jpeg().toBuffer()],
    ['resized to a quarter, as PNG', (b) => sharp(b).resize(400).png().toBuffer()],
    ['15% brighter', (b) => sharp(b).modulate({ brightness: 1.15 }).jpeg().toBuffer()],
    ['15% darker', (b) => sharp(b).linear(0.85, 0).jpeg().toBuffer()],
    ['in grey', (b) => sharp(b).greyscale().jpeg().toBuffer()],
    ['blurred', (b) => sharp(b).blur(1.5).jpeg().toBuffer()],
  ];
  it.each(variants)('the same picture %s is the same image', async (_name, change) => {
    const changed = await perceptualHashes(sharp(await change(camera)));
    expect(hammingDistance(changed.perceptualHash, cameraResult.perceptualHash!)).toBeLessThanOrEqual(4);
    expect(sameImage(changed, cameraResult).same).toBe(true);
  });

  it('the same picture with the name changed (one doctored ID, many personas) is the same image', async () => {
    const { jpeg } = await fx.splicedJpeg();
    expect(sameImage(await perceptualHashes(sharp(jpeg)), cameraResult).same).toBe(true);
  });

  it('different documents are different images, even of one design photographed alike', async () => {
    for (const [person, seed] of [
      [fx.PERSON_B, 2],
      [fx.PERSON_A, 3],
      [fx.PERSON_B, 4],
    ] as const) {
      const other = await perceptualHashes(sharp(await fx.plainJpeg(await fx.capturedRaw(person, seed), 92)));
      const same = sameImage(other, cameraResult);
      expect(same.same).toBe(false);
      expect(same.detailDistance).toBeGreaterThan(32);
    }
    const photo = await perceptualHashes(sharp(await fx.plainJpeg(fx.photoRaw(800, 600, 5), 92)));
    expect(hammingDistance(photo.perceptualHash, cameraResult.perceptualHash!)).toBeGreaterThan(20);
  });
});

describe('metadata formats', () => {
  it('reads XMP properties as attributes or elements, the history and a resource-form source type', () => {
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description>
      <xap:CreatorTool>Adobe Photoshop CS6 (Windows)</xap:CreatorTool>
      <xmp:ModifyDate>2026-02-23T17:55:02+08:00</xmp:ModifyDate>
      <xmpMM:History><rdf:Seq>
        <rdf:li rdf:parseType="Resource"><stEvt:action>created</stEvt:action><stEvt:softwareAgent>Adobe Photoshop CS6 (Windows)</stEvt:softwareAgent></rdf:li>
        <rdf:li stEvt:action="saved" stEvt:softwareAgent="Adobe Photoshop 26.1 &amp; more (Windows)"/>
      </rdf:Seq></xmpMM:History>
      <Iptc4xmpExt:DigitalSourceType rdf:resource="http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"/>
    </rdf:Description></rdf:RDF></x:xmpmeta>`;
    expect(readXmp(xmp)).toEqual({
      creatorTool: 'Adobe Photoshop CS6 (Windows)',
      modifyDate: '2026-02-23T17:55:02+08:00',
      digitalSourceType:
        'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia',
      historySoftware: ['Adobe Photoshop 26.1 & more (Windows)', 'Adobe Photoshop CS6 (Windows)'],
      historyActions: ['saved', 'created'],
    });
  });

  it('finds the claim generator of a C2PA manifest', () => {
    const cbor = (s: string) => Buffer.concat([Buffer.from([0x60 + s.length]), Buffer.from(s, 'latin1')]);
    const manifest = Buffer.concat([
      Buffer.from('....jumb....jumdc2pa....', 'latin1'),
      cbor('claim_generator'),
      cbor('Adobe_Firefly/3.0'),
    ]);
    expect(c2paGenerators(manifest)).toEqual(['Adobe_Firefly/3.0']);
  });
});

describe('hostile and broken files', () => {
  it('a truncated JPEG', async () => {
    const e = await refused(analyzeForensics(camera.subarray(0, camera.length / 2), 'image/jpeg'));
    expect(e.code).toBe('validation');
    expect(e.message).toMatch(/cannot be decoded.*truncated or damaged/);
  });

  it('a decompression bomb: refused by the pixel count in its header', async () => {
    const e = await refused(analyzeForensics(fx.pngBomb(100_000, 100_000), 'image/png'));
    expect(e.message).toBe(
      'The image is 100000 × 100000 pixels (10000 megapixels); the limit is 40 megapixels',
    );
  });

  it('a JPEG header claiming 60,000 × 60,000 pixels', async () => {
    const e = await refused(analyzeForensics(await fx.hugeHeaderJpeg(), 'image/jpeg'));
    expect(e.code).toBe('validation');
    expect(e.message).toContain('60000 × 60000 pixels');
  });

  it('the pixel and byte limits are options', async () => {
    expect(
      (await refused(analyzeForensics(camera, 'image/jpeg', { maxPixels: 1_000_000 }))).message,
    ).toContain('the limit is 1 megapixels');
    expect((await refused(analyzeForensics(camera, 'image/jpeg', { maxBytes: 1000 }))).code).toBe(
      'payload_too_large',
    );
  });

  it('a truncated PDF, and a PDF that is only a header', async () => {
    const pdf = await fx.buildPdf({ producer: 'x' });
    expect(
      (await refused(analyzeForensics(pdf.subarray(0, pdf.length / 2), 'application/pdf'))).message,
    ).toContain('no end-of-file marker');
    const junk = new TextEncoder().encode('%PDF-1.7\n\u0000\u0001garbage\nstartxref\n5\n%%EOF\n');
    expect((await refused(analyzeForensics(junk, 'application/pdf'))).message).toMatch(
      /The PDF cannot be read/,
    );
  });

  it('something that is not a document, an empty file, and a type that lies', async () => {
    expect(
      (await refused(analyzeForensics(Buffer.from('MZ\x90\x00 this is a program'), 'image/jpeg'))).message,
    ).toContain('is not a JPEG, PNG, WebP, TIFF, HEIC/HEIF/AVIF image or a PDF');
    expect((await refused(analyzeForensics(new Uint8Array(0), 'image/png'))).message).toBe(
      'The file is empty',
    );
    expect((await refused(analyzeForensics(await fx.gimpPng(), 'image/jpeg'))).message).toBe(
      'The file is a PNG image, not image/jpeg as declared',
    );
  });

  it('a JPEG with damaged metadata segments still gets an analysis (exifr never throws out)', async () => {
    const bad = Buffer.from(camera);
    const app1 = bad.indexOf('Exif\0\0');
    bad.fill(0xee, app1 + 6, app1 + 60); // the TIFF header and first IFD entries overwritten
    const r = await analyzeForensics(bad, 'image/jpeg');
    expect(r.metadata.make).toBeUndefined();
    expect(r.perceptualHash).toBe(cameraResult.perceptualHash);
  });
});

describe('the example bundles through the assessment', () => {
  const read = (name: string) => {
    const r = parseBundleText(
      readFileSync(new URL(`../../../shared/examples/${name}`, import.meta.url), 'utf8'),
    );
    if (!r.ok) throw new Error(name);
    return r.bundle;
  };
  const bundles = ['01-clean-legitimate.json', '02-clear-infiltrator.json', '03-ambiguous.json'].map(read);
  const [a01, a02, a03] = assessPopulation(bundles, { now: new Date('2026-06-01T00:00:00Z') }).map(
    toPublicAssessment,
  );

  it('02 gets documents.edited (high) for the Photoshop tag and the UTC+08:00 clock while claiming Edmonton', () => {
    const s = a02!.signals.find((x) => x.id === 'documents.edited');
    expect(s?.severity).toBe('high');
    expect(s?.explanation).toContain('saved by Adobe Photoshop 26.1');
    expect(s?.explanation).toContain('UTC+08:00');
  });

  it('01 and 03 get no documents.* signal', () => {
    expect(a01!.signals.filter((x) => x.id.startsWith('documents.'))).toEqual([]);
    expect(a03!.signals.filter((x) => x.id.startsWith('documents.'))).toEqual([]);
  });
});
