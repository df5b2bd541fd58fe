// Turning one Human result into the trace's per-frame features (src/core/liveness/types.ts), and the page's
// own, advisory reading of whether a step looks done (to move on early and to pick the keyframe moment).
// Pure: no DOM, no Human instance; the server recomputes every verdict from the frames anyway.
import type { Box, ChallengeStep, FaceFeature, HandFeature, Rgb } from '../../../core/liveness/types.ts';

/** The parts of Human's FaceResult this page reads (pixel mesh of 468/478 points, radians). */
export type HumanFace = {
  score: number;
  boxScore?: number;
  faceScore?: number;
  boxRaw: readonly number[];
  mesh?: readonly (readonly number[])[];
  rotation?: { angle: { yaw: number; pitch: number; roll: number } } | null;
  embedding?: readonly number[];
  real?: number;
  live?: number;
};

/** The parts of Human's HandResult this page reads. */
export type HumanHand = { score: number; boxRaw: readonly number[]; label?: string };

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f || 0;
};
const degrees = (radians: number) => Math.max(-180, Math.min(180, (radians * 180) / Math.PI));

function dist(mesh: readonly (readonly number[])[], a: number, b: number): number | null {
  const p = mesh[a];
  const q = mesh[b];
  if (!p || !q || p.length < 2 || q.length < 2) return null;
  return Math.hypot((p[0] as number) - (q[0] as number), (p[1] as number) - (q[1] as number));
}

/** MediaPipe FaceMesh indices (the mesh Human returns): eye corners and lids, mouth corners. */
const RIGHT_EYE = { outer: 33, inner: 133, upper: 159, lower: 145 };
const LEFT_EYE = { outer: 263, inner: 362, upper: 386, lower: 374 };
const MOUTH = { left: 61, right: 291, upper: 13, lower: 14 };

/** Eye aspect ratio (lid gap / eye width) that reads as fully open, and as fully closed. */
export const EYE_OPEN_RATIO = 0.25;
export const EYE_CLOSED_RATIO = 0.1;
/** Mouth width / outer-eye-corner distance: about 0.55–0.6 at rest, 0.75 and more in a broad smile. */
export const SMILE_REST_RATIO = 0.6;
export const SMILE_FULL_RATIO = 0.8;

/** Eye openness 0 (closed) .. 1 (open): the mean eye aspect ratio of both eyes, scaled between the two
 * ratios above. Null when the mesh has no eye landmarks. */
export function eyeOpenness(mesh: readonly (readonly number[])[]): number | null {
  const ratio = (eye: typeof RIGHT_EYE) => {
    const gap = dist(mesh, eye.upper, eye.lower);
    const width = dist(mesh, eye.outer, eye.inner);
    return gap === null || width === null || width === 0 ? null : gap / width;
  };
  const r = ratio(RIGHT_EYE);
  const l = ratio(LEFT_EYE);
  if (r === null || l === null) return null;
  return clamp01(((r + l) / 2 - EYE_CLOSED_RATIO) / (EYE_OPEN_RATIO - EYE_CLOSED_RATIO));
}

/** Smile 0..1: how much wider the mouth is than at rest, relative to the distance between the outer eye
 * corners (so it does not depend on the distance to the camera). Null without mouth landmarks. */
export function smileAmount(mesh: readonly (readonly number[])[]): number | null {
  const mouth = dist(mesh, MOUTH.left, MOUTH.right);
  const eyes = dist(mesh, RIGHT_EYE.outer, LEFT_EYE.outer);
  if (mouth === null || eyes === null || eyes === 0) return null;
  return clamp01((mouth / eyes - SMILE_REST_RATIO) / (SMILE_FULL_RATIO - SMILE_REST_RATIO));
}

function toBox(raw: readonly number[]): Box {
  const [x = 0, y = 0, w = 0, h = 0] = raw;
  return [
    round(Math.max(-1, Math.min(2, x)), 4),
    round(Math.max(-1, Math.min(2, y)), 4),
    round(Math.max(0, Math.min(3, w)), 4),
    round(Math.max(0, Math.min(3, h)), 4),
  ];
}

/** One face as the trace stores it: degrees, a normalised box, rounded scores; the embedding (rounded to 4
 * decimals) and anti-spoofing scores only when those models ran on this frame. */
export function faceFeature(
  face: HumanFace,
  models: { embedding: boolean; antispoof: boolean },
): FaceFeature {
  const angle = face.rotation?.angle;
  const feature: FaceFeature = {
    score: round(clamp01(face.score), 3),
    box: toBox(face.boxRaw),
    yaw: round(angle ? degrees(angle.yaw) : 0, 1),
    pitch: round(angle ? degrees(angle.pitch) : 0, 1),
    roll: round(angle ? degrees(angle.roll) : 0, 1),
  };
  if (typeof face.faceScore === 'number') feature.meshScore = round(clamp01(face.faceScore), 3);
  if (face.mesh && face.mesh.length >= 468) {
    const eye = eyeOpenness(face.mesh);
    const smile = smileAmount(face.mesh);
    if (eye !== null) feature.eyeOpen = round(eye, 3);
    if (smile !== null) feature.smile = round(smile, 3);
  }
  if (models.antispoof) {
    if (typeof face.real === 'number') feature.real = round(clamp01(face.real), 3);
    if (typeof face.live === 'number') feature.live = round(clamp01(face.live), 3);
  }
  if (models.embedding && face.embedding && face.embedding.length > 0) {
    feature.embedding = face.embedding
      .slice(0, 1024)
      .map((v) => round(Math.max(-10, Math.min(10, Number.isFinite(v) ? v : 0)), 4));
  }
  return feature;
}

/** Hands as the trace stores them: HandTrack's 'face' class is not a hand; at most 4. */
export function handFeatures(hands: readonly HumanHand[]): HandFeature[] {
  return hands
    .filter((h) => h.label !== 'face')
    .slice(0, 4)
    .map((h) => ({ box: toBox(h.boxRaw), score: round(clamp01(h.score), 3) }));
}

/** Share of box `a` covered by box `b` (0..1). */
export function coveredShare(a: Box, b: Box): number {
  const w = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const h = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  const area = a[2] * a[3];
  return area > 0 ? (w * h) / area : 0;
}

/** The screen region of the face box to average for `faceColor`: the middle of the box (cheeks, nose,
 * forehead), in video pixels, or null when it falls outside the picture. */
export function faceColorRegion(
  box: Box,
  width: number,
  height: number,
): { x: number; y: number; w: number; h: number } | null {
  const x = Math.max(0, Math.round((box[0] + box[2] * 0.25) * width));
  const y = Math.max(0, Math.round((box[1] + box[3] * 0.2) * height));
  const w = Math.min(width - x, Math.round(box[2] * 0.5 * width));
  const h = Math.min(height - y, Math.round(box[3] * 0.6 * height));
  return w >= 2 && h >= 2 ? { x, y, w, h } : null;
}

/** Mean RGB of RGBA pixels. */
export function meanRgb(pixels: ArrayLike<number>): Rgb {
  let r = 0;
  let g = 0;
  let b = 0;
  const n = Math.floor(pixels.length / 4);
  for (let i = 0; i < n; i++) {
    r += pixels[i * 4] as number;
    g += pixels[i * 4 + 1] as number;
    b += pixels[i * 4 + 2] as number;
  }
  return n === 0 ? [0, 0, 0] : [round(r / n, 1), round(g / n, 1), round(b / n, 1)];
}

/** What the page remembers while a step runs, to judge (for itself only) whether it looks done. */
export type StepProgress = {
  baseYaw: number | null;
  basePitch: number | null;
  eyeWasOpen: boolean;
  eyeClosed: boolean;
  coverSince: number | null;
  handXs: number[];
};

export function newStepProgress(baseYaw: number | null, basePitch: number | null): StepProgress {
  return { baseYaw, basePitch, eyeWasOpen: false, eyeClosed: false, coverSince: null, handXs: [] };
}

/**
 * Advances the page's own reading of the step with one frame and says whether the step looks done. It
 * follows the server's thresholds loosely (docs/liveness.md); it only decides when to move on and when to
 * take the keyframe — the server decides pass or fail from the trace.
 */
export function stepLooksDone(
  step: Pick<ChallengeStep, 'kind'>,
  progress: StepProgress,
  t: number,
  face: FaceFeature | null,
  hands: readonly HandFeature[],
): boolean {
  if (!face || face.score < 0.5) {
    progress.coverSince = null;
    return false;
  }
  switch (step.kind) {
    case 'turn_left':
    case 'turn_right':
      return Math.abs(face.yaw - (progress.baseYaw ?? 0)) >= 38;
    case 'look_up':
      return Math.abs(face.pitch - (progress.basePitch ?? 0)) >= 17;
    case 'blink': {
      const eye = face.eyeOpen;
      if (eye === undefined) return false;
      if (eye >= 0.6) {
        if (progress.eyeClosed) return true;
        progress.eyeWasOpen = true;
      } else if (eye <= 0.3 && progress.eyeWasOpen) progress.eyeClosed = true;
      return false;
    }
    case 'smile':
      return (face.smile ?? 0) >= 0.7;
    case 'cover_half': {
      const covered = hands.some((h) => coveredShare(face.box, h.box) >= 0.25);
      if (!covered) {
        progress.coverSince = null;
        return false;
      }
      progress.coverSince ??= t;
      return t - progress.coverSince >= 500;
    }
    case 'pass_object': {
      for (const h of hands)
        if (coveredShare(face.box, h.box) >= 0.05) progress.handXs.push(h.box[0] + h.box[2] / 2);
      if (progress.handXs.length < 2 || face.box[2] <= 0) return false;
      return (Math.max(...progress.handXs) - Math.min(...progress.handXs)) / face.box[2] >= 0.4;
    }
    case 'flash':
      return false;
  }
}
