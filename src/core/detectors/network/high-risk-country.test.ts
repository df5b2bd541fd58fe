import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  summarize,
} from '../../../../test/factories.ts';
import { parsePolicy } from '../../policy.ts';
import { highRiskCountry } from './high-risk-country.ts';
import { IP, march, runOnTable, signIn } from './testing.ts';

const run = (bundle: BundleOverrides) => runOnTable(highRiskCountry, bundle);
const claims = (country: string | undefined) => ({
  subject: { claimedLocation: country ? { country } : {} },
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['no sign-ins: not evaluated', {}, 'not_evaluated'],
  ['Canada only: nothing', { logins: [signIn(march(2), IP.toronto)] }, 'none'],
  ['one sign-in from Pyongyang: critical', { logins: [signIn(march(2), IP.pyongyang)] }, 'critical'],
  [
    'Pyongyang with no claimed place: still critical',
    { ...claims(undefined), logins: [signIn(march(2), IP.pyongyang)] },
    'critical',
  ],
  ['China while claiming Canada: high', { logins: [signIn(march(2), IP.shenyang)] }, 'high'],
  ['Russia while claiming Canada: high', { logins: [signIn(march(2), IP.moscow)] }, 'high'],
  [
    'China while claiming China: nothing (where the person says they are)',
    { ...claims('CN'), logins: [signIn(march(2), IP.shenyang)] },
    'none',
  ],
  [
    'China with no claimed place: nothing (no claim to contradict)',
    { ...claims(undefined), logins: [signIn(march(2), IP.shenyang)] },
    'none',
  ],
  [
    'a failed attempt from Pyongyang: nothing',
    { logins: [signIn(march(1), IP.toronto), signIn(march(2), IP.pyongyang, { outcome: 'DENY' })] },
    'none',
  ],
  [
    'an allow-listed record placed in KP: nothing',
    { logins: [signIn(march(2), '203.0.113.5', { country: 'KP', allowListed: true })] },
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
          signIn(march(2), IP.toronto),
          signIn(march(3), IP.pyongyang),
          signIn(march(4), IP.pyongyang2),
          signIn(march(5), IP.shenyang),
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
        { country: 'KP', severity: 'critical', logins: 2, ips: [IP.pyongyang, IP.pyongyang2] },
        { country: 'CN', severity: 'high', logins: 1, ips: [IP.shenyang] },
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
    const ctx = { policy: parsed.policy };
    expect(summarize(runOnTable(highRiskCountry, { logins: [signIn(march(2), IP.london)] }, ctx))).toBe(
      'medium',
    );
    expect(summarize(runOnTable(highRiskCountry, { logins: [signIn(march(2), IP.shenyang)] }, ctx))).toBe(
      'none',
    );
  });
});
