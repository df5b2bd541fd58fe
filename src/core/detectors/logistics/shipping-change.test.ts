import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { shippingChange } from './shipping-change.ts';

const addr = (city: string, region: string, country = 'CA') => ({
  line1: '1 Main St',
  city,
  region,
  postalCode: 'X',
  country,
});
const change = (at: string, from: unknown, to: unknown) => ({
  at,
  field: 'shipping_address' as const,
  from,
  to,
});
const home = addr('Toronto', 'ON');
const enrol = change('2026-01-20T10:00:00Z', null, home);
const shipped = { equipmentShippedAt: '2026-02-26T12:00:00Z' };

const cases: [string, BundleOverrides, Expectation][] = [
  ['no change history: not evaluated', { onboarding: shipped }, 'not_evaluated'],
  ['no shipping or start date: not evaluated', { changes: [enrol] }, 'not_evaluated'],
  ['initial address only: nothing', { onboarding: shipped, changes: [enrol] }, 'none'],
  [
    'changed 10 days before shipping, same city area: medium',
    {
      onboarding: shipped,
      changes: [enrol, change('2026-02-16T10:00:00Z', home, addr('Mississauga', 'ON'))],
    },
    'medium',
  ],
  [
    'changed 2 days before shipping: high',
    {
      onboarding: shipped,
      changes: [enrol, change('2026-02-24T10:00:00Z', home, addr('Mississauga', 'ON'))],
    },
    'high',
  ],
  [
    'changed to another province: high',
    { onboarding: shipped, changes: [enrol, change('2026-02-16T10:00:00Z', home, addr('Surrey', 'BC'))] },
    'high',
  ],
  [
    'changed after shipping: nothing',
    { onboarding: shipped, changes: [enrol, change('2026-03-10T10:00:00Z', home, addr('Surrey', 'BC'))] },
    'none',
  ],
  [
    'changed 2 months before: nothing',
    { onboarding: shipped, changes: [enrol, change('2025-12-20T10:00:00Z', home, addr('Surrey', 'BC'))] },
    'none',
  ],
  [
    'falls back to the start date',
    {
      subject: { startDate: '2026-03-02' },
      changes: [enrol, change('2026-02-27T10:00:00Z', home, addr('Mississauga', 'ON'))],
    },
    'high',
  ],
];

describe('logistics.shipping-change', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(shippingChange, bundle))).toBe(expected);
  });

  it('explains from where to where and when', () => {
    const s = firstSignal(
      runDetector(shippingChange, {
        onboarding: shipped,
        changes: [enrol, change('2026-02-24T03:30:00Z', home, addr('Surrey', 'BC'))],
      }),
    );
    expect(s.explanation).toBe(
      'The equipment shipping address changed once shortly before the equipment shipped: from Toronto, ON, CA to Surrey, BC, CA, 2 day(s) before the equipment shipped (another region or country).',
    );
  });
});
