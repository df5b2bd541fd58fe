import { describe, expect, it } from 'vitest';
import { paintedOverHand } from '../../../../test/liveness/attacks.ts';
import { buildHonestSession } from '../../../../test/liveness/trace-builder.ts';
import { analyzeTrace } from '../../../core/liveness/analyze-trace.ts';
import { traceSeries } from '../../../core/liveness/trace-series.ts';
import type { CaseBundle, KeyframeVerdict, VerificationResult, VerificationView } from '../../api/types.ts';
import {
  chartGeometry,
  formatMs,
  keyframesForStep,
  keyframesNear,
  momentsText,
  quotedFrames,
  resultFor,
} from './model.ts';

function view(id: string, extra: Partial<VerificationView> = {}): VerificationView {
  return {
    id,
    subjectId: 'cand-1',
    kind: 'liveness',
    status: 'completed',
    createdAt: '2026-11-25T12:00:00Z',
    createdBy: 'Ada',
    expiresAt: '2026-11-28T12:00:00Z',
    openedAt: null,
    consentedAt: null,
    challengedAt: null,
    finishedAt: null,
    ip: null,
    userAgent: null,
    hasTrace: true,
    retainUntil: null,
    ...extra,
  };
}

function attacked() {
  const s = paintedOverHand(buildHonestSession({ seed: 4 }));
  const result = analyzeTrace(s.plan, s.trace) as VerificationResult;
  return { s, result };
}

const kf = (index: number, t: number, stepId: string | null): KeyframeVerdict => ({
  index,
  t,
  stepId,
  faceFound: true,
  agrees: true,
  similarity: 0.9,
  yaw: 0,
  detail: 'ok',
});

describe('resultFor', () => {
  it('reads the bundle item of the session when the list has no result', () => {
    const { result } = attacked();
    const bundle = {
      format: 'gatecheck.case-bundle/v1',
      subject: { id: 'cand-1' },
      verifications: [
        { kind: 'liveness', sessionId: 'a', status: 'sent', result: null },
        { kind: 'liveness', sessionId: 'b', status: 'completed', result },
      ],
    } as unknown as CaseBundle;
    expect(resultFor(view('b'), bundle)).toBe(result);
    expect(resultFor(view('a'), bundle)).toBeNull();
    expect(resultFor(view('c'), bundle)).toBeNull();
    expect(resultFor(view('c', { result }), bundle)).toBe(result);
  });
});

describe('keyframes beside what they show', () => {
  const result = {
    keyframes: [kf(0, 1000, 's1'), kf(1, 5000, 's2'), kf(2, 5400, 's2')],
  } as VerificationResult;
  it('by step and by the moments an explanation cites, nearest first', () => {
    expect(keyframesForStep(result, 's2').map((k) => k.index)).toEqual([1, 2]);
    expect(keyframesNear(result, [5350]).map((k) => k.index)).toEqual([2, 1]);
    expect(keyframesNear(result, [9000])).toEqual([]);
    expect(keyframesNear(result, [])).toEqual([]);
  });
  it('none when the result has no keyframes', () => {
    expect(keyframesForStep({} as VerificationResult, 's1')).toEqual([]);
  });
});

describe('chartGeometry', () => {
  it('draws every point, shades each challenge window with its verdict and marks the findings', () => {
    const { s, result } = attacked();
    const series = traceSeries(s.trace);
    const g = chartGeometry(series, result);
    expect(g.counts.yaw).toBe(series.points.filter((p) => p.yaw !== null).length);
    expect(g.yawPath.startsWith('M')).toBe(true);
    expect(g.windows.map((w) => w.stepId)).toEqual(s.trace.steps.map((x) => x.id));
    const cover = g.windows.find((w) => w.stepId.endsWith('cover_half'));
    const verdict = result.challenges.find((c) => c.kind === 'cover_half');
    expect(cover?.passed).toBe(verdict?.passed);
    const occlusion = result.findings.find((f) => f.kind === 'occlusion');
    expect(occlusion).toBeDefined();
    expect(g.markers.some((m) => m.label.startsWith('occlusion') && m.strong)).toBe(true);
    for (const w of g.windows) {
      expect(w.x).toBeGreaterThanOrEqual(g.left);
      expect(w.x + w.width).toBeLessThanOrEqual(g.left + g.plotWidth + 0.001);
    }
    // A profile turn reaches well above the middle line (yaw 0) in the pose panel.
    const ys = [...g.yawPath.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    const mid = g.pose.top + g.pose.height / 2;
    expect(Math.min(...ys)).toBeLessThan(mid - g.pose.height * 0.15);
  });

  it('breaks the lines where the face was lost', () => {
    const series = {
      sessionId: 's',
      durationMs: 300,
      frames: 3,
      points: [
        { t: 0, yaw: 0, pitch: 0, faceScore: 0.9, hands: 0 },
        { t: 100, yaw: null, pitch: null, faceScore: 0, hands: 1 },
        { t: 200, yaw: 10, pitch: 0, faceScore: 0.9, hands: 0 },
      ],
      steps: [],
    };
    const g = chartGeometry(series, null);
    expect(g.yawPath.match(/M/g)).toHaveLength(2);
    expect(g.counts).toEqual({ yaw: 2, pitch: 2, score: 3 });
    expect(g.handBars).toHaveLength(1);
    expect(g.markers).toEqual([]);
    expect(g.frames).toEqual([]);
    const withFrames = chartGeometry(series, {
      challenges: [],
      findings: [],
      keyframes: [kf(0, 150, null)],
    } as unknown as VerificationResult);
    expect(withFrames.frames).toEqual([
      { x: withFrames.left + withFrames.plotWidth / 2, t: 150, index: 0, agrees: true },
    ]);
  });
});

describe('formatting', () => {
  it('milliseconds and moments in plain words', () => {
    expect(formatMs(850)).toBe('850 ms');
    expect(formatMs(1250)).toBe('1.25 s');
    expect(formatMs(null)).toBe('—');
    expect(momentsText([1200, 3400])).toBe('at 1.2 s, 3.4 s');
    expect(momentsText([1, 2, 3, 4, 5, 6], 2)).toBe('at 0.0 s, 0.0 s and 4 more');
  });
});

describe('quotedFrames', () => {
  it('resolves each quoted frame to its session through the evidence path, once, in time order', () => {
    const bundle = {
      format: 'gatecheck.case-bundle/v1',
      subject: { id: 'cand-1' },
      verifications: [{ sessionId: 'old' }, { sessionId: 'new' }],
    } as unknown as CaseBundle;
    const q = (path: string, index: number, t: number, agrees = false) => ({
      path,
      index,
      t,
      agrees,
      detail: `d${index}`,
    });
    const frames = quotedFrames(
      {
        keyframes: [q('verifications[1].result.keyframes[1]', 1, 9000)],
        frames: [
          q('verifications[1].result.keyframes[1]', 1, 9000),
          q('verifications[0].result.keyframes[0]', 0, 2000, true),
          q('verifications[7].result.keyframes[0]', 0, 100),
          { path: 'interviews[0]', index: 0, t: 5 },
        ],
      },
      bundle,
    );
    expect(frames).toEqual([
      { sessionId: 'old', index: 0, t: 2000, agrees: true, detail: 'd0' },
      { sessionId: 'new', index: 1, t: 9000, agrees: false, detail: 'd1' },
    ]);
    expect(quotedFrames(undefined, bundle)).toEqual([]);
    expect(quotedFrames({ frames: 'x' }, bundle)).toEqual([]);
  });
});
