// Perturbations of an honest synthetic session that model attacks: each returns a new session and leaves
// the input untouched.
import type { FrameFeature, LivenessTrace } from '../../src/core/liveness/types.ts';
import { near, randomIdentity, type SyntheticSession, stepSpan } from './trace-builder.ts';

function clone(s: SyntheticSession): SyntheticSession {
  return { ...s, trace: structuredClone(s.trace) as LivenessTrace };
}

const inSpan = (f: FrameFeature, span: { start: number; end: number }) =>
  f.t >= span.start && f.t <= span.end;

/** A face swap painted over the hand: under the cover the face stays the same person, undisturbed (cos ≈ 0.98). */
export function paintedOverHand(s: SyntheticSession): SyntheticSession {
  const out = clone(s);
  const span = stepSpan(out, 'cover_half');
  for (const f of out.trace.frames) {
    if (!inSpan(f, span) || !f.face) continue;
    if (f.face.embedding) f.face.embedding = near(s.person, 0.98, s.random);
    f.face.meshScore = 0.95;
  }
  return out;
}

/** The hand disappears once it is inside the face box: the swapped face is drawn over it. */
export function swallowedHand(s: SyntheticSession): SyntheticSession {
  const out = clone(s);
  const span = stepSpan(out, 'cover_half');
  let swallowed = false;
  for (const f of out.trace.frames) {
    if (!inSpan(f, span)) continue;
    const box = f.face?.box;
    if (!box) continue;
    if (swallowed) {
      f.hands = f.hands.filter((h) => h.box[0] > box[0] + box[2]);
      continue;
    }
    if (f.hands.some((h) => h.box[0] < box[0] + box[2] / 2)) swallowed = true;
  }
  return out;
}

/** At profile the face model loses its anchor: the embedding becomes another person's. */
export function identityJumpAtProfile(s: SyntheticSession): SyntheticSession {
  const out = clone(s);
  const other = randomIdentity(s.random, s.person.length);
  for (const f of out.trace.frames)
    if (f.face?.embedding && Math.abs(f.face.yaw) >= 35) f.face.embedding = near(other, 0.95, s.random);
  return out;
}

/** At profile the face tracking flickers: lost every other frame. */
export function flickerAtProfile(s: SyntheticSession): SyntheticSession {
  const out = clone(s);
  let k = 0;
  for (const f of out.trace.frames) if (f.face && Math.abs(f.face.yaw) >= 35 && k++ % 2 === 1) f.face = null;
  return out;
}

/** A still photo held in front of the camera: one face, never moving or blinking, no hands, no reflection. */
export function staticPhoto(s: SyntheticSession): SyntheticSession {
  const out = clone(s);
  const first = out.trace.frames.find((f) => f.face)?.face;
  const color = out.trace.frames[0]?.faceColor;
  if (!first) throw new Error('no face in the session');
  for (const f of out.trace.frames) {
    const embedding = f.face?.embedding ? [...(first.embedding ?? s.person)] : undefined;
    f.face = { ...first, yaw: 1, pitch: 3, roll: 0, eyeOpen: 0.85, smile: 0.1, embedding };
    if (!embedding) delete f.face.embedding;
    f.hands = [];
    if (color) f.faceColor = [...color];
  }
  return out;
}

/** A looped replay: the first `loopMs` of features repeat over and over (times stay monotonic). */
export function loopedReplay(s: SyntheticSession, loopMs = 6000): SyntheticSession {
  const out = clone(s);
  const frames = out.trace.frames;
  const n = frames.findIndex((f) => f.t >= loopMs);
  for (let i = n; i < frames.length; i++) {
    const src = frames[i % n] as FrameFeature;
    const f = frames[i] as FrameFeature;
    f.face = structuredClone(src.face);
    f.hands = structuredClone(src.hands);
    if (src.faceColor) f.faceColor = [...src.faceColor];
  }
  return out;
}

/** Another person takes over from the middle of the session. */
export function personChangesMidway(s: SyntheticSession): SyntheticSession {
  const out = clone(s);
  const other = randomIdentity(s.random, s.person.length);
  const half = out.trace.durationMs / 2;
  for (const f of out.trace.frames)
    if (f.t > half && f.face?.embedding) f.face.embedding = near(other, 0.95, s.random);
  return out;
}

export function withCameraLabel(s: SyntheticSession, label: string): SyntheticSession {
  const out = clone(s);
  out.trace.device.label = label;
  return out;
}

export function withNonce(s: SyntheticSession, nonce: string): SyntheticSession {
  const out = clone(s);
  out.trace.nonce = nonce;
  return out;
}

/** Two frames swap their times. */
export function timeGoesBack(s: SyntheticSession, at = 40): SyntheticSession {
  const out = clone(s);
  const a = out.trace.frames[at] as FrameFeature;
  const b = out.trace.frames[at + 1] as FrameFeature;
  [a.t, b.t] = [b.t, a.t];
  return out;
}

/** Keeps one frame in `every`: too few frames for the duration claimed. */
export function dropFrames(s: SyntheticSession, every = 5): SyntheticSession {
  const out = clone(s);
  out.trace.frames = out.trace.frames.filter((_, i) => i % every === 0);
  return out;
}

/** Reports the steps in another order than the plan's. */
export function swapStepOrder(s: SyntheticSession): SyntheticSession {
  const out = clone(s);
  const [a, b] = out.trace.steps;
  if (!a || !b) throw new Error('needs two steps');
  out.trace.steps[0] = { ...a, id: b.id, kind: b.kind };
  out.trace.steps[1] = { ...b, id: a.id, kind: a.kind };
  return out;
}
