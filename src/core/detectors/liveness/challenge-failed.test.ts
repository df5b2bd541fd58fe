import { describe, expect, it } from 'vitest';
import { firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import { dropFrames, staticPhoto, timeGoesBack, withNonce } from '../../../../test/liveness/attacks.ts';
import { completedVerification, resultOf } from '../../../../test/liveness/bundles.ts';
import { buildHonestSession } from '../../../../test/liveness/trace-builder.ts';
import { analyzeTrace } from '../../liveness/analyze-trace.ts';
import { challengeFailed } from './challenge-failed.ts';

const honest = buildHonestSession({ seed: 27 });
const run = (s: typeof honest) => runDetector(challengeFailed, completedVerification(resultOf(s)));

describe('liveness.challenge-failed', () => {
  it('is not evaluated without a result; quiet when every challenge passed', () => {
    expect(summarize(runDetector(challengeFailed, {}))).toBe('not_evaluated');
    expect(summarize(run(honest))).toBe('none');
  });

  it('fires high for a still photo, naming each failed challenge and its numbers', () => {
    const s = firstSignal(run(staticPhoto(honest)));
    expect(s.severity).toBe('high');
    expect(s.explanation).toMatch(/^The live challenges were not performed correctly: /);
    expect(s.explanation).toMatch(/turn (left|right): head turn reached only \d+(\.\d)?° \(needs 35°\)/);
    expect(s.evidence).toHaveLength(8);
  });

  it.each([
    [
      'a wrong nonce',
      withNonce(honest, '0'.repeat(32)),
      /the trace does not carry the nonce the server issued/,
    ],
    ['time going backwards', timeGoesBack(honest), /frame times go backwards or repeat 1 times/],
    ['too few frames', dropFrames(honest, 5), /3 frames\/s \(expected 5–120\)/],
  ])('fires for %s', (_name, session, words) => {
    const s = firstSignal(run(session));
    expect(s.explanation).toMatch(words);
    expect(s.evidence[0]).toBe('verifications[0].result.integrity');
  });
});

describe('liveness.challenge-failed on a slow device', () => {
  it('fires medium with the advice to repeat on a faster device when a low frame rate is all that is wrong', () => {
    const slow = dropFrames(honest, 5);
    expect(resultOf(slow).integrity.problems.map((p) => p.code)).toEqual(['frame_rate']);
    const s = firstSignal(run(slow));
    expect(s.severity).toBe('medium');
    expect(s.explanation).toMatch(
      /the candidate's device analysed only 3(\.\d)? frames a second \(at least 5 are needed to judge quick movements such as a blink\), so a slow computer or phone may explain this: ask them to repeat the check on a faster device/,
    );
    expect(s.data?.slowDevice).toBe(true);
  });

  it('stays high when the slow trace has anything else wrong (a wrong nonce)', () => {
    const s = firstSignal(run(withNonce(dropFrames(honest, 5), '0'.repeat(32))));
    expect(s.severity).toBe('high');
    expect(s.explanation).not.toMatch(/faster device/);
    expect(s.data?.slowDevice).toBe(false);
  });
});

describe('liveness.challenge-failed quotes the captured frames', () => {
  /** Keyframes seen by the server: one matching the trace, one showing a face where the trace has none. */
  function withKeyframes(s: typeof honest) {
    const faceAt = s.trace.frames.find(
      (f) => f.face !== null && f.t > 500,
    ) as (typeof s.trace.frames)[number];
    const gap = {
      ...s,
      trace: {
        ...s.trace,
        frames: s.trace.frames.map((f) => (f.t >= 3000 && f.t <= 3400 ? { ...f, face: null } : f)),
      },
    };
    const result = analyzeTrace(gap.plan, gap.trace, {
      keyframes: [
        {
          index: 0,
          t: faceAt.t,
          stepId: null,
          face: { yaw: faceAt.face?.yaw ?? 0, box: faceAt.face?.box ?? [0, 0, 0, 0], embedding: null },
        },
        { index: 1, t: 3200, stepId: null, face: { yaw: 0, box: [0.36, 0.24, 0.28, 0.38], embedding: null } },
      ],
    });
    return result;
  }

  it('fires on keyframe_mismatch with the disagreeing keyframe as evidence and data', () => {
    const result = withKeyframes(honest);
    expect(result.keyframes.map((k) => k.agrees)).toEqual([true, false]);
    const s = firstSignal(runDetector(challengeFailed, completedVerification(result)));
    expect(s.explanation).toContain(
      'captured frame 2 (at 3.2 s): the server found a face on it, but the trace reports none',
    );
    expect(s.evidence).toContain('verifications[0].result.keyframes[1]');
    expect(s.evidence).not.toContain('verifications[0].result.keyframes[0]');
    expect(s.data?.keyframes).toEqual([expect.objectContaining({ index: 1, t: 3200, agrees: false })]);
    expect(s.data?.integrity).toEqual([
      expect.objectContaining({ code: 'keyframe_mismatch', moments: [3200] }),
    ]);
  });

  it('lists the pictures taken at a failed step (frames), even when they agree with the trace', () => {
    const still = staticPhoto(honest);
    const failed = analyzeTrace(still.plan, still.trace).challenges.find(
      (c) => !c.passed && c.moments.length > 0,
    );
    const at = failed?.moments[0] as number;
    const near = still.trace.frames.reduce((a, b) => (Math.abs(b.t - at) < Math.abs(a.t - at) ? b : a));
    const result = analyzeTrace(still.plan, still.trace, {
      keyframes: [
        {
          index: 0,
          t: near.t,
          stepId: failed?.stepId ?? null,
          face: { yaw: near.face?.yaw ?? 0, box: near.face?.box ?? [0, 0, 0, 0], embedding: null },
        },
      ],
    });
    const s = firstSignal(runDetector(challengeFailed, completedVerification(result)));
    expect(s.data?.frames).toEqual([expect.objectContaining({ index: 0, agrees: true })]);
    expect(s.data?.keyframes).toEqual([]);
  });
});
