import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyzeFaceImage,
  cosineSimilarity,
  type FaceImageAnalysis,
  getHuman,
  openedModelFiles,
} from '../../src/intel/faces/human-node.ts';
import { HUMAN_MODELS_DIR } from '../../src/intel/faces/model-files.ts';
import { skimageImage } from './face-images.ts';

const fetchCalls: string[] = [];
const realFetch = globalThis.fetch;
let portrait: FaceImageAnalysis;

beforeAll(async () => {
  // Any network use while the models load would land here and fail the load.
  globalThis.fetch = async (input: string | URL | Request) => {
    fetchCalls.push(String(input instanceof Request ? input.url : input));
    throw new Error('no network in face analysis');
  };
  await getHuman();
  globalThis.fetch = realFetch;
  portrait = await analyzeFaceImage(skimageImage('astronaut.png'));
}, 60_000);

afterAll(() => {
  globalThis.fetch = realFetch;
});

function onlyFace(result: FaceImageAnalysis) {
  expect(result.faces).toHaveLength(1);
  const face = result.faces[0];
  if (face === undefined) throw new Error('no face');
  return face;
}

describe('face models offline (Human, tfjs wasm)', () => {
  it('loads every model from the package on disk, without the network', () => {
    expect(fetchCalls).toEqual([]);
    const names = openedModelFiles.map((f) => path.basename(f));
    for (const model of ['blazeface', 'facemesh', 'iris', 'faceres', 'antispoof', 'liveness', 'handtrack']) {
      expect(names).toContain(`${model}.json`);
      expect(names).toContain(`${model}.bin`);
    }
    for (const file of openedModelFiles) {
      expect(file.startsWith(HUMAN_MODELS_DIR + path.sep)).toBe(true);
      expect(file.split(path.sep)).toContain('node_modules');
    }
  });

  it('finds the face in a portrait with a sensible box and a frontal pose', () => {
    expect(portrait.width).toBe(512);
    const face = onlyFace(portrait);
    expect(face.score).toBeGreaterThan(0.8);
    // The astronaut's face: upper middle-left of the 512 × 512 picture.
    const [x, y, w, h] = face.box;
    expect(x).toBeGreaterThan(120);
    expect(x + w).toBeLessThan(340);
    expect(y).toBeGreaterThan(20);
    expect(y + h).toBeLessThan(240);
    expect(w).toBeGreaterThan(100);
    expect(face.meshPoints).toBe(478);
    expect(Math.abs(face.yaw ?? 99)).toBeLessThan(15);
    expect(Math.abs(face.pitch ?? 99)).toBeLessThan(20);
    expect(Math.abs(face.roll ?? 99)).toBeLessThan(15);
    expect(face.embedding).toHaveLength(1024);
    expect(face.real).toBeGreaterThanOrEqual(0);
    expect(face.real).toBeLessThanOrEqual(1);
    expect(face.live).toBeGreaterThanOrEqual(0);
    expect(face.live).toBeLessThanOrEqual(1);
    expect(portrait.hands.every((h) => h.score >= 0 && h.score <= 1)).toBe(true);
  });

  it('reads a tilted head as roll: the portrait turned 20° changes roll by about 20°', async () => {
    const tilted = await sharp(skimageImage('astronaut.png'))
      .rotate(20, { background: '#808080' })
      .png()
      .toBuffer();
    const before = onlyFace(portrait).roll ?? 0;
    const after = onlyFace(await analyzeFaceImage(tilted)).roll ?? 0;
    expect(Math.abs(Math.abs(after - before) - 20)).toBeLessThan(7);
  });

  it('gives the same person the same embedding after resizing and JPEG re-encoding, and another person a distant one', async () => {
    const reencoded = await sharp(skimageImage('astronaut.png')).resize(300).jpeg({ quality: 70 }).toBuffer();
    const same = onlyFace(await analyzeFaceImage(reencoded));
    const other = onlyFace(await analyzeFaceImage(skimageImage('camera.png')));
    const reference = onlyFace(portrait).embedding ?? [];
    const sameScore = cosineSimilarity(reference, same.embedding ?? []);
    const otherScore = cosineSimilarity(reference, other.embedding ?? []);
    expect(sameScore).toBeGreaterThan(0.8);
    expect(otherScore).toBeLessThan(0.6);
  });

  it('finds no face in a photo without one, nor in a crop of the portrait below the face', async () => {
    expect((await analyzeFaceImage(skimageImage('coffee.png'))).faces).toEqual([]);
    const belowFace = await sharp(skimageImage('astronaut.png'))
      .extract({ left: 200, top: 250, width: 250, height: 250 })
      .png()
      .toBuffer();
    expect((await analyzeFaceImage(belowFace)).faces).toEqual([]);
  });

  it('runs only the cheap models when asked (no embedding, no anti-spoofing)', async () => {
    const quick = onlyFace(await analyzeFaceImage(skimageImage('astronaut.png'), { models: 'mesh' }));
    expect(quick.embedding).toBeNull();
    expect(quick.real).toBeNull();
    expect(quick.meshPoints).toBe(478);
  });

  it('refuses what is not an image, and an image over the pixel limit, naming the problem', async () => {
    await expect(analyzeFaceImage(new Uint8Array())).rejects.toThrow(/empty/);
    await expect(analyzeFaceImage(new TextEncoder().encode('not an image'))).rejects.toThrow(
      /cannot be decoded/,
    );
    await expect(analyzeFaceImage(skimageImage('astronaut.png'), { maxPixels: 100_000 })).rejects.toThrow(
      /512 × 512 = 262,144 pixels, over the limit of 100,000/,
    );
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expect(analyzeFaceImage(svg)).rejects.toThrow(/svg files are not accepted/);
  });
});
