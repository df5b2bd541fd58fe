import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { parsePolicy } from '../../policy.ts';
import { highRiskCountry } from './high-risk-country.ts';
import { signIn, TABLE_INTEL } from './testing.ts';

const run = (bundle: BundleOverrides) => runDetector(highRiskCountry, bundle, { intel: TABLE_INTEL });
const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T09:00:00Z`;
const claims = (country: string | undefined) => ({
  subject: { claimedLocation: country ? { country } : {} },
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['no sign-ins: not evaluated', {}, 'not_evaluated'],
  ['Canada only: nothing', { logins: [signIn(at(2), '99.224.0.1')] }, 'none'],
  ['one sign-in from Pyongyang: critical', { logins: [signIn(at(2), '175.45.176.1')] }, 'critical'],
  [
    'Pyongyang with no claimed place: still critical',
    { ...claims(undefined), logins: [signIn(at(2), '175.45.176.1')] },
    'critical',
  ],
  ['China while claiming Canada: high', { logins: [signIn(at(2), '42.84.10.67')] }, 'high'],
  ['Russia while claiming Canada: high', { logins: [signIn(at(2), '95.24.0.1')] }, 'high'],
  [
    'China while claiming China: nothing (where the person says they are)',
    { ...claims('CN'), logins: [signIn(at(2), '42.84.10.67')] },
    'none',
  ],
  [
    'China with no claimed place: nothing (no claim to contradict)',
    { ...claims(undefined), logins: [signIn(at(2), '42.84.10.67')] },
    'none',
  ],
  [
    'a failed attempt from Pyongyang: nothing',
    { logins: [signIn(at(1), '99.224.0.1'), signIn(at(2), '175.45.176.1', { outcome: 'DENY' })] },
    'none',
  ],
  [
    'an allow-listed record placed in KP: nothing',
    { logins: [signIn(at(2), '203.0.113.5', { country: 'KP', allowListed: true })] },
    'none',
  ],
];

describe('network.high-risk-country', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(run(bundle))).toBe(expected);
  });

  it('names every country with its addresses, places and times', () => {
    const s = firstSignal(
      run({
        logins: [
          signIn(at(2), '99.224.0.1'),
          signIn(at(3), '175.45.176.1'),
          signIn(at(4), '175.45.176.2'),
          signIn(at(5), '42.84.10.67'),
        ],
      }),
    );
    expect(s.severity).toBe('critical');
    expect(s.explanation).toBe(
      'Activity came from KP and CN while the person claims to be in Toronto, CA: ' +
        '2 sign-ins from KP (Pyongyang) at 175.45.176.1 and 175.45.176.2 between 2026-03-03 09:00 UTC and 2026-03-04 09:00 UTC; ' +
        '1 sign-in from CN (Shenyang) at 42.84.10.67 at 2026-03-05 09:00 UTC.',
    );
    expect(s.evidence).toEqual(['logins[1]', 'logins[2]', 'logins[3]']);
    expect(s.data).toMatchObject({
      claimed: 'CA',
      countries: [
        { country: 'KP', severity: 'critical', logins: 2, ips: ['175.45.176.1', '175.45.176.2'] },
        { country: 'CN', severity: 'high', logins: 1, ips: ['42.84.10.67'] },
      ],
    });
  });

  it('takes its list from the policy (e.g. IR added)', () => {
    const parsed = parsePolicy({
      network: {
        highRiskCountries: {
          KP: { severity: 'critical', exceptWhenClaimed: false },
          GB: { severity: 'medium' },
        },
      },
    });
    if (!parsed.ok) throw new Error('policy');
    const ctx = { intel: TABLE_INTEL, policy: parsed.policy };
    expect(summarize(runDetector(highRiskCountry, { logins: [signIn(at(2), '81.2.69.1')] }, ctx))).toBe(
      'medium',
    );
    expect(summarize(runDetector(highRiskCountry, { logins: [signIn(at(2), '42.84.10.67')] }, ctx))).toBe(
      'none',
    );
  });
});
