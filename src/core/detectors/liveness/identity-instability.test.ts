import { describe, expect, it } from 'vitest';
import { firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import { personChangesMidway } from '../../../../test/liveness/attacks.ts';
import { completedVerification, resultOf } from '../../../../test/liveness/bundles.ts';
import { buildHonestSession } from '../../../../test/liveness/trace-builder.ts';
import { identityInstability } from './identity-instability.ts';

const honest = buildHonestSession({ seed: 23 });

describe('liveness.identity-instability', () => {
  it('is quiet for one person throughout', () => {
    expect(summarize(runDetector(identityInstability, completedVerification(resultOf(honest))))).toBe('none');
  });

  it('fires high when another person takes over, naming moments and the lowest similarity', () => {
    const s = firstSignal(
      runDetector(identityInstability, completedVerification(resultOf(personChangesMidway(honest)))),
    );
    expect(s.severity).toBe('high');
    expect(s.explanation).toMatch(
      /^The face changed during the session: the face identity moved away from the session's face at \d+(\.\d)? s, .* \(lowest similarity 0\.\d+; the same person scores above 0\.8\)/,
    );
  });
});
