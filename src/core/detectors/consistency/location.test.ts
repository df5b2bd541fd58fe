import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { TABLE_INTEL } from '../network/testing.ts';
import { location } from './location.ts';

const run = (bundle: BundleOverrides) => runDetector(location, bundle, { intel: TABLE_INTEL });
const application = (ip: string) => ({ application: { submittedAt: '2026-01-05T14:03:00-05:00', ip } });
const liveness = (ip: string, inResult = true) => ({
  verifications: [
    inResult
      ? { kind: 'liveness', at: '2026-01-20T15:00:00Z', status: 'completed', result: { passed: true, ip } }
      : { kind: 'liveness', at: '2026-01-20T15:00:00Z', status: 'completed', result: { passed: true }, ip },
  ],
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['nothing to compare: not evaluated', {}, 'not_evaluated'],
  [
    'no claimed country: not evaluated',
    { subject: { claimedLocation: {} }, ...application('42.84.10.67') },
    'not_evaluated',
  ],
  ['application from Toronto, claiming Canada: nothing', application('99.224.0.1'), 'none'],
  ['application from Shenyang, claiming Canada: medium', application('42.84.10.67'), 'medium'],
  ['liveness session from Pyongyang (in the result): medium', liveness('175.45.176.1'), 'medium'],
  ['liveness session from Pyongyang (on the session): medium', liveness('175.45.176.1', false), 'medium'],
  ['application through the allow-listed corporate VPN: nothing', application('198.51.100.10'), 'none'],
  [
    'application through a US VPN exit: nothing (the location is hidden)',
    application('45.131.195.2'),
    'none',
  ],
  ['application from an address nobody can place: not evaluated', application('10.0.0.5'), 'not_evaluated'],
];

describe('consistency.location (IP part)', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(run(bundle))).toBe(expected);
  });

  it('names each address, where it is, and says when a VPN hides one', () => {
    const s = firstSignal(run({ ...application('45.131.195.2'), ...liveness('175.45.176.1') }));
    expect(s.explanation).toBe(
      'The claimed location (Toronto, CA) disagrees with the liveness session IP 175.45.176.1 (Pyongyang, KP). ' +
        'The application IP 45.131.195.2 goes through Astrill VPN, which hides the location.',
    );
    expect(s.evidence).toEqual(['verifications[0].result.ip']);
    expect(s.data).toEqual({
      claimed: 'CA',
      mismatches: [
        {
          what: 'the liveness session IP',
          path: 'verifications[0].result.ip',
          ip: '175.45.176.1',
          country: 'KP',
        },
      ],
      hidden: [
        { what: 'the application IP', path: 'application.ip', ip: '45.131.195.2', via: 'Astrill VPN' },
      ],
    });
  });

  it('is not evaluated without IP intelligence', () => {
    expect(runDetector(location, application('42.84.10.67'))).toEqual({
      status: 'not_evaluated',
      reason:
        'IP intelligence is not loaded, so the application and verification IP addresses cannot be located',
    });
  });
});
