import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { platformTransfers } from './platform-transfers.ts';

const account = (to: Record<string, unknown>, at = '2026-02-16T10:00:00Z') => ({
  at,
  field: 'bank_account' as const,
  from: null,
  to,
});
const payroll = (at: string, extra: Record<string, unknown> = {}) =>
  ({ at, kind: 'payroll', method: 'bank', amount: 5200, currency: 'CAD', ...extra }) as never;

const cases: [string, BundleOverrides, Expectation][] = [
  ['nothing recorded: not evaluated', {}, 'not_evaluated'],
  [
    'a high-street bank: nothing',
    { changes: [account({ bank: 'TD Canada Trust', transit: '12345', institution: '004' })] },
    'none',
  ],
  [
    'payroll account at Wise, from its BIC: medium',
    { changes: [account({ bank: 'Bank account', iban: 'BE85905961376606', bic: 'TRWIBEB1XXX' })] },
    'medium',
  ],
  [
    'payroll account at Payoneer, from the bank name: medium',
    { changes: [account({ bank: 'Payoneer (First Century Bank)', routing: '021000021' })] },
    'medium',
  ],
  [
    'one transfer through PayPal: low',
    {
      payments: [
        { at: '2026-04-02T10:00:00Z', kind: 'transfer', method: 'payment_platform', platform: 'PayPal' },
      ],
    },
    'low',
  ],
  [
    'payroll payments moved to Revolut twice: medium',
    {
      payments: [
        payroll('2026-03-31T12:00:00Z', { text: 'forwarded to Revolut' }),
        payroll('2026-04-30T12:00:00Z', { bic: 'REVOLT21' }),
      ],
    },
    'medium',
  ],
  [
    'a pay request mentioning Skrill is not a transfer: nothing',
    { payments: [{ at: '2026-04-02T10:00:00Z', kind: 'request', text: 'can you pay me on Skrill' }] },
    'none',
  ],
];

describe('payments.platform-transfers', () => {
  it.each(cases)('%s', (_name, overrides, expected) => {
    expect(summarize(runDetector(platformTransfers, overrides))).toBe(expected);
  });

  it('names the platform and how it was recognised, and calls a one-off weaker', () => {
    const a = firstSignal(
      runDetector(platformTransfers, { changes: [account({ iban: 'BE85905961376606', bic: 'TRWIBEB1' })] }),
    );
    expect(a.explanation).toContain('is at Wise (recognised from its BIC)');
    expect(a.evidence).toEqual(['changes[0]']);
    const b = firstSignal(
      runDetector(platformTransfers, {
        payments: [{ at: '2026-04-02T10:00:00Z', kind: 'transfer', text: 'sent via Airwallex' }],
      }),
    );
    expect(b.explanation).toContain('1 payment through Airwallex');
    expect(b.explanation).toContain('a one-off');
    expect(b.data).toMatchObject({ platforms: ['Airwallex'], payrollAccountAtPlatform: false });
  });
});
