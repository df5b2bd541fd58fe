import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { DEFAULT_POLICY } from '../../policy.ts';
import { anonymizer } from './anonymizer.ts';
import { IP, march, runOnTable, signIn } from './testing.ts';

const run = (bundle: BundleOverrides) => runOnTable(anonymizer, bundle);

const cases: [string, BundleOverrides, Expectation][] = [
  ['no sign-ins: not evaluated', {}, 'not_evaluated'],
  [
    'home ISP only: nothing',
    { logins: [signIn(march(2), IP.toronto), signIn(march(3), IP.toronto)] },
    'none',
  ],
  ['one NordVPN sign-in: low', { logins: [signIn(march(2), IP.toronto), signIn(march(3), IP.nord)] }, 'low'],
  [
    'three NordVPN sign-ins: medium (repeated)',
    { logins: [signIn(march(2), IP.nord), signIn(march(3), IP.nord), signIn(march(4), IP.nord)] },
    'medium',
  ],
  ['one hosting (DigitalOcean) sign-in: low', { logins: [signIn(march(2), IP.digitalOcean)] }, 'low'],
  [
    'one Astrill VPN sign-in: high (named in the advisories)',
    { logins: [signIn(march(2), IP.astrill)] },
    'high',
  ],
  ['one Tor sign-in: high', { logins: [signIn(march(2), IP.tor)] }, 'high'],
  [
    'Apple Private Relay, even repeated: low at most',
    {
      logins: [
        signIn(march(2), IP.relay),
        signIn(march(3), IP.relay),
        signIn(march(4), IP.relay),
        signIn(march(5), IP.relay),
      ],
    },
    'low',
  ],
  ['the allow-listed corporate VPN: nothing', { logins: [signIn(march(2), IP.corporateVpn)] }, 'none'],
  [
    'a failed attempt through Tor: nothing',
    { logins: [signIn(march(2), IP.toronto), signIn(march(3), IP.tor, { outcome: 'failure' })] },
    'none',
  ],
  [
    'only failed attempts: not evaluated',
    { logins: [signIn(march(3), IP.tor, { outcome: 'failure' })] },
    'not_evaluated',
  ],
  [
    'the identity provider flags a proxy (no intel needed): low',
    { logins: [signIn(march(2), '203.0.113.9', { isProxy: true })] },
    'low',
  ],
];

describe('network.anonymizer', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(run(bundle))).toBe(expected);
  });

  it('names providers, addresses and dates, and why it is high', () => {
    const s = firstSignal(
      run({
        logins: [
          signIn(march(2), IP.astrill),
          signIn(march(3), IP.astrill),
          signIn(march(4), IP.relay),
          signIn(march(5), IP.toronto),
        ],
      }),
    );
    expect(s.severity).toBe('high');
    expect(s.explanation).toBe(
      'Logins came through anonymising networks: 2 sign-ins via Astrill VPN (VPN named in the advisories) from 45.131.195.2 ' +
        'between 2026-03-02 09:00 UTC and 2026-03-03 09:00 UTC; 1 sign-in via Apple iCloud Private Relay (hides the address but keeps the region) ' +
        'from 172.225.46.1 at 2026-03-04 09:00 UTC.',
    );
    expect(s.evidence).toEqual(['logins[0]', 'logins[1]', 'logins[2]']);
    expect(s.data).toMatchObject({
      logins: 3,
      named: ['Astrill VPN'],
      networks: [
        { ip: IP.astrill, kind: 'vpn', provider: 'Astrill VPN', logins: 2 },
        { ip: IP.relay, kind: 'relay', provider: 'Apple iCloud Private Relay', logins: 1 },
      ],
    });
  });

  it('follows the policy: named providers and the repeat count', () => {
    const policy = {
      ...DEFAULT_POLICY,
      network: { ...DEFAULT_POLICY.network, advisoryVpnProviders: ['nordvpn'], anonymizerRepeatLogins: 10 },
    };
    expect(summarize(runOnTable(anonymizer, { logins: [signIn(march(2), IP.nord)] }, { policy }))).toBe(
      'high',
    );
    const astrill = [
      signIn(march(2), IP.astrill),
      signIn(march(3), IP.astrill),
      signIn(march(4), IP.astrill),
    ];
    expect(summarize(runOnTable(anonymizer, { logins: astrill }, { policy }))).toBe('low');
  });

  it('is not evaluated when nothing tells the network kind', () => {
    expect(runDetector(anonymizer, { logins: [signIn(march(2), IP.toronto)] })).toEqual({
      status: 'not_evaluated',
      reason: 'the sign-in records carry no network kind and IP intelligence is not loaded',
    });
    expect(
      summarize(runDetector(anonymizer, { logins: [signIn(march(2), IP.toronto, { isProxy: false })] })),
    ).toBe('none');
    expect(
      summarize(
        runDetector(anonymizer, { logins: [signIn(march(2), '203.0.113.9', { networkKind: 'tor' })] }),
      ),
    ).toBe('high');
  });
});
