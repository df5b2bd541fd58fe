import { describe, expect, it } from 'vitest';
import { buildHonestSession } from '../../../test/liveness/trace-builder.ts';
import { traceSeries } from './trace-series.ts';
import type { FrameFeature, LivenessTrace } from './types.ts';

function face(yaw: number, pitch: number, score: number): NonNullable<FrameFeature['face']> {
  return { score, box: [0.3, 0.3, 0.3, 0.3], yaw, pitch, roll: 0 };
}

function trace(frames: FrameFeature[]): LivenessTrace {
  return {
    version: 1,
    sessionId: 'sess-1',
    nonce: 'n',
    startedAt: '2026-11-25T12:00:00Z',
    durationMs: 1000,
    device: { label: 'cam', width: 640, height: 480, frameRate: 30, userAgent: 'ua' },
    steps: [{ id: 's1-blink', kind: 'blink', startMs: 100, endMs: 900, completed: true }],
    frames,
  };
}

describe('traceSeries', () => {
  it('keeps every frame when there are fewer than maxPoints, with the steps', () => {
    const s = traceSeries(
      trace([
        { t: 0, face: face(10.04, -2, 0.99), hands: [] },
        { t: 40, face: null, hands: [{ box: [0, 0, 0.1, 0.1], score: 0.9 }] },
      ]),
    );
    expect(s).toEqual({
      sessionId: 'sess-1',
      durationMs: 1000,
      frames: 2,
      points: [
        { t: 0, yaw: 10, pitch: -2, faceScore: 0.99, hands: 0 },
        { t: 40, yaw: null, pitch: null, faceScore: 0, hands: 1 },
      ],
      steps: [{ id: 's1-blink', kind: 'blink', startMs: 100, endMs: 900 }],
    });
  });

  it('averages pose, keeps the lowest face score and the most hands per bucket', () => {
    const s = traceSeries(
      trace([
        { t: 0, face: face(10, 0, 0.9), hands: [] },
        { t: 10, face: face(30, 4, 0.5), hands: [{ box: [0, 0, 0.1, 0.1], score: 0.9 }] },
        { t: 20, face: null, hands: [] },
        { t: 30, face: face(-20, 2, 0.8), hands: [] },
      ]),
      2,
    );
    expect(s.points).toEqual([
      { t: 0, yaw: 20, pitch: 2, faceScore: 0.5, hands: 1 },
      { t: 20, yaw: -20, pitch: 2, faceScore: 0, hands: 0 },
    ]);
  });

  it('reduces a long session to at most maxPoints, in time order, keeping profile turns visible', () => {
    const { trace: long } = buildHonestSession({ seed: 3, fps: 30, leadMs: 20_000 });
    const s = traceSeries(long, 100);
    expect(long.frames.length).toBeGreaterThan(100);
    expect(s.points.length).toBeLessThanOrEqual(100);
    expect(s.points.length).toBeGreaterThan(50);
    for (let i = 1; i < s.points.length; i++)
      expect(s.points[i]?.t).toBeGreaterThan(s.points[i - 1]?.t as number);
    const maxYaw = Math.max(...s.points.map((p) => Math.abs(p.yaw ?? 0)));
    expect(maxYaw).toBeGreaterThan(30);
  });

  it('refuses a maxPoints below 2', () => {
    expect(() => traceSeries(trace([]), 1)).toThrow(/maxPoints/);
  });
});
