import { describe, expect, it } from 'vitest';
import { firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import { loopedReplay, staticPhoto } from '../../../../test/liveness/attacks.ts';
import { completedVerification, resultOf } from '../../../../test/liveness/bundles.ts';
import { buildHonestSession } from '../../../../test/liveness/trace-builder.ts';
import { analyzeTrace } from '../../liveness/analyze-trace.ts';
import type { LivenessResult } from '../../liveness/types.ts';
import { livenessSpoof } from './spoof.ts';

const honest = buildHonestSession({ seed: 24 });

describe('liveness.spoof', () => {
  it('is quiet for a live person', () => {
    expect(summarize(runDetector(livenessSpoof, completedVerification(resultOf(honest))))).toBe('none');
  });

  it('fires high for a still photo', () => {
    const s = firstSignal(runDetector(livenessSpoof, completedVerification(resultOf(staticPhoto(honest)))));
    expect(s.severity).toBe('high');
    expect(s.explanation).toMatch(
      /^The video looks replayed or synthetic: the face never moved or blinked over \d+(\.\d)? s \(head turned 0° and tilted 0° at most, eye openness never below 0\.85\): a still picture/,
    );
  });

  it('fires for a looped replay, naming the repeated stretch', () => {
    const s = firstSignal(runDetector(livenessSpoof, completedVerification(resultOf(loopedReplay(honest)))));
    expect(s.explanation).toMatch(
      /the video repeats itself: \d+ frames from \d+(\.\d)? s to \d+(\.\d)? s replay the frames from \d+(\.\d)? s exactly/,
    );
  });

  it('does not fire on weak anti-spoofing scores alone', () => {
    const result: LivenessResult = {
      ...resultOf(honest),
      findings: [
        {
          kind: 'spoof',
          code: 'low_scores',
          weak: true,
          detail: 'low',
          moments: [],
          measures: { real: 0.1 },
        },
      ],
    };
    expect(summarize(runDetector(livenessSpoof, completedVerification(result)))).toBe('none');
  });

  it('does not fire on the weak no-pulse finding alone', () => {
    const result = resultOf(buildHonestSession({ seed: 24, pulseBpm: null }));
    expect(result.findings.map((f) => [f.code, f.weak])).toEqual([['no_pulse', true]]);
    expect(summarize(runDetector(livenessSpoof, completedVerification(result)))).toBe('none');
  });
});

describe('liveness.spoof and the captured frames', () => {
  it('mentions keyframes that disagree with the trace and quotes them as evidence; alone they do not fire it', () => {
    const still = staticPhoto(honest);
    const profileClaim = {
      yaw: 55,
      box: [0.36, 0.24, 0.28, 0.38] as [number, number, number, number],
      embedding: null,
    };
    const keyframes = [{ index: 0, t: 2000, stepId: null, face: profileClaim }];
    const result = analyzeTrace(still.plan, still.trace, { keyframes });
    const s = firstSignal(runDetector(livenessSpoof, completedVerification(result)));
    expect(s.explanation).toMatch(
      /1 captured frame did not match the trace \(captured frame 1 \(at 2 s\): the head is turned 55° on the picture/,
    );
    expect(s.evidence).toContain('verifications[0].result.keyframes[0]');
    expect(s.data?.keyframeMismatches).toEqual([expect.objectContaining({ index: 0, agrees: false })]);
    const live = analyzeTrace(honest.plan, honest.trace, { keyframes });
    expect(live.keyframes[0]?.agrees).toBe(false);
    expect(summarize(runDetector(livenessSpoof, completedVerification(live)))).toBe('none');
  });
});
