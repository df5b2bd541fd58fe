import { describe, expect, it } from 'vitest';
import { buildHonestSession } from '../../../test/liveness/trace-builder.ts';
import { liveFaceEmbedding } from './analyze-trace.ts';
import { cosine } from './geometry.ts';

describe('liveFaceEmbedding', () => {
  it("summarises the session's clean frontal embeddings as one vector close to the person, rounded", () => {
    const s = buildHonestSession({ seed: 11 });
    const face = liveFaceEmbedding(s.plan, s.trace);
    expect(face).toHaveLength(s.person.length);
    expect(cosine(face!, s.person)).toBeGreaterThan(0.95);
    expect(face!.every((x) => Math.round(x * 10_000) / 10_000 === x)).toBe(true);
    // Another person's session is far from it.
    const other = buildHonestSession({ seed: 23 });
    expect(cosine(face!, liveFaceEmbedding(other.plan, other.trace)!)).toBeLessThan(0.5);
  });

  it('is null when the trace carries too few embeddings', () => {
    const s = buildHonestSession({ seed: 11 });
    const frames = s.trace.frames.map((f) =>
      f.face ? { ...f, face: { ...f.face, embedding: undefined } } : f,
    );
    expect(liveFaceEmbedding(s.plan, { ...s.trace, frames })).toBeNull();
  });
});
