import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  buildPolicy,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { documentsOverdue } from './overdue.ts';

const doc = (dueAt: string | undefined, receivedAt?: string | null) => ({
  kind: 'passport' as const,
  dueAt,
  receivedAt,
});
// now = 2026-06-01T00:00:00Z
const cases: [string, BundleOverrides, Expectation][] = [
  ['no documents: not evaluated', {}, 'not_evaluated'],
  ['no due date: not evaluated', { documents: [doc(undefined, '2026-05-01T10:00:00Z')] }, 'not_evaluated'],
  ['received on time: nothing', { documents: [doc('2026-05-10T17:00:00Z', '2026-05-09T10:00:00Z')] }, 'none'],
  [
    'received within the grace day: nothing',
    { documents: [doc('2026-05-10T17:00:00Z', '2026-05-11T10:00:00Z')] },
    'none',
  ],
  ['received 3 days late: low', { documents: [doc('2026-05-10T17:00:00Z', '2026-05-13T18:00:00Z')] }, 'low'],
  [
    'received 10 days late: medium',
    { documents: [doc('2026-02-13T17:00:00-07:00', '2026-02-24T03:12:00-07:00')] },
    'medium',
  ],
  ['missing, 3 days past due at now: low', { documents: [doc('2026-05-28T17:00:00Z', null)] }, 'low'],
  ['due in the future: nothing', { documents: [doc('2026-06-10T17:00:00Z')] }, 'none'],
  [
    'two late documents: medium',
    {
      documents: [
        doc('2026-05-10T17:00:00Z', '2026-05-13T18:00:00Z'),
        doc('2026-05-20T17:00:00Z', '2026-05-23T18:00:00Z'),
      ],
    },
    'medium',
  ],
];

describe('documents.overdue', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(documentsOverdue, bundle))).toBe(expected);
  });

  it('uses the policy grace period', () => {
    const bundle = { documents: [doc('2026-05-10T17:00:00Z', '2026-05-13T18:00:00Z')] };
    expect(
      summarize(
        runDetector(documentsOverdue, bundle, { policy: buildPolicy({ documentOverdueGraceDays: 5 }) }),
      ),
    ).toBe('none');
  });

  it('explains how late', () => {
    const s = firstSignal(
      runDetector(documentsOverdue, {
        documents: [doc('2026-02-13T17:00:00-07:00', '2026-02-24T03:12:00-07:00')],
      }),
    );
    expect(s.explanation).toBe(
      'Requested documents came late or are still missing (1 document): the passport arrived 10 day(s) after its due date.',
    );
  });
});
