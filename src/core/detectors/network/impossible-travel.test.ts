import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { DEFAULT_POLICY } from '../../policy.ts';
import { haversineKm } from './geo.ts';
import { impossibleTravel } from './impossible-travel.ts';
import { IP, runOnTable, signIn } from './testing.ts';

const run = (bundle: BundleOverrides) => runOnTable(impossibleTravel, bundle);

// Two pre-enriched sign-ins (no lookup needed) 250 km apart, 10 minutes apart, with given accuracy radii.
const placed = (at: string, ip: string, lat: number, accuracyKm: number) =>
  signIn(at, ip, { country: 'CA', city: `lat ${lat}`, lat, lon: -79.4, accuracyKm, networkKind: 'isp' });

const cases: [string, BundleOverrides, Expectation][] = [
  ['no sign-ins: not evaluated', {}, 'not_evaluated'],
  [
    'Toronto then Pyongyang 73 minutes later: medium',
    { logins: [signIn('2026-03-02T09:02:00Z', IP.toronto), signIn('2026-03-02T10:15:00Z', IP.pyongyang)] },
    'medium',
  ],
  [
    'Toronto then Montreal an hour later (≈ 400 km/h): nothing',
    { logins: [signIn('2026-03-02T09:00:00Z', IP.toronto), signIn('2026-03-02T10:00:00Z', IP.montreal)] },
    'none',
  ],
  [
    'Toronto then Montreal 10 minutes later: medium',
    { logins: [signIn('2026-03-02T09:00:00Z', IP.toronto), signIn('2026-03-02T09:10:00Z', IP.montreal)] },
    'medium',
  ],
  [
    '250 km in 10 minutes with exact places: medium',
    {
      logins: [
        placed('2026-03-02T09:00:00Z', '203.0.113.1', 43.0, 0),
        placed('2026-03-02T09:10:00Z', '203.0.113.2', 43.0 + 250 / 111.2, 0),
      ],
    },
    'medium',
  ],
  [
    'the same 250 km when each place may be 100 km off: nothing (accuracy radius)',
    {
      logins: [
        placed('2026-03-02T09:00:00Z', '203.0.113.1', 43.0, 100),
        placed('2026-03-02T09:10:00Z', '203.0.113.2', 43.0 + 250 / 111.2, 100),
      ],
    },
    'none',
  ],
  [
    'Toronto, then a VPN exit in Los Angeles and Frankfurt, then Toronto: nothing (anonymizer hops left out)',
    {
      logins: [
        signIn('2026-03-02T09:00:00Z', IP.toronto),
        signIn('2026-03-02T09:20:00Z', IP.astrill),
        signIn('2026-03-02T09:40:00Z', IP.nord),
        signIn('2026-03-02T10:00:00Z', IP.toronto),
      ],
    },
    'none',
  ],
  [
    'Toronto then the allow-listed corporate VPN in Ashburn 5 minutes later: nothing',
    { logins: [signIn('2026-03-02T09:00:00Z', IP.toronto), signIn('2026-03-02T09:05:00Z', IP.corporateVpn)] },
    'none',
  ],
  [
    'a failed attempt from Pyongyang between Toronto sign-ins: nothing (successful sign-ins only)',
    {
      logins: [
        signIn('2026-03-02T09:00:00Z', IP.toronto),
        signIn('2026-03-02T09:30:00Z', IP.pyongyang, { outcome: 'failure' }),
        signIn('2026-03-02T10:00:00Z', IP.toronto),
      ],
    },
    'none',
  ],
  [
    'out-of-order records are sorted by time first',
    {
      logins: [
        signIn('2026-03-03T09:00:00Z', IP.pyongyang),
        signIn('2026-03-02T09:00:00Z', IP.toronto),
        signIn('2026-03-03T20:00:00Z', IP.toronto),
      ],
    },
    'none',
  ],
];

describe('network.impossible-travel', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(run(bundle))).toBe(expected);
  });

  it('names both addresses, places, times, distance, duration and speed', () => {
    const s = firstSignal(
      run({
        logins: [signIn('2026-03-02T09:02:00Z', IP.toronto), signIn('2026-03-02T10:15:00Z', IP.pyongyang)],
      }),
    );
    const km = haversineKm(43.67, -79.38, 39.027, 125.73);
    expect(Math.round(km)).toBe(10480);
    expect(s.explanation).toBe(
      'Two logins 10,480 km apart came 73 minutes apart, faster than any flight. ' +
        '99.224.0.1 (Toronto, CA) at 2026-03-02 09:02 UTC then 175.45.176.1 (Pyongyang, KP) at 2026-03-02 10:15 UTC: ' +
        '10,480 km (at least 10,380 km allowing 100 km for location accuracy) in 1 h 13 min ≈ 8,530 km/h. ' +
        'The limit is 1,000 km/h.',
    );
    expect(s.evidence).toEqual(['logins[0]', 'logins[1]']);
    expect(s.data).toMatchObject({
      count: 1,
      maxKmh: 1000,
      pairs: [
        {
          from: {
            ip: IP.toronto,
            at: '2026-03-02T09:02:00.000Z',
            city: 'Toronto',
            country: 'CA',
            lat: 43.67,
            lon: -79.38,
          },
          to: { ip: IP.pyongyang, at: '2026-03-02T10:15:00.000Z', city: 'Pyongyang', country: 'KP' },
          km: 10480,
          marginKm: 100,
          kmh: Math.round((km - 100) / (73 / 60)),
        },
      ],
    });
  });

  it('says which sign-ins were left out as anonymizer hops', () => {
    const s = firstSignal(
      run({
        logins: [
          signIn('2026-03-02T09:00:00Z', IP.toronto),
          signIn('2026-03-02T09:30:00Z', IP.tor),
          signIn('2026-03-02T10:00:00Z', IP.pyongyang),
        ],
      }),
    );
    expect(s.evidence).toEqual(['logins[0]', 'logins[2]']);
    expect(s.explanation).toContain(
      "1 sign-in through VPN, proxy, Tor, hosting or relay addresses was left out (their place is the server's; see the anonymizer signal).",
    );
    expect(s.data?.skippedAnonymized).toBe(1);
  });

  it('times simultaneous sign-ins as one minute apart', () => {
    const s = firstSignal(
      run({
        logins: [signIn('2026-03-02T09:00:00Z', IP.toronto), signIn('2026-03-02T09:00:00Z', IP.pyongyang)],
      }),
    );
    expect(s.explanation).toContain('in 0 s (counted as 1 min) ≈ 622,770 km/h');
    expect(s.data?.pairs).toMatchObject([{ hours: 0, kmh: 622_771 }]);
  });

  it('follows the policy speed limit', () => {
    const logins = [signIn('2026-03-02T09:00:00Z', IP.toronto), signIn('2026-03-02T10:00:00Z', IP.montreal)];
    const policy = { ...DEFAULT_POLICY, network: { ...DEFAULT_POLICY.network, maxTravelKmh: 300 } };
    expect(summarize(runOnTable(impossibleTravel, { logins }, { policy }))).toBe('medium');
  });

  it('works on pre-enriched records without IP intelligence', () => {
    const logins = [
      signIn('2026-03-02T09:00:00Z', '203.0.113.1', {
        country: 'GB',
        city: 'London',
        lat: 51.507,
        lon: -0.128,
      }),
      signIn('2026-03-02T09:10:00Z', '203.0.113.2', {
        country: 'FR',
        city: 'Paris',
        lat: 48.857,
        lon: 2.352,
      }),
    ];
    const s = firstSignal(runDetector(impossibleTravel, { logins }));
    expect(s.explanation).toContain(
      '203.0.113.1 (London, GB) at 2026-03-02 09:00 UTC then 203.0.113.2 (Paris, FR) at 2026-03-02 09:10 UTC: 343 km in 10 min ≈ 2,060 km/h',
    );
  });

  it('is not evaluated when nothing can place the sign-ins', () => {
    const logins = [signIn('2026-03-02T09:00:00Z', IP.toronto), signIn('2026-03-02T10:00:00Z', IP.pyongyang)];
    expect(runDetector(impossibleTravel, { logins })).toEqual({
      status: 'not_evaluated',
      reason: 'the sign-in records carry no country and IP intelligence is not loaded',
    });
    expect(run({ logins: [signIn('2026-03-02T09:00:00Z', IP.private)] })).toEqual({
      status: 'not_evaluated',
      reason: 'none of the sign-in addresses could be located',
    });
    const byCountry = logins.map((l) => ({ ...l, country: 'CA' }));
    expect(runDetector(impossibleTravel, { logins: byCountry })).toEqual({
      status: 'not_evaluated',
      reason: 'the sign-in addresses are located by country only, without coordinates',
    });
  });
});
