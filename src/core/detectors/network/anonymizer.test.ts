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
import { signIn, TABLE_INTEL } from './testing.ts';

const run = (bundle: BundleOverrides) => runDetector(anonymizer, bundle, { intel: TABLE_INTEL });
const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T09:00:00Z`;
const NORD = '37.120.217.5';
const ASTRILL = '45.131.195.2';
const RELAY = '172.225.46.1';

const cases: [string, BundleOverrides, Expectation][] = [
  ['no sign-ins: not evaluated', {}, 'not_evaluated'],
  ['home ISP only: nothing', { logins: [signIn(at(2), '99.224.0.1'), signIn(at(3), '99.224.0.1')] }, 'none'],
  ['one NordVPN sign-in: low', { logins: [signIn(at(2), '99.224.0.1'), signIn(at(3), NORD)] }, 'low'],
  [
    'three NordVPN sign-ins: medium (repeated)',
    { logins: [signIn(at(2), NORD), signIn(at(3), NORD), signIn(at(4), NORD)] },
    'medium',
  ],
  ['one hosting (DigitalOcean) sign-in: low', { logins: [signIn(at(2), '159.203.172.80')] }, 'low'],
  ['one Astrill VPN sign-in: high (named in the advisories)', { logins: [signIn(at(2), ASTRILL)] }, 'high'],
  ['one Tor sign-in: high', { logins: [signIn(at(2), '185.220.101.4')] }, 'high'],
  [
    'Apple Private Relay, even repeated: low at most',
    { logins: [signIn(at(2), RELAY), signIn(at(3), RELAY), signIn(at(4), RELAY), signIn(at(5), RELAY)] },
    'low',
  ],
  ['the allow-listed corporate VPN: nothing', { logins: [signIn(at(2), '198.51.100.10')] }, 'none'],
  [
    'a failed attempt through Tor: nothing',
    { logins: [signIn(at(2), '99.224.0.1'), signIn(at(3), '185.220.101.4', { outcome: 'failure' })] },
    'none',
  ],
  [
    'only failed attempts: not evaluated',
    { logins: [signIn(at(3), '185.220.101.4', { outcome: 'failure' })] },
    'not_evaluated',
  ],
  [
    'the identity provider flags a proxy (no intel needed): low',
    { logins: [signIn(at(2), '203.0.113.9', { isProxy: true })] },
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
          signIn(at(2), ASTRILL),
          signIn(at(3), ASTRILL),
          signIn(at(4), RELAY),
          signIn(at(5), '99.224.0.1'),
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
        { ip: ASTRILL, kind: 'vpn', provider: 'Astrill VPN', logins: 2 },
        { ip: RELAY, kind: 'relay', provider: 'Apple iCloud Private Relay', logins: 1 },
      ],
    });
  });

  it('follows the policy: named providers and the repeat count', () => {
    const policy = {
      ...DEFAULT_POLICY,
      network: { ...DEFAULT_POLICY.network, advisoryVpnProviders: ['nordvpn'], anonymizerRepeatLogins: 10 },
    };
    const ctx = { intel: TABLE_INTEL, policy };
    expect(summarize(runDetector(anonymizer, { logins: [signIn(at(2), NORD)] }, ctx))).toBe('high');
    const astrill = [signIn(at(2), ASTRILL), signIn(at(3), ASTRILL), signIn(at(4), ASTRILL)];
    expect(summarize(runDetector(anonymizer, { logins: astrill }, ctx))).toBe('low');
  });

  it('is not evaluated when nothing tells the network kind', () => {
    expect(runDetector(anonymizer, { logins: [signIn(at(2), '99.224.0.1')] })).toEqual({
      status: 'not_evaluated',
      reason: 'the sign-in records carry no network kind and IP intelligence is not loaded',
    });
    expect(
      summarize(runDetector(anonymizer, { logins: [signIn(at(2), '99.224.0.1', { isProxy: false })] })),
    ).toBe('none');
    expect(
      summarize(runDetector(anonymizer, { logins: [signIn(at(2), '203.0.113.9', { networkKind: 'tor' })] })),
    ).toBe('high');
  });
});
