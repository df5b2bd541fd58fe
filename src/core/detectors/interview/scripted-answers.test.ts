import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  buildInterview as iv,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { scriptedAnswers } from './scripted-answers.ts';

const cases: [string, BundleOverrides, Expectation][] = [
  ['no interviews: not evaluated', {}, 'not_evaluated'],
  [
    'only cancelled interviews: not evaluated',
    { interviews: [iv({ status: 'cancelled_by_candidate' })] },
    'not_evaluated',
  ],
  [
    'normal interview: nothing',
    { interviews: [iv({ observations: ['Solid system-design answers'] })] },
    'none',
  ],
  ['flag set: medium', { interviews: [iv({ checks: { scriptedAnswers: true } })] }, 'medium'],
  [
    'long pauses note: medium',
    { interviews: [iv({ observations: ['Audio only; long pauses before every answer'] })] },
    'medium',
  ],
  [
    'reading eye movements: medium',
    { interviews: [iv({ observations: ['Eyes moving left to right as if reading answers'] })] },
    'medium',
  ],
  [
    'flag false overrides a note',
    { interviews: [iv({ checks: { scriptedAnswers: false }, observations: ['long pauses'] })] },
    'none',
  ],
];

describe('interview.scripted-answers', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(scriptedAnswers, bundle))).toBe(expected);
  });
});
