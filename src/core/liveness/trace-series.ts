// A session over time for people to look at: the per-frame trace reduced to head yaw/pitch, face score and
// hand count, at most `maxPoints` points, with the step windows the browser reported. Pure; no I/O.
import type { LivenessTrace } from './types.ts';

export type TraceSeriesPoint = {
  /** ms since the trace started (the first frame of the bucket). */
  t: number;
  /** Mean over the bucket's frames with a face, degrees; null when none had a face. */
  yaw: number | null;
  pitch: number | null;
  /** Lowest face score in the bucket, 0 when a frame had no face (so a lost face shows as a drop). */
  faceScore: number | null;
  /** Most hands seen in one frame of the bucket. */
  hands: number;
};

export type TraceSeries = {
  sessionId: string;
  durationMs: number;
  /** Frames in the trace (before reduction). */
  frames: number;
  points: TraceSeriesPoint[];
  steps: { id: string; kind: string; startMs: number; endMs: number }[];
};

export const DEFAULT_SERIES_POINTS = 600;

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/**
 * Reduces the trace to at most `maxPoints` points by splitting the frames into consecutive buckets of equal
 * size: yaw and pitch are averaged (the trend), the face score keeps its minimum and the hand count its
 * maximum, so the moments that matter for occlusion (a face lost, a hand in view) are never smoothed away.
 */
export function traceSeries(trace: LivenessTrace, maxPoints = DEFAULT_SERIES_POINTS): TraceSeries {
  if (!Number.isInteger(maxPoints) || maxPoints < 2)
    throw new RangeError(`maxPoints must be an integer of at least 2, got ${maxPoints}`);
  const frames = trace.frames;
  const size = Math.max(1, Math.ceil(frames.length / maxPoints));
  const points: TraceSeriesPoint[] = [];
  for (let start = 0; start < frames.length; start += size) {
    const bucket = frames.slice(start, start + size);
    let yaw = 0;
    let pitch = 0;
    let withFace = 0;
    let faceScore = Number.POSITIVE_INFINITY;
    let hands = 0;
    for (const f of bucket) {
      hands = Math.max(hands, f.hands.length);
      if (f.face === null) {
        faceScore = 0;
        continue;
      }
      withFace++;
      yaw += f.face.yaw;
      pitch += f.face.pitch;
      faceScore = Math.min(faceScore, f.face.score);
    }
    points.push({
      t: (bucket[0] as (typeof frames)[number]).t,
      yaw: withFace === 0 ? null : round(yaw / withFace, 1),
      pitch: withFace === 0 ? null : round(pitch / withFace, 1),
      faceScore: Number.isFinite(faceScore) ? round(faceScore, 3) : null,
      hands,
    });
  }
  return {
    sessionId: trace.sessionId,
    durationMs: trace.durationMs,
    frames: frames.length,
    points,
    steps: trace.steps.map((s) => ({ id: s.id, kind: s.kind, startMs: s.startMs, endMs: s.endMs })),
  };
}
