// An ID-like document image (test/documents/id-images.ts: a TD3 passport data page with printed fields and a
// valid MRZ) whose photo box shows a real face: a head-and-shoulders crop of a scikit-image portrait
// (astronaut.png, or camera.png for another person) pasted over the drawn silhouette.
import sharp from 'sharp';
import { skimageImage } from '../faces/face-images.ts';
import { buildMrz, type IdPerson, printedFromPerson, renderIdImage } from './id-images.ts';

export const ID_PERSON: IdPerson = {
  documentCode: 'P',
  issuingState: 'UTO',
  surname: 'COLLINS',
  givenNames: 'EILEEN MARIE',
  documentNumber: 'L898902C3',
  nationality: 'UTO',
  birthDate: '561119',
  sex: 'F',
  expiry: '340415',
};

/** Head-and-shoulders crops (left, top, width, height) of the 512 × 512 portraits, about 30 : 38 like the box. */
const CROPS = {
  'astronaut.png': { left: 115, top: 10, width: 230, height: 295 },
  'camera.png': { left: 150, top: 20, width: 210, height: 270 },
} as const;

/**
 * A passport data page, 1600 px wide, with `portrait`'s face in the photo box, or (portrait null) the drawn
 * silhouette only (no face). JPEG, as a phone photo would be.
 */
export async function idImageWithFace(portrait: keyof typeof CROPS | null): Promise<Buffer> {
  const id = await renderIdImage({
    format: 'TD3',
    lines: buildMrz('TD3', ID_PERSON),
    printed: printedFromPerson(ID_PERSON),
  });
  if (portrait === null) return sharp(id.png).jpeg({ quality: 90 }).toBuffer();
  // The photo box of renderIdImage's TD3 page: 5 mm from the left, 12 mm from the top, 30 mm wide.
  const s = id.width / 125;
  const box = { left: Math.round(5 * s), top: Math.round(12 * s), width: Math.round(30 * s) };
  const height = Math.round(box.width * (CROPS[portrait].height / CROPS[portrait].width));
  const face = await sharp(skimageImage(portrait))
    .extract(CROPS[portrait])
    .resize(box.width, height)
    .toColourspace('srgb')
    .png()
    .toBuffer();
  return sharp(id.png)
    .composite([{ input: face, left: box.left, top: box.top }])
    .jpeg({ quality: 90 })
    .toBuffer();
}
