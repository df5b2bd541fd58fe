import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { bankChange } from './bank-change.ts';

const acct = (bank: string, country = 'CA') => ({ bank, accountLast4: '1234', holder: 'Alex Doe', country });
const change = (at: string, from: unknown, to: unknown) => ({ at, field: 'bank_account' as const, from, to });
const employee = { kind: 'employee' as const, startDate: '2026-03-02' };
const enrol = change('2026-02-16T10:00:00Z', null, acct('ATB Financial'));

const cases: [string, BundleOverrides, Expectation][] = [
  ['no change history: not evaluated', { subject: employee }, 'not_evaluated'],
  ['no start date or payroll: not evaluated', { changes: [enrol] }, 'not_evaluated'],
  ['first enrolment is not a change', { subject: employee, changes: [enrol] }, 'none'],
  [
    'change 4 days after start: medium',
    {
      subject: employee,
      changes: [enrol, change('2026-03-06T10:00:00Z', acct('ATB Financial'), acct('RBC'))],
    },
    'medium',
  ],
  [
    'change a year later: nothing',
    {
      subject: employee,
      changes: [enrol, change('2027-03-06T10:00:00Z', acct('ATB Financial'), acct('RBC'))],
    },
    'none',
  ],
  [
    'to a payment platform: high',
    {
      subject: employee,
      changes: [
        enrol,
        change('2026-03-06T10:00:00Z', acct('ATB Financial'), acct('Wise (CAD account details)')),
      ],
    },
    'high',
  ],
  [
    'to a foreign account: high',
    {
      subject: employee,
      changes: [enrol, change('2026-03-06T10:00:00Z', acct('ATB Financial'), acct('Bank of China', 'CN'))],
    },
    'high',
  ],
  [
    'repeated: high',
    {
      subject: employee,
      changes: [
        enrol,
        change('2026-03-06T10:00:00Z', acct('ATB Financial'), acct('RBC')),
        change('2026-03-12T10:00:00Z', acct('RBC'), acct('TD')),
      ],
    },
    'high',
  ],
  [
    'right before payroll: high',
    {
      subject: { kind: 'employee' },
      changes: [enrol, change('2026-03-18T10:00:00Z', acct('ATB Financial'), acct('RBC'))],
      payments: [{ at: '2026-03-20T10:00:00Z', kind: 'payroll', method: 'bank' }],
    },
    'high',
  ],
];

describe('payments.bank-change', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(bankChange, bundle))).toBe(expected);
  });

  it('explains when and where to', () => {
    const s = firstSignal(
      runDetector(bankChange, {
        subject: employee,
        changes: [enrol, change('2026-03-06T10:00:00Z', acct('ATB Financial'), acct('Wise'))],
      }),
    );
    expect(s.explanation).toContain('4 day(s) after the start date, to Wise, to a payment platform');
    expect(s.evidence).toEqual(['changes[1]']);
  });
});
