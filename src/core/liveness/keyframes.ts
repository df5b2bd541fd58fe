// Server-side spot-checks of the keyframes a browser uploaded during the challenge: the server runs its own
// face models on each keyframe (src/intel/faces) and this pure comparison checks that the trace frame nearest
// the keyframe's time says the same thing — a face in both or in neither, about the same head turn and face
// position, and (when the trace carries an embedding within a second) the same person. A trace written by
// hand or by a script, rather than measured from the camera, disagrees with the pictures it came with.
import { cosine, round } from './geometry.ts';
import type { Box, FrameFeature, IntegrityProblem, KeyframeVerdict } from './types.ts';

/** What the server's face models found on one keyframe (the largest face). */
export type KeyframeObservation = {
  /** 0-based order of arrival. */
  index: number;
  /** Milliseconds since the trace started, as the browser said when uploading. */
  t: number;
  stepId: string | null;
  /** Why the server could not analyse the picture (it is then a disagreement: the browser sent it as a frame). */
  unreadable?: string;
  face: {
    /** Degrees; null when the mesh gave no pose. */
    yaw: number | null;
    /** [x, y, w, h] normalised to the keyframe. */
    box: Box;
    /** The identity embedding; null when the model gave none. */
    embedding: number[] | null;
  } | null;
};

export const KEYFRAME_THRESHOLDS = {
  /** The trace frame compared must be this close in time to the keyframe. */
  nearestMs: 250,
  /** Largest difference of head-turn magnitude (degrees) between keyframe and trace frame. */
  yawDeg: 20,
  /** Largest distance between the face-box centres (fraction of the frame). */
  boxCentre: 0.15,
  /** The trace embedding compared must be within this time of the keyframe. */
  embeddingMs: 1000,
  /** Lowest cosine similarity of the keyframe's embedding to the trace's (same person ≥ 0.8 measured, others 0.32–0.39). */
  minCosine: 0.6,
  /** Identity is compared only on frontal keyframes (|yaw| at most this); profile and cover lower the cosine honestly. */
  frontalYawDeg: 25,
} as const;

const K = KEYFRAME_THRESHOLDS;

function centre(box: readonly number[]): [number, number] {
  const [x = 0, y = 0, w = 0, h = 0] = box;
  return [x + w / 2, y + h / 2];
}

function nearestFrame(frames: readonly FrameFeature[], t: number): FrameFeature | null {
  let best: FrameFeature | null = null;
  for (const f of frames) if (best === null || Math.abs(f.t - t) < Math.abs(best.t - t)) best = f;
  return best !== null && Math.abs(best.t - t) <= K.nearestMs ? best : null;
}

/** The trace embedding nearest in time (within a second) taken at about the same head turn and uncovered. */
function nearestEmbedding(
  frames: readonly FrameFeature[],
  t: number,
  yaw: number | null,
): { t: number; e: number[] } | null {
  let best: { t: number; e: number[] } | null = null;
  for (const f of frames) {
    const e = f.face?.embedding;
    if (!e || Math.abs(f.t - t) > K.embeddingMs || f.hands.length > 0) continue;
    if (yaw !== null && Math.abs(Math.abs(yaw) - Math.abs(f.face?.yaw ?? 0)) > K.yawDeg) continue;
    if (best === null || Math.abs(f.t - t) < Math.abs(best.t - t)) best = { t: f.t, e };
  }
  return best;
}

const seconds = (ms: number) => `${round(ms / 1000, 1)} s`;

/** Compares one keyframe with the trace; `reference` is the session's median clean embedding (or null). */
function checkOne(
  frames: readonly FrameFeature[],
  k: KeyframeObservation,
  reference: readonly number[] | null,
): KeyframeVerdict {
  const base = {
    index: k.index,
    t: k.t,
    stepId: k.stepId,
    faceFound: k.face !== null,
    yaw: k.face?.yaw ?? null,
  };
  const label = `captured frame ${k.index + 1} (at ${seconds(k.t)})`;
  if (k.unreadable !== undefined)
    return { ...base, agrees: false, similarity: null, detail: `${label}: cannot be read (${k.unreadable})` };
  const frame = nearestFrame(frames, k.t);
  if (frame === null)
    return {
      ...base,
      agrees: false,
      similarity: null,
      detail: `${label}: the trace has no frame within ${K.nearestMs} ms of it`,
    };
  const face = frame.face;
  if (k.face === null && face === null)
    return { ...base, agrees: true, similarity: null, detail: `${label}: no face, as the trace says` };
  if (k.face === null)
    return {
      ...base,
      agrees: false,
      similarity: null,
      detail: `${label}: the server found no face on it, but the trace reports one at ${seconds(frame.t)}`,
    };
  if (face === null)
    return {
      ...base,
      agrees: false,
      similarity: null,
      detail: `${label}: the server found a face on it, but the trace reports none at ${seconds(frame.t)}`,
    };
  const problems: string[] = [];
  // Either sign convention is allowed in the trace (types.ts), so head turns are compared by magnitude.
  if (k.face.yaw !== null && Math.abs(Math.abs(k.face.yaw) - Math.abs(face.yaw)) > K.yawDeg)
    problems.push(
      `the head is turned ${Math.round(Math.abs(k.face.yaw))}° on the picture but ${Math.round(Math.abs(face.yaw))}° in the trace`,
    );
  const [kx, ky] = centre(k.face.box);
  const [tx, ty] = centre(face.box);
  const shift = Math.hypot(kx - tx, ky - ty);
  if (shift > K.boxCentre)
    problems.push(
      `the face is ${round(shift, 2)} of the frame away from where the trace puts it (at most ${K.boxCentre})`,
    );
  let similarity: number | null = null;
  // A hand over the face changes its signature honestly: identity is compared on uncovered faces only, with
  // a trace embedding of about the same head turn, and with the session's usual (frontal) face when frontal.
  const frontal = k.face.yaw === null || Math.abs(k.face.yaw) <= K.frontalYawDeg;
  const covered = frame.hands.length > 0;
  const mine = k.face.embedding;
  if (mine !== null && !covered) {
    const near = nearestEmbedding(frames, k.t, k.face.yaw);
    const sims: { what: string; c: number }[] = [];
    if (near !== null) sims.push({ what: `the trace's face at ${seconds(near.t)}`, c: cosine(mine, near.e) });
    if (reference !== null && frontal)
      sims.push({ what: "the session's usual face", c: cosine(mine, reference) });
    for (const s of sims) {
      if (Number.isNaN(s.c)) {
        problems.push(
          `the trace's face signature cannot be compared with the server's (${near?.e.length ?? reference?.length ?? 0} numbers instead of ${mine.length})`,
        );
        break;
      }
      if (s.c < K.minCosine)
        problems.push(
          `the face on the picture is another person than ${s.what} (similarity ${round(s.c, 2)}, the same person scores at least ${K.minCosine})`,
        );
    }
    const first = sims[0];
    if (first !== undefined && !Number.isNaN(first.c)) similarity = round(first.c, 3);
  }
  if (problems.length > 0)
    return { ...base, agrees: false, similarity, detail: `${label}: ${problems.join('; ')}` };
  const what = similarity === null ? '' : `, same person (similarity ${similarity})`;
  return {
    ...base,
    agrees: true,
    similarity,
    detail: `${label}: matches the trace (face present, head turn and position agree${what})`,
  };
}

/**
 * The verdict on each keyframe (in index order) against the trace's frames. `reference` is the session's
 * median clean embedding (null when the trace has none).
 */
export function checkKeyframes(
  frames: readonly FrameFeature[],
  keyframes: readonly KeyframeObservation[],
  reference: readonly number[] | null,
): KeyframeVerdict[] {
  return [...keyframes].sort((a, b) => a.index - b.index).map((k) => checkOne(frames, k, reference));
}

/** The integrity problem the disagreeing keyframes make, or null when all agree. */
export function keyframeProblem(verdicts: readonly KeyframeVerdict[]): IntegrityProblem | null {
  const bad = verdicts.filter((v) => !v.agrees);
  if (bad.length === 0) return null;
  const list = bad.map((v) => v.index + 1).join(', ');
  return {
    code: 'keyframe_mismatch',
    message: `${bad.length} of ${verdicts.length} captured frames do not match the trace (frame ${list}): ${bad[0]?.detail ?? ''}`,
    moments: bad.slice(0, 10).map((v) => Math.round(v.t)),
  };
}
