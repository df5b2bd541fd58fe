// Reading a place as people write it ("Toronto, ON, Canada", "Seoul, KR", "San Francisco, CA", a claimed
// location object) into a country code and a city, for the claims table. Pure: country names come from the
// runtime's CLDR region names (Intl.DisplayNames) and i18n-iso-countries' code tables, no files read.
// "City, XX" with a US state or Canadian province code is placed in that country ("Portland, OR"), except
// when XX is also a country code: "CA" is California and Canada, "IN" Indiana and India, so for those only
// the city is kept and compared, rather than guessing the country.
import countries from 'i18n-iso-countries';
import { isObject } from '../detectors/util.ts';

export type Place = { text: string; country?: string; city?: string };

// US states and territories, Canadian provinces and territories: "City, XX" with one of these is not a country.
const US_STATES =
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP'.split(
    ' ',
  );
const CA_PROVINCES = 'AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' ');
const REGIONS = new Map<string, string>([
  ...US_STATES.map((s) => [s, 'US'] as const),
  ...CA_PROVINCES.map((p) => [p, 'CA'] as const),
]);

const ALIASES: Record<string, string> = {
  usa: 'US',
  'u s a': 'US',
  'u s': 'US',
  america: 'US',
  'united states of america': 'US',
  uk: 'GB',
  'u k': 'GB',
  britain: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'republic of korea': 'KR',
  'korea republic of': 'KR',
  'south korea': 'KR',
  'north korea': 'KP',
  dprk: 'KP',
  'democratic peoples republic of korea': 'KP',
  prc: 'CN',
  'peoples republic of china': 'CN',
  holland: 'NL',
  'czech republic': 'CZ',
  russia: 'RU',
  'russian federation': 'RU',
  'viet nam': 'VN',
  uae: 'AE',
};

const key = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[’'`.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/^the /, '')
    .trim();

let names: Map<string, string> | undefined;

function nameIndex(): Map<string, string> {
  if (names) return names;
  const map = new Map<string, string>(Object.entries(ALIASES));
  const long = new Intl.DisplayNames(['en'], { type: 'region' });
  const short = new Intl.DisplayNames(['en'], { type: 'region', style: 'short' });
  for (const code of Object.keys(countries.getAlpha2Codes())) {
    for (const name of [long.of(code), short.of(code), long.of(code)?.replace(/\s*\(.*\)$/, '')]) {
      if (!name || name === code) continue;
      const k = key(name);
      if (k !== '' && !map.has(k)) map.set(k, code);
    }
  }
  names = map;
  return map;
}

/** ISO 3166-1 alpha-2 for a country written as alpha-2, alpha-3 or an English name; undefined when unknown. */
export function countryCode(value: string | undefined | null): string | undefined {
  const v = value?.trim();
  if (!v || v.length > 80) return undefined;
  if (/^[A-Za-z]{2}$/.test(v)) {
    const upper = v.toUpperCase();
    if (upper === 'UK') return 'GB';
    return countries.isValid(upper) ? upper : undefined;
  }
  if (/^[A-Za-z]{3}$/.test(v)) {
    const alpha2 = countries.alpha3ToAlpha2(v.toUpperCase());
    if (alpha2) return alpha2;
  }
  return nameIndex().get(key(v));
}

/** The country's English name for explanations ("South Korea"), or the code when the runtime has none. */
export function countryLabel(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const REMOTE = /^(remote|anywhere|worldwide|n\/?a|none|-+)$/i;

/** A place from text or from a `{city, region, country}` object; undefined when there is nothing to read. */
export function readPlace(input: unknown): Place | undefined {
  if (isObject(input)) {
    const city = typeof input.city === 'string' ? input.city.trim() : '';
    const region = typeof input.region === 'string' ? input.region.trim() : '';
    const country = typeof input.country === 'string' ? countryCode(input.country) : undefined;
    const text = [city, region, typeof input.country === 'string' ? input.country.trim() : '']
      .filter((p) => p !== '')
      .join(', ');
    if (text === '') return undefined;
    return { text, ...(country ? { country } : {}), ...(city ? { city } : {}) };
  }
  if (typeof input !== 'string') return undefined;
  const text = input.trim().replace(/\s+/g, ' ');
  if (text === '' || text.length > 200 || REMOTE.test(text)) return undefined;
  const parts = text
    .replace(/\((remote|hybrid|on-?site)\)/gi, '')
    .split(/\s*[,/|]\s*|\s+[-–]\s+/)
    .map((p) => p.trim())
    .filter((p) => p !== '' && !REMOTE.test(p));
  if (parts.length === 0) return undefined;
  const last = parts[parts.length - 1] ?? '';
  if (parts.length === 1) {
    const country = countryCode(last);
    return country && !/^[A-Za-z]{2}$/.test(last) ? { text, country } : { text, city: last };
  }
  const city = parts[0] ?? '';
  const upper = last.toUpperCase();
  // "Portland, OR" is Oregon and "Toronto, ON" Ontario; "Ottawa, CA" may be California or Canada. With
  // three or more parts ("Toronto, ON, CA") the last one is the country.
  const region = parts.length === 2 && /^[A-Za-z]{2}$/.test(last) ? REGIONS.get(upper) : undefined;
  if (region !== undefined)
    return countries.isValid(upper) ? { text, city } : { text, city, country: region };
  const country = countryCode(last);
  return country ? { text, city, country } : { text, city };
}

const cityKey = (s: string) => key(s).replace(/^(city of|greater) /, '');

/** Whether two city names are the same town ("Montréal" = "Montreal", "Greater Toronto" = "Toronto"). */
export function sameCity(a: string, b: string): boolean {
  return cityKey(a) === cityKey(b);
}
