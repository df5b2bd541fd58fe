import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  summarize,
} from '../../../../test/factories.ts';
import type { Login } from '../../bundle/schema.ts';
import { locationMismatch } from './location-mismatch.ts';
import { IP, march, runOnTable, signIn } from './testing.ts';

const run = (bundle: BundleOverrides) => runOnTable(locationMismatch, bundle);

/** `n` daily sign-ins from `ip` starting on 2026-03-{day}. */
const daily = (ip: string, n: number, day = 2): Login[] =>
  Array.from({ length: n }, (_, i) => signIn(march(day + i), ip));

const cases: [string, BundleOverrides, Expectation][] = [
  ['no sign-ins: not evaluated', {}, 'not_evaluated'],
  [
    'no claimed country: not evaluated',
    { subject: { claimedLocation: {} }, logins: daily(IP.shenyang, 6) },
    'not_evaluated',
  ],
  ['4 located sign-ins: not evaluated (5 needed)', { logins: daily(IP.shenyang, 4) }, 'not_evaluated'],
  ['6 of 6 from China, claiming Canada: high', { logins: daily(IP.shenyang, 6) }, 'high'],
  ['all from Canada: nothing', { logins: daily(IP.toronto, 6) }, 'none'],
  [
    '4 from China, 4 from Canada: nothing (not most)',
    { logins: [...daily(IP.shenyang, 4), ...daily(IP.toronto, 4, 10)] },
    'none',
  ],
  [
    '5 from China, 4 from Canada: high',
    { logins: [...daily(IP.shenyang, 5), ...daily(IP.toronto, 4, 10)] },
    'high',
  ],
  [
    'mostly a US VPN exit: not evaluated (the VPN hides the country, only 2 real ones)',
    { logins: [...daily(IP.astrill, 8), ...daily(IP.toronto, 2, 20)] },
    'not_evaluated',
  ],
  [
    'mostly a US VPN exit with 5 Canadian sign-ins: nothing',
    { logins: [...daily(IP.astrill, 8), ...daily(IP.toronto, 5, 20)] },
    'none',
  ],
  [
    'all through the allow-listed corporate VPN: not evaluated',
    { logins: daily(IP.corporateVpn, 6) },
    'not_evaluated',
  ],
];

describe('network.location-mismatch', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(run(bundle))).toBe(expected);
  });

  it('names the country, addresses, dates and the share', () => {
    const s = firstSignal(
      run({
        logins: [
          ...daily(IP.shenyang, 3),
          ...daily(IP.shenyang2, 3, 5),
          signIn('2026-03-20T09:00:00Z', IP.toronto),
        ],
      }),
    );
    expect(s.explanation).toBe(
      '6 of 7 logins came from CN, not from the claimed country (Toronto, CA). ' +
        'Addresses in CN (Shenyang): 42.84.10.67 and 42.84.174.118, from 2026-03-02 09:00 UTC to 2026-03-07 09:00 UTC. ' +
        '1 sign-in came from CA. Sign-ins through VPN, proxy, Tor or hosting networks are not counted.',
    );
    expect(s.evidence).toHaveLength(6);
    expect(s.data).toMatchObject({ claimed: 'CA', top: { country: 'CN', share: 0.857 }, count: 6, total: 7 });
  });

  it('says why it cannot judge', () => {
    expect(run({ logins: daily(IP.astrill, 6) })).toEqual({
      status: 'not_evaluated',
      reason:
        'every located sign-in came through a VPN, proxy, Tor or hosting network, which hides the country',
    });
    expect(run({ logins: daily(IP.shenyang, 4) })).toEqual({
      status: 'not_evaluated',
      reason: 'only 4 located sign-ins; at least 5 needed',
    });
  });
});
