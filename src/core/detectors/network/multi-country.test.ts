import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { DEFAULT_POLICY } from '../../policy.ts';
import { multiCountry } from './multi-country.ts';
import { IP, runOnTable, signIn } from './testing.ts';

const run = (bundle: BundleOverrides) => runOnTable(multiCountry, bundle);
const noClaim = { subject: { claimedLocation: {} } };

const cases: [string, BundleOverrides, Expectation][] = [
  ['no sign-ins: not evaluated', {}, 'not_evaluated'],
  [
    'only the claimed country: nothing',
    { logins: [signIn('2026-03-02T09:00:00Z', IP.toronto), signIn('2026-03-05T09:00:00Z', IP.montreal)] },
    'none',
  ],
  [
    'CA and US within a week, claiming CA: medium (2 when one is foreign)',
    { logins: [signIn('2026-03-02T09:00:00Z', IP.toronto), signIn('2026-03-08T09:00:00Z', IP.buffalo)] },
    'medium',
  ],
  [
    'CA and US three weeks apart: nothing (outside 14 days)',
    { logins: [signIn('2026-03-02T09:00:00Z', IP.toronto), signIn('2026-03-23T09:00:00Z', IP.buffalo)] },
    'none',
  ],
  [
    'two countries with no claimed country: nothing (3 needed)',
    {
      ...noClaim,
      logins: [signIn('2026-03-02T09:00:00Z', IP.toronto), signIn('2026-03-08T09:00:00Z', IP.buffalo)],
    },
    'none',
  ],
  [
    'three countries with no claimed country: medium',
    {
      ...noClaim,
      logins: [
        signIn('2026-03-02T09:00:00Z', IP.toronto),
        signIn('2026-03-05T09:00:00Z', IP.buffalo),
        signIn('2026-03-08T09:00:00Z', IP.london),
      ],
    },
    'medium',
  ],
  [
    'a VPN exit in Germany and Tor do not count as countries',
    {
      logins: [
        signIn('2026-03-02T09:00:00Z', IP.toronto),
        signIn('2026-03-03T09:00:00Z', IP.nord),
        signIn('2026-03-04T09:00:00Z', IP.tor),
      ],
    },
    'none',
  ],
  [
    'the allow-listed corporate VPN (US) does not count',
    { logins: [signIn('2026-03-02T09:00:00Z', IP.toronto), signIn('2026-03-03T09:00:00Z', IP.corporateVpn)] },
    'none',
  ],
  [
    'a failed attempt from London does not count',
    {
      logins: [
        signIn('2026-03-02T09:00:00Z', IP.toronto),
        signIn('2026-03-03T09:00:00Z', IP.london, { outcome: 'FAILURE' }),
      ],
    },
    'none',
  ],
];

describe('network.multi-country', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(run(bundle))).toBe(expected);
  });

  it('names each country with its address, place and time, and keeps the counts', () => {
    const s = firstSignal(
      run({
        logins: [
          signIn('2026-03-01T12:00:00Z', IP.toronto),
          signIn('2026-03-02T09:00:00Z', IP.toronto),
          signIn('2026-03-06T15:30:00Z', IP.buffalo),
          signIn('2026-03-09T08:00:00Z', IP.london),
        ],
      }),
    );
    expect(s.explanation).toBe(
      'Successful logins came from 3 countries (CA, US and GB) within 14 days. Within 6 d 23 h: ' +
        '99.224.0.1 (Toronto, CA) at 2026-03-02 09:00 UTC (2 sign-ins from CA in all); ' +
        '73.10.0.1 (Buffalo, US) at 2026-03-06 15:30 UTC (1 sign-in from US in all); ' +
        '81.2.69.1 (London, GB) at 2026-03-09 08:00 UTC (1 sign-in from GB in all).',
    );
    expect(s.evidence).toEqual(['logins[1]', 'logins[2]', 'logins[3]']);
    expect(s.data).toMatchObject({
      count: 3,
      windowDays: 14,
      claimed: 'CA',
      countries: [
        { country: 'CA', logins: 2, firstAt: '2026-03-01T12:00:00.000Z', lastAt: '2026-03-02T09:00:00.000Z' },
        { country: 'US', logins: 1 },
        { country: 'GB', logins: 1 },
      ],
    });
  });

  it('follows the policy window and counts', () => {
    const logins = [signIn('2026-03-02T09:00:00Z', IP.toronto), signIn('2026-03-23T09:00:00Z', IP.buffalo)];
    const policy = { ...DEFAULT_POLICY, network: { ...DEFAULT_POLICY.network, countryWindowDays: 30 } };
    expect(summarize(runOnTable(multiCountry, { logins }, { policy }))).toBe('medium');
    const strict = { ...DEFAULT_POLICY, network: { ...DEFAULT_POLICY.network, minCountriesWithForeign: 3 } };
    const near = [signIn('2026-03-02T09:00:00Z', IP.toronto), signIn('2026-03-03T09:00:00Z', IP.buffalo)];
    expect(summarize(runOnTable(multiCountry, { logins: near }, { policy: strict }))).toBe('none');
  });

  it('uses the countries the records carry when no IP intelligence is loaded', () => {
    const logins = [
      signIn('2026-03-02T09:00:00Z', '203.0.113.1', { country: 'CA' }),
      signIn('2026-03-03T09:00:00Z', '203.0.113.2', { country: 'KP' }),
    ];
    expect(firstSignal(runDetector(multiCountry, { logins })).data?.countries).toMatchObject([
      { country: 'CA' },
      { country: 'KP' },
    ]);
    expect(runDetector(multiCountry, { logins: [signIn('2026-03-02T09:00:00Z', IP.toronto)] })).toEqual({
      status: 'not_evaluated',
      reason: 'the sign-in records carry no country and IP intelligence is not loaded',
    });
  });
});
