// What the verification tab shows, computed without React: status words and colours, the plain words for
// each challenge, which result belongs to a session, which keyframes sit next to a challenge or a finding,
// and the geometry of the session chart (scales, paths, shaded windows, markers). Pure.
import type {
  CaseBundle,
  KeyframeVerdict,
  VerificationResult,
  VerificationStatus,
  VerificationTraceSeries,
  VerificationView,
} from '../../api/types.ts';

export const STATUS_INFO: Record<VerificationStatus, { label: string; color: string; help: string }> = {
  sent: { label: 'Sent', color: 'gray', help: 'The link was created; the candidate has not opened it yet.' },
  opened: {
    label: 'Opened',
    color: 'blue',
    help: 'The candidate opened the link but has not consented yet.',
  },
  consented: {
    label: 'Consented',
    color: 'cyan',
    help: 'The candidate agreed; the checks have not started.',
  },
  challenged: {
    label: 'In progress',
    color: 'indigo',
    help: 'The candidate received the challenge and is performing it.',
  },
  completed: {
    label: 'Completed',
    color: 'teal',
    help: 'The candidate finished; the server checked the result.',
  },
  declined: { label: 'Declined', color: 'orange', help: 'The candidate declined the verification.' },
  expired: { label: 'Expired', color: 'red', help: 'The link expired before the candidate finished.' },
};

export const CHALLENGE_WORDS: Record<string, { title: string; why: string }> = {
  turn_left: {
    title: 'Turn the head to the left, to full profile',
    why: 'Face-swap software loses its anchor points at profile: the face flickers, warps or changes.',
  },
  turn_right: {
    title: 'Turn the head to the right, to full profile',
    why: 'Face-swap software loses its anchor points at profile: the face flickers, warps or changes.',
  },
  look_up: { title: 'Look up', why: 'A still photo or a replayed video cannot follow a new instruction.' },
  blink: { title: 'Blink', why: 'A printed photo or a still image does not blink.' },
  smile: { title: 'Smile', why: 'A still image cannot change expression on request.' },
  cover_half: {
    title: 'Cover half the face with a hand',
    why: 'A real hand hides the face; a deepfake paints the face over the hand or swallows the hand.',
  },
  pass_object: {
    title: 'Pass a finger or pen across the face',
    why: 'A moving object in front of the face makes a face swap ghost or smear.',
  },
  flash: {
    title: 'Screen colour flash',
    why: 'A real face reflects the screen colour; a replayed or generated face does not.',
  },
};

export function challengeTitle(kind: string): string {
  return CHALLENGE_WORDS[kind]?.title ?? kind.replace(/_/g, ' ');
}

/** What the candidate will be asked to do, in the order a recruiter reads it. */
export const CANDIDATE_STEPS: readonly string[] = [
  'Read what is captured and why, and agree (or decline).',
  'Allow the camera. Nothing is recorded as video: the browser measures the face and hands and sends only the numbers.',
  'Optionally photograph their ID document, so the live face can be compared with its photo.',
  'Follow a short sequence of movements in a random order chosen by the server: hold a hand in front of half the face, pass a pencil or finger across it, turn the head to full profile both ways, look up, blink, smile, and keep still during a screen colour flash.',
];

export const WHY_THESE_MOVES =
  'Real-time deepfakes (a face swap running over a live camera) fail these simple physical moves: when a hand or a pencil passes in front of the face, or the head turns to profile, the software loses the face and the fake face fades, ghosts over the hand or warps. Each move has a time limit and the order is unpredictable, so a prepared video cannot follow it.';

/** The session's result: from the list item when the server sends it, else from the subject's bundle item. */
export function resultFor(view: VerificationView, bundle: CaseBundle): VerificationResult | null {
  if (view.result) return view.result;
  const items = (bundle.verifications ?? []) as Record<string, unknown>[];
  const item = items.find((v) => v.sessionId === view.id);
  const result = item?.result;
  if (result === null || typeof result !== 'object') return null;
  const r = result as Partial<VerificationResult>;
  return Array.isArray(r.challenges) && r.integrity ? (r as VerificationResult) : null;
}

export function keyframesOf(result: VerificationResult): KeyframeVerdict[] {
  return Array.isArray(result.keyframes) ? result.keyframes : [];
}

/** Keyframes taken during a step (the browser tags them with the step id). */
export function keyframesForStep(result: VerificationResult, stepId: string): KeyframeVerdict[] {
  return keyframesOf(result).filter((k) => k.stepId === stepId);
}

/** Keyframes within `toleranceMs` of any of the moments an explanation cites, nearest first, at most `max`. */
export function keyframesNear(
  result: VerificationResult,
  moments: readonly number[],
  toleranceMs = 1000,
  max = 4,
): KeyframeVerdict[] {
  if (moments.length === 0) return [];
  const scored = keyframesOf(result)
    .map((k) => ({ k, d: Math.min(...moments.map((m) => Math.abs(m - k.t))) }))
    .filter((x) => x.d <= toleranceMs)
    .sort((a, b) => a.d - b.d);
  return scored.slice(0, max).map((x) => x.k);
}

/** "1.25 s" / "850 ms". */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** "at 12.4 s, 13.0 s" for up to `max` moments. */
export function momentsText(moments: readonly number[], max = 4): string {
  if (moments.length === 0) return '';
  const shown = moments.slice(0, max).map((m) => `${(m / 1000).toFixed(1)} s`);
  return `at ${shown.join(', ')}${moments.length > max ? ` and ${moments.length - max} more` : ''}`;
}

export type ChartWindow = { x: number; width: number; label: string; passed: boolean | null; stepId: string };
export type ChartMarker = { x: number; t: number; label: string; strong: boolean };

export type ChartGeometry = {
  width: number;
  /** Pose panel (yaw, pitch in degrees, −90..90) and score panel (face score 0..1, hands). */
  pose: { top: number; height: number };
  score: { top: number; height: number };
  left: number;
  plotWidth: number;
  yawPath: string;
  pitchPath: string;
  scorePath: string;
  /** Bars where hands were seen: x and width. */
  handBars: { x: number; width: number; hands: number }[];
  windows: ChartWindow[];
  markers: ChartMarker[];
  /** Where the captured frames were taken (result.keyframes). */
  frames: { x: number; t: number; index: number; agrees: boolean }[];
  xTicks: { x: number; label: string }[];
  /** How many points each line draws (for tests and screen readers). */
  counts: { yaw: number; pitch: number; score: number };
};

const POSE_RANGE = 90;

/** An SVG path through the points, broken (a new `M`) wherever the value is missing. */
function linePath(xs: number[], ys: (number | null)[]): { d: string; n: number } {
  let d = '';
  let pen = false;
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (y === null || y === undefined) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${(xs[i] as number).toFixed(1)},${y.toFixed(1)}`;
    pen = true;
    n++;
  }
  return { d, n };
}

function tickStep(durationMs: number): number {
  for (const s of [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000]) if (durationMs / s <= 12) return s;
  return 120_000;
}

/**
 * The chart's geometry for a series and the session's verdicts: challenge windows shaded (passed or failed),
 * findings' and failed challenges' moments marked (strong or weak), pose clamped to ±90°.
 */
export function chartGeometry(
  series: VerificationTraceSeries,
  result: VerificationResult | null,
  width = 900,
): ChartGeometry {
  const left = 44;
  const right = 12;
  const plotWidth = width - left - right;
  const pose = { top: 36, height: 150 };
  const score = { top: pose.top + pose.height + 18, height: 64 };
  const duration = Math.max(1, series.durationMs, ...series.points.map((p) => p.t));
  const x = (t: number) => left + (Math.min(Math.max(t, 0), duration) / duration) * plotWidth;
  const poseY = (deg: number) =>
    pose.top +
    ((POSE_RANGE - Math.max(-POSE_RANGE, Math.min(POSE_RANGE, deg))) / (2 * POSE_RANGE)) * pose.height;
  const scoreY = (s: number) => score.top + (1 - Math.max(0, Math.min(1, s))) * score.height;
  const xs = series.points.map((p) => x(p.t));
  const yaw = linePath(
    xs,
    series.points.map((p) => (p.yaw === null ? null : poseY(p.yaw))),
  );
  const pitch = linePath(
    xs,
    series.points.map((p) => (p.pitch === null ? null : poseY(p.pitch))),
  );
  const scoreLine = linePath(
    xs,
    series.points.map((p) => (p.faceScore === null ? null : scoreY(p.faceScore))),
  );
  const handBars: ChartGeometry['handBars'] = [];
  series.points.forEach((p, i) => {
    if (p.hands <= 0) return;
    const next = series.points[i + 1];
    const x0 = xs[i] as number;
    const x1 = next ? (xs[i + 1] as number) : x0 + 2;
    handBars.push({ x: x0, width: Math.max(1, x1 - x0), hands: p.hands });
  });
  const verdicts = new Map((result?.challenges ?? []).map((c) => [c.stepId, c]));
  const windows = series.steps.map((s) => ({
    x: x(s.startMs),
    width: Math.max(1, x(s.endMs) - x(s.startMs)),
    label: s.kind.replace(/_/g, ' '),
    passed: verdicts.get(s.id)?.passed ?? null,
    stepId: s.id,
  }));
  const markers: ChartMarker[] = [];
  for (const f of result?.findings ?? [])
    for (const t of f.moments.slice(0, 8))
      markers.push({ x: x(t), t, label: `${f.kind}: ${f.code.replace(/_/g, ' ')}`, strong: !f.weak });
  for (const c of result?.challenges ?? [])
    if (!c.passed)
      for (const t of c.moments.slice(0, 4))
        markers.push({ x: x(t), t, label: `failed: ${c.kind.replace(/_/g, ' ')}`, strong: true });
  markers.sort((a, b) => a.t - b.t);
  const frames = (result ? keyframesOf(result) : []).map((k) => ({
    x: x(k.t),
    t: k.t,
    index: k.index,
    agrees: k.agrees,
  }));
  const step = tickStep(duration);
  const xTicks: ChartGeometry['xTicks'] = [];
  for (let t = 0; t <= duration; t += step) xTicks.push({ x: x(t), label: `${Math.round(t / 1000)} s` });
  return {
    width,
    pose,
    score,
    left,
    plotWidth,
    yawPath: yaw.d,
    pitchPath: pitch.d,
    scorePath: scoreLine.d,
    handBars,
    windows,
    markers,
    frames,
    xTicks,
    counts: { yaw: yaw.n, pitch: pitch.n, score: scoreLine.n },
  };
}

/** The y of a pose value in the chart (for axis labels). */
export function poseTickY(geometry: ChartGeometry, deg: number): number {
  return geometry.pose.top + ((POSE_RANGE - deg) / (2 * POSE_RANGE)) * geometry.pose.height;
}

export function sessionsNewestFirst(views: readonly VerificationView[]): VerificationView[] {
  return [...views].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** A captured frame a liveness signal quotes (`signal.data.frames`, `.keyframes`, `.keyframeMismatches`). */
export type QuotedFrame = {
  sessionId: string;
  index: number;
  t: number;
  agrees: boolean;
  detail: string;
};

const KEYFRAME_PATH = /^verifications\[(\d+)\]\.result\.keyframes\[\d+\]$/;

/**
 * The frames a liveness signal quotes, each resolved to its session through the evidence path
 * (`verifications[i].result.keyframes[j]` → the bundle item's sessionId), once each, in time order.
 */
export function quotedFrames(data: Record<string, unknown> | undefined, bundle: CaseBundle): QuotedFrame[] {
  if (!data) return [];
  const items = (bundle.verifications ?? []) as Record<string, unknown>[];
  const seen = new Set<string>();
  const out: QuotedFrame[] = [];
  for (const key of ['keyframes', 'keyframeMismatches', 'frames']) {
    const list = data[key];
    if (!Array.isArray(list)) continue;
    for (const q of list as Record<string, unknown>[]) {
      if (q === null || typeof q !== 'object') continue;
      const path = typeof q.path === 'string' ? q.path : '';
      const m = KEYFRAME_PATH.exec(path);
      const sessionId = m ? items[Number(m[1])]?.sessionId : undefined;
      if (typeof sessionId !== 'string' || typeof q.index !== 'number' || typeof q.t !== 'number') continue;
      if (seen.has(path)) continue;
      seen.add(path);
      out.push({
        sessionId,
        index: q.index,
        t: q.t,
        agrees: q.agrees === true,
        detail: typeof q.detail === 'string' ? q.detail : '',
      });
    }
  }
  return out.sort((a, b) => a.t - b.t);
}
