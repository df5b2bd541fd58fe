// Browser configuration for @vladmandic/human on the candidate's verification page: models and the tfjs
// wasm binaries come from Gatecheck's own server (src/server/static-models.ts), never a CDN; model caching
// in IndexedDB is off (the server's immutable cache headers make reloads cheap anyway); and the page
// schedules the models per frame (frameModels/frameConfig): detector + mesh + iris every frame, hands only
// while a hand challenge runs, the identity embedding and anti-spoofing a few times per second.
import type { Config } from '@vladmandic/human';
import type { ChallengeKind } from '../../../core/liveness/types.ts';

/** The Human version this page is built with; the server serves models under the same version. A test
 * (test/faces/static-models.test.ts) fails when the installed package and this constant disagree. */
export const HUMAN_BROWSER_VERSION = '3.3.6';

function vendorUrl(folder: 'models' | 'wasm', origin: string): string {
  return `${origin.replace(/\/+$/, '')}/vendor/human/${HUMAN_BROWSER_VERSION}/${folder}/`;
}

/** Where the model files are served (same origin by default). */
export function humanModelsUrl(origin = ''): string {
  return vendorUrl('models', origin);
}

/** Where the tfjs wasm binaries are served (same origin by default). */
export function humanWasmUrl(origin = ''): string {
  return vendorUrl('wasm', origin);
}

/** Challenges where a hand (or a pen held in it) must be seen against the face. */
const HAND_CHALLENGES: ReadonlySet<ChallengeKind> = new Set(['cover_half', 'pass_object']);

/** How often the slow models run on a live stream (the trace keeps at most ~2 embeddings a second). */
export const EMBEDDING_EVERY_MS = 500;
export const ANTISPOOF_EVERY_MS = 1000;

/** Models that are off on this page: body, objects, segmentation, gestures, emotion, attention mesh. */
const OFF = {
  body: { enabled: false },
  object: { enabled: false },
  gesture: { enabled: false },
  segmentation: { enabled: false },
} as const;

/**
 * The config for `new Human(config)`: every model the page may use is enabled so `human.load()` fetches
 * them all up front from Gatecheck. `origin` is the Gatecheck server ('' = the page's own origin).
 */
export function humanBrowserConfig(options: { origin?: string } = {}): Partial<Config> {
  const origin = options.origin ?? '';
  return {
    backend: 'wasm',
    modelBasePath: humanModelsUrl(origin),
    wasmPath: humanWasmUrl(origin),
    wasmPlatformFetch: false,
    cacheModels: false,
    debug: false,
    warmup: 'none',
    // Human's frame cache (reusing the last answers while the picture looks alike) is off: a frozen or
    // replayed picture must show as such, and the page schedules the slow models itself (frameConfig).
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: { maxDetected: 1, rotation: false, return: false, minConfidence: 0.2 },
      mesh: { enabled: true },
      iris: { enabled: true },
      attention: { enabled: false },
      emotion: { enabled: false },
      description: { enabled: true },
      antispoof: { enabled: true },
      liveness: { enabled: true },
    },
    hand: { enabled: true, maxDetected: 2, minConfidence: 0.5, landmarks: true, rotation: true },
    ...OFF,
  };
}

/** During a hand challenge the hand models (HandTrack + landmarks, ~85 ms a frame on a laptop CPU) run on
 * every HANDS_EVERY_FRAMES-th frame; the page holds their last boxes on the frames in between (see
 * `holdHands`), so a covered face stays covered between two hand runs. This keeps the page ≥ 10 frames/s. */
export const HANDS_EVERY_FRAMES = 3;

/** When the slow models last ran on this stream (ms, the page's clock; null = never), and how many frames
 * went by since the hands last ran in the current hand challenge (null = not yet in this challenge). */
export type ModelSchedule = {
  embeddingAt: number | null;
  antispoofAt: number | null;
  framesSinceHands?: number | null;
};

/** Which models one live frame runs: detector + mesh + iris always, hands on every HANDS_EVERY_FRAMES-th
 * frame of a hand challenge, the embedding and anti-spoofing when their interval has passed. */
export function frameModels(
  nowMs: number,
  schedule: ModelSchedule,
  challenge: ChallengeKind | null,
): { hands: boolean; embedding: boolean; antispoof: boolean } {
  const due = (at: number | null, every: number) => at === null || nowMs - at >= every;
  const since = schedule.framesSinceHands ?? null;
  return {
    hands:
      challenge !== null &&
      HAND_CHALLENGES.has(challenge) &&
      (since === null || since >= HANDS_EVERY_FRAMES - 1),
    embedding: due(schedule.embeddingAt, EMBEDDING_EVERY_MS),
    antispoof: due(schedule.antispoofAt, ANTISPOOF_EVERY_MS),
  };
}

/** Whether a challenge needs the hand models. */
export function isHandChallenge(kind: ChallengeKind | null): boolean {
  return kind !== null && HAND_CHALLENGES.has(kind);
}

/** The per-frame config for `human.detect(video, config)` with the models `frameModels` chose. A still
 * (the ID photo, a keyframe) passes everything on. */
export function frameConfig(models: {
  hands: boolean;
  embedding: boolean;
  antispoof: boolean;
}): Partial<Config> {
  return {
    face: {
      enabled: true,
      mesh: { enabled: true },
      iris: { enabled: true },
      description: { enabled: models.embedding },
      antispoof: { enabled: models.antispoof },
      liveness: { enabled: models.antispoof },
    },
    hand: { enabled: models.hands },
    ...OFF,
  };
}
