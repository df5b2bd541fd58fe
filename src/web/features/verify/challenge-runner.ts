// Runs the server's challenge plan on the live camera: a short "look at the camera" baseline, then every step
// in the plan's order for at most its window (moving on early once it looks done), analysing each new video
// frame with Human (models scheduled by frameModels/frameConfig) into the trace the server checks
// (src/core/liveness/types.ts, parsed by trace-schema.ts). No video leaves the browser; one JPEG keyframe per
// step is handed to `onKeyframe` (the page uploads it and ignores failures).
import type { Config, Human, Result } from '@vladmandic/human';
import type {
  ChallengePlan,
  ChallengeStep,
  FrameFeature,
  HandFeature,
  LivenessTrace,
  Rgb,
  TraceDevice,
  TraceStep,
} from '../../../core/liveness/types.ts';
import { frameConfig, frameModels, isHandChallenge, type ModelSchedule } from './human-config.ts';
import {
  faceColorRegion,
  faceFeature,
  type HumanFace,
  type HumanHand,
  handFeatures,
  meanRgb,
  newStepProgress,
  type StepProgress,
  stepLooksDone,
} from './trace-features.ts';

/** Frames before the first step, to learn the resting pose and the face colour under the normal screen. */
export const BASELINE_MS = 2000;
/** Pause between two steps (the next instruction is already shown). */
export const GAP_MS = 600;
/** Once a step looks done, keep recording this long (the head comes back, the eyes reopen). */
export const HOLD_AFTER_DONE_MS = 700;
/** The flash starts this long after its step is shown (time to read "keep looking at the screen"). */
export const FLASH_DELAY_MS = 800;
/** The face counts as missing after this long without a tracked face. */
export const FACE_MISSING_AFTER_MS = 1000;
/** The page's normal background while the camera runs. */
export const SCREEN_COLOR: Rgb = [255, 255, 255];

export type RunnerState = {
  phase: 'baseline' | 'step' | 'gap' | 'done';
  stepIndex: number;
  step: ChallengeStep | null;
  /** ms left in the current step's window (or the baseline). */
  remainingMs: number;
  windowMs: number;
  stepDone: boolean;
  faceMissing: boolean;
  flash: Rgb | null;
  frames: number;
  fps: number;
};

export type RunnerOptions = {
  human: Human;
  video: HTMLVideoElement;
  plan: ChallengePlan;
  device: TraceDevice;
  onState: (state: RunnerState) => void;
  /** Sets the full-screen flash colour (null = off) synchronously, so the next frame sees it. */
  setFlash: (color: Rgb | null) => void;
  onKeyframe: (t: number, stepId: string, jpeg: Blob) => void;
  signal?: AbortSignal;
  now?: () => number;
};

type Video = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: () => void) => number;
  cancelVideoFrameCallback?: (id: number) => void;
};

/** Counts the video's new frames (requestVideoFrameCallback) so the loop analyses each picture once and never
 * waits when a newer one has already arrived. Without the callback, every 100 ms counts as a new frame. */
function frameClock(video: Video) {
  let count = 0;
  let stopped = false;
  let waiters: (() => void)[] = [];
  const supported = typeof video.requestVideoFrameCallback === 'function';
  const tick = () => {
    count++;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
    if (!stopped && supported) video.requestVideoFrameCallback?.(tick);
  };
  if (supported) video.requestVideoFrameCallback?.(tick);
  return {
    /** Resolves with the frame count once it is above `seen` (or after 100 ms without a new frame). */
    after(seen: number): Promise<number> {
      if (count > seen) return Promise.resolve(count);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          if (!supported) count++;
          resolve(count);
        }, 100);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(count);
        });
      });
    },
    /** Frames seen so far. */
    current: () => count,
    stop() {
      stopped = true;
    },
  };
}

/** A JPEG of the current picture, at most 640 px wide, quality 0.8. */
export function captureKeyframe(video: HTMLVideoElement): Promise<Blob | null> {
  const w = video.videoWidth;
  const h = video.videoHeight;
  if (w === 0 || h === 0) return Promise.resolve(null);
  const scale = Math.min(1, 640 / w);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.resolve(null);
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/jpeg', 0.8));
}

/** Detects once with every model on (loads the kernels) so the first traced frame is not a long gap. */
export async function warmUp(human: Human, video: HTMLVideoElement): Promise<void> {
  for (const hands of [true, false])
    await human.detect(video, frameConfig({ hands, embedding: true, antispoof: true }) as Partial<Config>);
}

export async function runChallenge(options: RunnerOptions): Promise<LivenessTrace> {
  const { human, video, plan, device } = options;
  const clock = options.now ?? (() => performance.now());
  const steps = [...plan.steps].sort((a, b) => a.order - b.order);
  const colorCanvas = document.createElement('canvas');
  colorCanvas.width = 8;
  colorCanvas.height = 8;
  const colorCtx = colorCanvas.getContext('2d', { willReadFrequently: true });

  const startedAt = new Date().toISOString();
  const t0 = clock();
  const elapsed = () => clock() - t0;
  const frames: FrameFeature[] = [];
  const traceSteps: TraceStep[] = [];
  const schedule: ModelSchedule = { embeddingAt: null, antispoofAt: null, framesSinceHands: null };
  let lastHands: HandFeature[] = [];
  let lastFaceAt = 0;
  let lastT = -1;

  // The phase machine: baseline → (step → gap)* → done. Times are ms since t0.
  let index = -1;
  let phaseStart = 0;
  let phaseEnd = BASELINE_MS;
  let phase: RunnerState['phase'] = 'baseline';
  let doneAt: number | null = null;
  let keyframeTaken = false;
  let progress: StepProgress = newStepProgress(null, null);
  let flash: Rgb | null = null;
  const baseYaws: number[] = [];
  const basePitches: number[] = [];
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length === 0 ? null : (s[Math.floor(s.length / 2)] as number);
  };

  // Read through a function: `advance` changes the phase, which TypeScript's narrowing cannot see.
  const phaseNow = (): RunnerState['phase'] => phase;
  const currentStep = () => (phase === 'step' ? (steps[index] ?? null) : null);

  const advance = (now: number) => {
    // Leaves the phases whose time is up (several at once if a frame took long).
    for (;;) {
      const step = currentStep();
      if (phase === 'step' && step) {
        const limit = phaseStart + step.windowMs;
        const end = doneAt !== null ? Math.min(limit, doneAt + HOLD_AFTER_DONE_MS) : limit;
        if (now < end) return;
        traceSteps.push({
          id: step.id,
          kind: step.kind,
          startMs: Math.round(phaseStart),
          endMs: Math.round(end),
          completed: doneAt !== null,
        });
        if (flash) {
          flash = null;
          options.setFlash(null);
        }
        phase = 'gap';
        phaseStart = end;
        phaseEnd = end + GAP_MS;
        continue;
      }
      if (phase === 'done' || now < phaseEnd) return;
      index++;
      if (index >= steps.length) {
        phase = 'done';
        return;
      }
      phase = 'step';
      phaseStart = phaseEnd;
      doneAt = null;
      keyframeTaken = false;
      progress = newStepProgress(median(baseYaws), median(basePitches));
      schedule.framesSinceHands = null;
      lastHands = [];
    }
  };

  const report = (now: number) => {
    const step = currentStep();
    const remaining =
      phase === 'baseline'
        ? BASELINE_MS - now
        : step
          ? phaseStart + step.windowMs - now
          : Math.max(0, phaseEnd - now);
    options.onState({
      phase,
      stepIndex: Math.max(0, index),
      step: step ?? (phase === 'gap' ? (steps[index + 1] ?? null) : null),
      remainingMs: Math.max(0, remaining),
      windowMs: step ? step.windowMs : phase === 'baseline' ? BASELINE_MS : GAP_MS,
      stepDone: doneAt !== null,
      faceMissing: now - lastFaceAt > FACE_MISSING_AFTER_MS,
      flash,
      frames: frames.length,
      fps: now > 0 ? Math.round((frames.length / now) * 10000) / 10 : 0,
    });
  };

  const keyframe = (t: number, stepId: string) => {
    keyframeTaken = true;
    void captureKeyframe(video).then((jpeg) => {
      if (jpeg) options.onKeyframe(t, stepId, jpeg);
    });
  };

  const clockOfFrames = frameClock(video as Video);
  let seen = 0;
  try {
    while (phaseNow() !== 'done') {
      if (options.signal?.aborted) throw new DOMException('The verification was stopped', 'AbortError');
      seen = await clockOfFrames.after(seen);
      let now = elapsed();
      advance(now);
      if (phaseNow() === 'done') break;
      const step = currentStep();
      if (step?.kind === 'flash' && step.flashColor && !flash && now - phaseStart >= FLASH_DELAY_MS) {
        flash = step.flashColor;
        options.setFlash(flash);
        // The colour shows from the next camera frame on.
        seen = await clockOfFrames.after(seen);
        now = elapsed();
      }
      const screenColor: Rgb = flash ? [...flash] : [...SCREEN_COLOR];
      const models = frameModels(now, schedule, step?.kind ?? null);
      const result: Result = await human.detect(video, frameConfig(models) as Partial<Config>);
      if (models.embedding) schedule.embeddingAt = now;
      if (models.antispoof) schedule.antispoofAt = now;
      let t = Math.round(now);
      if (t <= lastT) t = lastT + 1;
      lastT = t;

      const raw = (result.face[0] as unknown as HumanFace | undefined) ?? null;
      const face = raw ? faceFeature(raw, models) : null;
      let hands: HandFeature[] = [];
      if (isHandChallenge(step?.kind ?? null)) {
        if (models.hands) {
          lastHands = handFeatures(result.hand as unknown as HumanHand[]);
          schedule.framesSinceHands = 0;
        } else schedule.framesSinceHands = (schedule.framesSinceHands ?? 0) + 1;
        hands = lastHands;
      }
      const frame: FrameFeature = { t, face, hands: hands.map((h) => ({ ...h, box: [...h.box] })) };
      if (face && colorCtx && video.videoWidth > 0) {
        const region = faceColorRegion(face.box, video.videoWidth, video.videoHeight);
        if (region) {
          colorCtx.drawImage(video, region.x, region.y, region.w, region.h, 0, 0, 8, 8);
          frame.faceColor = meanRgb(colorCtx.getImageData(0, 0, 8, 8).data);
        }
      }
      frame.screenColor = screenColor;
      frames.push(frame);
      if (face && face.score >= 0.5) {
        lastFaceAt = now;
        if (phaseNow() === 'baseline') {
          baseYaws.push(face.yaw);
          basePitches.push(face.pitch);
        }
      }
      if (step) {
        if (doneAt === null && stepLooksDone(step, progress, t, face, hands)) {
          doneAt = now;
          if (!keyframeTaken) keyframe(t, step.id);
        }
        if (step.kind === 'flash' && flash && doneAt === null && now - phaseStart >= FLASH_DELAY_MS + 1500)
          doneAt = now;
        if (!keyframeTaken && now - phaseStart >= step.windowMs / 2) keyframe(t, step.id);
      }
      report(now);
    }
  } finally {
    clockOfFrames.stop();
    if (flash) options.setFlash(null);
  }
  const durationMs = Math.max(lastT, Math.round(elapsed()));
  report(durationMs);
  return {
    version: 1,
    sessionId: plan.sessionId,
    nonce: plan.nonce,
    startedAt,
    durationMs,
    device,
    steps: traceSteps,
    frames,
  };
}
