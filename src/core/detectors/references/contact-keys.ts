// Normalised contact values, so the same email, phone or address written differently compares equal:
// emails lower-case with +tags removed (and dots removed for Gmail, which ignores them); phones to E.164
// with libphonenumber-js, reading national numbers in the subject's claimed country (numbers it cannot
// validate fall back to their digits); addresses lower-case, accents and punctuation removed.
import type { CaseBundle } from '../../bundle/schema.ts';
import { phoneInfo } from '../contact/phone.ts';
import { isObject, normalizeText } from '../util.ts';

export type ContactKind = 'email' | 'phone' | 'address';
export type ContactKey = { kind: ContactKind; key: string; shown: string };

const MAX_INPUT = 320;
const GMAIL = new Set(['gmail.com', 'googlemail.com']);

export function emailKey(input: string | undefined): ContactKey | undefined {
  const email = input?.trim().toLowerCase();
  if (!email || email.length > MAX_INPUT) return undefined;
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return undefined;
  let local = email.slice(0, at).split('+')[0]!;
  let domain = email.slice(at + 1).replace(/\.$/, '');
  if (GMAIL.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
  }
  if (!local) return undefined;
  const key = `${local}@${domain}`;
  return { kind: 'email', key, shown: key };
}

export function phoneKey(input: string | undefined, country: string | undefined): ContactKey | undefined {
  const phone = input?.trim();
  if (!phone || phone.length > 64) return undefined;
  // "00" is the international prefix almost everywhere: read 0044… as +44… whatever the country.
  const info = phoneInfo(phone.replace(/^00(?=[1-9])/, '+'), country);
  if (info) return { kind: 'phone', key: info.e164, shown: info.international };
  // Not a valid range: compare the digits (international prefix 00 read as +), when there are enough.
  const digits = phone.replace(/^\s*(\+|00)/, '').replace(/\D/g, '');
  if (digits.length < 7) return undefined;
  return { kind: 'phone', key: `digits:${digits}`, shown: phone };
}

const ADDRESS_PARTS = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;

/** An address given as text or as { line1, city, postalCode, … }; too short to tell places apart → none. */
export function addressKey(input: unknown): ContactKey | undefined {
  let text: string | undefined;
  if (typeof input === 'string') text = input;
  else if (isObject(input)) {
    text = ADDRESS_PARTS.map((p) => input[p])
      .filter((v): v is string => typeof v === 'string')
      .join(', ');
  }
  if (!text?.trim() || text.length > 1000) return undefined;
  const key = normalizeText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  // A street needs a number and a name: "Toronto, CA" alone is not an address two people can share.
  if (key.length < 8 || !/\p{N}/u.test(key) || !/\p{L}/u.test(key)) return undefined;
  return { kind: 'address', key, shown: text.trim().replace(/\s+/g, ' ') };
}

/** The subject's own addresses: subject.address, and home/shipping addresses from HR changes. */
export function subjectAddresses(bundle: CaseBundle): { key: ContactKey; path: string }[] {
  const out: { key: ContactKey; path: string }[] = [];
  const own = addressKey((bundle.subject as Record<string, unknown>).address);
  if (own) out.push({ key: own, path: 'subject.address' });
  (bundle.changes ?? []).forEach((c, i) => {
    if (c.field !== 'home_address' && c.field !== 'shipping_address') return;
    for (const side of ['to', 'from'] as const) {
      const k = addressKey(c[side]);
      if (k) out.push({ key: k, path: `changes[${i}].${side}` });
    }
  });
  return out;
}

/** A reference's own address, when the bundle carries one (references[].address, text or object). */
export function referenceAddress(ref: unknown): ContactKey | undefined {
  return isObject(ref) ? addressKey(ref.address) : undefined;
}

export const kindWords: Record<ContactKind, string> = {
  email: 'the email address',
  phone: 'the phone number',
  address: 'the address',
};
