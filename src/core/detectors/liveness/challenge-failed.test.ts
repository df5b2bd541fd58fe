import { describe, expect, it } from 'vitest';
import { firstSignal, runDetector, summarize } from '../../../../test/factories.ts';
import { dropFrames, staticPhoto, timeGoesBack, withNonce } from '../../../../test/liveness/attacks.ts';
import { completedVerification, resultOf } from '../../../../test/liveness/bundles.ts';
import { buildHonestSession } from '../../../../test/liveness/trace-builder.ts';
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
