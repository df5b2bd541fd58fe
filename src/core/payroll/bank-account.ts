// Payroll bank accounts as HRIS/payroll systems send them: IBAN, Canadian transit/institution/account, US
// routing/account, BIC, holder, bank name and free text. Pure: validates the identifiers (IBAN checksum and
// country format through ibantools, the ABA routing checksum, Canadian number lengths) and tells which country an
// account is in and whether it is held at an online payment platform. No I/O.
import { electronicFormatIBAN, isValidBIC, ValidationErrorsIBAN, validateIBAN } from 'ibantools';
import type { ProblemDetail } from '../errors.ts';

export type BankAccount = {
  iban?: string;
  bic?: string;
  /** Canada: 5-digit branch transit and 3-digit institution number. */
  transit?: string;
  institution?: string;
  /** US: 9-digit ABA routing number. */
  routing?: string;
  accountNumber?: string;
  holder?: string;
  bank?: string;
  description?: string;
  /** ISO 3166-1 alpha-2 as the source system declared it (used only when no identifier tells). */
  country?: string;
};

export type AccountCountry = {
  country: string;
  via: 'iban' | 'bic' | 'ca-transit' | 'us-routing' | 'declared';
};

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** Reads a bank account out of a change's `to`/`from` or a payment (unknown fields ignored). */
export function readBankAccount(value: unknown): BankAccount | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const account: BankAccount = {
    iban: str(o.iban),
    bic: str(o.bic) ?? str(o.swift),
    transit: str(o.transit),
    institution: str(o.institution),
    routing: str(o.routing),
    accountNumber: str(o.accountNumber) ?? str(o.account),
    holder: str(o.holder) ?? str(o.holderName),
    bank: str(o.bank) ?? str(o.bankName) ?? str(o.platform),
    description: str(o.description) ?? str(o.text),
    country: str(o.country),
  };
  for (const key of Object.keys(account) as (keyof BankAccount)[])
    if (account[key] === undefined) delete account[key];
  return Object.keys(account).length > 0 ? account : undefined;
}

export const compactIban = (iban: string): string =>
  electronicFormatIBAN(iban) ?? iban.replace(/\s+/g, '').toUpperCase();
export const compactBic = (bic: string): string => bic.replace(/\s+/g, '').toUpperCase();

/** ABA routing number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function isValidAbaRouting(routing: string): boolean {
  if (!/^\d{9}$/.test(routing)) return false;
  const d = [...routing].map(Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0 && routing !== '000000000';
}

const IBAN_WORDS: Partial<Record<ValidationErrorsIBAN, string>> = {
  [ValidationErrorsIBAN.NoIBANProvided]: 'no IBAN given',
  [ValidationErrorsIBAN.NoIBANCountry]: 'the first two letters are not a country that uses IBANs',
  [ValidationErrorsIBAN.WrongBBANLength]: 'wrong length for its country',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'the account part does not have the format of its country',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'characters 3–4 (the check digits) are not digits',
  [ValidationErrorsIBAN.WrongIBANChecksum]:
    'the check digits do not match (a typing mistake or an invented number)',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'the national check digits do not match',
  [ValidationErrorsIBAN.QRIBANNotAllowed]: 'a QR-IBAN is for invoices, not an account',
};

/** Every problem with the account's identifiers, paths under `path` (e.g. `to.iban`). */
export function bankAccountProblems(account: BankAccount, path: string): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const prefix = path === '' ? '' : `${path}.`;
  if (account.iban !== undefined) {
    const result = validateIBAN(compactIban(account.iban));
    if (!result.valid) {
      const words = [...new Set(result.errorCodes.map((c) => IBAN_WORDS[c] ?? 'not a valid IBAN'))];
      problems.push({
        path: `${prefix}iban`,
        message: `"${account.iban}" is not a valid IBAN: ${words.join('; ')}`,
      });
    }
  }
  if (account.bic !== undefined && !isValidBIC(compactBic(account.bic)))
    problems.push({
      path: `${prefix}bic`,
      message: `"${account.bic}" is not a BIC (8 or 11 characters: bank, country, location, branch)`,
    });
  if (account.transit !== undefined && !/^\d{5}$/.test(account.transit))
    problems.push({
      path: `${prefix}transit`,
      message: `"${account.transit}" is not a Canadian transit number (5 digits)`,
    });
  if (account.institution !== undefined && !/^\d{3}$/.test(account.institution))
    problems.push({
      path: `${prefix}institution`,
      message: `"${account.institution}" is not a Canadian institution number (3 digits)`,
    });
  if ((account.transit === undefined) !== (account.institution === undefined))
    problems.push({
      path: `${prefix}${account.transit === undefined ? 'transit' : 'institution'}`,
      message: 'a Canadian account needs both the transit and the institution number',
    });
  if (account.routing !== undefined && !isValidAbaRouting(account.routing))
    problems.push({
      path: `${prefix}routing`,
      message: `"${account.routing}" is not a US routing number (9 digits with a valid check digit)`,
    });
  if (account.accountNumber !== undefined && !/^[0-9A-Za-z -]{4,34}$/.test(account.accountNumber))
    problems.push({
      path: `${prefix}accountNumber`,
      message: 'an account number is 4 to 34 letters or digits',
    });
  if (account.country !== undefined && !/^[A-Z]{2}$/.test(account.country))
    problems.push({
      path: `${prefix}country`,
      message: `"${account.country}" is not an ISO 3166-1 alpha-2 country code`,
    });
  return problems;
}

/**
 * The country an account is in, from the strongest identifier: the IBAN's country code, the BIC's country letters
 * (5–6), a Canadian transit/institution pair, a US routing number, else what the source declared.
 */
export function accountCountry(account: BankAccount): AccountCountry | undefined {
  if (account.iban !== undefined) {
    const iban = compactIban(account.iban);
    if (validateIBAN(iban).valid) return { country: iban.slice(0, 2), via: 'iban' };
  }
  if (account.bic !== undefined) {
    const bic = compactBic(account.bic);
    if (isValidBIC(bic)) return { country: bic.slice(4, 6), via: 'bic' };
  }
  if (
    account.transit &&
    account.institution &&
    /^\d{5}$/.test(account.transit) &&
    /^\d{3}$/.test(account.institution)
  )
    return { country: 'CA', via: 'ca-transit' };
  if (account.routing !== undefined && isValidAbaRouting(account.routing))
    return { country: 'US', via: 'us-routing' };
  if (account.country !== undefined && /^[A-Z]{2}$/.test(account.country))
    return { country: account.country, via: 'declared' };
  return undefined;
}

export const COUNTRY_VIA_WORDS: Record<AccountCountry['via'], string> = {
  iban: "the IBAN's country code",
  bic: "the BIC's country letters",
  'ca-transit': 'a Canadian transit/institution number',
  'us-routing': 'a US routing number',
  declared: 'the country the payroll system gave',
};

/**
 * Online payment platforms and e-money institutions that hold pay for people abroad. `bic` lists the 4-letter
 * institution codes of the platform's own BICs, each as the platform publishes it on its bank-details pages:
 *   TRWI — Wise: TRWIBEB1 (Wise Europe SA, Brussels), TRWIGB2L (Wise Payments Ltd), TRWIUS35 (Wise US Inc.)
 *   REVO — Revolut: REVOLT21 (Revolut Bank UAB, Vilnius), REVOGB21 (Revolut Ltd, London)
 *   PPLX — PayPal: PPLXLULL (PayPal (Europe) S.à r.l. et Cie, S.C.A., Luxembourg)
 *   EVIU — Paysera: EVIULT2V (Paysera LT, UAB, Vilnius)
 * Payoneer, Skrill, Airwallex and the others issue receiving accounts at partner banks, so they are recognised
 * from the bank name and the description only.
 */
export const PAYMENT_PLATFORM_LIST: readonly { name: string; words: RegExp; bic?: readonly string[] }[] = [
  { name: 'Wise', words: /\b(wise|transfer ?wise)\b/i, bic: ['TRWI'] },
  { name: 'Payoneer', words: /\bpayoneer\b/i },
  { name: 'PayPal', words: /\bpay ?pal\b/i, bic: ['PPLX'] },
  { name: 'Revolut', words: /\brevolut\b/i, bic: ['REVO'] },
  { name: 'Skrill', words: /\bskrill\b/i },
  { name: 'Paysera', words: /\bpaysera\b/i, bic: ['EVIU'] },
  { name: 'Airwallex', words: /\bairwallex\b/i },
  { name: 'Neteller', words: /\bneteller\b/i },
  { name: 'Paxum', words: /\bpaxum\b/i },
  { name: 'WebMoney', words: /\b(webmoney|perfect ?money)\b/i },
  { name: 'Remitly', words: /\bremitly\b/i },
  { name: 'Western Union', words: /\bwestern union\b/i },
  { name: 'MoneyGram', words: /\bmoneygram\b/i },
];

export type PlatformMatch = { name: string; via: 'bic' | 'bank' | 'description' };

/** The payment platform an account (or a payment's words) points at, if any. */
export function paymentPlatformOf(account: BankAccount): PlatformMatch | undefined {
  const bic = account.bic !== undefined ? compactBic(account.bic).slice(0, 4) : undefined;
  for (const p of PAYMENT_PLATFORM_LIST) {
    if (bic !== undefined && p.bic?.includes(bic)) return { name: p.name, via: 'bic' };
  }
  for (const p of PAYMENT_PLATFORM_LIST)
    if (account.bank !== undefined && p.words.test(account.bank)) return { name: p.name, via: 'bank' };
  for (const p of PAYMENT_PLATFORM_LIST)
    if (account.description !== undefined && p.words.test(account.description))
      return { name: p.name, via: 'description' };
  return undefined;
}
