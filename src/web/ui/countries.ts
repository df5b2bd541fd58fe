// Country, currency and time-zone choices, built from the browser's Intl data (no bundled lists).
import { isCountryCode } from '../../core/bundle/formats.ts';

const regionNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' });
  } catch {
    return null;
  }
})();

export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  try {
    return regionNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

let countryOptionsCache: { value: string; label: string }[] | undefined;

/** Every ISO 3166-1 alpha-2 code the bundle accepts, labelled "Canada (CA)", sorted by name. */
export function countryOptions(): { value: string; label: string }[] {
  if (countryOptionsCache) return countryOptionsCache;
  const out: { value: string; label: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (isCountryCode(code)) out.push({ value: code, label: `${countryName(code)} (${code})` });
    }
  }
  out.sort((x, y) => x.label.localeCompare(y.label));
  countryOptionsCache = out;
  return out;
}

const COMMON_CURRENCIES = [
  'USD',
  'CAD',
  'EUR',
  'GBP',
  'AUD',
  'INR',
  'JPY',
  'CNY',
  'CHF',
  'MXN',
  'BRL',
  'PHP',
];

export function currencyOptions(): string[] {
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('currency');
  } catch {
    all = [];
  }
  const rest = all.filter((c) => !COMMON_CURRENCIES.includes(c));
  return [...COMMON_CURRENCIES, ...rest];
}

/** IANA zones known to the browser, with UTC and the browser's own zone always present. */
export function timeZoneOptions(): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  return [...new Set([browserTimeZone(), 'UTC', ...zones].filter(Boolean))];
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
