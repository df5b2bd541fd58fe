import { describe, expect, it } from 'vitest';
import { parseLivenessTrace } from '../../../core/liveness/trace-schema.ts';
import type { FrameFeature, LivenessTrace } from '../../../core/liveness/types.ts';
import {
  coveredShare,
  eyeOpenness,
  faceColorRegion,
  faceFeature,
  type HumanFace,
  handFeatures,
  meanRgb,
  newStepProgress,
  smileAmount,
  stepLooksDone,
} from './trace-features.ts';

/** A 478-point mesh (pixels) with eyes of the given lid gap and a mouth of the given width. */
function mesh(eyeGap: number, mouthWidth: number): number[][] {
  const points: number[][] = Array.from({ length: 478 }, () => [200, 200, 0]);
  const set = (i: number, x: number, y: number) => {
    points[i] = [x, y, 0];
  };
  // Right eye 33 (outer) .. 133 (inner), 40 px wide; left eye 362 (inner) .. 263 (outer).
  set(33, 140, 180);
  set(133, 180, 180);
  set(159, 160, 180 - eyeGap / 2);
  set(145, 160, 180 + eyeGap / 2);
  set(362, 220, 180);
  set(263, 260, 180);
  set(386, 240, 180 - eyeGap / 2);
  set(374, 240, 180 + eyeGap / 2);
  // Outer eye corners 120 px apart; mouth corners centred at x = 200.
  set(61, 200 - mouthWidth / 2, 260);
  set(291, 200 + mouthWidth / 2, 260);
  return points;
}

const face = (over: Partial<HumanFace> = {}): HumanFace => ({
  score: 0.93,
  faceScore: 1,
  boxRaw: [0.3, 0.2, 0.35, 0.5],
  mesh: mesh(10, 72),
  rotation: { angle: { yaw: 0.2, pitch: -0.05, roll: 0.01 } },
  embedding: Array.from({ length: 1024 }, (_, i) => Math.sin(i) * 0.12345678),
  real: 0.45,
  live: 0.86,
  ...over,
});

describe('frame features from Human results', () => {
  it('reads eye openness from the lids (open ≈ 1, closed ≈ 0) and the smile from the mouth width', () => {
    expect(eyeOpenness(mesh(10, 72))).toBe(1);
    expect(eyeOpenness(mesh(2, 72))).toBe(0);
    expect(eyeOpenness(mesh(6, 72))).toBeCloseTo(0.33, 2);
    expect(smileAmount(mesh(10, 72))).toBe(0);
    expect(smileAmount(mesh(10, 96))).toBe(1);
    expect(smileAmount(mesh(10, 84))).toBeCloseTo(0.5, 5);
    expect(eyeOpenness([])).toBeNull();
  });

  it('converts radians to degrees, rounds, and keeps the embedding and anti-spoofing only when they ran', () => {
    const f = faceFeature(face(), { embedding: true, antispoof: true });
    expect(f.yaw).toBeCloseTo(11.5, 1);
    expect(f.pitch).toBeCloseTo(-2.9, 1);
    expect(f.box).toEqual([0.3, 0.2, 0.35, 0.5]);
    expect(f.embedding).toHaveLength(1024);
    expect(f.embedding?.[1]).toBe(0.1039);
    expect(f).toMatchObject({ real: 0.45, live: 0.86, meshScore: 1, eyeOpen: 1, smile: 0 });
    const light = faceFeature(face(), { embedding: false, antispoof: false });
    expect(light.embedding).toBeUndefined();
    expect(light.real).toBeUndefined();
    expect(light.live).toBeUndefined();
  });

  it("drops HandTrack's 'face' class and keeps at most 4 hands", () => {
    const hands = handFeatures([
      { score: 0.9, boxRaw: [0.1, 0.1, 0.2, 0.2], label: 'hand' },
      { score: 0.8, boxRaw: [0.3, 0.2, 0.35, 0.5], label: 'face' },
      ...Array.from({ length: 5 }, () => ({ score: 0.7, boxRaw: [0, 0, 0.1, 0.1], label: 'fist' })),
    ]);
    expect(hands).toHaveLength(4);
    expect(hands[0]).toEqual({ box: [0.1, 0.1, 0.2, 0.2], score: 0.9 });
  });

  it('averages colours and picks the middle of the face box', () => {
    expect(meanRgb([10, 20, 30, 255, 30, 40, 50, 255])).toEqual([20, 30, 40]);
    expect(faceColorRegion([0.25, 0.25, 0.5, 0.5], 640, 480)).toEqual({ x: 240, y: 168, w: 160, h: 144 });
    expect(faceColorRegion([0.99, 0.99, 0.001, 0.001], 640, 480)).toBeNull();
    expect(coveredShare([0, 0, 1, 1], [0.5, 0, 1, 1])).toBeCloseTo(0.5, 5);
  });

  it("builds frames the server's strict trace schema accepts", () => {
    const frames: FrameFeature[] = [0, 100, 200].map((t, i) => ({
      t,
      face: faceFeature(face({ boxRaw: [-0.00001, 0.2, 0.35, 0.5] }), {
        embedding: i === 0,
        antispoof: i === 0,
      }),
      hands: handFeatures([{ score: 0.9, boxRaw: [0.1, 0.1, 0.2, 0.2], label: 'hand' }]),
      faceColor: [120.5, 90, 80],
      screenColor: [255, 255, 255],
    }));
    frames.push({ t: 300, face: null, hands: [] });
    const trace: LivenessTrace = {
      version: 1,
      sessionId: 's',
      nonce: 'n',
      startedAt: new Date(0).toISOString(),
      durationMs: 400,
      device: { label: 'Integrated Camera', width: 640, height: 480, frameRate: 30, userAgent: 'test' },
      steps: [{ id: 's1-blink', kind: 'blink', startMs: 0, endMs: 300, completed: false }],
      frames,
    };
    expect(parseLivenessTrace(JSON.parse(JSON.stringify(trace)))).toEqual(trace);
  });
});

describe("the page's own reading of a step", () => {
  it('a blink is open → closed → open; a turn needs the head well away from the resting pose', () => {
    const p = newStepProgress(2, 0);
    const f = (eyeOpen: number, yaw = 2) => ({
      ...faceFeature(face(), { embedding: false, antispoof: false }),
      eyeOpen,
      yaw,
    });
    const blink = { kind: 'blink' as const };
    expect(stepLooksDone(blink, p, 0, f(0.9), [])).toBe(false);
    expect(stepLooksDone(blink, p, 100, f(0.1), [])).toBe(false);
    expect(stepLooksDone(blink, p, 200, f(0.9), [])).toBe(true);
    const turn = { kind: 'turn_left' as const };
    expect(stepLooksDone(turn, newStepProgress(2, 0), 0, f(1, 30), [])).toBe(false);
    expect(stepLooksDone(turn, newStepProgress(2, 0), 0, f(1, -40), [])).toBe(true);
    expect(stepLooksDone(turn, newStepProgress(2, 0), 0, null, [])).toBe(false);
  });

  it('a cover needs a hand over a quarter of the face held for half a second', () => {
    const p = newStepProgress(0, 0);
    const fc = faceFeature(face(), { embedding: false, antispoof: false });
    const hand = [{ box: [0.3, 0.2, 0.2, 0.5] as [number, number, number, number], score: 0.9 }];
    const cover = { kind: 'cover_half' as const };
    expect(stepLooksDone(cover, p, 0, fc, hand)).toBe(false);
    expect(stepLooksDone(cover, p, 300, fc, hand)).toBe(false);
    expect(stepLooksDone(cover, p, 600, fc, hand)).toBe(true);
    expect(stepLooksDone(cover, p, 700, fc, [])).toBe(false);
  });
});
