import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  buildPolicy,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { inPersonOverdue } from './in-person-overdue.ts';

// now = 2026-06-01
const cases: [string, BundleOverrides, Expectation][] = [
  ['no start date: not evaluated', {}, 'not_evaluated'],
  [
    'verified: nothing',
    { subject: { startDate: '2026-01-05' }, onboarding: { inPersonVerifiedAt: '2026-01-05T09:00:00Z' } },
    'none',
  ],
  ['started 20 days ago: nothing yet', { subject: { startDate: '2026-05-12' } }, 'none'],
  ['exactly 30 days: nothing yet', { subject: { startDate: '2026-05-02' } }, 'none'],
  [
    '31 days, not verified: medium',
    { subject: { startDate: '2026-05-01' }, onboarding: { inPersonVerifiedAt: null } },
    'medium',
  ],
  ['start in the future: nothing', { subject: { startDate: '2026-07-01' } }, 'none'],
];

describe('onboarding.in-person-overdue', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(inPersonOverdue, bundle))).toBe(expected);
  });

  it('depends on the assessment clock and the policy window', () => {
    const bundle = { subject: { startDate: '2026-03-02' } };
    expect(summarize(runDetector(inPersonOverdue, bundle, { now: new Date('2026-04-01T00:00:00Z') }))).toBe(
      'none',
    );
    expect(summarize(runDetector(inPersonOverdue, bundle, { now: new Date('2026-04-02T00:00:00Z') }))).toBe(
      'medium',
    );
    expect(
      summarize(runDetector(inPersonOverdue, bundle, { policy: buildPolicy({ inPersonWindowDays: 120 }) })),
    ).toBe('none');
  });

  it('explains the days', () => {
    const s = firstSignal(runDetector(inPersonOverdue, { subject: { startDate: '2026-03-02' } }));
    expect(s.explanation).toBe(
      'No in-person identity check is recorded 91 days after the start date (2026-03-02); the policy asks for one within 30 days.',
    );
  });
});
