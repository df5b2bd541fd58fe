import { describe, expect, it } from 'vitest';
import {
  checkKeyframes,
  KEYFRAME_THRESHOLDS,
  type KeyframeObservation,
  keyframeProblem,
} from './keyframes.ts';
import type { Box, FrameFeature } from './types.ts';

const BOX: Box = [0.36, 0.24, 0.28, 0.38];

/** A unit vector along axis `i` of `n`, blended towards axis `j` by `mix` (cosine to axis i = 1/sqrt(1+mix²)). */
function vec(i: number, n = 16, j = (i + 1) % n, mix = 0): number[] {
  const v = new Array<number>(n).fill(0);
  v[i] = 1;
  v[j] = mix;
  return v;
}

function frame(t: number, face: Partial<NonNullable<FrameFeature['face']>> | null, hands = 0): FrameFeature {
  return {
    t,
    face:
      face === null
        ? null
        : ({ score: 0.99, box: BOX, yaw: 0, pitch: 3, roll: 0, ...face } as FrameFeature['face']),
    hands: Array.from({ length: hands }, () => ({ box: [0.4, 0.3, 0.2, 0.2] as Box, score: 0.9 })),
  };
}

/** 15 fps for 4 s, the same frontal face, an embedding every 500 ms. */
function trace(overrides: (f: FrameFeature) => FrameFeature = (f) => f): FrameFeature[] {
  const frames: FrameFeature[] = [];
  for (let t = 0; t <= 4000; t += 67) {
    frames.push(overrides(frame(t, t % 500 < 67 ? { embedding: vec(0) } : {})));
  }
  return frames;
}

function key(t: number, face: KeyframeObservation['face'], index = 0): KeyframeObservation {
  return { index, t, stepId: null, face };
}

const honestFace = { yaw: 2, box: [0.37, 0.25, 0.27, 0.37] as Box, embedding: vec(0, 16, 1, 0.2) };

describe('checkKeyframes', () => {
  it('agrees when the picture shows what the nearest trace frame says (face, turn, place, person)', () => {
    const [v] = checkKeyframes(trace(), [key(1005, honestFace)], vec(0));
    expect(v).toMatchObject({ index: 0, t: 1005, faceFound: true, agrees: true, yaw: 2 });
    expect(v?.similarity).toBeCloseTo(1 / Math.sqrt(1.04), 3);
    expect(v?.detail).toMatch(/matches the trace/);
    expect(keyframeProblem([v as never])).toBeNull();
  });

  it('agrees on no face in both, and refuses a trace frame further than 250 ms away', () => {
    const frames = trace((f) => (f.t > 2000 ? { ...f, face: null } : f));
    const [none] = checkKeyframes(frames, [key(3000, null)], null);
    expect(none?.agrees).toBe(true);
    const sparse = [frame(0, {}), frame(1000, {})];
    const [far] = checkKeyframes(sparse, [key(500, honestFace)], null);
    expect(far?.agrees).toBe(false);
    expect(far?.detail).toContain(`no frame within ${KEYFRAME_THRESHOLDS.nearestMs} ms`);
  });

  it('disagrees when only one of them has a face', () => {
    const noFaceInTrace = trace((f) => ({ ...f, face: null }));
    const [a] = checkKeyframes(noFaceInTrace, [key(1000, honestFace)], null);
    expect(a?.agrees).toBe(false);
    expect(a?.detail).toContain('the trace reports none');
    const [b] = checkKeyframes(trace(), [key(1000, null)], null);
    expect(b).toMatchObject({ agrees: false, faceFound: false, yaw: null });
    expect(b?.detail).toContain('the server found no face');
  });

  it('disagrees on a head turn more than 20° apart (either sign convention) or a face box moved', () => {
    const profile = trace((f) => (f.face ? { ...f, face: { ...f.face, yaw: 60 } } : f));
    const [turned] = checkKeyframes(profile, [key(1000, honestFace)], null);
    expect(turned?.agrees).toBe(false);
    expect(turned?.detail).toContain('turned 2° on the picture but 60° in the trace');
    const mirrored = trace((f) => (f.face ? { ...f, face: { ...f.face, yaw: -40 } } : f));
    const [sign] = checkKeyframes(mirrored, [key(1000, { ...honestFace, yaw: 38, embedding: null })], null);
    expect(sign?.agrees).toBe(true);
    const [moved] = checkKeyframes(
      trace(),
      [key(1000, { ...honestFace, box: [0.6, 0.5, 0.27, 0.37] })],
      null,
    );
    expect(moved?.agrees).toBe(false);
    expect(moved?.detail).toMatch(/away from where the trace puts it/);
  });

  it('disagrees when the picture shows another person than the trace embedding or the session face', () => {
    const other = { ...honestFace, embedding: vec(5) };
    const [v] = checkKeyframes(trace(), [key(1000, other)], vec(0));
    expect(v?.agrees).toBe(false);
    expect(v?.similarity).toBe(0);
    expect(v?.detail).toContain('another person');
    // The nearest embedding agrees but the session's usual face is someone else: a swapped-in moment.
    const swapped = trace((f) =>
      f.t >= 900 && f.t <= 1100 && f.face ? { ...f, face: { ...f.face, embedding: vec(5) } } : f,
    );
    const [w] = checkKeyframes(swapped, [key(1000, other)], vec(0));
    expect(w?.agrees).toBe(false);
    expect(w?.detail).toContain("the session's usual face");
  });

  it('does not compare identity while a hand covers the face, nor with a trace embedding at another turn', () => {
    const covered = trace((f) =>
      f.t >= 800 && f.t <= 1200 ? { ...f, hands: [{ box: [0.4, 0.3, 0.2, 0.2], score: 0.9 }] } : f,
    );
    const [v] = checkKeyframes(covered, [key(1000, { ...honestFace, embedding: vec(5) })], null);
    expect(v).toMatchObject({ agrees: true, similarity: null });
    const [p] = checkKeyframes(trace(), [key(1000, { ...honestFace, yaw: 45, embedding: vec(5) })], vec(0));
    // 45° on the picture vs 0° in the trace is itself a disagreement, but identity is not what is quoted.
    expect(p?.similarity).toBeNull();
    expect(p?.detail).not.toContain('another person');
  });

  it('a trace embedding of another length cannot be compared: a disagreement, said so', () => {
    const [v] = checkKeyframes(
      trace(),
      [key(1000, { ...honestFace, embedding: new Array(1024).fill(0.03) })],
      null,
    );
    expect(v?.agrees).toBe(false);
    expect(v?.detail).toContain('16 numbers instead of 1024');
  });

  it('an unreadable picture disagrees; the problem lists the frames and moments', () => {
    const verdicts = checkKeyframes(
      trace(),
      [key(2000, honestFace, 1), { ...key(3000, null, 0), unreadable: 'the image cannot be decoded' }],
      null,
    );
    expect(verdicts.map((v) => v.index)).toEqual([0, 1]);
    expect(verdicts[0]).toMatchObject({ agrees: false, detail: expect.stringContaining('cannot be read') });
    const problem = keyframeProblem(verdicts);
    expect(problem).toMatchObject({ code: 'keyframe_mismatch', moments: [3000] });
    expect(problem?.message).toContain('1 of 2 captured frames do not match the trace (frame 1)');
  });
});
