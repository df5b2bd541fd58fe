// Normal form of indicator values, used both when indicators are imported and when a subject's identifiers
// are matched, so the same email, phone, wallet, domain, GitHub account, IP or URL written differently
// compares equal. Everything but URLs uses the shared identifier normalisation (core/links/normalize.ts):
// emails without Gmail dots or +tags, phones in E.164, wallets validated per chain, IPs canonical.
import {
  normalizeDomain,
  normalizeEmail,
  normalizeGithub,
  normalizeIp,
  normalizePhone,
  normalizeWallet,
} from '../links/normalize.ts';
import type { IndicatorKind } from './indicators.ts';

const MAX_VALUE = 2048;

/** An http(s) URL without its fragment; host lower case (and punycode), a lone trailing / removed. */
export function normalizeIndicatorUrl(input: string): string | null {
  const raw = input.trim();
  if (!/^https?:\/\//i.test(raw)) return null;
  try {
    const url = new URL(raw);
    url.hash = '';
    const text = url.href;
    return url.pathname === '/' && url.search === '' ? text.slice(0, -1) : text;
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
      return normalizeEmail(input);
    case 'phone':
      return normalizePhone(input, defaultCountry);
    case 'wallet':
      return normalizeWallet(input)?.address ?? null;
    case 'domain':
      return normalizeDomain(input);
    case 'github':
      return normalizeGithub(input);
    case 'ip':
      return normalizeIp(input);
    case 'url':
      return normalizeIndicatorUrl(input);
  }
}
