import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  buildInterview as iv,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { cosineDistance, personChanged } from './person-changed.ts';

function unit(axis: number): number[] {
  return Array.from({ length: 16 }, (_, i) => (i === axis ? 0.9 : 0.1));
}
const alice = unit(1);
const aliceAgain = alice.map((x, i) => x + (i % 2 === 0 ? 0.02 : -0.02));
const bob = unit(7);
const frames = (...embeddings: number[][]) =>
  embeddings.map((e) => ({ at: '2026-01-10T10:05:00-05:00', faceEmbedding: e }));

const cases: [string, BundleOverrides, Expectation][] = [
  ['no frames: not evaluated', { interviews: [iv(), iv()] }, 'not_evaluated'],
  [
    'one interview with frames: not evaluated',
    { interviews: [iv({ frames: frames(alice, bob) })] },
    'not_evaluated',
  ],
  [
    'same face in two interviews: nothing',
    { interviews: [iv({ frames: frames(alice) }), iv({ frames: frames(aliceAgain) })] },
    'none',
  ],
  [
    'different face: critical',
    { interviews: [iv({ frames: frames(alice) }), iv({ frames: frames(bob) })] },
    'critical',
  ],
  [
    'any matching frame means the same person',
    { interviews: [iv({ frames: frames(alice) }), iv({ frames: frames(bob, aliceAgain) })] },
    'none',
  ],
  [
    'different sizes cannot be compared',
    { interviews: [iv({ frames: frames(alice) }), iv({ frames: frames(alice.slice(0, 8)) })] },
    'not_evaluated',
  ],
];

describe('interview.person-changed', () => {
  it('test vectors are what they claim', () => {
    expect(cosineDistance(alice, aliceAgain)).toBeLessThan(0.05);
    expect(cosineDistance(alice, bob)).toBeGreaterThan(0.5);
  });

  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(personChanged, bundle))).toBe(expected);
  });

  it('points at both frames', () => {
    const s = firstSignal(
      runDetector(personChanged, {
        interviews: [iv({ frames: frames(alice) }), iv(), iv({ frames: frames(bob) })],
      }),
    );
    expect(s.evidence).toEqual(['interviews[0].frames[0]', 'interviews[2].frames[0]']);
    expect(s.explanation).toContain('interview 1');
    expect(s.explanation).toContain('interview 3');
  });

  it('says which interview matches the ID photo when recording analysis compared them', () => {
    const s = firstSignal(
      runDetector(personChanged, {
        interviews: [
          iv({ frames: frames(alice), recording: { idMatch: 0.97 } } as never),
          iv({ frames: frames(bob), recording: { idMatch: 0.38 } } as never),
        ],
      }),
    );
    expect(s.explanation).toContain(
      'Against the ID photo: the face in interview 1 matches it (similarity 0.97); the face in interview 2 does not match it (similarity 0.38).',
    );
    expect(s.evidence).toEqual([
      'interviews[0].frames[0]',
      'interviews[1].frames[0]',
      'interviews[0].recording.idMatch',
      'interviews[1].recording.idMatch',
    ]);
  });

  it('has no placeholder left when no ID comparison exists', () => {
    const s = firstSignal(
      runDetector(personChanged, {
        interviews: [iv({ frames: frames(alice) }), iv({ frames: frames(bob) })],
      }),
    );
    expect(s.explanation).not.toMatch(/[{}]/);
    expect(s.explanation).not.toContain('ID photo');
  });
});
