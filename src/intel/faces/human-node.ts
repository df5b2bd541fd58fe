// Face analysis in Node with @vladmandic/human on the tfjs wasm backend: one Human instance per process,
// models read from the installed package through a `file://` load handler (nothing is fetched over the
// network), images decoded with sharp within a pixel limit. Used to spot-check keyframes a browser sent
// and to read the face on an ID photo.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { io as tfio } from '@tensorflow/tfjs-core';
import type { Config, Human, Result } from '@vladmandic/human';
import sharp, { type Metadata } from 'sharp';
import { DomainError } from '../../core/errors.ts';
import { HUMAN_MODELS_DIR, HUMAN_NODE_WASM_ENTRY, TFJS_WASM_DIR } from './model-files.ts';

export const DEFAULT_MAX_PIXELS = 25_000_000;
/** Longest side handed to the models: the detector works at 256 px, the mesh on the face crop. */
const ANALYSIS_SIDE = 1280;

/** Which models run: the cheap per-frame set, plus hands, or everything (identity and anti-spoofing too). */
export type FaceModelSet = 'mesh' | 'mesh+hands' | 'full';

export type FaceFinding = {
  /** Overall face confidence 0..1 (detector and mesh). */
  score: number;
  boxScore: number;
  meshScore: number;
  /** [x, y, w, h] in pixels of the analysed image. */
  box: [number, number, number, number];
  /** [x, y, w, h] normalised to 0..1 of the image. */
  boxNormalised: [number, number, number, number];
  /** Degrees; null when the mesh did not run or found no pose. */
  yaw: number | null;
  pitch: number | null;
  roll: number | null;
  /** Face-identity embedding (1024 numbers, faceres model) when the full set ran. */
  embedding: number[] | null;
  /** Anti-spoofing "real" and liveness scores 0..1 (weak evidence: see docs/faces.md). */
  real: number | null;
  live: number | null;
  meshPoints: number;
};

export type HandFinding = {
  score: number;
  box: [number, number, number, number];
  boxNormalised: [number, number, number, number];
  label: string;
};

export type FaceImageAnalysis = {
  width: number;
  height: number;
  faces: FaceFinding[];
  hands: HandFinding[];
  /** Milliseconds the models took (decode excluded). */
  ms: number;
};

type HumanModule = { Human: new (config?: Partial<Config>) => Human };

/** Every model file the load handler opened, for tests asserting nothing outside node_modules was read. */
export const openedModelFiles: string[] = [];

let instance: Promise<Human> | null = null;

/** The process's single Human instance (created on first use; models load once, about a second). */
export function getHuman(): Promise<Human> {
  instance ??= createHuman().catch((error: unknown) => {
    instance = null;
    throw error;
  });
  return instance;
}

function modelConfig(set: FaceModelSet, maxFaces = 1): Partial<Config> {
  const full = set === 'full';
  const hands = set !== 'mesh';
  return {
    face: {
      enabled: true,
      detector: { maxDetected: maxFaces, rotation: false, return: false },
      mesh: { enabled: true },
      iris: { enabled: true },
      description: { enabled: full },
      antispoof: { enabled: full },
      liveness: { enabled: full },
      emotion: { enabled: false },
      attention: { enabled: false },
    },
    hand: { enabled: hands },
    body: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  };
}

async function createHuman(): Promise<Human> {
  const require = createRequire(import.meta.url);
  const { Human } = require(HUMAN_NODE_WASM_ENTRY) as HumanModule;
  const human = new Human({
    backend: 'wasm',
    // Both point inside node_modules; the wasm backend reads its binary with fs in Node.
    wasmPath: `${TFJS_WASM_DIR}${path.sep}`,
    modelBasePath: `${pathToFileURL(HUMAN_MODELS_DIR).href}/`,
    cacheModels: false,
    debug: false,
    warmup: 'none',
    // Every image is analysed on its own: Human's frame cache (reusing the last answers when the next input
    // looks alike) is off, so two keyframes never share a result.
    skipAllowed: false,
    cacheSensitivity: 0,
    filter: { enabled: false },
    ...modelConfig('full'),
    hand: { enabled: true },
  });
  registerFileLoader(human);
  await human.load();
  return human;
}

/** tfjs in Node has no `file://` loader without tfjs-node: this one reads model JSON + weights from disk. */
function registerFileLoader(human: Human): void {
  const io = human.tf.io;
  io.registerLoadRouter((url: string | string[]) => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null;
    const jsonFile = fileURLToPath(url);
    return {
      load: async () => {
        const file = insideModels(jsonFile);
        openedModelFiles.push(file);
        const json = JSON.parse(await readFile(file, 'utf8'));
        return io.getModelArtifactsForJSON(
          json,
          async (
            manifest: tfio.WeightsManifestConfig,
          ): Promise<[tfio.WeightsManifestEntry[], ArrayBuffer]> => {
            const specs = manifest.flatMap((group: tfio.WeightsManifestConfig[number]) => group.weights);
            const buffers: Uint8Array[] = [];
            for (const group of manifest) {
              for (const part of group.paths) {
                const weightsFile = insideModels(path.resolve(path.dirname(file), part));
                openedModelFiles.push(weightsFile);
                buffers.push(await readFile(weightsFile));
              }
            }
            return [specs, concat(buffers)];
          },
        );
      },
    };
  });
}

function insideModels(file: string): string {
  const resolved = path.resolve(file);
  if (!resolved.startsWith(HUMAN_MODELS_DIR + path.sep)) {
    throw new Error(`model file outside ${HUMAN_MODELS_DIR}: ${resolved}`);
  }
  return resolved;
}

function concat(parts: Uint8Array[]): ArrayBuffer {
  const total = parts.reduce((sum, p) => sum + p.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out.buffer;
}

function invalid(message: string): DomainError {
  return new DomainError('validation', message, [{ path: 'image', message }]);
}

const RASTER = new Set(['jpeg', 'png', 'webp', 'heif', 'tiff', 'gif']);

export type DecodedRgb = { data: Uint8Array; width: number; height: number };

/** Decodes a photo to RGB (EXIF orientation applied, longest side at most 1280 px) within a pixel limit. */
export async function decodeRgb(bytes: Uint8Array, maxPixels = DEFAULT_MAX_PIXELS): Promise<DecodedRgb> {
  if (bytes.length === 0) throw invalid('the image is empty (0 bytes)');
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, failOn: 'none' }).metadata();
  } catch (error) {
    throw invalid(`the image cannot be decoded: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!RASTER.has(meta.format ?? '')) {
    throw invalid(
      `${meta.format ?? 'this'} files are not accepted: send a JPEG, PNG, WebP, HEIF, TIFF or GIF image`,
    );
  }
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (w <= 0 || h <= 0) throw invalid('the image has no size in its header');
  if (w * h > maxPixels) {
    throw invalid(
      `the image is ${w} × ${h} = ${(w * h).toLocaleString('en-US')} pixels, over the limit of ${maxPixels.toLocaleString('en-US')} pixels`,
    );
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error', pages: 1 })
      .rotate()
      .resize({ width: ANALYSIS_SIDE, height: ANALYSIS_SIDE, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
    };
  } catch (error) {
    throw invalid(`the image cannot be decoded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs the chosen models on an already decoded RGB frame. */
export async function analyzeRgb(
  image: DecodedRgb,
  options: { models?: FaceModelSet; maxFaces?: number } = {},
): Promise<FaceImageAnalysis> {
  const human = await getHuman();
  const tensor = human.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
  const started = performance.now();
  let result: Result;
  try {
    result = await human.detect(tensor, modelConfig(options.models ?? 'full', options.maxFaces ?? 1));
  } finally {
    human.tf.dispose(tensor);
  }
  const ms = performance.now() - started;
  if (result.error) throw new Error(`face analysis failed: ${result.error}`);
  return {
    width: image.width,
    height: image.height,
    faces: result.face.map((f) => toFaceFinding(f, image)),
    hands: result.hand.map((h) => ({
      score: round(h.score),
      box: h.box.map(Math.round) as HandFinding['box'],
      boxNormalised: h.boxRaw.map(round) as HandFinding['boxNormalised'],
      label: h.label,
    })),
    ms,
  };
}

/** Decodes a photo (within `maxPixels`) and finds faces (score, box, pose, embedding, anti-spoofing) and hands. */
export async function analyzeFaceImage(
  bytes: Uint8Array,
  options: { models?: FaceModelSet; maxFaces?: number; maxPixels?: number } = {},
): Promise<FaceImageAnalysis> {
  const image = await decodeRgb(bytes, options.maxPixels ?? DEFAULT_MAX_PIXELS);
  return analyzeRgb(image, options);
}

function toFaceFinding(f: Result['face'][number], image: DecodedRgb): FaceFinding {
  const angle = f.rotation?.angle;
  const [x, y, w, h] = f.box;
  return {
    score: round(f.score),
    boxScore: round(f.boxScore),
    meshScore: round(f.faceScore),
    box: [Math.round(x), Math.round(y), Math.round(w), Math.round(h)],
    boxNormalised: [x / image.width, y / image.height, w / image.width, h / image.height].map(round) as [
      number,
      number,
      number,
      number,
    ],
    yaw: angle ? degrees(angle.yaw) : null,
    pitch: angle ? degrees(angle.pitch) : null,
    roll: angle ? degrees(angle.roll) : null,
    embedding: f.embedding && f.embedding.length > 0 ? Array.from(f.embedding) : null,
    real: typeof f.real === 'number' ? round(f.real) : null,
    live: typeof f.live === 'number' ? round(f.live) : null,
    meshPoints: f.mesh.length,
  };
}

function degrees(radians: number): number {
  return Math.round(((radians * 180) / Math.PI) * 10) / 10;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Cosine similarity of two embeddings (1 = same direction); 0 when either is empty or sizes differ. */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 || nb === 0) return 0;
  return dot / Math.sqrt(na * nb);
}
