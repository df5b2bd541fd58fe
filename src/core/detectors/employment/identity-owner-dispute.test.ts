import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { identityOwnerDispute } from './identity-owner-dispute.ts';

const cases: [string, BundleOverrides, Expectation][] = [
  ['no incidents recorded: not evaluated', {}, 'not_evaluated'],
  ['empty incident list: nothing', { incidents: [] }, 'none'],
  ['other kinds: nothing', { incidents: [{ kind: 'other', text: 'missed a meeting' }] }, 'none'],
  [
    'incident of kind identity_owner_dispute: critical',
    {
      incidents: [
        { at: '2026-04-01T10:00:00Z', kind: 'identity_owner_dispute', text: 'reported by security' },
      ],
    },
    'critical',
  ],
];

describe('employment.identity-owner-dispute', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(identityOwnerDispute, bundle))).toBe(expected);
  });

  it('quotes the incident', () => {
    const s = firstSignal(
      runDetector(identityOwnerDispute, {
        incidents: [{ kind: 'other' }, { kind: 'identity_owner_dispute', text: 'reported by security' }],
      }),
    );
    expect(s.evidence).toEqual(['incidents[1]']);
    expect(s.explanation).toContain('"reported by security"');
  });
});
