// The largest face on a still picture with only the models that answer "who, where, turned how far": the
// detector, the mesh (head pose) and the identity embedding — no iris, hands, anti-spoofing or liveness, which
// the `full` set of analyzeFaceImage also runs. Used for the server's keyframe spot-checks and the ID photo,
// on the process's single Human instance (human-node.ts). The pose and box are read exactly as
// analyzeFaceImage reads them, so both give the same numbers for the same face.
import type { Config } from '@vladmandic/human';
import { decodeRgb, getHuman } from './human-node.ts';

export type LargestFace = {
  /** Faces the detector found (at most `maxFaces`). */
  faces: number;
  /** null when there is none. */
  face: {
    score: number;
    /** [x, y, w, h] normalised to the picture. */
    box: [number, number, number, number];
    /** Degrees; null when the mesh gave no pose. */
    yaw: number | null;
    embedding: number[] | null;
  } | null;
  ms: number;
};

function identityConfig(maxFaces: number): Partial<Config> {
  // Every switch is set: the shared instance keeps whatever the previous call asked for.
  return {
    face: {
      enabled: true,
      detector: { maxDetected: maxFaces, rotation: false, return: false },
      mesh: { enabled: true },
      iris: { enabled: false },
      description: { enabled: true },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      emotion: { enabled: false },
      attention: { enabled: false },
    },
    hand: { enabled: false },
    body: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  } as Partial<Config>;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** Decodes the picture (within `maxPixels`, from the header first) and returns its largest face. */
export async function readLargestFace(
  bytes: Uint8Array,
  options: { maxFaces?: number; maxPixels?: number } = {},
): Promise<LargestFace> {
  const image = await decodeRgb(bytes, options.maxPixels);
  const human = await getHuman();
  const tensor = human.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
  const started = performance.now();
  let result: Awaited<ReturnType<typeof human.detect>>;
  try {
    result = await human.detect(tensor, identityConfig(options.maxFaces ?? 2));
  } finally {
    human.tf.dispose(tensor);
  }
  const ms = performance.now() - started;
  if (result.error) throw new Error(`face analysis failed: ${result.error}`);
  const area = (f: (typeof result.face)[number]) => f.box[2] * f.box[3];
  const largest = [...result.face].sort((a, b) => area(b) - area(a))[0];
  if (largest === undefined) return { faces: 0, face: null, ms };
  const [x, y, w, h] = largest.box;
  const yaw = largest.rotation?.angle.yaw;
  return {
    faces: result.face.length,
    face: {
      score: round3(largest.score),
      box: [x / image.width, y / image.height, w / image.width, h / image.height].map(round3) as [
        number,
        number,
        number,
        number,
      ],
      yaw: typeof yaw === 'number' ? Math.round(((yaw * 180) / Math.PI) * 10) / 10 : null,
      embedding: largest.embedding && largest.embedding.length > 0 ? Array.from(largest.embedding) : null,
    },
    ms,
  };
}
