// Change events from HRIS, payroll and IT systems: one event says that something about an employee changed
// (an address, the bank account, a phone, an email, the legal name) or that pay was sent or moved. This reads
// an event (JSON object, or one CSV row) into the bundle item it becomes — a `changes[]` or a `payments[]` entry —
// and lists every problem with the path of the field. Pure: matching the subject and storing are the service's.

import { isCountryCode, isCurrencyCode, isIsoDateTimeWithOffset } from '../bundle/formats.ts';
import { CHANGE_FIELDS } from '../bundle/vocabulary.ts';
import type { ProblemDetail } from '../errors.ts';
import {
  type BankAccount,
  bankAccountProblems,
  compactBic,
  compactIban,
  readBankAccount,
} from './bank-account.ts';

export const PAYMENT_EVENT_KINDS = ['payroll_payment', 'transfer'] as const;
export const CHANGE_EVENT_KINDS = [...CHANGE_FIELDS, ...PAYMENT_EVENT_KINDS] as const;
export type ChangeEventKind = (typeof CHANGE_EVENT_KINDS)[number];

/** Who the event is about: a subject id, or an employee email matched to exactly one subject. */
export type SubjectRef = { subjectId: string } | { email: string };

export type ParsedChangeEvent = {
  subject: SubjectRef;
  kind: ChangeEventKind;
  target: 'changes' | 'payments';
  /** The bundle item to append. */
  item: Record<string, unknown>;
};

export type ParseResult = { ok: true; event: ParsedChangeEvent } | { ok: false; problems: ProblemDetail[] };

const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const ACCOUNT_KEYS = [
  'iban',
  'bic',
  'swift',
  'transit',
  'institution',
  'routing',
  'accountNumber',
  'holder',
  'holderName',
  'bank',
  'bankName',
  'country',
];

/** The account fields written on a payment event itself (no `to`); undefined when there are none. */
function accountFieldsOf(raw: Record<string, unknown>): Record<string, unknown> | undefined {
  const picked = Object.fromEntries(ACCOUNT_KEYS.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]));
  return Object.keys(picked).length > 0 ? picked : undefined;
}

/** A bank account in its stored form: identifiers compacted (IBAN without spaces, BIC upper case). */
function storedAccount(account: BankAccount): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(account)) if (typeof v === 'string') out[k] = v;
  if (account.iban) out.iban = compactIban(account.iban);
  if (account.bic) out.bic = compactBic(account.bic);
  if (account.country) out.country = account.country.toUpperCase();
  return out;
}

function addressValue(
  value: unknown,
  path: string,
  problems: ProblemDetail[],
): Record<string, string> | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (!isObj(value)) {
    problems.push({ path, message: 'an address is an object: line1, city, region, postalCode, country' });
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const f of ADDRESS_FIELDS) {
    const v = str(value[f]);
    if (v !== undefined) out[f] = f === 'country' ? v.toUpperCase() : v;
  }
  if (out.country !== undefined && !isCountryCode(out.country))
    problems.push({
      path: `${path}.country`,
      message: `"${out.country}" is not an ISO 3166-1 alpha-2 country code`,
    });
  if (Object.keys(out).length === 0)
    problems.push({ path, message: 'the address has none of line1, city, region, postalCode, country' });
  return out;
}

function accountValue(
  value: unknown,
  path: string,
  problems: ProblemDetail[],
): Record<string, string> | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const account = readBankAccount(value);
  if (!account) {
    problems.push({
      path,
      message:
        'a bank account is an object: iban, or transit+institution+accountNumber, or routing+accountNumber; bic, holder, bank, description',
    });
    return undefined;
  }
  if (account.country) account.country = account.country.toUpperCase();
  problems.push(...bankAccountProblems(account, path));
  return storedAccount(account);
}

function scalarValue(value: unknown, path: string, problems: ProblemDetail[]): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const s = str(value);
  if (s === undefined) problems.push({ path, message: 'expected text' });
  return s;
}

/** Reads one event. `at` paths are relative to the event (`to.iban`, `at`), the caller prefixes them. */
export function parseChangeEvent(raw: unknown): ParseResult {
  if (!isObj(raw)) return { ok: false, problems: [{ path: '', message: 'an event is a JSON object' }] };
  const problems: ProblemDetail[] = [];
  const subjectId = str(raw.subjectId) ?? str(raw.subject);
  const email = str(raw.email);
  let subject: SubjectRef | undefined;
  if (subjectId !== undefined) subject = { subjectId };
  else if (email !== undefined) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      problems.push({ path: 'email', message: `"${email}" is not an email address` });
    else subject = { email: email.toLowerCase() };
  } else problems.push({ path: 'subjectId', message: 'name the subject: subjectId, or the employee email' });
  const kind = str(raw.kind);
  if (kind === undefined || !(CHANGE_EVENT_KINDS as readonly string[]).includes(kind)) {
    problems.push({
      path: 'kind',
      message: `${kind === undefined ? 'missing' : `"${kind}" is not a kind`}; expected one of ${CHANGE_EVENT_KINDS.join(', ')}`,
    });
  }
  const at = str(raw.at);
  if (at === undefined)
    problems.push({ path: 'at', message: 'missing: when it happened, ISO 8601 with an offset' });
  else if (!isIsoDateTimeWithOffset(at))
    problems.push({
      path: 'at',
      message: `"${at}" is not ISO 8601 with an offset, e.g. 2026-01-05T14:03:00-05:00`,
    });
  const source = str(raw.source);
  const eventId = str(raw.eventId);
  if (problems.length > 0 || !subject || !kind || !at) return { ok: false, problems };
  const typedKind = kind as ChangeEventKind;
  const extra: Record<string, string> = {};
  if (source) extra.source = source;
  if (eventId) extra.eventId = eventId;

  if (typedKind === 'payroll_payment' || typedKind === 'transfer') {
    // The destination account: `to` when given, else account fields on the event itself.
    const destination =
      raw.to !== undefined
        ? accountValue(raw.to, 'to', problems)
        : accountValue(accountFieldsOf(raw), '', problems);
    const amount = raw.amount === undefined || raw.amount === '' ? undefined : Number(raw.amount);
    if (amount !== undefined && !(Number.isFinite(amount) && amount >= 0))
      problems.push({
        path: 'amount',
        message: `"${String(raw.amount)}" is not an amount (a number, 0 or more)`,
      });
    const currency = str(raw.currency)?.toUpperCase();
    if (currency !== undefined && !isCurrencyCode(currency))
      problems.push({
        path: 'currency',
        message: `"${currency}" is not an ISO 4217 currency code (e.g. CAD, USD)`,
      });
    const platform = str(raw.platform);
    const description = str(raw.description);
    if (problems.length > 0) return { ok: false, problems };
    const item: Record<string, unknown> = {
      at,
      kind: typedKind === 'payroll_payment' ? 'payroll' : 'transfer',
      method: platform ? 'payment_platform' : 'bank',
      ...(platform ? { platform } : {}),
      ...(amount !== undefined ? { amount } : {}),
      ...(currency ? { currency } : {}),
      ...(description ? { text: description } : {}),
      ...(destination ?? {}),
      ...extra,
    };
    // A description on the account (not the payment) is kept with the account fields.
    if (destination?.description && !description) item.text = destination.description;
    delete item.description;
    return { ok: true, event: { subject, kind: typedKind, target: 'payments', item } };
  }

  let from: unknown;
  let to: unknown;
  if (typedKind === 'bank_account') {
    from = accountValue(raw.from, 'from', problems);
    to = accountValue(raw.to, 'to', problems);
  } else if (typedKind === 'shipping_address' || typedKind === 'home_address') {
    from = addressValue(raw.from, 'from', problems);
    to = addressValue(raw.to, 'to', problems);
  } else {
    from = scalarValue(raw.from, 'from', problems);
    to = scalarValue(raw.to, 'to', problems);
  }
  if (to === undefined && !problems.some((p) => p.path.startsWith('to')))
    problems.push({ path: 'to', message: 'missing: the new value' });
  if (problems.length > 0) return { ok: false, problems };
  const item: Record<string, unknown> = { at, field: typedKind, from: from ?? null, to, ...extra };
  return { ok: true, event: { subject, kind: typedKind, target: 'changes', item } };
}

/**
 * One CSV row (header → cell) as a raw event. Columns: subject_id (or subjectId), email, kind, at, from, to
 * (plain values), from_<field>/to_<field> for addresses and accounts (to_iban, to_bic, to_transit,
 * to_institution, to_account_number, to_routing, to_holder, to_bank, to_description, to_line1, to_city, to_region,
 * to_postal_code, to_country), and amount, currency, platform, description, source, event_id.
 * Headers are read case-insensitively, snake_case or camelCase.
 */
export function csvRowToRawEvent(row: Readonly<Record<string, string>>): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  const nested: Record<'from' | 'to', Record<string, string>> = { from: {}, to: {} };
  for (const [header, cell] of Object.entries(row)) {
    const value = cell.trim();
    if (value === '') continue;
    const key = camel(header.trim());
    const m = /^(from|to)([A-Z]\w*)$/.exec(key);
    if (m) {
      const field = m[2]!.charAt(0).toLowerCase() + m[2]!.slice(1);
      nested[m[1] as 'from' | 'to'][field === 'account' ? 'accountNumber' : field] = value;
    } else event[key === 'subject' ? 'subjectId' : key] = value;
  }
  for (const side of ['from', 'to'] as const)
    if (Object.keys(nested[side]).length > 0 && event[side] === undefined) event[side] = nested[side];
  return event;
}

function camel(header: string): string {
  const parts = header.split(/[_\s-]+/).filter((p) => p !== '');
  return parts
    .map((p, i) =>
      i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1).toLowerCase(),
    )
    .join('');
}
