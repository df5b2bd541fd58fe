import { describe, expect, it } from 'vitest';
import { buildHonestSession } from '../../../test/liveness/trace-builder.ts';
import { DomainError } from '../errors.ts';
import { verifyTrace } from './verify-trace.ts';

describe('verifyTrace', () => {
  it('parses the JSON a browser sent and recomputes the verdicts', () => {
    const s = buildHonestSession({ seed: 9 });
    const r = verifyTrace(s.plan, JSON.parse(JSON.stringify(s.trace)), { idEmbedding: s.idEmbedding });
    expect(r.integrity.ok).toBe(true);
    expect(r.challenges.every((c) => c.passed)).toBe(true);
    expect(r.faceMatch?.matched).toBe(true);
  });

  it('ignores what the browser claimed: a step marked completed without the movement fails', () => {
    const s = buildHonestSession({ seed: 9 });
    const trace = structuredClone(s.trace);
    const blink = trace.steps.find((x) => x.kind === 'blink');
    for (const f of trace.frames)
      if (blink && f.face && f.t >= blink.startMs && f.t <= blink.endMs) f.face.eyeOpen = 0.9;
    const r = verifyTrace(s.plan, trace);
    expect(blink?.completed).toBe(true);
    expect(r.challenges.find((c) => c.kind === 'blink')?.detail).toBe(
      'no blink: eye openness went down to 0.9 only (needs ≤ 0.35)',
    );
  });

  it('throws a validation error for a malformed trace', () => {
    const s = buildHonestSession({ seed: 9 });
    expect(() => verifyTrace(s.plan, { ...s.trace, frames: 'lots' })).toThrow(DomainError);
  });
});
