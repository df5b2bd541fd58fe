import { describe, expect, it } from 'vitest';
import { buildHonestSession } from '../../../test/liveness/trace-builder.ts';
import { DomainError } from '../errors.ts';
import { MAX_EMBEDDING_LENGTH, parseLivenessTrace } from './trace-schema.ts';

function problemsOf(input: unknown): { path: string; message: string }[] {
  try {
    parseLivenessTrace(input);
  } catch (error) {
    if (error instanceof DomainError) return error.problems ?? [];
    throw error;
  }
  return [];
}

describe('parseLivenessTrace', () => {
  it('accepts a browser trace as it is', () => {
    const { trace } = buildHonestSession({ seed: 3 });
    const parsed = parseLivenessTrace(JSON.parse(JSON.stringify(trace)));
    expect(parsed.frames.length).toBe(trace.frames.length);
    expect(parsed.nonce).toBe(trace.nonce);
  });

  it('names every problem with its path', () => {
    const { trace } = buildHonestSession({ seed: 3 });
    const bad = JSON.parse(JSON.stringify(trace));
    bad.version = 2;
    bad.frames[2].face.yaw = 'left';
    bad.frames[3].face.embedding = new Array(MAX_EMBEDDING_LENGTH + 1).fill(0.1);
    bad.frames[4].extra = 1;
    bad.steps[0].kind = 'dance';
    const paths = problemsOf(bad).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'version',
        'frames[2].face.yaw',
        'frames[3].face.embedding',
        'frames[4]',
        'steps[0].kind',
      ]),
    );
  });

  it('rejects something that is not a trace', () => {
    expect(problemsOf(null)).toEqual([{ path: '(root)', message: expect.any(String) }]);
    expect(problemsOf({ version: 1 }).length).toBeGreaterThan(3);
  });
});
