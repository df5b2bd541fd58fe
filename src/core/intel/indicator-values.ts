// Normal form of indicator values, used both when indicators are imported and when a subject's identifiers
// are matched, so the same email, phone, wallet, domain, GitHub account, IP or URL written differently
// compares equal. Emails and phones reuse the contact keys the other detectors use (Gmail dots and +tags
// removed; phones in E.164); wallets are validated per chain; IPs canonical (IPv4-mapped IPv6 unwrapped).
import ipaddr from 'ipaddr.js';
import { findWallets } from '../detectors/payments/wallets.ts';
import { emailKey, phoneKey } from '../detectors/references/contact-keys.ts';
import type { IndicatorKind } from './indicators.ts';

const MAX_VALUE = 2048;
const GITHUB_NAME = /^[a-z0-9](?:[a-z0-9-]{0,38})$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

export function normalizeIndicatorEmail(input: string): string | null {
  const key = emailKey(input);
  if (!key) return null;
  const domain = key.key.slice(key.key.lastIndexOf('@') + 1);
  return /\s/.test(key.key) || normalizeIndicatorDomain(domain) === null ? null : key.key;
}

export function normalizeIndicatorPhone(input: string, defaultCountry?: string): string | null {
  const key = phoneKey(input, defaultCountry);
  return key && !key.key.startsWith('digits:') ? key.key : null;
}

export function normalizeIndicatorDomain(input: string): string | null {
  const raw = input.trim().toLowerCase().replace(/\.$/, '');
  if (raw === '' || raw.length > 253 || /[\s/@:?#]/.test(raw)) return null;
  let host: string;
  try {
    host = new URL(`http://${raw}/`).hostname;
  } catch {
    return null;
  }
  return DOMAIN.test(host) ? host : null;
}

export function normalizeIndicatorIp(input: string): string | null {
  const raw = input.trim();
  if (!ipaddr.isValid(raw)) return null;
  try {
    const addr = ipaddr.parse(raw);
    if (addr.kind() === 'ipv6') {
      const v6 = addr as ipaddr.IPv6;
      if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
      return v6.toNormalizedString() === '' ? null : v6.toString();
    }
    // ipaddr.isValid also accepts "1", "0x7f.1" and other legacy forms: only dotted quads are addresses here.
    return ipaddr.IPv4.isValidFourPartDecimal(raw) ? addr.toString() : null;
  } catch {
    return null;
  }
}

export function normalizeIndicatorGithub(input: string): string | null {
  let raw = input.trim();
  const url = /^(?:https?:\/\/)?(?:www\.)?github\.com\/([^/?#\s]+)/i.exec(raw);
  if (url) raw = url[1]!;
  raw = raw.replace(/^@/, '').toLowerCase();
  return GITHUB_NAME.test(raw) && !raw.endsWith('-') ? raw : null;
}

/** A wallet address validated for its chain; EVM addresses lower-case (their checksum is only letter case). */
export function normalizeIndicatorWallet(input: string): string | null {
  const raw = input.trim();
  if (raw === '' || raw.length > 128 || /\s/.test(raw)) return null;
  const found = findWallets(raw);
  const wallet = found.find((w) => w.address === raw);
  if (!wallet) return null;
  if (raw.startsWith('0x')) return raw.toLowerCase();
  if (/^(bc1|ltc1)/i.test(raw)) return raw.toLowerCase();
  return raw;
}

export function normalizeIndicatorUrl(input: string): string | null {
  const raw = input.trim();
  if (!/^https?:\/\//i.test(raw)) return null;
  try {
    const url = new URL(raw);
    url.hash = '';
    const text = url.href;
    return text.endsWith('/') && url.pathname === '/' && url.search === '' ? text.slice(0, -1) : text;
  } catch {
    return null;
  }
}

/** The value in normal form for its kind, or null when it is not a valid value of that kind. */
export function normalizeIndicatorValue(
  kind: IndicatorKind,
  input: string,
  defaultCountry?: string,
): string | null {
  if (typeof input !== 'string' || input.length > MAX_VALUE) return null;
  switch (kind) {
    case 'email':
      return normalizeIndicatorEmail(input);
    case 'phone':
      return normalizeIndicatorPhone(input, defaultCountry);
    case 'wallet':
      return normalizeIndicatorWallet(input);
    case 'domain':
      return normalizeIndicatorDomain(input);
    case 'github':
      return normalizeIndicatorGithub(input);
    case 'ip':
      return normalizeIndicatorIp(input);
    case 'url':
      return normalizeIndicatorUrl(input);
  }
}
