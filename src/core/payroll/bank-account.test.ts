import { describe, expect, it } from 'vitest';
import {
  accountCountry,
  bankAccountProblems,
  isValidAbaRouting,
  paymentPlatformOf,
  readBankAccount,
} from './bank-account.ts';

describe('bank accounts', () => {
  it('reads the country from the IBAN, the BIC, a CA transit, a US routing number, else as declared', () => {
    expect(accountCountry({ iban: 'DE89 3704 0044 0532 0130 00' })).toEqual({ country: 'DE', via: 'iban' });
    expect(accountCountry({ bic: 'BKCHCNBJ' })).toEqual({ country: 'CN', via: 'bic' });
    expect(accountCountry({ transit: '00102', institution: '003' })).toEqual({
      country: 'CA',
      via: 'ca-transit',
    });
    expect(accountCountry({ routing: '021000021' })).toEqual({ country: 'US', via: 'us-routing' });
    expect(accountCountry({ country: 'FR' })).toEqual({ country: 'FR', via: 'declared' });
    expect(accountCountry({ bank: 'Some bank' })).toBeUndefined();
  });

  it('names a wrong IBAN checksum, a malformed BIC and a bad routing number', () => {
    const problems = bankAccountProblems(
      { iban: 'DE89370400440532013001', bic: 'XX', routing: '021000022', transit: '0010' },
      'to',
    );
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(byPath['to.iban']).toMatch(/check digits do not match/);
    expect(byPath['to.bic']).toMatch(/not a BIC/);
    expect(byPath['to.routing']).toMatch(/check digit/);
    expect(byPath['to.transit']).toMatch(/5 digits/);
    expect(bankAccountProblems({ iban: 'GB29NWBK60161331926819', bic: 'NWBKGB2L' }, 'to')).toEqual([]);
  });

  it('checks the ABA routing checksum', () => {
    expect(isValidAbaRouting('021000021')).toBe(true);
    expect(isValidAbaRouting('021000022')).toBe(false);
    expect(isValidAbaRouting('12345')).toBe(false);
  });

  it('recognises platforms by BIC first, then bank name, then description', () => {
    expect(paymentPlatformOf({ bic: 'TRWIBEB1XXX', bank: 'Some bank' })).toEqual({
      name: 'Wise',
      via: 'bic',
    });
    expect(paymentPlatformOf({ bic: 'REVOLT21' })).toEqual({ name: 'Revolut', via: 'bic' });
    expect(paymentPlatformOf({ bank: 'Payoneer Inc.' })).toEqual({ name: 'Payoneer', via: 'bank' });
    expect(paymentPlatformOf({ description: 'moved to TransferWise balance' })).toEqual({
      name: 'Wise',
      via: 'description',
    });
    expect(
      paymentPlatformOf({ bank: 'Royal Bank of Canada', description: 'otherwise fine' }),
    ).toBeUndefined();
  });

  it('reads the fields under their usual names and drops empty ones', () => {
    expect(readBankAccount({ swift: 'NWBKGB2L', holderName: 'A B', bankName: ' ', iban: 'x' })).toEqual({
      bic: 'NWBKGB2L',
      holder: 'A B',
      iban: 'x',
    });
    expect(readBankAccount('RBC')).toBeUndefined();
  });
});
