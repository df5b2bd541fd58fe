// liveness.challenge-failed — the randomized challenges were not performed correctly in time, or the trace
// cannot be trusted (wrong nonce, time going backwards, too few frames, steps out of order): every verdict
// is the server's, recomputed from the trace. Keyframes the server re-read that disagree with the trace
// (`keyframe_mismatch`) are quoted with their indexes, and the pictures of failed steps are listed, so the
// reviewer sees the captured frames next to the explanation.
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
    for (const o of outcomes) {
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
    }
    if (evidence.length === 0) return nothing();
    return found(
      fire(
        def,
        def.defaultSeverity,
        evidence,
        { count: failures.length, failures, integrity, keyframes, frames },
        {
          detail:
            details.slice(0, 6).join('; ') + (details.length > 6 ? `; and ${details.length - 6} more` : ''),
        },
      ),
    );
  },
};
