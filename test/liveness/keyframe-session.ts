// Sessions with real keyframes: camera frames made from scikit-image portraits (astronaut.png; camera.png is
// another person, coffee.png has no face) and honest synthetic traces whose face signature is a real one
// (Human's 1024-number embedding of the portrait), edited where needed so the trace says what a keyframe shows.
import sharp from 'sharp';
import type { ChallengePlan, FrameFeature, LivenessTrace } from '../../src/core/liveness/types.ts';
import { cosineSimilarity, type FaceFinding } from '../../src/intel/faces/human-node.ts';
import { skimageImage } from '../faces/face-images.ts';
import { seededRandom } from '../random.ts';
import { buildHonestSession, near } from './trace-builder.ts';

export type Portrait = 'astronaut.png' | 'camera.png' | 'coffee.png';

/** A 640 × 480 camera frame (JPEG) holding the portrait, as the browser would snapshot it. */
export function cameraFrame(portrait: Portrait): Promise<Buffer> {
  return sharp(skimageImage(portrait))
    .resize(640, 480, { fit: 'contain', background: '#808080' })
    .toColourspace('srgb')
    .jpeg({ quality: 85 })
    .toBuffer();
}

const cos = (a: readonly number[], b: readonly number[]) => cosineSimilarity([...a], [...b]);
const r4 = (v: readonly number[]) => v.map((x) => Math.round(x * 1e4) / 1e4);

/**
 * An honest session whose live face is `person` (a real embedding): every embedding of the synthetic session
 * keeps its similarity to the synthetic person but now points at the real one.
 */
export function sessionOf(
  plan: ChallengePlan,
  person: readonly number[],
  seed: number,
  options: { leadMs?: number } = {},
): LivenessTrace {
  const s = buildHonestSession({ plan, seed, embeddingDim: person.length, ...options });
  const random = seededRandom(seed + 1);
  const frames = s.trace.frames.map((f): FrameFeature => {
    const e = f.face?.embedding;
    if (!f.face || !e) return f;
    return { ...f, face: { ...f.face, embedding: near(person, cos(e, s.person), random) } };
  });
  return { ...s.trace, frames };
}

/** Idle moments at least 600 ms apart (no step running, no hand): where keyframes are taken. */
export function idleMoments(trace: LivenessTrace, count: number): number[] {
  const busy = (t: number) => trace.steps.some((s) => t >= s.startMs - 300 && t <= s.endMs + 300);
  const idle = trace.frames.filter((f) => f.face && f.hands.length === 0 && !busy(f.t)).map((f) => f.t);
  const picked: number[] = [];
  for (const t of idle) if (picked.every((p) => Math.abs(p - t) > 600)) picked.push(t);
  if (picked.length < count) throw new Error(`only ${picked.length} idle moments`);
  return picked.slice(0, count);
}

/** The trace frames within 300 ms of `t` show `face` (box, yaw; its embedding on the nearest frame). */
export function showAt(
  trace: LivenessTrace,
  t: number,
  face: Partial<NonNullable<FrameFeature['face']>> | null,
): LivenessTrace {
  const nearest = trace.frames.reduce((a, b) => (Math.abs(b.t - t) < Math.abs(a.t - t) ? b : a));
  return {
    ...trace,
    frames: trace.frames.map((f): FrameFeature => {
      if (Math.abs(f.t - t) > 300) return f;
      if (face === null) return { ...f, face: null };
      const base = f.face ?? { score: 0.99, box: [0.3, 0.2, 0.3, 0.4], yaw: 0, pitch: 3, roll: 0 };
      const { embedding, ...rest } = face;
      return {
        ...f,
        face: { ...base, ...rest, ...(f === nearest && embedding ? { embedding } : {}) },
      };
    }),
  };
}

/** What the browser's models report for a face the server's models found (box, yaw, embedding). */
export function asTraceFace(m: FaceFinding): Partial<NonNullable<FrameFeature['face']>> {
  return { box: m.boxNormalised, yaw: m.yaw ?? 0, embedding: r4(m.embedding ?? []) };
}
