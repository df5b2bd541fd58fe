// analyzeDocument on real files: HEIC decoded with libheif (and the metadata-only path when it cannot be),
// the MRZ from a PDF's text layer, MRZ-shaped lines in text, refusals before any decoding.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pngBomb, TINY_HEIC } from '../../../test/documents/forensic-fixtures.ts';
import { buildMrz, type IdPerson, PERSON } from '../../../test/documents/id-images.ts';
import { analyzeDocument, decodeHeic, mrzCandidatesInText, readPdfMrz } from './analyze.ts';

const CANADIAN: IdPerson = { ...PERSON, issuingState: 'CAN', nationality: 'CAN' };
const NOW = new Date('2026-03-20T12:00:00Z');

async function textPdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Courier);
  const page = doc.addPage([612, 300]);
  lines.forEach((line, i) => {
    page.drawText(line, { x: 20, y: 200 - i * 16, size: 11, font });
  });
  return doc.save();
}

/** The HEIC with its coded image data overwritten: the container reads, the picture does not decode. */
function brokenHeic(): Buffer {
  const bytes = Buffer.from(TINY_HEIC);
  const mdat = bytes.indexOf('mdat');
  bytes.fill(0xff, mdat + 8);
  return bytes;
}

describe('mrzCandidatesInText', () => {
  it('finds 2 × 44, 2 × 36 and 3 × 30 runs of MRZ-shaped lines, spaces and guillemets tidied', () => {
    const td3 = buildMrz('TD3', CANADIAN);
    const td1 = buildMrz('TD1', { ...CANADIAN, documentCode: 'ID' });
    const text = [
      'PASSPORT',
      td3[0]?.replace(/</g, '«'),
      td3[1]?.replace(/(.{11})/, '$1 '),
      'Signature',
      ...td1,
    ].join('\n');
    const groups = mrzCandidatesInText(text);
    expect(groups).toContainEqual(td3);
    expect(groups).toContainEqual(td1);
    expect(mrzCandidatesInText('Just a letter.\nNothing here <<< at all')).toEqual([]);
  });
});

describe('readPdfMrz', () => {
  it('reads a valid MRZ from the text layer, and none from a PDF without one', async () => {
    const lines = buildMrz('TD3', CANADIAN);
    expect(await readPdfMrz(await textPdf(['PASSPORT', ...lines]), { now: NOW })).toMatchObject({
      source: 'text',
      found: true,
      format: 'TD3',
      valid: true,
      lines,
      fields: {
        surname: 'OKONKWO',
        givenNames: 'ADAEZE GRACE',
        nationality: 'CAN',
        dateOfBirth: '1991-02-28',
      },
    });
    expect(await readPdfMrz(await textPdf(['Curriculum vitae', 'Nothing machine readable']))).toBeNull();
    const bad = [...lines];
    bad[1] = `${bad[1]?.slice(0, 43)}9`;
    const invalid = await readPdfMrz(await textPdf(bad), { now: NOW });
    expect(invalid).toMatchObject({ found: true, valid: false, checkDigitsValid: false });
    expect(invalid?.problems.join(' ')).toMatch(/check digit/i);
  });
});

describe('analyzeDocument', () => {
  it('decodes a HEIC photo with libheif for the error-level image; metadata from the original', async () => {
    const steps: string[] = [];
    const a = await analyzeDocument(TINY_HEIC, {
      maxPixels: 1_000,
      now: NOW,
      onStep: (s) => void steps.push(s),
    });
    expect(steps).toEqual(['decoding', 'reading MRZ', 'forensics']);
    expect(a).toMatchObject({ mediaType: 'image/heic', family: 'image', width: 8, height: 8, pages: null });
    expect(a.notes).toEqual([
      'The HEIC image was decoded with libheif for the MRZ reading and the error-level image.',
    ]);
    expect(a.forensics.ela).not.toBeNull();
    expect(a.forensics.metadata.format).toBe('heif');
    expect(a.forensics.metadata).not.toHaveProperty('decoded');
    expect(a.mrz).toMatchObject({ source: 'ocr', found: false });
  });

  it('keeps to metadata when the HEIC cannot be decoded, and says so', async () => {
    expect((await decodeHeic(brokenHeic(), 1_000)).png).toBeNull();
    const a = await analyzeDocument(brokenHeic(), { maxPixels: 1_000, now: NOW });
    expect(a.mrz).toBeNull();
    expect(a.forensics.ela).toBeNull();
    expect(a.notes[0]).toMatch(
      /^The HEIC image could not be decoded \(.+\): metadata only, no MRZ reading and no error-level image\.$/,
    );
  });

  it('refuses a file that is not a document and a pixel bomb before decoding anything', async () => {
    await expect(
      analyzeDocument(Buffer.from('PK\u0003\u0004 not really'), { maxPixels: 1e6 }),
    ).rejects.toThrow('The file is a ZIP archive');
    await expect(analyzeDocument(pngBomb(50_000, 50_000), { maxPixels: 40e6 })).rejects.toThrow(
      'The image is 50,000 × 50,000 pixels',
    );
  });

  it('reads a PDF: pages, the MRZ from its text, no error-level image', async () => {
    const a = await analyzeDocument(await textPdf(buildMrz('TD3', CANADIAN)), { maxPixels: 1e6, now: NOW });
    expect(a).toMatchObject({ mediaType: 'application/pdf', family: 'pdf', pages: 1, width: null });
    expect(a.mrz).toMatchObject({ source: 'text', valid: true });
    expect(a.forensics.ela).toBeNull();
  });
});
