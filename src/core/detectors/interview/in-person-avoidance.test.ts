import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  buildInterview as iv,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { inPersonAvoidance } from './in-person-avoidance.ts';

const inPerson = (status: 'held' | 'cancelled_by_candidate' | 'no_show' | 'rescheduled') =>
  iv({ plannedMode: 'in_person', actualMode: status === 'held' ? 'in_person' : undefined, status });

const cases: [string, BundleOverrides, Expectation][] = [
  ['no interviews: not evaluated', {}, 'not_evaluated'],
  ['no in-person planned: not evaluated', { interviews: [iv()] }, 'not_evaluated'],
  ['held: nothing', { interviews: [inPerson('held')] }, 'none'],
  [
    'cancelled once: nothing (more than once needed)',
    { interviews: [inPerson('cancelled_by_candidate'), inPerson('held')] },
    'none',
  ],
  [
    'cancelled then no-show: medium',
    { interviews: [inPerson('cancelled_by_candidate'), inPerson('no_show')] },
    'medium',
  ],
  ['rescheduled twice: medium', { interviews: [inPerson('rescheduled'), inPerson('rescheduled')] }, 'medium'],
];

describe('interview.in-person-avoidance', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(inPersonAvoidance, bundle))).toBe(expected);
  });
});
