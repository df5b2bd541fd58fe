import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { addressMismatch } from './address-mismatch.ts';

const addr = (city: string, region: string, country: string) => ({
  line1: '12 Main St',
  city,
  region,
  postalCode: 'X',
  country,
});
const ship = (to: unknown, at = '2026-02-20T10:00:00Z') => ({
  at,
  field: 'shipping_address' as const,
  from: null,
  to,
});
const home = (to: unknown, at = '2026-02-01T10:00:00Z') => ({
  at,
  field: 'home_address' as const,
  from: null,
  to,
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['no shipping address: not evaluated', {}, 'not_evaluated'],
  ['shipping in the claimed city: nothing', { changes: [ship(addr('Toronto', 'ON', 'CA'))] }, 'none'],
  [
    'shipping to another Ontario city, province written out: nothing',
    { changes: [ship(addr('Ottawa', 'Ontario', 'CA'))] },
    'none',
  ],
  ['shipping to another province: medium', { changes: [ship(addr('Vancouver', 'BC', 'CA'))] }, 'medium'],
  ['shipping to another country: medium', { changes: [ship(addr('Dandong', 'Liaoning', 'CN'))] }, 'medium'],
  [
    'the home address wins over the claimed location',
    {
      changes: [home(addr('Vancouver', 'British Columbia', 'CA')), ship(addr('Burnaby', 'BC', 'CA'))],
    },
    'none',
  ],
  [
    'a US state away from the home address: medium',
    {
      subject: { claimedLocation: { city: 'Austin', region: 'TX', country: 'US' } },
      changes: [home(addr('Austin', 'Texas', 'US')), ship(addr('Nashville', 'TN', 'US'))],
    },
    'medium',
  ],
  [
    'the latest shipping address counts',
    {
      changes: [ship(addr('Miami', 'FL', 'US')), ship(addr('Toronto', 'ON', 'CA'), '2026-02-25T10:00:00Z')],
    },
    'none',
  ],
];

describe('logistics.address-mismatch', () => {
  it.each(cases)('%s', (_name, overrides, expected) => {
    expect(summarize(runDetector(addressMismatch, overrides))).toBe(expected);
  });

  it('cites both addresses and says whether the country or the region differs', () => {
    const s = firstSignal(
      runDetector(addressMismatch, {
        changes: [home(addr('Toronto', 'ON', 'CA')), ship(addr('Hialeah', 'FL', 'US'))],
      }),
    );
    expect(s.evidence).toEqual(['changes[1]', 'changes[0]']);
    expect(s.data).toMatchObject({ level: 'country', shippingCountry: 'US', homeCountry: 'CA' });
    expect(s.explanation).toContain('Hialeah, FL, US, another country');
    expect(s.explanation).toContain('home address: Toronto, ON, CA');
  });

  it('names a declared household member instead of concluding', () => {
    const s = firstSignal(
      runDetector(addressMismatch, {
        subject: { household: [{ name: 'Priya Raman', relationship: 'spouse' }] },
        changes: [ship(addr('Calgary', 'AB', 'CA'))],
      }),
    );
    expect(s.explanation).toContain('Priya Raman');
  });
});
