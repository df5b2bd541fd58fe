// readLargestFace runs only the detector, mesh and embedding models on the shared Human instance: the same
// box, pose and embedding as the full analysis, and it leaves the full analysis intact for the next caller.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { analyzeFaceImage, cosineSimilarity } from '../../src/intel/faces/human-node.ts';
import { readLargestFace } from '../../src/intel/faces/largest-face.ts';
import { skimageImage } from './face-images.ts';

describe('readLargestFace', () => {
  it('gives the full analysis’ box, yaw and embedding; none on a picture without a face', async () => {
    const frame = await sharp(skimageImage('astronaut.png'))
      .resize(640, 480, { fit: 'contain' })
      .jpeg()
      .toBuffer();
    const full = (await analyzeFaceImage(frame, { maxFaces: 2 })).faces[0];
    const light = await readLargestFace(frame);
    expect(light.faces).toBe(1);
    expect(light.face?.box).toEqual(full?.boxNormalised);
    expect(light.face?.yaw).toBe(full?.yaw);
    expect(light.face?.embedding).toHaveLength(1024);
    expect(cosineSimilarity(light.face?.embedding ?? [], full?.embedding ?? [])).toBeGreaterThan(0.999);
    // The full analysis after it still runs the models it skipped (anti-spoofing, liveness).
    const after = (await analyzeFaceImage(frame)).faces[0];
    expect(after?.real).not.toBeNull();
    expect(after?.live).not.toBeNull();
    expect((await readLargestFace(skimageImage('coffee.png'))).face).toBeNull();
  }, 60_000);

  it('picks the largest of several faces', async () => {
    // Head-and-shoulders crops: the astronaut large, the cameraman (another person) smaller.
    const big = await sharp(skimageImage('astronaut.png'))
      .extract({ left: 115, top: 10, width: 230, height: 295 })
      .resize(300, 385)
      .png()
      .toBuffer();
    const small = await sharp(skimageImage('camera.png'))
      .extract({ left: 150, top: 20, width: 210, height: 270 })
      .resize(200, 257)
      .toColourspace('srgb')
      .png()
      .toBuffer();
    const both = await sharp({ create: { width: 700, height: 450, channels: 3, background: '#808080' } })
      .composite([
        { input: small, left: 40, top: 100 },
        { input: big, left: 360, top: 30 },
      ])
      .jpeg()
      .toBuffer();
    const astronaut = (await analyzeFaceImage(skimageImage('astronaut.png'))).faces[0]?.embedding ?? [];
    const r = await readLargestFace(both, { maxFaces: 3 });
    expect(r.faces).toBe(2);
    expect(r.face?.box[0]).toBeGreaterThan(0.45);
    expect(cosineSimilarity(r.face?.embedding ?? [], astronaut)).toBeGreaterThan(0.8);
  }, 60_000);
});
