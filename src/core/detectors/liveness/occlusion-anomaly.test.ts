import { describe, expect, it } from 'vitest';
import { firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import { paintedOverHand, swallowedHand } from '../../../../test/liveness/attacks.ts';
import { completedVerification, resultOf } from '../../../../test/liveness/bundles.ts';
import { buildHonestSession } from '../../../../test/liveness/trace-builder.ts';
import { occlusionAnomaly } from './occlusion-anomaly.ts';

const honest = buildHonestSession({ seed: 21 });

describe('liveness.occlusion-anomaly', () => {
  it('is not evaluated without a liveness verification', () => {
    expect(summarize(runDetector(occlusionAnomaly, {}))).toBe('not_evaluated');
  });

  it('stays quiet for a real occluded face', () => {
    expect(summarize(runDetector(occlusionAnomaly, completedVerification(resultOf(honest))))).toBe('none');
  });

  it('fires high when the face stays identical under the hand, naming moments and similarity', () => {
    const s = firstSignal(
      runDetector(occlusionAnomaly, completedVerification(resultOf(paintedOverHand(honest)))),
    );
    expect(s.severity).toBe('high');
    expect(s.evidence).toEqual(['verifications[0].result.findings[0]']);
    expect(s.explanation).toMatch(
      /^While the face was covered the video behaved unnaturally: the face stayed identical while a hand covered it \(identity similarity 0\.9\d to the uncovered face over \d+ frames at \d+(\.\d)? s/,
    );
  });

  it('fires when the hand vanishes inside the face', () => {
    const s = firstSignal(
      runDetector(occlusionAnomaly, completedVerification(resultOf(swallowedHand(honest)))),
    );
    expect(s.explanation).toMatch(
      /a hand in front of the face vanished inside the face at \d+(\.\d)? s and stayed gone for/,
    );
  });

  it('ignores a result that does not have the LivenessResult shape', () => {
    const bundle = { verifications: [{ kind: 'liveness', status: 'completed', result: { findings: 'x' } }] };
    expect(summarize(runDetector(occlusionAnomaly, bundle))).toBe('not_evaluated');
  });
});
