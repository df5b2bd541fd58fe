import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { fittingOffsets, offHoursAvailability, offsetRanges } from './off-hours-availability.ts';

const msg = (at: string, direction: 'inbound' | 'outbound' = 'inbound') => ({ at, direction, text: 'Hello' });
// Toronto is UTC-5 in January: 07:10Z = 02:10 local.
const night = ['2026-01-12T07:10:00Z', '2026-01-13T06:45:00Z', '2026-01-14T07:30:00Z'];

const cases: [string, BundleOverrides, Expectation][] = [
  [
    'no time zone: not evaluated',
    { subject: { claimedLocation: { country: 'CA' } }, communications: night.map((t) => msg(t)) },
    'not_evaluated',
  ],
  ['too few messages: not evaluated', { communications: [msg(night[0]!)] }, 'not_evaluated'],
  [
    'daytime messages: nothing',
    {
      communications: ['2026-01-12T15:00:00Z', '2026-01-13T16:00:00Z', '2026-01-14T20:00:00Z'].map((t) =>
        msg(t),
      ),
    },
    'none',
  ],
  ['night messages: low', { communications: night.map((t) => msg(t)) }, 'low'],
  [
    'night messages are a minority: nothing',
    {
      communications: [...night, ...Array.from({ length: 4 }, (_, i) => `2026-01-2${i}T15:00:00Z`)].map((t) =>
        msg(t),
      ),
    },
    'none',
  ],
  [
    'our own outbound messages do not count',
    { communications: night.map((t) => msg(t, 'outbound')) },
    'not_evaluated',
  ],
  [
    'application and pay requests count as the candidate’s own times',
    {
      application: { submittedAt: '2026-01-10T02:00:00-05:00' },
      payments: [{ at: '2026-01-11T02:30:00-05:00', kind: 'request', text: 'advance please' }],
      incidents: [{ at: '2026-01-12T01:30:00-05:00', kind: 'byod_request' }],
    },
    'low',
  ],
];

describe('interview.off-hours-availability', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(offHoursAvailability, bundle))).toBe(expected);
  });

  it('maps times into the claimed zone (with DST) and says which offsets fit', () => {
    const s = firstSignal(runDetector(offHoursAvailability, { communications: night.map((t) => msg(t)) }));
    expect(s.data).toMatchObject({
      night: 3,
      total: 3,
      claimedUtcOffsetHours: -5,
      typicalLocalTime: '02:10',
    });
    expect(s.explanation).toContain('America/Toronto');
    expect(s.explanation).toContain('UTC+3 to UTC+11');
  });

  it('fittingOffsets keeps offsets where every instant is 09:00–19:00', () => {
    const offsets = fittingOffsets([Date.parse('2026-01-12T01:00:00Z')]);
    expect(offsets).toEqual([-12, -11, -10, -9, -8, -7, 8, 9, 10, 11, 12, 13, 14]);
    expect(offsetRanges(offsets)).toBe('UTC-12 to UTC-7 and UTC+8 to UTC+14');
  });
});
