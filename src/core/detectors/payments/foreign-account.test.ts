import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { foreignAccount } from './foreign-account.ts';

const enrol = (to: Record<string, unknown>, at = '2026-02-16T10:00:00Z') => ({
  at,
  field: 'bank_account' as const,
  from: null,
  to,
});
const rbc = {
  bank: 'RBC Royal Bank',
  transit: '00102',
  institution: '003',
  accountNumber: '1234567',
  holder: 'Alex Doe',
};

const cases: [string, BundleOverrides, Expectation][] = [
  ['no account: not evaluated', {}, 'not_evaluated'],
  ['a Canadian account for a Toronto resident: nothing', { changes: [enrol(rbc)] }, 'none'],
  [
    'a Chinese account (BIC letters 5–6) for a Toronto resident: medium',
    {
      changes: [
        enrol({
          bank: 'Bank of China',
          bic: 'BKCHCNBJ',
          accountNumber: '6217000010001234',
          holder: 'Alex Doe',
        }),
      ],
    },
    'medium',
  ],
  [
    'a Lithuanian IBAN for a Toronto resident: medium',
    { changes: [enrol({ iban: 'LT12 1000 0111 0100 1000', holder: 'Alex Doe' })] },
    'medium',
  ],
  [
    'a German IBAN for someone living in Germany, of any nationality: nothing',
    {
      subject: { claimedLocation: { city: 'Berlin', country: 'DE' } },
      documents: [{ kind: 'passport', fields: { nationality: 'KR' } }],
      changes: [enrol({ iban: 'DE89370400440532013000', holder: 'Alex Doe' })],
    },
    'none',
  ],
  [
    'a US routing number for a US resident: nothing',
    {
      subject: { claimedLocation: { city: 'Austin', region: 'TX', country: 'US' } },
      changes: [enrol({ routing: '021000021', accountNumber: '000123456789', holder: 'DOE ALEX' })],
    },
    'none',
  ],
  [
    'a Canadian account held by someone else: medium',
    { changes: [enrol({ ...rbc, holder: 'Chen Wei' })] },
    'medium',
  ],
  [
    'holder written family name first and in capitals: nothing',
    { changes: [enrol({ ...rbc, holder: 'DOE, Alex' })] },
    'none',
  ],
  [
    'holder is a declared alias (married name): nothing',
    { subject: { aliases: ['Alex Martin'] }, changes: [enrol({ ...rbc, holder: 'Alex Martin' })] },
    'none',
  ],
  [
    'a Korean name romanised another way by the bank: nothing',
    {
      subject: { name: 'Lee Min-jun' },
      changes: [enrol({ ...rbc, holder: 'Yi Minjun' })],
    },
    'none',
  ],
  [
    'a payroll payment to a foreign account: medium',
    {
      payments: [
        {
          at: '2026-03-31T12:00:00Z',
          kind: 'payroll',
          method: 'bank',
          amount: 5200,
          currency: 'CAD',
          iban: 'GB29NWBK60161331926819',
        } as never,
      ],
    },
    'medium',
  ],
];

describe('payments.foreign-account', () => {
  it.each(cases)('%s', (_name, overrides, expected) => {
    expect(summarize(runDetector(foreignAccount, overrides))).toBe(expected);
  });

  it('says where the country came from and cites the change', () => {
    const s = firstSignal(
      runDetector(foreignAccount, {
        changes: [
          enrol(rbc),
          enrol({ iban: 'LT121000011101001000', holder: 'Alex Doe' }, '2026-03-03T09:00:00Z'),
        ],
      }),
    );
    expect(s.evidence).toEqual(['changes[1]']);
    expect(s.explanation).toContain('The payroll account is in LT, while the person claims to live in CA.');
    expect(s.explanation).toContain("the IBAN's country code");
    expect(s.data).toMatchObject({ countries: ['LT'], claimed: 'CA' });
  });

  it('explains a holder-only difference without claiming another country', () => {
    const s = firstSignal(runDetector(foreignAccount, { changes: [enrol({ ...rbc, holder: 'Chen Wei' })] }));
    expect(s.explanation).toMatch(/held in another person's name/);
    expect(s.explanation).toContain('"Chen Wei"');
    expect(s.data).toMatchObject({ countries: [], holders: ['Chen Wei'] });
  });
});
