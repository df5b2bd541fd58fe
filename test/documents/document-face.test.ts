// analyzeDocument with `face: true` (identity documents) on generated passport pages: the astronaut's face
// pasted into the photo box is found with its embedding (the same person as the portrait); the drawn
// silhouette is no face; a PDF is not searched and says so; without `face` nothing is looked for.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../src/intel/documents/analyze.ts';
import { analyzeFaceImage, cosineSimilarity } from '../../src/intel/faces/human-node.ts';
import { skimageImage } from '../faces/face-images.ts';
import { idImageWithFace } from './id-with-face.ts';

const OPTIONS = { maxPixels: 40_000_000, now: new Date('2026-03-20T12:00:00Z'), face: true };

describe('the face on an identity document', () => {
  it('finds the photo’s face with a 4-decimal embedding of the same person', async () => {
    const a = await analyzeDocument(await idImageWithFace('astronaut.png'), OPTIONS);
    expect(a.face).toMatchObject({ found: true, faces: 1 });
    const embedding = a.face?.embedding ?? [];
    expect(embedding).toHaveLength(1024);
    expect(embedding.every((x) => Math.round(x * 1e4) / 1e4 === x)).toBe(true);
    const portrait = (await analyzeFaceImage(skimageImage('astronaut.png'))).faces[0]?.embedding ?? [];
    const other = (await analyzeFaceImage(skimageImage('camera.png'))).faces[0]?.embedding ?? [];
    expect(cosineSimilarity(embedding, portrait)).toBeGreaterThan(0.8);
    expect(cosineSimilarity(embedding, other)).toBeLessThan(0.55);
    // The photo box is at the left of the page, below the header band.
    expect(a.face?.box?.[0]).toBeLessThan(0.2);
  }, 60_000);

  it('a page without a face photo: found false, no embedding', async () => {
    const a = await analyzeDocument(await idImageWithFace(null), OPTIONS);
    expect(a.face).toEqual({ found: false, faces: 0, score: null, box: null, embedding: null });
  }, 60_000);

  it('a PDF is not searched (null, with a note); without the option no face is looked for', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Courier);
    doc.addPage([612, 300]).drawText('PASSPORT', { x: 20, y: 200, size: 11, font });
    const pdf = await analyzeDocument(await doc.save(), OPTIONS);
    expect(pdf.face).toBeNull();
    expect(pdf.notes.join(' ')).toContain('A PDF is not searched for a face');
    const plain = await analyzeDocument(await idImageWithFace('astronaut.png'), { ...OPTIONS, face: false });
    expect(plain).not.toHaveProperty('face');
  }, 60_000);
});
