import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { livenessDeclined } from './declined.ts';

// FIXED_NOW is 2026-06-01.
const sent = (status: string, expiresAt?: string) => ({
  kind: 'liveness',
  status,
  sentAt: '2026-05-20T10:00:00Z',
  expiresAt,
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['no verification: not evaluated', {}, 'not_evaluated'],
  [
    'another kind only: not evaluated',
    { verifications: [{ kind: 'document', status: 'expired' }] },
    'not_evaluated',
  ],
  [
    'sent, deadline ahead: not evaluated',
    { verifications: [sent('sent', '2026-06-03T10:00:00Z')] },
    'not_evaluated',
  ],
  ['opened, deadline passed: medium', { verifications: [sent('opened', '2026-05-23T10:00:00Z')] }, 'medium'],
  ['expired: medium', { verifications: [sent('expired', '2026-05-23T10:00:00Z')] }, 'medium'],
  [
    'declined by the candidate: medium',
    { verifications: [sent('declined', '2026-06-23T10:00:00Z')] },
    'medium',
  ],
  ['completed: nothing', { verifications: [sent('completed', '2026-05-23T10:00:00Z')] }, 'none'],
  [
    'challenged before the deadline, 5 minutes past it (the trace may still arrive): not evaluated',
    {
      verifications: [
        { ...sent('challenged', '2026-05-31T23:55:00Z'), challengedAt: '2026-05-31T23:50:00Z' },
      ],
    },
    'not_evaluated',
  ],
  [
    'challenged before the deadline, 20 minutes past it: medium',
    {
      verifications: [
        { ...sent('challenged', '2026-05-31T23:40:00Z'), challengedAt: '2026-05-31T23:35:00Z' },
      ],
    },
    'medium',
  ],
  [
    'expired, then a new one completed: nothing',
    { verifications: [sent('expired', '2026-05-10T10:00:00Z'), sent('completed', '2026-05-23T10:00:00Z')] },
    'none',
  ],
];

describe('liveness.declined', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(livenessDeclined, bundle))).toBe(expected);
  });

  it('names the deadline', () => {
    const s = firstSignal(
      runDetector(livenessDeclined, { verifications: [sent('consented', '2026-05-23T10:00:00Z')] }),
    );
    expect(s.explanation).toBe(
      'The identity verification was not completed before its deadline (2026-05-23).',
    );
    expect(s.evidence).toEqual(['verifications[0]']);
  });

  it('says when the candidate declined', () => {
    const s = firstSignal(
      runDetector(livenessDeclined, { verifications: [sent('declined', '2026-06-23T10:00:00Z')] }),
    );
    expect(s.explanation).toBe(
      'The identity verification was not completed before its deadline (2026-06-23; the candidate declined it).',
    );
  });
});
