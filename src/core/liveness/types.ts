// The liveness contract: the challenge plan the server issues, the compact per-frame trace the browser
// returns, and the result the server recomputes from that trace (`analyzeTrace`), which is what a
// bundle's `verifications[i].result` holds for kind `liveness`. Pure data; no I/O.

export const CHALLENGE_KINDS = [
  'turn_left',
  'turn_right',
  'look_up',
  'blink',
  'smile',
  'cover_half',
  'pass_object',
  'flash',
] as const;
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];

/** An RGB colour, 0..255 per channel. */
export type Rgb = [number, number, number];
/** A box `[x, y, width, height]`, normalised to the frame (0..1). */
export type Box = [number, number, number, number];

export type ChallengeStep = {
  /** Unique within the plan, e.g. `s3-blink`. */
  id: string;
  kind: ChallengeKind;
  /** 0-based position in the sequence the candidate must follow. */
  order: number;
  /** How long the candidate has to perform the step, from the moment it is shown. */
  windowMs: number;
  /** For `flash`: the colour the screen shows; its reflection must show on the face. */
  flashColor?: Rgb;
};

/** Issued by the server: random order, random windows and an unpredictable nonce. */
export type ChallengePlan = {
  sessionId: string;
  nonce: string;
  /** ISO date-time. */
  issuedAt: string;
  steps: ChallengeStep[];
};

export type FaceFeature = {
  /** Face detector confidence 0..1. */
  score: number;
  box: Box;
  /** Degrees; positive yaw = the subject's head turned to their left (either sign convention is accepted for turns). */
  yaw: number;
  pitch: number;
  roll: number;
  /** Mesh / landmark confidence 0..1. */
  meshScore?: number;
  /** 0 (closed) .. 1 (open). */
  eyeOpen?: number;
  /** 0..1. */
  smile?: number;
  /** Anti-spoofing "real" score 0..1 (weak evidence). */
  real?: number;
  /** Liveness score 0..1 (weak evidence). */
  live?: number;
  /** Face identity embedding (rounded), at most ~2 per second. */
  embedding?: number[];
};

export type HandFeature = { box: Box; score: number };

export type FrameFeature = {
  /** Milliseconds since the trace started; strictly increasing. */
  t: number;
  face: FaceFeature | null;
  hands: HandFeature[];
  /** Mean colour of the face region. */
  faceColor?: Rgb;
  /** Colour the screen showed at that moment. */
  screenColor?: Rgb;
};

export type TraceDevice = {
  label: string;
  width: number;
  height: number;
  frameRate: number | null;
  userAgent: string;
};

export type TraceStep = {
  id: string;
  kind: ChallengeKind;
  startMs: number;
  endMs: number;
  /** What the browser believed; the server recomputes the verdict from the frames. */
  completed: boolean;
};

/** What the browser returns. */
export type LivenessTrace = {
  version: 1;
  sessionId: string;
  nonce: string;
  /** ISO date-time. */
  startedAt: string;
  durationMs: number;
  device: TraceDevice;
  steps: TraceStep[];
  frames: FrameFeature[];
};

export type IntegrityCode =
  | 'version'
  | 'session'
  | 'nonce'
  | 'no_frames'
  | 'time_not_monotonic'
  | 'frame_rate'
  | 'frames_after_end'
  | 'step_missing'
  | 'step_unknown'
  | 'step_order'
  | 'step_window'
  | 'keyframe_mismatch'
  /** The trace arrived after the link expired, within the grace period (the session was challenged in time). */
  | 'late_submission'
  /** The trace's timing does not fit the session's: it started before the plan was issued, or is far shorter than the time it took to arrive. */
  | 'timing';

export type IntegrityProblem = {
  code: IntegrityCode;
  message: string;
  /** Moments (ms since start) concerned, when there are any. */
  moments: number[];
};

export type ChallengeVerdict = {
  stepId: string;
  kind: ChallengeKind;
  passed: boolean;
  /** From the step's start to the first frame that satisfied it; null when never satisfied. */
  reactionMs: number | null;
  /** Plain words: what was measured and why it passed or failed. */
  detail: string;
  /** Moments (ms since start) that decided the verdict. */
  moments: number[];
  /** The numbers behind the verdict (e.g. maxYaw, minEyeOpen). */
  measures: Record<string, number>;
};

export type FindingKind = 'occlusion' | 'profile' | 'identity' | 'spoof';

export type LivenessFinding = {
  kind: FindingKind;
  /** e.g. `face_unaffected`, `hand_swallowed`, `identity_jump`, `flicker`, `drift`, `static`, `replay_loop`, `low_scores`. */
  code: string;
  /** Weak evidence only (anti-spoofing model scores): shown, but on its own does not fire a high signal. */
  weak: boolean;
  detail: string;
  moments: number[];
  measures: Record<string, number>;
};

export type VirtualCameraVerdict = {
  label: string;
  flagged: boolean;
  /** The known virtual-camera / capture-software name the label matched. */
  match: string | null;
};

export type FaceMatchVerdict = {
  /** Median cosine similarity of the live embeddings to the ID-photo embedding. */
  similarity: number;
  /** Best single-frame similarity. */
  best: number;
  threshold: number;
  matched: boolean;
  /** How many live embeddings were compared. */
  compared: number;
  moments: number[];
};

/** A keyframe the browser uploaded, re-analysed on the server and compared with the trace frame nearest its time. */
export type KeyframeVerdict = {
  /** 0-based order of arrival. */
  index: number;
  /** Milliseconds since the trace started, as the browser said. */
  t: number;
  stepId: string | null;
  /** Whether the server's face model found a face on the keyframe. */
  faceFound: boolean;
  /** Whether the keyframe agrees with the trace (face presence, yaw, box, identity). */
  agrees: boolean;
  /** Cosine similarity of the keyframe's embedding to the trace's nearest embedding; null when not compared. */
  similarity: number | null;
  /** Yaw (degrees) the server measured on the keyframe; null without a face. */
  yaw: number | null;
  /** Plain words: what was compared and what differed. */
  detail: string;
};

/** The pulse read from the face colour (remote photoplethysmography, `pulse.ts`): weak evidence only. */
export type PulseEstimate = {
  /** Beats per minute at the spectrum's peak; null when there was too little video to measure. */
  bpm: number | null;
  /** Signal-to-noise ratio of the peak (and its harmonic) against the rest of the 0.7–4 Hz band, dB. */
  snrDb: number;
  /** True when the pulse stands out enough to be trusted. */
  usable: boolean;
  /** Plain words: what was measured. */
  detail: string;
};

export type LivenessResult = {
  version: 1;
  sessionId: string;
  integrity: { ok: boolean; problems: IntegrityProblem[] };
  summary: {
    durationMs: number;
    frames: number;
    faceFrames: number;
    embeddings: number;
    averageFps: number;
  };
  challenges: ChallengeVerdict[];
  virtualCamera: VirtualCameraVerdict;
  findings: LivenessFinding[];
  /** Present only when an ID-photo embedding was given. */
  faceMatch: FaceMatchVerdict | null;
  /** Server-side spot-checks of the uploaded keyframes; [] when none were uploaded. */
  keyframes: KeyframeVerdict[];
  /** The pulse from the face colour (weak evidence); null when the trace carries no face colour. */
  pulse: PulseEstimate | null;
};

export type CreateChallengePlanOptions = {
  /** The challenges to include (all kinds by default); the order is always random. */
  kinds?: readonly ChallengeKind[];
};

const FLASH_COLORS: readonly Rgb[] = [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
  [255, 0, 255],
  [0, 255, 255],
  [255, 255, 0],
];
/** Each step's window is drawn between these (ms). */
export const STEP_WINDOW_MIN_MS = 3000;
export const STEP_WINDOW_MAX_MS = 6000;

function pick(random: () => number, n: number): number {
  const r = random();
  const i = Math.floor((Number.isFinite(r) ? r : 0) * n);
  return Math.min(n - 1, Math.max(0, i));
}

/** 128 bits as 32 hex characters, from the caller's random source (crypto-backed in the service). */
function makeNonce(random: () => number): string {
  let hex = '';
  for (let i = 0; i < 16; i++) hex += pick(random, 256).toString(16).padStart(2, '0');
  return hex;
}

/**
 * A challenge plan: the kinds in a random order, each with a random window and (for `flash`) a random
 * colour, and a nonce. Core is pure: randomness and time are parameters.
 */
export function createChallengePlan(
  random: () => number,
  now: Date,
  sessionId: string,
  options: CreateChallengePlanOptions = {},
): ChallengePlan {
  const kinds = [...new Set(options.kinds ?? CHALLENGE_KINDS)];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = pick(random, i + 1);
    const a = kinds[i] as ChallengeKind;
    kinds[i] = kinds[j] as ChallengeKind;
    kinds[j] = a;
  }
  const nonce = makeNonce(random);
  const steps = kinds.map((kind, order): ChallengeStep => {
    const windowMs =
      STEP_WINDOW_MIN_MS + pick(random, (STEP_WINDOW_MAX_MS - STEP_WINDOW_MIN_MS) / 100 + 1) * 100;
    const step: ChallengeStep = { id: `s${order + 1}-${kind}`, kind, order, windowMs };
    if (kind === 'flash') step.flashColor = [...(FLASH_COLORS[pick(random, FLASH_COLORS.length)] as Rgb)];
    return step;
  });
  return { sessionId, nonce, issuedAt: now.toISOString(), steps };
}
