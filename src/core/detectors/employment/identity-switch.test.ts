import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { identitySwitch } from './identity-switch.ts';

const cases: [string, BundleOverrides, Expectation][] = [
  ['no incidents recorded: not evaluated', {}, 'not_evaluated'],
  ['empty incident list: nothing', { incidents: [] }, 'none'],
  ['other kinds: nothing', { incidents: [{ kind: 'other', text: 'missed a meeting' }] }, 'none'],
  [
    'incident of kind identity_switch: medium',
    { incidents: [{ at: '2026-04-01T10:00:00Z', kind: 'identity_switch', text: 'reported by security' }] },
    'medium',
  ],
];

describe('employment.identity-switch', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(identitySwitch, bundle))).toBe(expected);
  });

  it('quotes the incident', () => {
    const s = firstSignal(
      runDetector(identitySwitch, {
        incidents: [{ kind: 'other' }, { kind: 'identity_switch', text: 'reported by security' }],
      }),
    );
    expect(s.evidence).toEqual(['incidents[1]']);
    expect(s.explanation).toContain('"reported by security"');
  });
});
