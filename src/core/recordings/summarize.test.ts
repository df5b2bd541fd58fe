import { describe, expect, it } from 'vitest';
import {
  FACE_LOST_MAX_SECONDS,
  MAX_REPRESENTATIVE_FRAMES,
  matchIdPhoto,
  medianVector,
  overlapShare,
  type RecordingSample,
  summarizeRecording,
} from './summarize.ts';

// Two "people": embeddings pointing along different axes (cosine ≈0.02 between them), with small noise.
function person(axis: number, wobble = 0): number[] {
  return Array.from({ length: 32 }, (_, i) => (i === axis ? 1 : 0.02) + (i === (axis + 1) % 32 ? wobble : 0));
}
const FACE_BOX = [0.4, 0.2, 0.2, 0.3] as const;
const face = (embedding: number[] | null = person(0)) => ({ box: FACE_BOX, score: 0.9, embedding });
const sample = (
  at: number,
  f: RecordingSample['face'],
  hands: RecordingSample['hands'] = [],
): RecordingSample => ({
  at,
  face: f,
  hands,
});

describe('summarizeRecording', () => {
  it('one steady face: full presence, no events, drift ≈1, one person', () => {
    const s = summarizeRecording([0, 1, 2, 3].map((t) => sample(t, face(person(0, t * 0.01)))));
    expect(s).toMatchObject({
      framesAnalysed: 4,
      faceFrames: 4,
      facePresence: 1,
      occlusionEvents: [],
      identityChanged: false,
    });
    expect(s.driftMin).toBeGreaterThan(0.99);
    expect(s.frames).toHaveLength(4);
    expect(s.frames[0]?.faceEmbedding.every((x) => Math.round(x * 1e4) / 1e4 === x)).toBe(true);
  });

  it('no frames and no faces: presence 0, nothing to compare', () => {
    expect(summarizeRecording([])).toMatchObject({
      framesAnalysed: 0,
      facePresence: 0,
      driftMin: null,
      frames: [],
    });
    const none = summarizeRecording([sample(0, null), sample(1, null)]);
    expect(none).toMatchObject({
      faceFrames: 0,
      facePresence: 0,
      driftMin: null,
      mostDifferent: null,
      identityChanged: false,
      medianEmbedding: null,
    });
    expect(none.occlusionEvents).toEqual([]);
  });

  it('a hand over the face box is one event per run; those frames are left out of drift and frames', () => {
    const hand = [{ box: [0.45, 0.25, 0.15, 0.2] as const, score: 0.9 }];
    const faraway = [{ box: [0.0, 0.7, 0.1, 0.1] as const, score: 0.9 }];
    const weak = [{ box: [0.45, 0.25, 0.15, 0.2] as const, score: 0.2 }];
    const s = summarizeRecording([
      sample(0, face()),
      sample(1, face(person(5)), hand),
      sample(2, face(person(5)), hand),
      sample(3, face(), faraway),
      sample(4, face(), weak),
      sample(5, face(person(5)), hand),
    ]);
    expect(s.occlusionEvents).toEqual([
      { kind: 'hand-over-face', start: 1, end: 2, samples: 2 },
      { kind: 'hand-over-face', start: 5, end: 5, samples: 1 },
    ]);
    expect(s.identityChanged).toBe(false);
    expect(s.driftMin).toBeGreaterThan(0.99);
    expect(s.frames.map((f) => f.at)).toEqual([0, 3, 4]);
  });

  it('the face lost briefly between face frames is an event; leaving for longer or at the ends is not', () => {
    const seq = (pattern: string) => [...pattern].map((c, i) => sample(i, c === 'F' ? face() : null));
    expect(summarizeRecording(seq('FF--FF')).occlusionEvents).toEqual([
      { kind: 'face-lost', start: 2, end: 3, samples: 2 },
    ]);
    expect(summarizeRecording(seq(`F${'-'.repeat(FACE_LOST_MAX_SECONDS)}F`)).occlusionEvents).toHaveLength(0);
    expect(summarizeRecording(seq('--FF--')).occlusionEvents).toEqual([]);
    expect(summarizeRecording(seq('FF--FF')).facePresence).toBe(0.67);
  });

  it('two people, each seen several times: identity changed, the two most different frames named', () => {
    const s = summarizeRecording(
      [0, 1, 2, 3, 4, 5].map((t) => sample(t, face(t < 3 ? person(0) : person(9)))),
    );
    expect(s.identityChanged).toBe(true);
    expect(s.mostDifferent?.similarity).toBeLessThan(0.2);
    expect(s.mostDifferent?.a).toBeLessThan(3);
    expect(s.mostDifferent?.b).toBeGreaterThanOrEqual(3);
    expect(s.driftMin).toBeLessThan(0.9);
  });

  it('one odd frame is not a second person', () => {
    const s = summarizeRecording(
      [0, 1, 2, 3, 4].map((t) => sample(t, face(t === 2 ? person(9) : person(0)))),
    );
    expect(s.identityChanged).toBe(false);
    expect(s.mostDifferent?.similarity).toBeLessThan(0.2);
  });

  it('keeps at most the maximum of representative frames, spread from first to last', () => {
    const s = summarizeRecording(Array.from({ length: 100 }, (_, t) => sample(t, face())));
    expect(s.frames).toHaveLength(MAX_REPRESENTATIVE_FRAMES);
    expect(s.frames[0]?.at).toBe(0);
    expect(s.frames.at(-1)?.at).toBe(99);
  });
});

describe('helpers', () => {
  it('overlapShare is the share of the smaller box covered', () => {
    expect(overlapShare([0, 0, 1, 1], [0.5, 0.5, 0.5, 0.5])).toBeCloseTo(1);
    expect(overlapShare([0, 0, 0.5, 0.5], [0.25, 0, 0.5, 0.5])).toBeCloseTo(0.5);
    expect(overlapShare([0, 0, 0.1, 0.1], [0.5, 0.5, 0.1, 0.1])).toBe(0);
  });

  it('medianVector takes the median of each position', () => {
    expect(
      medianVector([
        [1, 5],
        [2, 6],
        [9, 7],
      ]),
    ).toEqual([2, 6]);
    expect(
      medianVector([
        [1, 4],
        [3, 8],
      ]),
    ).toEqual([2, 6]);
    expect(medianVector([])).toEqual([]);
  });

  it('matchIdPhoto: median similarity of unoccluded face frames to the ID face; null without one', () => {
    const samples = [0, 1, 2].map((t) => sample(t, face(t === 0 ? person(9) : person(0))));
    expect(matchIdPhoto(samples, person(0))).toBeGreaterThan(0.99);
    expect(matchIdPhoto(samples, person(9))).toBeLessThan(0.2);
    expect(matchIdPhoto(samples, undefined)).toBeNull();
    expect(matchIdPhoto([sample(0, null)], person(0))).toBeNull();
  });
});
