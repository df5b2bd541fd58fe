// Server-side verdict on a liveness trace: nothing the browser concluded is trusted. The nonce, timing,
// frame counts and step order are checked, then every challenge and anomaly is recomputed from the
// per-frame features. Pure: the plan, the trace and the ID embedding come in, a LivenessResult goes out.
import { cosine, coveredShare, insideBox, median, medianVector, round } from './geometry.ts';
import { checkKeyframes, type KeyframeObservation, keyframeProblem } from './keyframes.ts';
import { analyzePulse } from './pulse.ts';
import { LIVENESS_THRESHOLDS as T } from './thresholds.ts';
import type {
  Box,
  ChallengePlan,
  ChallengeStep,
  ChallengeVerdict,
  FaceMatchVerdict,
  FrameFeature,
  IntegrityProblem,
  LivenessFinding,
  LivenessResult,
  LivenessTrace,
  Rgb,
  TraceStep,
} from './types.ts';
import { classifyCameraLabel } from './virtual-cameras.ts';

export type AnalyzeTraceOptions = {
  /** The face embedding of the identity-document photo, from the same model as the live embeddings. */
  idEmbedding?: readonly number[];
  /** What the server's face models found on the keyframes the browser uploaded (spot-checks). */
  keyframes?: readonly KeyframeObservation[];
};

type Span = { start: number; end: number };
/** A frame with the face box carried over from the last tracked frame (≤ 1 s earlier) when the face is lost. */
type Frame = FrameFeature & { faceBox: Box | null; index: number };

const MAX_LISTED_MOMENTS = 10;
const moments = (ts: readonly number[]) => ts.slice(0, MAX_LISTED_MOMENTS).map((t) => Math.round(t));
const seconds = (ms: number) => `${round(ms / 1000, 1)} s`;

function checkIntegrity(plan: ChallengePlan, trace: LivenessTrace): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  const add = (code: IntegrityProblem['code'], message: string, at: number[] = []) =>
    problems.push({ code, message, moments: moments(at) });
  if (trace.version !== 1) add('version', `trace version ${String(trace.version)} is not 1`);
  if (trace.sessionId !== plan.sessionId) add('session', 'the trace belongs to another session');
  if (trace.nonce !== plan.nonce) add('nonce', 'the trace does not carry the nonce the server issued');
  const frames = trace.frames;
  if (frames.length === 0) add('no_frames', 'the trace has no frames');
  const backwards: number[] = [];
  const gaps: number[] = [];
  for (let i = 1; i < frames.length; i++) {
    const dt = (frames[i] as FrameFeature).t - (frames[i - 1] as FrameFeature).t;
    if (!(dt > 0)) backwards.push((frames[i] as FrameFeature).t);
    else if (dt > T.maxFrameGapMs) gaps.push((frames[i] as FrameFeature).t);
  }
  if (backwards.length > 0)
    add('time_not_monotonic', `frame times go backwards or repeat ${backwards.length} times`, backwards);
  if (frames.length > 0) {
    const fps = trace.durationMs > 0 ? frames.length / (trace.durationMs / 1000) : Number.POSITIVE_INFINITY;
    if (fps < T.minFps || fps > T.maxFps)
      add(
        'frame_rate',
        `${frames.length} frames over ${seconds(trace.durationMs)} is ${round(fps, 1)} frames/s (expected ${T.minFps}–${T.maxFps})`,
      );
    if (gaps.length > 0)
      add('frame_rate', `${gaps.length} gaps longer than ${seconds(T.maxFrameGapMs)}`, gaps);
    const late = frames.filter((f) => f.t > trace.durationMs).map((f) => f.t);
    if (late.length > 0)
      add('frames_after_end', `${late.length} frames after the trace's end (${trace.durationMs} ms)`, late);
  }
  const planned = new Map(plan.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  for (const ts of trace.steps) {
    const step = planned.get(ts.id);
    if (!step || step.kind !== ts.kind || seen.has(ts.id)) {
      add('step_unknown', `step ${ts.id} (${ts.kind}) is not in the plan or repeated`, [ts.startMs]);
      continue;
    }
    seen.add(ts.id);
    if (ts.startMs < 0 || ts.endMs < ts.startMs || ts.endMs > trace.durationMs)
      add('step_window', `step ${ts.id} runs ${ts.startMs}–${ts.endMs} ms, outside the trace`, [ts.startMs]);
    else if (ts.endMs - ts.startMs > step.windowMs + T.windowSlackMs)
      add(
        'step_window',
        `step ${ts.id} took ${seconds(ts.endMs - ts.startMs)}, longer than its ${seconds(step.windowMs)} window`,
        [ts.startMs],
      );
  }
  for (const step of plan.steps)
    if (!seen.has(step.id)) add('step_missing', `step ${step.id} (${step.kind}) is missing from the trace`);
  const known = trace.steps.filter((s) => planned.get(s.id)?.kind === s.kind);
  const byStart = [...known].sort((a, b) => a.startMs - b.startMs);
  for (let i = 1; i < byStart.length; i++) {
    const prev = byStart[i - 1] as TraceStep;
    const cur = byStart[i] as TraceStep;
    const po = planned.get(prev.id)?.order ?? 0;
    const co = planned.get(cur.id)?.order ?? 0;
    if (co < po)
      add('step_order', `step ${cur.id} ran before ${prev.id}, against the plan's order`, [cur.startMs]);
    else if (cur.startMs < prev.endMs)
      add('step_order', `steps ${prev.id} and ${cur.id} overlap`, [cur.startMs]);
  }
  return problems;
}

function withFaceBoxes(frames: readonly FrameFeature[]): Frame[] {
  const out: Frame[] = [];
  let last: { box: Box; t: number } | null = null;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i] as FrameFeature;
    if (f.face) last = { box: f.face.box, t: f.t };
    const faceBox = f.face ? f.face.box : last && f.t - last.t <= 1000 ? last.box : null;
    out.push({ ...f, faceBox, index: i });
  }
  return out;
}

const tracked = (f: FrameFeature) => f.face !== null && f.face.score >= T.faceScoreMin;

/** The largest share of the face box any hand covers in this frame. */
function handCover(f: Frame): number {
  if (!f.faceBox) return 0;
  let best = 0;
  for (const h of f.hands) best = Math.max(best, coveredShare(f.faceBox, h.box));
  return best;
}

type Context = {
  frames: Frame[];
  baseYaw: number;
  basePitch: number;
  medianSmile: number;
  /** Clean frontal embeddings: face tracked, no hand over it, near the frontal pose. */
  clean: { t: number; embedding: number[] }[];
  reference: number[] | null;
};

function spanOf(step: ChallengeStep, ts: TraceStep | undefined): Span | null {
  if (!ts) return null;
  return { start: ts.startMs, end: Math.min(ts.endMs, ts.startMs + step.windowMs + T.windowSlackMs) };
}

function framesIn(frames: readonly Frame[], span: Span): Frame[] {
  return frames.filter((f) => f.t >= span.start && f.t <= span.end);
}

function verdict(
  step: ChallengeStep,
  span: Span,
  passedAt: number | null,
  detail: string,
  at: number[],
  measures: Record<string, number>,
): ChallengeVerdict {
  return {
    stepId: step.id,
    kind: step.kind,
    passed: passedAt !== null,
    reactionMs: passedAt === null ? null : Math.round(passedAt - span.start),
    detail,
    moments: moments(at),
    measures,
  };
}

function evaluateTurn(step: ChallengeStep, span: Span, win: Frame[], ctx: Context, axis: 'yaw' | 'pitch') {
  const need = axis === 'yaw' ? T.turnYawDeg : T.lookUpPitchDeg;
  const base = axis === 'yaw' ? ctx.baseYaw : ctx.basePitch;
  let best = 0;
  let bestT = span.start;
  let first: number | null = null;
  for (const f of win) {
    if (!f.face || !tracked(f)) continue;
    const d = f.face[axis] - base;
    if (Math.abs(d) > Math.abs(best)) {
      best = d;
      bestT = f.t;
    }
    if (first === null && Math.abs(d) >= need) first = f.t;
  }
  const measures = { [axis === 'yaw' ? 'maxYawDeg' : 'maxPitchDeg']: round(best, 1), needDeg: need };
  const what = axis === 'yaw' ? 'head turn' : 'head tilt';
  const detail =
    first !== null
      ? `${what} reached ${round(Math.abs(best), 1)}° at ${seconds(bestT)} with the face tracked`
      : `${what} reached only ${round(Math.abs(best), 1)}° (needs ${need}°) with the face tracked`;
  return verdict(step, span, first, detail, first !== null ? [first, bestT] : [bestT], measures);
}

function evaluateBlink(step: ChallengeStep, span: Span, win: Frame[]) {
  let sawOpen = false;
  let closedAt: number | null = null;
  let minEye = 1;
  let measured = 0;
  for (const f of win) {
    const eye = f.face?.eyeOpen;
    if (eye === undefined) continue;
    measured++;
    minEye = Math.min(minEye, eye);
    if (closedAt === null) {
      if (eye >= T.blinkOpen) sawOpen = true;
      else if (sawOpen && eye <= T.blinkClosed) closedAt = f.t;
    } else if (eye >= T.blinkOpen) {
      return verdict(
        step,
        span,
        f.t,
        `eyes closed (openness ${round(minEye)}) at ${seconds(closedAt)} and reopened at ${seconds(f.t)}`,
        [closedAt, f.t],
        { minEyeOpen: round(minEye) },
      );
    }
  }
  const detail =
    measured === 0
      ? 'no eye openness was measured during the step'
      : closedAt === null
        ? `no blink: eye openness went down to ${round(minEye)} only (needs ≤ ${T.blinkClosed})`
        : 'the eyes closed but did not reopen within the step';
  return verdict(step, span, null, detail, closedAt === null ? [] : [closedAt], {
    minEyeOpen: round(minEye),
  });
}

function evaluateSmile(step: ChallengeStep, span: Span, win: Frame[], ctx: Context) {
  const need = Math.max(
    T.smileMin,
    (Number.isNaN(ctx.medianSmile) ? 0 : ctx.medianSmile) + T.smileAboveMedian,
  );
  let best = 0;
  let bestT = span.start;
  let first: number | null = null;
  for (const f of win) {
    const s = f.face?.smile;
    if (s === undefined) continue;
    if (s > best) {
      best = s;
      bestT = f.t;
    }
    if (first === null && s >= need) first = f.t;
  }
  const detail =
    first !== null
      ? `smile reached ${round(best)} at ${seconds(bestT)}`
      : `smile reached only ${round(best)} (needs ${round(need)})`;
  return verdict(step, span, first, detail, [bestT], { maxSmile: round(best), need: round(need) });
}

function evaluateCover(step: ChallengeStep, span: Span, win: Frame[]) {
  let runStart: number | null = null;
  let best = 0;
  let bestShare = 0;
  let passedAt: number | null = null;
  for (const f of win) {
    const share = handCover(f);
    bestShare = Math.max(bestShare, share);
    if (share >= T.coverShare) {
      if (runStart === null) runStart = f.t;
      best = Math.max(best, f.t - runStart);
      if (passedAt === null && f.t - runStart >= T.coverMinMs) passedAt = f.t;
    } else runStart = null;
  }
  const detail =
    passedAt !== null
      ? `a hand covered up to ${Math.round(bestShare * 100)} % of the face for ${seconds(best)}`
      : bestShare === 0
        ? 'no hand was seen over the face'
        : `a hand covered at most ${Math.round(bestShare * 100)} % of the face for ${seconds(best)} (needs ${Math.round(T.coverShare * 100)} % for ${seconds(T.coverMinMs)})`;
  return verdict(step, span, passedAt, detail, passedAt !== null ? [passedAt] : [], {
    maxCoverShare: round(bestShare),
    coveredMs: Math.round(best),
  });
}

function evaluatePass(step: ChallengeStep, span: Span, win: Frame[]) {
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let faceWidth = 0;
  let passedAt: number | null = null;
  let overFrames = 0;
  for (const f of win) {
    if (!f.faceBox) continue;
    for (const h of f.hands) {
      if (coveredShare(f.faceBox, h.box) < T.passShare) continue;
      overFrames++;
      const cx = h.box[0] + h.box[2] / 2;
      minX = Math.min(minX, cx);
      maxX = Math.max(maxX, cx);
      faceWidth = Math.max(faceWidth, f.faceBox[2]);
      if (passedAt === null && faceWidth > 0 && (maxX - minX) / faceWidth >= T.passSweepFaceWidths)
        passedAt = f.t;
    }
  }
  const sweep = overFrames > 0 && faceWidth > 0 ? (maxX - minX) / faceWidth : 0;
  const detail =
    passedAt !== null
      ? `an object crossed the face, sweeping ${round(sweep, 1)} face widths`
      : overFrames === 0
        ? 'nothing was seen passing in front of the face'
        : `the object over the face moved only ${round(sweep, 1)} face widths (needs ${T.passSweepFaceWidths})`;
  return verdict(step, span, passedAt, detail, passedAt !== null ? [passedAt] : [], {
    sweepFaceWidths: round(sweep),
    framesOverFace: overFrames,
  });
}

function sub(a: Rgb, b: Rgb): Rgb {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
const norm = (v: Rgb) => Math.hypot(v[0], v[1], v[2]);
const dot = (a: Rgb, b: Rgb) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

function evaluateFlash(step: ChallengeStep, span: Span, win: Frame[], all: Frame[]) {
  const color = step.flashColor;
  const before = all.filter(
    (f) => f.t < span.start && f.t >= span.start - 2000 && f.faceColor && f.screenColor,
  );
  const onset = win.find((f) => f.screenColor && color && norm(sub(f.screenColor, color)) < 60);
  if (!color || !onset)
    return verdict(step, span, null, 'the flash colour never showed on the screen', [], { shift: 0 });
  if (before.length === 0)
    return verdict(step, span, null, 'no face colour was measured before the flash', [onset.t], { shift: 0 });
  const baseFace: Rgb = [0, 1, 2].map((c) =>
    median(before.map((f) => (f.faceColor as Rgb)[c] as number)),
  ) as Rgb;
  const baseScreen: Rgb = [0, 1, 2].map((c) =>
    median(before.map((f) => (f.screenColor as Rgb)[c] as number)),
  ) as Rgb;
  const expected = sub(color, baseScreen);
  const expectedNorm = norm(expected) || 1;
  let bestShift = 0;
  let bestDir = 0;
  let passedAt: number | null = null;
  for (const f of win) {
    if (f.t < onset.t || f.t > onset.t + T.flashLagMs || !f.faceColor) continue;
    const delta = sub(f.faceColor, baseFace);
    const shift = dot(delta, expected) / expectedNorm;
    const dir = norm(delta) > 0 ? shift / norm(delta) : 0;
    if (shift > bestShift) {
      bestShift = shift;
      bestDir = dir;
    }
    if (passedAt === null && shift >= T.flashMinShift && dir >= T.flashMinDirection) passedAt = f.t;
  }
  const detail =
    passedAt !== null
      ? `the face colour moved ${round(bestShift, 1)} toward the flash within ${seconds(passedAt - onset.t)}`
      : `the face colour did not follow the flash (moved ${round(bestShift, 1)} toward it, needs ${T.flashMinShift})`;
  return verdict(step, span, passedAt, detail, passedAt !== null ? [onset.t, passedAt] : [onset.t], {
    shift: round(bestShift, 1),
    direction: round(bestDir),
  });
}

function evaluateChallenges(plan: ChallengePlan, trace: LivenessTrace, ctx: Context): ChallengeVerdict[] {
  const byId = new Map(trace.steps.map((s) => [s.id, s]));
  const out: ChallengeVerdict[] = [];
  for (const step of [...plan.steps].sort((a, b) => a.order - b.order)) {
    const ts = byId.get(step.id);
    const span = ts && ts.kind === step.kind ? spanOf(step, ts) : null;
    if (!span) {
      out.push({
        stepId: step.id,
        kind: step.kind,
        passed: false,
        reactionMs: null,
        detail: 'not performed (missing from the trace)',
        moments: [],
        measures: {},
      });
      continue;
    }
    const win = framesIn(ctx.frames, span);
    if (win.length === 0) {
      out.push(verdict(step, span, null, 'no frames were captured during the step', [span.start], {}));
      continue;
    }
    if (!win.some((f) => f.faceBox)) {
      out.push(verdict(step, span, null, 'no face was seen during the step', [span.start], {}));
      continue;
    }
    switch (step.kind) {
      case 'turn_left':
      case 'turn_right':
        out.push(evaluateTurn(step, span, win, ctx, 'yaw'));
        break;
      case 'look_up':
        out.push(evaluateTurn(step, span, win, ctx, 'pitch'));
        break;
      case 'blink':
        out.push(evaluateBlink(step, span, win));
        break;
      case 'smile':
        out.push(evaluateSmile(step, span, win, ctx));
        break;
      case 'cover_half':
        out.push(evaluateCover(step, span, win));
        break;
      case 'pass_object':
        out.push(evaluatePass(step, span, win));
        break;
      case 'flash':
        out.push(evaluateFlash(step, span, win, ctx.frames));
        break;
    }
  }
  // Left and right must be opposite turns (whatever the sign convention of the camera or mirror).
  const left = out.find((v) => v.kind === 'turn_left');
  const right = out.find((v) => v.kind === 'turn_right');
  if (
    left?.passed &&
    right?.passed &&
    Math.sign(left.measures.maxYawDeg ?? 0) === Math.sign(right.measures.maxYawDeg ?? 0)
  ) {
    right.passed = false;
    right.reactionMs = null;
    right.detail = `the head turned to the same side as for the left turn (${right.measures.maxYawDeg}° and ${left.measures.maxYawDeg}°)`;
  }
  return out;
}

function occlusionFindings(ctx: Context, coverSpans: Span[]): LivenessFinding[] {
  const findings: LivenessFinding[] = [];
  const { frames, reference } = ctx;
  // 1. The face stays identical while half of it is covered: the face is painted over the hand.
  if (reference) {
    const inCover = (t: number) => coverSpans.some((s) => t >= s.start && t <= s.end);
    const occluded = frames.filter(
      (f) => f.face?.embedding && inCover(f.t) && handCover(f) >= T.occludedShare,
    );
    const cleanCos = ctx.clean.map((c) => cosine(c.embedding, reference)).filter((c) => !Number.isNaN(c));
    const sims = occluded
      .map((f) => ({ t: f.t, c: cosine(f.face?.embedding ?? [], reference) }))
      .filter((s) => !Number.isNaN(s.c));
    const occludedMedian = median(sims.map((s) => s.c));
    const cleanMedian = median(cleanCos);
    if (
      sims.length >= 2 &&
      occludedMedian >= T.occludedUnaffectedCosine &&
      (Number.isNaN(cleanMedian) || occludedMedian >= cleanMedian - 0.03)
    ) {
      findings.push({
        kind: 'occlusion',
        code: 'face_unaffected',
        weak: false,
        detail: `the face stayed identical while a hand covered it (identity similarity ${round(occludedMedian)} to the uncovered face over ${sims.length} frames at ${sims
          .slice(0, 3)
          .map((s) => seconds(s.t))
          .join(', ')}; a covered real face drops to about 0.4–0.8)`,
        moments: moments(sims.map((s) => s.t)),
        measures: {
          occludedSimilarity: round(occludedMedian, 3),
          cleanSimilarity: round(cleanMedian, 3),
          frames: sims.length,
        },
      });
    }
  }
  // 2. A hand that vanishes inside the face box while the face stays tracked: the face swallowed it.
  const swallowed: { t: number; goneMs: number }[] = [];
  for (let i = 0; i < frames.length - 1; i++) {
    const f = frames[i] as Frame;
    const next = frames[i + 1] as Frame;
    if (!f.faceBox || f.hands.length === 0 || next.hands.length > 0 || !tracked(next)) continue;
    const box = f.faceBox;
    const inside = f.hands.some((h) => {
      const cx = h.box[0] + h.box[2] / 2;
      const cy = h.box[1] + h.box[3] / 2;
      return insideBox(cx, cy, box, 0.15) && coveredShare(h.box, box) >= 0.5;
    });
    if (!inside) continue;
    let j = i + 1;
    while (j < frames.length && (frames[j] as Frame).hands.length === 0 && tracked(frames[j] as Frame)) j++;
    const end = j < frames.length ? (frames[j] as Frame).t : (frames[frames.length - 1] as Frame).t;
    const goneMs = end - next.t;
    if (goneMs >= T.swallowedMinMs) swallowed.push({ t: next.t, goneMs });
  }
  if (swallowed.length > 0) {
    const first = swallowed[0] as { t: number; goneMs: number };
    findings.push({
      kind: 'occlusion',
      code: 'hand_swallowed',
      weak: false,
      detail: `a hand in front of the face vanished inside the face at ${seconds(first.t)} and stayed gone for ${seconds(first.goneMs)} while the face was still tracked${swallowed.length > 1 ? ` (${swallowed.length} times)` : ''}`,
      moments: moments(swallowed.map((s) => s.t)),
      measures: { times: swallowed.length, goneMs: Math.round(first.goneMs) },
    });
  }
  return findings;
}

function profileFindings(ctx: Context): LivenessFinding[] {
  const findings: LivenessFinding[] = [];
  const { frames, reference } = ctx;
  const isProfile = (f: Frame) => f.face !== null && Math.abs(f.face.yaw - ctx.baseYaw) >= T.profileYawDeg;
  if (reference) {
    const jumps = frames
      .filter((f) => f.face?.embedding && isProfile(f) && handCover(f) < T.coverShare)
      .map((f) => ({ t: f.t, c: cosine(f.face?.embedding ?? [], reference), yaw: f.face?.yaw ?? 0 }))
      .filter((s) => !Number.isNaN(s.c) && s.c < T.profileJumpCosine);
    if (jumps.length > 0) {
      const worst = jumps.reduce((a, b) => (b.c < a.c ? b : a));
      findings.push({
        kind: 'profile',
        code: 'identity_jump',
        weak: false,
        detail: `at profile the face became someone else (identity similarity ${round(worst.c)} to the frontal face at ${seconds(worst.t)}, yaw ${round(worst.yaw, 0)}°; other people score about 0.3–0.4)`,
        moments: moments(jumps.map((j) => j.t)),
        measures: { minSimilarity: round(worst.c, 3), yawDeg: round(worst.yaw, 1), frames: jumps.length },
      });
    }
  }
  // Flicker: inside a profile stretch, the face drops out (lost or mesh collapsing) between good frames.
  const dropouts: number[] = [];
  let inProfile = false;
  let lastGood = false;
  let pending: number | null = null;
  for (const f of frames) {
    const good = f.face !== null && (f.face.meshScore ?? 1) >= T.flickerMesh && tracked(f);
    if (f.face) inProfile = isProfile(f) || (!good && inProfile);
    else if (!inProfile) continue;
    if (!inProfile) {
      pending = null;
      lastGood = good;
      continue;
    }
    if (!good && lastGood) pending = f.t;
    if (good && pending !== null) {
      dropouts.push(pending);
      pending = null;
    }
    lastGood = good;
  }
  if (dropouts.length >= T.flickerDropouts) {
    findings.push({
      kind: 'profile',
      code: 'flicker',
      weak: false,
      detail: `at profile the face tracking flickered ${dropouts.length} times (lost and found again) from ${seconds(dropouts[0] as number)}`,
      moments: moments(dropouts),
      measures: { dropouts: dropouts.length },
    });
  }
  return findings;
}

function identityFindings(ctx: Context): LivenessFinding[] {
  if (!ctx.reference || ctx.clean.length < 3) return [];
  const reference = ctx.reference;
  const low = ctx.clean
    .map((c) => ({ t: c.t, c: cosine(c.embedding, reference) }))
    .filter((s) => !Number.isNaN(s.c) && s.c < T.driftCosine);
  if (low.length < T.driftMinMoments) return [];
  const worst = low.reduce((a, b) => (b.c < a.c ? b : a));
  return [
    {
      kind: 'identity',
      code: 'drift',
      weak: false,
      detail: `the face identity moved away from the session's face at ${low
        .slice(0, 3)
        .map((s) => seconds(s.t))
        .join(
          ', ',
        )}${low.length > 3 ? ` and ${low.length - 3} more moments` : ''} (lowest similarity ${round(worst.c)}; the same person scores above 0.8)`,
      moments: moments(low.map((s) => s.t)),
      measures: { minSimilarity: round(worst.c, 3), moments: low.length, compared: ctx.clean.length },
    },
  ];
}

function spread(values: readonly number[]): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return values.length > 0 ? hi - lo : 0;
}

function loopRun(faces: Frame[], i: number, j: number, cap = Number.POSITIVE_INFINITY): number {
  let n = 0;
  while (j + n < faces.length && n < cap) {
    const a = (faces[i + n] as Frame).face;
    const b = (faces[j + n] as Frame).face;
    if (!a || !b) break;
    if (
      Math.abs(a.yaw - b.yaw) > T.loopPoseTolDeg ||
      Math.abs(a.pitch - b.pitch) > T.loopPoseTolDeg ||
      Math.abs(a.roll - b.roll) > T.loopPoseTolDeg ||
      Math.abs(a.box[0] - b.box[0]) > T.loopBoxTol ||
      Math.abs(a.box[1] - b.box[1]) > T.loopBoxTol ||
      Math.abs(a.box[2] - b.box[2]) > T.loopBoxTol ||
      Math.abs((a.eyeOpen ?? 0) - (b.eyeOpen ?? 0)) > T.loopEyeTol
    )
      break;
    n++;
  }
  return n;
}

function spoofFindings(ctx: Context): LivenessFinding[] {
  const findings: LivenessFinding[] = [];
  const faces = ctx.frames.filter((f) => f.face !== null);
  if (faces.length === 0) return findings;
  // A static face: no pose change and no blink over the whole session (a photo held up).
  const yaws = faces.map((f) => f.face?.yaw ?? 0);
  const pitches = faces.map((f) => f.face?.pitch ?? 0);
  const eyes = faces.map((f) => f.face?.eyeOpen).filter((e): e is number => e !== undefined);
  const yawRange = spread(yaws);
  const pitchRange = spread(pitches);
  const minEye = eyes.length > 0 ? eyes.reduce((a, b) => Math.min(a, b)) : Number.NaN;
  const blinked = eyes.length > 0 && minEye <= T.blinkClosed;
  if (
    yawRange < T.staticYawRangeDeg &&
    pitchRange < T.staticPitchRangeDeg &&
    !blinked &&
    faces.length >= 10
  ) {
    findings.push({
      kind: 'spoof',
      code: 'static',
      weak: false,
      detail: `the face never moved or blinked over ${seconds((faces[faces.length - 1] as Frame).t - (faces[0] as Frame).t)} (head turned ${round(yawRange, 1)}° and tilted ${round(pitchRange, 1)}° at most${eyes.length > 0 ? `, eye openness never below ${round(minEye)}` : ''}): a still picture`,
      moments: moments([(faces[0] as Frame).t]),
      measures: {
        yawRangeDeg: round(yawRange, 1),
        pitchRangeDeg: round(pitchRange, 1),
        minEyeOpen: round(minEye),
      },
    });
  }
  // A looped replay: a run of moving frames repeating an earlier run exactly.
  // Only runs that move can show a loop (a still face repeats trivially; that is the static finding).
  const moving = faces.map((_, i) => {
    const run = faces.slice(i, i + T.loopMinFrames);
    if (run.length < T.loopMinFrames) return false;
    return (
      spread(run.map((f) => f.face?.yaw ?? 0)) >= 2 || spread(run.map((f) => f.face?.eyeOpen ?? 0)) >= 0.2
    );
  });
  // Candidate pairs are frames within the pose tolerance of each other, found through a grid of
  // yaw × pitch cells one tolerance wide (a frame's matches lie in its cell or the 8 around it). Runs are
  // started from every frame of a normal session; a very long trace starts them every `stride` frames
  // (still finding every repeated run of loopMinFrames + stride − 1 frames), which bounds the work.
  const cell = T.loopPoseTolDeg;
  const key = (yc: number, pc: number) => `${yc}:${pc}`;
  const grid = new Map<string, number[]>();
  const cellOf = (i: number) => {
    const face = faces[i]?.face;
    return [Math.floor((face?.yaw ?? 0) / cell), Math.floor((face?.pitch ?? 0) / cell)] as const;
  };
  faces.forEach((_, i) => {
    const [yc, pc] = cellOf(i);
    const k = key(yc, pc);
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
  });
  const stride = Math.max(1, Math.ceil(faces.length / T.loopFullSearchFrames));
  const checkCap = 4 * T.loopMinFrames + 120;
  let best: { a: number; b: number; n: number } | null = null;
  for (let i = 0; i < faces.length && !best; i += stride) {
    if (!moving[i]) continue;
    const fi = faces[i] as Frame;
    const [yc, pc] = cellOf(i);
    let bestJ = Number.POSITIVE_INFINITY;
    for (let dy = -1; dy <= 1; dy++)
      for (let dp = -1; dp <= 1; dp++)
        for (const j of grid.get(key(yc + dy, pc + dp)) ?? []) {
          if (j <= i || j >= bestJ || (faces[j] as Frame).t - fi.t < T.loopGapMs) continue;
          const n = loopRun(faces, i, j, checkCap);
          if (n >= T.loopMinFrames && (faces[i + n - 1] as Frame).t - fi.t >= T.loopMinMs) bestJ = j;
        }
    if (Number.isFinite(bestJ)) best = { a: i, b: bestJ, n: loopRun(faces, i, bestJ) };
  }
  if (best) {
    const a = (faces[best.a] as Frame).t;
    const b = (faces[best.b] as Frame).t;
    const end = (faces[best.b + best.n - 1] as Frame).t;
    findings.push({
      kind: 'spoof',
      code: 'replay_loop',
      weak: false,
      detail: `the video repeats itself: ${best.n} frames from ${seconds(b)} to ${seconds(end)} replay the frames from ${seconds(a)} exactly (a looped recording)`,
      moments: [Math.round(a), Math.round(b)],
      measures: { frames: best.n, periodMs: Math.round(b - a) },
    });
  }
  // Weak: the anti-spoofing and liveness models both score low.
  const real = median(faces.map((f) => f.face?.real).filter((v): v is number => v !== undefined));
  const live = median(faces.map((f) => f.face?.live).filter((v): v is number => v !== undefined));
  if (real < T.lowSpoofScore && live < T.lowSpoofScore) {
    findings.push({
      kind: 'spoof',
      code: 'low_scores',
      weak: true,
      detail: `the anti-spoofing models scored the face low (real ${round(real)}, live ${round(live)}; weak evidence on their own)`,
      moments: [],
      measures: { real: round(real), live: round(live) },
    });
  }
  return findings;
}

function faceMatch(ctx: Context, id: readonly number[]): FaceMatchVerdict | null {
  const sims = ctx.clean
    .map((c) => ({ t: c.t, c: cosine(c.embedding, id) }))
    .filter((s) => !Number.isNaN(s.c));
  if (sims.length === 0) return null;
  const similarity = median(sims.map((s) => s.c));
  const best = sims.reduce((a, b) => (b.c > a.c ? b : a));
  return {
    similarity: round(similarity, 3),
    best: round(best.c, 3),
    threshold: T.idMatchCosine,
    matched: similarity >= T.idMatchCosine,
    compared: sims.length,
    moments: moments([best.t]),
  };
}

function buildContext(plan: ChallengePlan, trace: LivenessTrace, frames: Frame[]): Context {
  const planKinds = new Map(plan.steps.map((s) => [s.id, s]));
  const poseSpans = trace.steps
    .filter((s) => {
      const k = planKinds.get(s.id)?.kind;
      return k === 'turn_left' || k === 'turn_right' || k === 'look_up';
    })
    .map((s) => ({ start: s.startMs, end: s.endMs }));
  const inPose = (t: number) => poseSpans.some((s) => t >= s.start && t <= s.end);
  const still = frames.filter((f) => tracked(f) && !inPose(f.t));
  const poseFrames = still.length > 0 ? still : frames.filter(tracked);
  const baseYaw = median(poseFrames.map((f) => f.face?.yaw ?? 0));
  const basePitch = median(poseFrames.map((f) => f.face?.pitch ?? 0));
  const medianSmile = median(frames.map((f) => f.face?.smile).filter((v): v is number => v !== undefined));
  const clean: Context['clean'] = [];
  for (const f of frames) {
    const e = f.face?.embedding;
    if (!e || !tracked(f) || handCover(f) > 0) continue;
    if (Math.abs((f.face?.yaw ?? 0) - (Number.isNaN(baseYaw) ? 0 : baseYaw)) > T.frontalYawDeg) continue;
    clean.push({ t: f.t, embedding: e });
  }
  return {
    frames,
    baseYaw: Number.isNaN(baseYaw) ? 0 : baseYaw,
    basePitch: Number.isNaN(basePitch) ? 0 : basePitch,
    medianSmile,
    clean,
    reference: medianVector(clean.map((c) => c.embedding)),
  };
}

/** Fewer clean frontal embeddings than this and the session's face is not summarised. */
const MIN_LIVE_FACE_EMBEDDINGS = 3;

/**
 * The session's live face as one embedding: the element-wise median of the clean frontal embeddings (face
 * tracked, no hand over it, near the usual pose), rounded to 4 decimals as document embeddings are. Kept on
 * the bundle item so links.reused-photo can compare faces across subjects after the trace is gone; null when
 * too few clean embeddings were sent.
 */
export function liveFaceEmbedding(plan: ChallengePlan, trace: LivenessTrace): number[] | null {
  const frames = withFaceBoxes([...trace.frames].sort((a, b) => a.t - b.t));
  const ctx = buildContext(plan, trace, frames);
  if (ctx.clean.length < MIN_LIVE_FACE_EMBEDDINGS || ctx.reference === null) return null;
  return ctx.reference.map((x) => round(x, 4));
}

/** Checks a trace against the plan it answers and recomputes every verdict from its frames. */
export function analyzeTrace(
  plan: ChallengePlan,
  trace: LivenessTrace,
  options: AnalyzeTraceOptions = {},
): LivenessResult {
  const problems = checkIntegrity(plan, trace);
  // Analyse frames in time order whatever the browser sent (out-of-order time is already a problem above).
  const sorted = [...trace.frames].sort((a, b) => a.t - b.t);
  const frames = withFaceBoxes(sorted);
  const ctx = buildContext(plan, trace, frames);
  const challenges = evaluateChallenges(plan, trace, ctx);
  const byId = new Map(trace.steps.map((s) => [s.id, s]));
  const coverSpans = plan.steps
    .filter((s) => s.kind === 'cover_half' || s.kind === 'pass_object')
    .map((s) => spanOf(s, byId.get(s.id)))
    .filter((s): s is Span => s !== null);
  const findings = [
    ...occlusionFindings(ctx, coverSpans),
    ...profileFindings(ctx),
    ...identityFindings(ctx),
    ...spoofFindings(ctx),
  ];
  // The pulse, leaving out the flash steps (and a second after them): the screen's reflection swamps it.
  const flashSpans = plan.steps
    .filter((s) => s.kind === 'flash')
    .map((s) => spanOf(s, byId.get(s.id)))
    .filter((s): s is Span => s !== null)
    .map((s) => ({ start: s.start, end: s.end + 1000 }));
  const { pulse, finding: pulseFinding } = analyzePulse(sorted, flashSpans);
  if (pulseFinding) findings.push(pulseFinding);
  const keyframes = checkKeyframes(frames, options.keyframes ?? [], ctx.reference);
  const mismatch = keyframeProblem(keyframes);
  if (mismatch) problems.push(mismatch);
  const faceFrames = frames.filter((f) => f.face !== null).length;
  const embeddings = frames.filter((f) => f.face?.embedding).length;
  return {
    version: 1,
    sessionId: plan.sessionId,
    integrity: { ok: problems.length === 0, problems },
    summary: {
      durationMs: trace.durationMs,
      frames: frames.length,
      faceFrames,
      embeddings,
      averageFps: trace.durationMs > 0 ? round(frames.length / (trace.durationMs / 1000), 1) : 0,
    },
    challenges,
    virtualCamera: classifyCameraLabel(trace.device.label),
    findings,
    faceMatch: options.idEmbedding ? faceMatch(ctx, options.idEmbedding) : null,
    keyframes,
    pulse,
  };
}
