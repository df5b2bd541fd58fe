import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { alwaysOn } from './always-on.ts';
import { IP, signIn } from './testing.ts';

const device = (software: string[], peripherals: string[] = []) => ({
  at: '2026-03-04T10:00:00-05:00',
  hostname: 'NWR-LT-0207',
  software,
  peripherals,
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['no sessions or devices: not evaluated', {}, 'not_evaluated'],
  [
    'sign-ins without session data: not evaluated',
    { logins: [signIn('2026-03-02T09:00:00Z', IP.toronto)] },
    'not_evaluated',
  ],
  [
    'working days of 8 hours: nothing',
    {
      logins: [
        signIn('2026-03-02T09:00:00Z', IP.toronto, { sessionMinutes: 480 }),
        signIn('2026-03-03T09:00:00Z', IP.toronto, { sessionMinutes: 510 }),
      ],
    },
    'none',
  ],
  [
    'a 26-hour session: medium',
    { logins: [signIn('2026-03-02T09:00:00Z', IP.toronto, { sessionMinutes: 26 * 60 })] },
    'medium',
  ],
  [
    'the same session id seen 30 hours apart: medium',
    {
      logins: [
        signIn('2026-03-02T09:00:00Z', IP.toronto, { sessionId: 'idx1234' }),
        signIn('2026-03-02T20:00:00Z', IP.toronto, { sessionId: 'idx1234' }),
        signIn('2026-03-03T15:00:00Z', IP.toronto, { sessionId: 'idx1234' }),
      ],
    },
    'medium',
  ],
  [
    'a session id seen over 10 hours: nothing',
    {
      logins: [
        signIn('2026-03-02T09:00:00Z', IP.toronto, { sessionId: 'a' }),
        signIn('2026-03-02T19:00:00Z', IP.toronto, { sessionId: 'a' }),
      ],
    },
    'none',
  ],
  ['an ordinary device: nothing', { devices: [device(['Slack 4.43'], ['Logitech C920'])] }, 'none'],
  ['a USB mouse jiggler: medium', { devices: [device([], ['Vaydeer USB Mouse Jiggler'])] }, 'medium'],
  ['Move Mouse software: medium', { devices: [device(['Move Mouse 4.18'])] }, 'medium'],
  ['AnyDesk is remote access, not always-on: nothing', { devices: [device(['AnyDesk 9.0.5'])] }, 'none'],
];

describe('network.always-on', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(alwaysOn, bundle))).toBe(expected);
  });

  it('names the sessions (id, address, start, end, length) and the tools', () => {
    const s = firstSignal(
      runDetector(alwaysOn, {
        logins: [
          signIn('2026-03-02T09:00:00Z', IP.toronto, { sessionId: 'idx1234' }),
          signIn('2026-03-04T10:30:00Z', IP.toronto, { sessionId: 'idx1234' }),
          signIn('2026-03-05T09:00:00Z', IP.montreal, { sessionMinutes: 1500 }),
        ],
        devices: [device(['Slack'], ['Logitech C920', 'Liberty Mouse Jiggler MJ-3'])],
      }),
    );
    expect(s.explanation).toBe(
      'Sessions stayed active unusually long: session "idx1234" from 99.224.0.1 seen from 2026-03-02 09:00 UTC to ' +
        '2026-03-04 10:30 UTC (2 d 1 h); a session from 24.48.0.1 started 2026-03-05 09:00 UTC and lasted 25 h; ' +
        'Liberty Jiggler ("Liberty Mouse Jiggler MJ-3" in the peripheral list on NWR-LT-0207). Sessions of 24 h or more count.',
    );
    expect(s.evidence).toEqual(['logins[0]', 'logins[1]', 'logins[2]', 'devices[0].peripherals[1]']);
    expect(s.data).toMatchObject({
      sessions: [
        {
          sessionId: 'idx1234',
          start: '2026-03-02T09:00:00.000Z',
          end: '2026-03-04T10:30:00.000Z',
          hours: 49.5,
        },
        { start: '2026-03-05T09:00:00.000Z', end: '2026-03-06T10:00:00.000Z', hours: 25 },
      ],
      tools: ['Liberty Mouse Jiggler MJ-3'],
    });
  });
});
