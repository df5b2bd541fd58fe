import { describe, expect, it } from 'vitest';
import { firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import { flickerAtProfile, identityJumpAtProfile } from '../../../../test/liveness/attacks.ts';
import { completedVerification, resultOf } from '../../../../test/liveness/bundles.ts';
import { buildHonestSession } from '../../../../test/liveness/trace-builder.ts';
import { profileAnomaly } from './profile-anomaly.ts';

const honest = buildHonestSession({ seed: 22 });

describe('liveness.profile-anomaly', () => {
  it('is not evaluated without a result, quiet for an honest turn', () => {
    expect(summarize(runDetector(profileAnomaly, {}))).toBe('not_evaluated');
    expect(summarize(runDetector(profileAnomaly, completedVerification(resultOf(honest))))).toBe('none');
  });

  it('fires high on an identity jump at profile', () => {
    const s = firstSignal(
      runDetector(profileAnomaly, completedVerification(resultOf(identityJumpAtProfile(honest)))),
    );
    expect(s.severity).toBe('high');
    expect(s.explanation).toMatch(
      /^When the head turned sideways the face warped or changed: at profile the face became someone else \(identity similarity -?0\.\d+ to the frontal face at \d+(\.\d)? s, yaw -?\d+°/,
    );
  });

  it('fires on flicker at profile', () => {
    const s = firstSignal(
      runDetector(profileAnomaly, completedVerification(resultOf(flickerAtProfile(honest)))),
    );
    expect(s.explanation).toMatch(/the face tracking flickered \d+ times/);
  });
});
