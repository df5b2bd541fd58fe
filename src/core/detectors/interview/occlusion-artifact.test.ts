import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  buildInterview as iv,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { describesOcclusionArtifact, occlusionArtifact } from './occlusion-artifact.ts';

const cases: [string, BundleOverrides, Expectation][] = [
  ['no interviews: not evaluated', {}, 'not_evaluated'],
  [
    'test not done: not evaluated',
    { interviews: [iv({ checks: { handOcclusion: 'not_done' } })] },
    'not_evaluated',
  ],
  [
    'test refused: not evaluated',
    { interviews: [iv({ checks: { handOcclusion: 'refused' } })] },
    'not_evaluated',
  ],
  ['passed: nothing', { interviews: [iv({ checks: { handOcclusion: 'passed' } })] }, 'none'],
  ['artifact: high', { interviews: [iv({ checks: { handOcclusion: 'artifact' } })] }, 'high'],
  [
    'artifact in a note only: high',
    { interviews: [iv({ observations: ['image faded when hand passed face'] })] },
    'high',
  ],
];

describe('interview.occlusion-artifact', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(occlusionArtifact, bundle))).toBe(expected);
  });

  it.each([
    ['When asked to wave a hand in front of his face, the face froze and the hand passed behind it', true],
    ['image faded when hand passed face', true],
    ['Hand passed in front of the face, all normal', false],
    ['The video froze for a second', false],
  ])('note %j', (note, expected) => {
    expect(describesOcclusionArtifact(note)).toBe(expected);
  });
});
