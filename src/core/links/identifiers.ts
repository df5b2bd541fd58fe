// Every identifier a case bundle holds, normalised (normalize.ts) and with the path it was found at, so
// people can be compared: the subject's email and phone, the resume's contact details, addresses and bank
// accounts from HR changes, payment destinations (wallets, bank accounts), device names from logins and
// inventory, public sign-in and application addresses, and the references' contact details.
// Egress IPs are weak (many people share an office, a VPN or a carrier gateway): marked `weak`, private
// and reserved ranges left out.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CaseBundle } from '../bundle/schema.ts';
import {
  isPublicIp,
  normalizeAddress,
  normalizeBankAccount,
  normalizeDevice,
  normalizeEmail,
  normalizeIp,
  normalizePhone,
  normalizeWallet,
} from './normalize.ts';

export type IdentifierKind = 'email' | 'phone' | 'address' | 'bank' | 'wallet' | 'device' | 'ip';

export type Identifier = {
  kind: IdentifierKind;
  /** Normalised value; equal (kind, key) means the same email, account, dwelling… */
  key: string;
  /** For explanations; bank accounts and phone numbers masked (maskIdentifier). */
  display: string;
  /** Where in the bundle, e.g. "changes[2].to". */
  path: string;
  /** Found on a reference (their contact), not the subject's own. */
  reference?: true;
  /** A shipping or home address (logistics), or the subject's own address record. */
  addressUse?: 'home' | 'shipping';
  /** Too common to mean anything on its own (egress IPs). */
  weak?: true;
};

/** Identifier kinds in decreasing strength: what one shared value says about two people. */
export const KIND_STRENGTH: Record<IdentifierKind, number> = {
  bank: 6,
  wallet: 5,
  email: 4,
  phone: 3,
  device: 2,
  address: 1,
  ip: 0,
};

export const KIND_WORDS: Record<IdentifierKind, string> = {
  email: 'email address',
  phone: 'phone number',
  address: 'address',
  bank: 'bank account',
  wallet: 'crypto wallet',
  device: 'device',
  ip: 'internet address',
};

/** All but the last `keep` letters/digits hidden: "+1 416 ••• ••34", "GB•• •••• •••• •••• 5432". */
export function maskTail(value: string, keep = 4): string {
  const total = (value.match(/[\p{L}\p{N}]/gu) ?? []).length;
  let seen = 0;
  return value.replace(/[\p{L}\p{N}]/gu, (c) => {
    seen++;
    return seen > total - keep || (seen <= 2 && c === '+') ? c : '•';
  });
}

const mapKey = (kind: IdentifierKind, key: string) => `${kind}:${key}`;

/** The identity of an identifier for indexes: "kind:key". */
export const identifierKey = (id: Pick<Identifier, 'kind' | 'key'>) => mapKey(id.kind, id.key);

/** "+1 ••••••••34": the country code and the last two digits. */
function phoneDisplay(e164: string): string {
  const cc = parsePhoneNumberFromString(e164)?.countryCallingCode ?? '';
  return `+${cc} ${maskTail(e164.slice(1 + cc.length), 2)}`;
}

function bankDisplay(kind: string, key: string, country?: string): string {
  const tail = key.replace(/[^A-Z0-9]/gi, '').slice(-4);
  const what = kind === 'iban' ? `IBAN ${key.slice(0, 2)}` : country ? `${country} account` : 'account';
  return `${what} ending ${tail}`;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

/** Every identifier of a bundle, normalised, in bundle order (the same value at two paths: listed twice). */
export function extractIdentifiers(bundle: CaseBundle): Identifier[] {
  const out: Identifier[] = [];
  const country = bundle.subject.claimedLocation?.country;
  const email = (value: unknown, path: string, reference?: true) => {
    const key = normalizeEmail(text(value));
    if (key) out.push({ kind: 'email', key, display: key, path, ...(reference ? { reference } : {}) });
  };
  const phone = (value: unknown, path: string, reference?: true) => {
    const key = normalizePhone(text(value), country);
    if (key)
      out.push({ kind: 'phone', key, display: phoneDisplay(key), path, ...(reference ? { reference } : {}) });
  };
  const address = (value: unknown, path: string, use?: 'home' | 'shipping') => {
    if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) return;
    const a = normalizeAddress(value as Parameters<typeof normalizeAddress>[0], country);
    if (a)
      out.push({
        kind: 'address',
        key: a.key,
        display: a.display,
        path,
        ...(use ? { addressUse: use } : {}),
      });
  };
  const bank = (value: unknown, path: string) => {
    if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) return;
    const b = normalizeBankAccount(value as Parameters<typeof normalizeBankAccount>[0]);
    if (b)
      out.push({
        kind: 'bank',
        key: `${b.kind}:${b.key}`,
        display: bankDisplay(b.kind, b.key, b.country),
        path,
      });
  };
  const device = (value: unknown, path: string) => {
    const key = normalizeDevice(text(value));
    if (key) out.push({ kind: 'device', key, display: key, path });
  };
  const ip = (value: unknown, path: string) => {
    const key = normalizeIp(text(value));
    if (key && isPublicIp(key)) out.push({ kind: 'ip', key, display: key, path, weak: true });
  };

  email(bundle.subject.email, 'subject.email');
  phone(bundle.subject.phone, 'subject.phone');
  address((bundle.subject as Record<string, unknown>).address, 'subject.address', 'home');
  (bundle.resume?.contact?.emails ?? []).forEach((e, i) => {
    email(e, `resume.contact.emails[${i}]`);
  });
  (bundle.resume?.contact?.phones ?? []).forEach((p, i) => {
    phone(p, `resume.contact.phones[${i}]`);
  });
  ip(bundle.application?.ip, 'application.ip');
  (bundle.logins ?? []).forEach((l, i) => {
    if (l.allowListed !== true) ip(l.ip, `logins[${i}].ip`);
    device(l.device, `logins[${i}].device`);
  });
  (bundle.changes ?? []).forEach((c, i) => {
    for (const side of ['to', 'from'] as const) {
      const value = c[side];
      const path = `changes[${i}].${side}`;
      if (c.field === 'shipping_address') address(value, path, 'shipping');
      else if (c.field === 'home_address') address(value, path, 'home');
      else if (c.field === 'bank_account') bank(value, path);
      else if (c.field === 'phone') phone(value, path);
      else if (c.field === 'email') email(value, path);
    }
  });
  (bundle.payments ?? []).forEach((p, i) => {
    const path = `payments[${i}].destination`;
    const wallet = normalizeWallet(text(p.destination));
    if (wallet) {
      out.push({ kind: 'wallet', key: `${wallet.chain}:${wallet.address}`, display: wallet.address, path });
      return;
    }
    if (p.method === 'crypto') return;
    const b = text(p.destination) ? normalizeBankAccount(p.destination!) : null;
    // Free text ("Payoneer") is not an account: only IBAN / CA / US forms, or "other" on a bank payment.
    if (b && (b.kind !== 'other' || (p.method === 'bank' && /\d{6}/.test(p.destination!)))) {
      out.push({
        kind: 'bank',
        key: `${b.kind}:${b.key}`,
        display: bankDisplay(b.kind, b.key, b.country),
        path,
      });
    }
  });
  (bundle.devices ?? []).forEach((d, i) => {
    device(d.hostname, `devices[${i}].hostname`);
    device((d as Record<string, unknown>).serial, `devices[${i}].serial`);
  });
  (bundle.references ?? []).forEach((r, i) => {
    email(r.email, `references[${i}].email`, true);
    phone(r.phone, `references[${i}].phone`, true);
  });
  return out;
}
