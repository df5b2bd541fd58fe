import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  buildPolicy,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { lowRate } from './low-rate.ts';

type Per = 'hour' | 'day' | 'week' | 'month' | 'year';
const rates = (
  asked: [number, string | undefined, Per | undefined],
  bench: [number, string | undefined, Per | undefined],
): BundleOverrides => ({
  application: {
    askedRate: { amount: asked[0], currency: asked[1], per: asked[2] },
    benchmarkRate: { amount: bench[0], currency: bench[1], per: bench[2] },
  },
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['no rates: not evaluated', {}, 'not_evaluated'],
  [
    'no benchmark: not evaluated',
    { application: { askedRate: { amount: 40, currency: 'USD', per: 'hour' } } },
    'not_evaluated',
  ],
  ['97% of benchmark: nothing', rates([92000, 'CAD', 'year'], [95000, 'CAD', 'year']), 'none'],
  ['42% of benchmark: low', rates([42, 'CAD', 'hour'], [100, 'CAD', 'hour']), 'low'],
  ['exactly 60%: nothing', rates([60, 'USD', 'hour'], [100, 'USD', 'hour']), 'none'],
  ['hourly vs yearly, converted (2080 h): low', rates([30, 'USD', 'hour'], [135000, 'USD', 'year']), 'low'],
  ['hourly vs yearly, fair: nothing', rates([60, 'USD', 'hour'], [120000, 'USD', 'year']), 'none'],
  ['monthly vs yearly: nothing', rates([9000, 'EUR', 'month'], [110000, 'EUR', 'year']), 'none'],
  [
    'different currencies are never compared',
    rates([10, 'USD', 'hour'], [100, 'CAD', 'hour']),
    'not_evaluated',
  ],
  [
    'only one period given: not evaluated',
    rates([10, 'USD', 'hour'], [100, 'USD', undefined]),
    'not_evaluated',
  ],
];

describe('application.low-rate', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(lowRate, bundle))).toBe(expected);
  });

  it('uses the policy ratio', () => {
    const bundle = rates([70, 'USD', 'hour'], [100, 'USD', 'hour']);
    expect(summarize(runDetector(lowRate, bundle, { policy: buildPolicy({ lowRateRatio: 0.75 }) }))).toBe(
      'low',
    );
  });

  it('explains the percentage', () => {
    const s = firstSignal(runDetector(lowRate, rates([42, 'CAD', 'hour'], [100, 'CAD', 'hour'])));
    expect(s.explanation).toBe(
      'The candidate asked 42 CAD per hour, which is 42% of the benchmark for the role (100 CAD per hour); the policy flags anything under 60%.',
    );
    expect(s.data).toMatchObject({ ratio: 0.42, percent: 42 });
  });
});
