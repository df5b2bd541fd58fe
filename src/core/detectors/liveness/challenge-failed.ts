// liveness.challenge-failed — the randomized challenges were not performed correctly in time, or the trace
// cannot be trusted (wrong nonce, time going backwards, too few frames, steps out of order): every verdict
// is the server's, recomputed from the trace. Keyframes the server re-read that disagree with the trace
// (`keyframe_mismatch`) are quoted with their indexes, and the pictures of failed steps are listed, so the
// reviewer sees the captured frames next to the explanation.
import { LIVENESS_THRESHOLDS } from '../../liveness/thresholds.ts';
import type { LivenessResult } from '../../liveness/types.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import {
  disagreeingKeyframes,
  keyframesNear,
  livenessOutcomes,
  momentsText,
  noResultReason,
  type QuotedKeyframe,
} from './verifications.ts';

const def = requireSignal('liveness.challenge-failed');

/**
 * A session whose only integrity problem is a low frame rate came from a slow device (an old phone or
 * laptop analyses a few frames a second), not from a forged trace: quick movements such as a blink may fall
 * between frames. Its failures count medium, with the advice to repeat on a faster device; anything else
 * wrong with the trace keeps them high.
 */
function slowDevice(result: LivenessResult): boolean {
  const fps = result.summary.averageFps;
  return (
    fps > 0 &&
    fps < LIVENESS_THRESHOLDS.minFps &&
    result.integrity.problems.length > 0 &&
    result.integrity.problems.every((p) => p.code === 'frame_rate')
  );
}
const KIND_WORDS: Record<string, string> = {
  turn_left: 'turn left',
  turn_right: 'turn right',
  look_up: 'look up',
  blink: 'blink',
  smile: 'smile',
  cover_half: 'cover half the face',
  pass_object: 'pass an object across the face',
  flash: 'screen flash',
};

export const challengeFailed: Detector = {
  signal: def.id,
  detect(bundle) {
    const outcomes = livenessOutcomes(bundle);
    if (outcomes.length === 0) return notEvaluated(noResultReason(bundle));
    const evidence: string[] = [];
    const details: string[] = [];
    const failures: { stepId: string; kind: string; detail: string; moments: number[] }[] = [];
    const integrity: { code: string; message: string; moments: number[] }[] = [];
    const keyframes: QuotedKeyframe[] = [];
    const frames: QuotedKeyframe[] = [];
    let strong = false;
    const slow: number[] = [];
    for (const o of outcomes) {
      const before = evidence.length;
      for (const k of disagreeingKeyframes(o).slice(0, 12)) {
        evidence.push(k.path);
        keyframes.push(k);
      }
      const problems = o.result.integrity.problems.slice(0, 20);
      if (problems.length > 0) {
        evidence.push(`${o.path}.integrity`);
        for (const p of problems) {
          integrity.push({ code: String(p.code), message: String(p.message), moments: p.moments ?? [] });
          details.push(`the trace is not trustworthy: ${String(p.message)}`);
        }
      }
      o.result.challenges.slice(0, 32).forEach((c, k) => {
        if (c.passed) return;
        evidence.push(`${o.path}.challenges[${k}]`);
        const at = c.moments?.length ? ` (at ${momentsText(c.moments)})` : '';
        failures.push({
          stepId: String(c.stepId),
          kind: String(c.kind),
          detail: String(c.detail),
          moments: c.moments ?? [],
        });
        for (const k of keyframesNear(o, c.moments ?? []))
          if (!frames.some((f) => f.path === k.path)) frames.push(k);
        details.push(`${KIND_WORDS[c.kind] ?? String(c.kind)}: ${String(c.detail)}${at}`);
      });
      if (evidence.length === before) continue;
      if (slowDevice(o.result) && disagreeingKeyframes(o).length === 0)
        slow.push(o.result.summary.averageFps);
      else strong = true;
    }
    if (evidence.length === 0) return nothing();
    if (!strong)
      details.unshift(
        `the candidate's device analysed only ${slow.join(' and ')} frames a second (at least ${LIVENESS_THRESHOLDS.minFps} are needed to judge quick movements such as a blink), so a slow computer or phone may explain this: ask them to repeat the check on a faster device`,
      );
    return found(
      fire(
        def,
        strong ? def.defaultSeverity : 'medium',
        evidence,
        { count: failures.length, failures, integrity, keyframes, frames, slowDevice: !strong },
        {
          detail:
            details.slice(0, 6).join('; ') + (details.length > 6 ? `; and ${details.length - 6} more` : ''),
        },
      ),
    );
  },
};
