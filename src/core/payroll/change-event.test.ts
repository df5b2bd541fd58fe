import { describe, expect, it } from 'vitest';
import { csvRowToRawEvent, parseChangeEvent } from './change-event.ts';

describe('change events', () => {
  it('turns a bank-account change into a changes[] item with compacted identifiers', () => {
    const r = parseChangeEvent({
      subjectId: 'emp-1',
      kind: 'bank_account',
      at: '2026-03-04T09:00:00-05:00',
      to: { iban: 'lt12 1000 0111 0100 1000', swift: 'revolt21', holderName: 'Alex Doe' },
      eventId: 'ev-9',
    });
    expect(r).toEqual({
      ok: true,
      event: {
        subject: { subjectId: 'emp-1' },
        kind: 'bank_account',
        target: 'changes',
        item: {
          at: '2026-03-04T09:00:00-05:00',
          field: 'bank_account',
          from: null,
          to: { iban: 'LT121000011101001000', bic: 'REVOLT21', holder: 'Alex Doe' },
          eventId: 'ev-9',
        },
      },
    });
  });

  it('turns a payroll payment into a payments[] item, the account on the event itself', () => {
    const r = parseChangeEvent({
      email: 'Alex@Example.com',
      kind: 'payroll_payment',
      at: '2026-03-31T12:00:00Z',
      amount: '5200',
      currency: 'cad',
      routing: '021000021',
      accountNumber: '000123456789',
      description: 'March salary',
    });
    expect(r.ok && r.event.subject).toEqual({ email: 'alex@example.com' });
    expect(r.ok && r.event.item).toEqual({
      at: '2026-03-31T12:00:00Z',
      kind: 'payroll',
      method: 'bank',
      amount: 5200,
      currency: 'CAD',
      text: 'March salary',
      routing: '021000021',
      accountNumber: '000123456789',
    });
  });

  it('lists every problem with its field', () => {
    const r = parseChangeEvent({ kind: 'salary', at: '2026-03-31 12:00' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['subjectId', 'kind', 'at']);
    const bad = parseChangeEvent({
      subjectId: 'emp-1',
      kind: 'shipping_address',
      at: '2026-03-31T12:00:00Z',
      to: { city: 'Hialeah', country: 'USA' },
    });
    expect(!bad.ok && bad.problems).toEqual([
      { path: 'to.country', message: '"USA" is not an ISO 3166-1 alpha-2 country code' },
    ]);
    const noValue = parseChangeEvent({ subjectId: 'emp-1', kind: 'phone', at: '2026-03-31T12:00:00Z' });
    expect(!noValue.ok && noValue.problems).toEqual([{ path: 'to', message: 'missing: the new value' }]);
  });

  it('reads CSV headers in snake_case into nested from/to values', () => {
    expect(
      csvRowToRawEvent({
        subject_id: 'emp-1',
        Kind: 'bank_account',
        at: '2026-03-04T09:00:00Z',
        to_account_number: '1234567',
        to_transit: '00102',
        to_institution: '003',
        from_iban: '',
        amount: ' ',
      }),
    ).toEqual({
      subjectId: 'emp-1',
      kind: 'bank_account',
      at: '2026-03-04T09:00:00Z',
      to: { accountNumber: '1234567', transit: '00102', institution: '003' },
    });
  });
});
