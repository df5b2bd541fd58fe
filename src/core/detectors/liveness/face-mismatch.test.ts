import { describe, expect, it } from 'vitest';
import { firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import { completedVerification, resultOf } from '../../../../test/liveness/bundles.ts';
import { buildHonestSession, near, randomIdentity } from '../../../../test/liveness/trace-builder.ts';
import { faceMismatch } from './face-mismatch.ts';

const honest = buildHonestSession({ seed: 26 });

describe('liveness.face-mismatch', () => {
  it('is not evaluated when no ID photo was compared', () => {
    expect(summarize(runDetector(faceMismatch, {}))).toBe('not_evaluated');
    expect(summarize(runDetector(faceMismatch, completedVerification(resultOf(honest))))).toBe(
      'not_evaluated',
    );
  });

  it('is quiet when the ID photo is the same person', () => {
    expect(
      summarize(runDetector(faceMismatch, completedVerification(resultOf(honest, { withId: true })))),
    ).toBe('none');
  });

  it('fires critical for an ID photo of someone else, with the similarity and threshold', () => {
    const other = near(randomIdentity(honest.random), 0.9, honest.random);
    const s = firstSignal(
      runDetector(faceMismatch, completedVerification(resultOf(honest, { idEmbedding: other }))),
    );
    expect(s.severity).toBe('critical');
    expect(s.explanation).toMatch(
      /^The live face does not match the photo of the identity document \(distance 0\.\d+; similarity -?0\.\d+ over \d+ frames, best -?0\.\d+, where the same person scores at least 0\.55\)\.$/,
    );
  });

  it('says how recorded interviews compared with the same ID photo, when they were', () => {
    const other = near(randomIdentity(honest.random), 0.9, honest.random);
    const bundle = completedVerification(resultOf(honest, { idEmbedding: other }));
    const s = firstSignal(
      runDetector(faceMismatch, {
        ...bundle,
        interviews: [
          { at: '2026-05-01T10:00:00Z', recording: { idMatch: 0.31 } },
          { at: '2026-05-02T10:00:00Z' },
        ],
      } as never),
    );
    expect(s.explanation).toMatch(
      /; recorded interviews against the same photo: interview 1 does not match \(similarity 0\.31\)\)\.$/,
    );
    expect(s.evidence).toContain('interviews[0].recording.idMatch');
  });
});
