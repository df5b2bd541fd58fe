// Synthetic liveness sessions: an honest person performing the server's plan, frame by frame, with the
// features the browser models produce (pose, eye openness, smile, hands, face colour, embeddings about
// twice a second). A real occluded face disturbs its embedding (cosine ≈ 0.6 to the uncovered face, inside
// the 0.42–0.83 measured under an opaque cover); a turn to profile lowers it a little; blinks happen naturally.
import {
  type ChallengePlan,
  createChallengePlan,
  type FrameFeature,
  type LivenessTrace,
  type Rgb,
  type TraceStep,
} from '../../src/core/liveness/types.ts';
import { seededRandom } from '../random.ts';

export const EMBEDDING_DIM = 128;
export const WHITE: Rgb = [255, 255, 255];
export const SKIN: Rgb = [182, 140, 118];
/** Pulse amplitude in the face colour per channel (of 255). */
export const PULSE_RGB: Rgb = [0.2, 0.5, 0.3];
export const FACE_BOX: [number, number, number, number] = [0.36, 0.24, 0.28, 0.38];

export type SyntheticSession = {
  plan: ChallengePlan;
  trace: LivenessTrace;
  /** The person's true identity direction (unit vector). */
  person: number[];
  /** The ID-photo embedding of the same person (cosine ≈ 0.85 to `person`). */
  idEmbedding: number[];
  random: () => number;
};

function gaussian(random: () => number): number {
  const u = Math.max(1e-12, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function unit(v: number[]): number[] {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

export function randomIdentity(random: () => number, dim = EMBEDDING_DIM): number[] {
  return unit(Array.from({ length: dim }, () => gaussian(random)));
}

/** A unit vector whose cosine to the unit vector `base` is exactly `cos` (before rounding). */
export function near(base: readonly number[], cos: number, random: () => number): number[] {
  const r = randomIdentity(random, base.length);
  const d = r.reduce((s, x, i) => s + x * (base[i] as number), 0);
  const perp = unit(r.map((x, i) => x - d * (base[i] as number)));
  const s = Math.sqrt(Math.max(0, 1 - cos * cos));
  return base.map((b, i) => Math.round((cos * b + s * (perp[i] as number)) * 1000) / 1000);
}

export type HonestOptions = {
  seed?: number;
  fps?: number;
  label?: string;
  plan?: ChallengePlan;
  /** Idle time before the first step (ms); a longer lead makes a longer session. */
  leadMs?: number;
  /** Embedding length (128 by default; Human's face description model gives 1024). */
  embeddingDim?: number;
  /** The pulse in the face colour (beats per minute, 72 by default; null: none, as on a photo or a screen). */
  pulseBpm?: number | null;
};

type StepTiming = { step: ChallengePlan['steps'][number]; start: number; end: number };

/** An honest session: the plan performed correctly by a live person in front of a physical camera. */
export function buildHonestSession(options: HonestOptions = {}): SyntheticSession {
  const random = seededRandom(options.seed ?? 7);
  const fps = options.fps ?? 15;
  const pulseBpm = options.pulseBpm === undefined ? 72 : options.pulseBpm;
  const plan = options.plan ?? createChallengePlan(random, new Date('2026-11-25T12:00:00Z'), 'sess-test');
  const person = randomIdentity(random, options.embeddingDim ?? EMBEDDING_DIM);
  const idEmbedding = near(person, 0.85, random);
  const timings: StepTiming[] = [];
  let cursor = options.leadMs ?? 1500;
  for (const step of [...plan.steps].sort((a, b) => a.order - b.order)) {
    const action = Math.min(step.windowMs - 500, 2500);
    timings.push({ step, start: cursor, end: cursor + action + 300 });
    cursor += action + 300 + 400;
  }
  const durationMs = cursor + 1000;
  const frames: FrameFeature[] = [];
  const period = 1000 / fps;
  const screenAt = (t: number): Rgb => {
    const s = timings.find((x) => x.step.kind === 'flash' && t >= x.start && t <= x.end);
    if (!s?.step.flashColor) return WHITE;
    const p = (t - s.start) / (s.end - s.start);
    return p >= 0.3 && p <= 0.6 ? s.step.flashColor : WHITE;
  };
  let lastEmbeddingAt = Number.NEGATIVE_INFINITY;
  for (let k = 0; ; k++) {
    const t = Math.round(k * period + (k > 0 ? (random() - 0.5) * 4 : 0));
    if (t > durationMs) break;
    const active = timings.find((x) => t >= x.start && t <= x.end);
    const p = active ? (t - active.start) / (active.end - active.start) : 0;
    const e = active ? Math.min(1, 2 * Math.sin(Math.PI * p)) : 0;
    const kind = active?.step.kind;
    const box: [number, number, number, number] = [
      FACE_BOX[0] + (random() - 0.5) * 0.01,
      FACE_BOX[1] + (random() - 0.5) * 0.01,
      FACE_BOX[2],
      FACE_BOX[3],
    ];
    const naturalBlink = t % 4700 < 140;
    const face = {
      score: 0.99,
      box,
      yaw: (random() - 0.5) * 4 + (kind === 'turn_left' ? 50 * e : kind === 'turn_right' ? -50 * e : 0),
      pitch: 3 + (random() - 0.5) * 4 + (kind === 'look_up' ? 22 * e : 0),
      roll: (random() - 0.5) * 3,
      meshScore: 0.95 - (kind === 'turn_left' || kind === 'turn_right' ? 0.15 * e : 0),
      eyeOpen:
        naturalBlink || (kind === 'blink' && p >= 0.4 && p <= 0.5) ? 0.08 : 0.85 + (random() - 0.5) * 0.06,
      smile: 0.1 + (random() - 0.5) * 0.04 + (kind === 'smile' ? 0.75 * e : 0),
      real: 0.65 + random() * 0.1,
      live: 0.75 + random() * 0.1,
    } as NonNullable<FrameFeature['face']>;
    const hands: FrameFeature['hands'] = [];
    let identityCos = 0.93 + random() * 0.05;
    if (kind === 'turn_left' || kind === 'turn_right') identityCos -= 0.25 * e;
    if (kind === 'cover_half') {
      if (p >= 0.1 && p < 0.2)
        hands.push({ box: [box[0] + box[2] + 0.02, box[1] + 0.05, 0.16, 0.3], score: 0.9 });
      else if (p >= 0.2 && p <= 0.8) {
        hands.push({ box: [box[0] - 0.02, box[1] + 0.02, box[2] * 0.55, box[3]], score: 0.85 });
        identityCos = 0.55 + random() * 0.15;
        face.meshScore = 0.9;
      } else if (p > 0.8 && p < 0.9)
        hands.push({ box: [box[0] + box[2] + 0.03, box[1] + 0.05, 0.16, 0.3], score: 0.9 });
    }
    if (kind === 'pass_object' && p >= 0.1 && p <= 0.9) {
      const x = box[0] - 0.1 + ((p - 0.1) / 0.8) * (box[2] + 0.15);
      hands.push({ box: [x, box[1] + 0.1, 0.06, 0.2], score: 0.8 });
      identityCos = 0.8 + random() * 0.08;
    }
    if (t - lastEmbeddingAt >= 480) {
      face.embedding = near(person, identityCos, random);
      lastEmbeddingAt = t;
    }
    const screen = screenAt(t);
    const lagged = screenAt(t - 100);
    // Mean face colour as the browser sends it (one decimal): skin, the flash's reflection, camera noise and
    // the pulse (about 0.5 of 255 on green, less on red and blue).
    const beat = pulseBpm === null ? 0 : Math.sin((2 * Math.PI * pulseBpm * t) / 60_000);
    const faceColor: Rgb = [0, 1, 2].map(
      (c) =>
        Math.round(
          10 *
            ((SKIN[c] as number) +
              0.08 * ((lagged[c] as number) - (WHITE[c] as number)) +
              (PULSE_RGB[c] as number) * beat +
              (random() - 0.5) * 0.3),
        ) / 10,
    ) as Rgb;
    frames.push({ t, face, hands, faceColor, screenColor: [...screen] as Rgb });
  }
  const steps: TraceStep[] = timings.map((x) => ({
    id: x.step.id,
    kind: x.step.kind,
    startMs: x.start,
    endMs: x.end,
    completed: true,
  }));
  const trace: LivenessTrace = {
    version: 1,
    sessionId: plan.sessionId,
    nonce: plan.nonce,
    // Five seconds after the plan was issued, whatever clock issued it (a trace cannot start before its plan).
    startedAt: new Date(Date.parse(plan.issuedAt) + 5000).toISOString(),
    durationMs,
    device: {
      label: options.label ?? 'FaceTime HD Camera (Built-in)',
      width: 1280,
      height: 720,
      frameRate: 30,
      userAgent: 'Mozilla/5.0 (test)',
    },
    steps,
    frames,
  };
  return { plan, trace, person, idEmbedding, random };
}

/** The trace span of the plan's step of this kind. */
export function stepSpan(
  s: SyntheticSession,
  kind: ChallengePlan['steps'][number]['kind'],
): { start: number; end: number } {
  const step = s.plan.steps.find((x) => x.kind === kind);
  const ts = s.trace.steps.find((x) => x.id === step?.id);
  if (!ts) throw new Error(`no ${kind} step in the session`);
  return { start: ts.startMs, end: ts.endMs };
}
