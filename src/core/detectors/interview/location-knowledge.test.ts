import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  buildInterview as iv,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { locationKnowledge } from './location-knowledge.ts';

const cases: [string, BundleOverrides, Expectation][] = [
  ['no interviews: not evaluated', {}, 'not_evaluated'],
  [
    'small talk not done: not evaluated',
    { interviews: [iv({ checks: { locationSmallTalk: 'not_done' } })] },
    'not_evaluated',
  ],
  ['passed: nothing', { interviews: [iv({ checks: { locationSmallTalk: 'passed' } })] }, 'none'],
  ['failed: medium', { interviews: [iv({ checks: { locationSmallTalk: 'failed' } })] }, 'medium'],
  [
    'note only: medium',
    { interviews: [iv({ observations: ['Could not name the LRT line or any neighbourhood'] })] },
    'medium',
  ],
  [
    'accent alone is never a signal',
    { interviews: [iv({ observations: ['Strong accent, English is a second language'] })] },
    'not_evaluated',
  ],
];

describe('interview.location-knowledge', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(locationKnowledge, bundle))).toBe(expected);
  });

  it('names the claimed city', () => {
    const s = firstSignal(
      runDetector(locationKnowledge, { interviews: [iv({ checks: { locationSmallTalk: 'failed' } })] }),
    );
    expect(s.explanation).toContain('someone from Toronto');
  });
});
