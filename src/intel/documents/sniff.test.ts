// Sniffing and measuring uploads: real files made here (sharp, pdf-lib, docx), hostile headers built by hand.
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hugeHeaderJpeg, pngBomb, TINY_HEIC } from '../../../test/documents/forensic-fixtures.ts';
import { buildResumeDocx } from '../../../test/resumes/build.ts';
import { DomainError } from '../../core/errors.ts';
import { describeFileType, measureDocument, measureImage, measurePdf, sniffDocument } from './sniff.ts';

const image = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#c8d0d8' } });

async function pdfWithPages(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([200, 200]);
  return doc.save();
}

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await sniffDocument(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as Error).message;
  }
  throw new Error('not refused');
}

describe('sniffDocument', () => {
  it('accepts JPEG, PNG, WebP, TIFF, AVIF, HEIC and PDF by their content', async () => {
    const files: [Uint8Array, string, string][] = [
      [await image(40, 30).jpeg().toBuffer(), 'image/jpeg', 'image'],
      [await image(40, 30).png().toBuffer(), 'image/png', 'image'],
      [await image(40, 30).webp().toBuffer(), 'image/webp', 'image'],
      [await image(40, 30).tiff().toBuffer(), 'image/tiff', 'image'],
      [await image(40, 30).avif().toBuffer(), 'image/avif', 'image'],
      [TINY_HEIC, 'image/heic', 'image'],
      [await pdfWithPages(1), 'application/pdf', 'pdf'],
    ];
    for (const [bytes, mediaType, family] of files)
      expect(await sniffDocument(bytes), mediaType).toMatchObject({ mediaType, family });
  });

  it('refuses everything else, saying what the file is', async () => {
    expect(await refusal(Buffer.concat([Buffer.from('504b0304140000000800', 'hex'), Buffer.alloc(64)]))).toBe(
      'The file is a ZIP archive; upload a JPEG, PNG, WebP, HEIC/HEIF or TIFF image, or a PDF (the type is read from the content, not the name)',
    );
    expect(await refusal(await buildResumeDocx())).toContain('The file is a Word document (DOCX);');
    expect(await refusal(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]))).toContain(
      'The file is a Windows program (EXE);',
    );
    expect(await refusal(await image(10, 10).gif().toBuffer())).toContain('The file is a GIF image;');
    expect(await refusal(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toContain(
      'The file is an SVG drawing;',
    );
    expect(await refusal(Buffer.from('surname,number\nMOREAU,X1\n'))).toContain(
      'The file is text, not an image or a PDF;',
    );
    expect(await refusal(Buffer.from([0x00, 0x01, 0x02, 0xfe, 0xff, 0x00, 0x10]))).toContain(
      'of a type that is not recognised',
    );
    expect(await refusal(new Uint8Array())).toBe('The file is empty');
    expect(describeFileType({ ext: 'xyz', mime: 'application/x-xyz' }, new Uint8Array())).toBe(
      'a XYZ file (application/x-xyz)',
    );
  });
});

describe('measureDocument', () => {
  it('reads the size from the header, as viewers show it (EXIF orientation applied)', async () => {
    const jpeg = await image(40, 30).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const sniffed = await sniffDocument(jpeg);
    expect(await measureDocument(jpeg, sniffed, { maxPixels: 10_000 })).toEqual({
      width: 30,
      height: 40,
      pages: null,
    });
    expect(await measureDocument(TINY_HEIC, await sniffDocument(TINY_HEIC), { maxPixels: 100 })).toEqual({
      width: 8,
      height: 8,
      pages: null,
    });
  });

  it('refuses a decompression bomb by its header, before decoding a pixel', async () => {
    const bomb = pngBomb(50_000, 50_000);
    expect(bomb.length).toBeLessThan(60_000);
    await expect(measureImage(bomb, await sniffDocument(bomb), { maxPixels: 40_000_000 })).rejects.toThrow(
      'The image is 50,000 × 50,000 pixels (2,500 million); the limit is 40 million pixels (GATECHECK_MAX_DOCUMENT_PIXELS)',
    );
    const jpeg = await hugeHeaderJpeg();
    await expect(measureImage(jpeg, await sniffDocument(jpeg), { maxPixels: 40_000_000 })).rejects.toThrow(
      'The image is 60,000 × 60,000 pixels (3,600 million)',
    );
    const small = await image(100, 100).png().toBuffer();
    await expect(measureImage(small, await sniffDocument(small), { maxPixels: 9_999 })).rejects.toThrow(
      'The image is 100 × 100 pixels (0.01 million); the limit is 0.01 million pixels',
    );
  });

  it('refuses a damaged image header and counts PDF pages within the limit', async () => {
    const png = await image(50, 50).png().toBuffer();
    const cut = png.subarray(0, 20);
    await expect(measureImage(cut, await sniffDocument(png), { maxPixels: 1e6 })).rejects.toThrow(
      'The file looks like a PNG image but its header cannot be read',
    );
    expect(await measurePdf(await pdfWithPages(3))).toEqual({ width: null, height: null, pages: 3 });
    await expect(measurePdf(await pdfWithPages(51))).rejects.toThrow('The PDF has 51 pages; the limit is 50');
    const pdf = await pdfWithPages(1);
    await expect(measurePdf(pdf.subarray(0, 100))).rejects.toThrow('The PDF cannot be read');
  });
});
