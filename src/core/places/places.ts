// Where a piece of text or a time zone points: consistency.location's candidate countries, the claims
// table's one country (only when unambiguous), resume import. Pure: country names come from
// i18n-iso-countries and the runtime's CLDR region names (Intl.DisplayNames); which countries use a time zone
// comes from CLDR through Intl.Locale (`timeZones` / `getTimeZones()`), no files read, no network.
//
// A place can point to more than one country and then agrees with any of them: in "City, XX" the XX is a US
// state or Canadian province by convention, but "CA" is also Canada and "IN" also India ("Edmonton, CA" and
// "San Francisco, CA" both occur), so such a place accepts both. A time zone accepts every country that uses
// it, and agrees with a claimed country that has a zone keeping the same clock all year (Europe/Zurich for
// Liechtenstein, America/New_York for Toronto): a time-zone setting says which clock someone keeps, nothing
// finer.
import countries from 'i18n-iso-countries';
import { utcOffsetMinutes } from '../detectors/util.ts';

export type PlaceCountries = {
  /** Every country the text may mean, the likeliest first. */
  countries: string[];
};

const US_STATES: Record<string, string> = {
  AL: 'alabama',
  AK: 'alaska',
  AZ: 'arizona',
  AR: 'arkansas',
  CA: 'california',
  CO: 'colorado',
  CT: 'connecticut',
  DE: 'delaware',
  DC: 'district of columbia',
  FL: 'florida',
  GA: 'georgia',
  HI: 'hawaii',
  ID: 'idaho',
  IL: 'illinois',
  IN: 'indiana',
  IA: 'iowa',
  KS: 'kansas',
  KY: 'kentucky',
  LA: 'louisiana',
  ME: 'maine',
  MD: 'maryland',
  MA: 'massachusetts',
  MI: 'michigan',
  MN: 'minnesota',
  MS: 'mississippi',
  MO: 'missouri',
  MT: 'montana',
  NE: 'nebraska',
  NV: 'nevada',
  NH: 'new hampshire',
  NJ: 'new jersey',
  NM: 'new mexico',
  NY: 'new york',
  NC: 'north carolina',
  ND: 'north dakota',
  OH: 'ohio',
  OK: 'oklahoma',
  OR: 'oregon',
  PA: 'pennsylvania',
  RI: 'rhode island',
  SC: 'south carolina',
  SD: 'south dakota',
  TN: 'tennessee',
  TX: 'texas',
  UT: 'utah',
  VT: 'vermont',
  VA: 'virginia',
  WA: 'washington',
  WV: 'west virginia',
  WI: 'wisconsin',
  WY: 'wyoming',
};
/** Territories people write as "City, PR"; not used for state names. */
const US_TERRITORIES = ['PR', 'GU', 'VI', 'AS', 'MP'];
const CA_PROVINCES: Record<string, string> = {
  AB: 'alberta',
  BC: 'british columbia',
  MB: 'manitoba',
  NB: 'new brunswick',
  NL: 'newfoundland and labrador',
  NS: 'nova scotia',
  NT: 'northwest territories',
  NU: 'nunavut',
  ON: 'ontario',
  PE: 'prince edward island',
  QC: 'quebec',
  SK: 'saskatchewan',
  YT: 'yukon',
};

/** Names people write that neither source knows, or knows differently. */
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
  'northern ireland': 'GB',
  'south korea': 'KR',
  'republic of korea': 'KR',
  'korea republic of': 'KR',
  'north korea': 'KP',
  dprk: 'KP',
  'democratic peoples republic of korea': 'KP',
  prc: 'CN',
  'peoples republic of china': 'CN',
  holland: 'NL',
  'viet nam': 'VN',
  uae: 'AE',
  burma: 'MM',
  czechia: 'CZ',
  'czech republic': 'CZ',
  russia: 'RU',
  'russian federation': 'RU',
  turkiye: 'TR',
  'ivory coast': 'CI',
};

/** A place name folded for comparison: no accents, lower case, punctuation to spaces, no leading "the". */
export const placeKey = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[’'`.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/^the /, '')
    .trim();

type NameIndex = {
  /** Country names (CLDR long and short, i18n-iso-countries' names, aliases) → their codes. */
  countries: Map<string, string[]>;
  /** US state and Canadian province names ("Texas", "Ontario") → their country. */
  regions: Map<string, string>;
};

let names: NameIndex | undefined;

function nameIndex(): NameIndex {
  if (names) return names;
  const map = new Map<string, string[]>();
  const add = (name: string | undefined, code: string) => {
    if (!name) return;
    const key = placeKey(name);
    if (key === '') return;
    const known = map.get(key);
    if (!known) map.set(key, [code]);
    else if (!known.includes(code)) known.push(code);
  };
  const codes = Object.keys(countries.getAlpha2Codes());
  const long = new Intl.DisplayNames(['en'], { type: 'region' });
  const short = new Intl.DisplayNames(['en'], { type: 'region', style: 'short' });
  for (const code of codes) {
    for (const name of [long.of(code), short.of(code)]) {
      add(name, code);
      add(name?.replace(/\s*\(.*\)$/, ''), code);
      add(name?.replace(/ SAR China$/, ''), code);
    }
    const listed = countries.getName(code, 'en', { select: 'all' });
    for (const name of Array.isArray(listed) ? listed : []) add(name, code);
  }
  for (const [name, code] of Object.entries(ALIASES)) map.set(name, [code]);
  const regions = new Map<string, string>();
  for (const name of Object.values(US_STATES)) regions.set(placeKey(name), 'US');
  for (const name of Object.values(CA_PROVINCES)) regions.set(placeKey(name), 'CA');
  names = { countries: map, regions };
  return names;
}

/** Every country a name may mean: a country first, then the country of a state or province of that name
 * ("Georgia" → GE, US; "Ontario" → CA). */
function countriesNamed(name: string): string[] | undefined {
  const key = placeKey(name);
  const index = nameIndex();
  const out = [...(index.countries.get(key) ?? [])];
  const region = index.regions.get(key);
  if (region !== undefined && !out.includes(region)) out.push(region);
  return out.length > 0 ? out : undefined;
}

function isCountryCode(code: string): boolean {
  return countries.isValid(code) && /^[A-Z]{2}$/.test(code);
}

/**
 * The countries a place written as text may be in: "Winnipeg, MB" → CA, "Phoenix, AZ" → US or AZ
 * (Arizona or Azerbaijan), "Lyon, France" → FR, "Canada" → CA. `undefined` when it names no country
 * ("Remote", "Toronto" alone).
 */
export function placeCountries(text: string): PlaceCountries | undefined {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean === '' || clean.length > 200) return undefined;
  const parts = clean
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const last = parts.at(-1);
  if (last === undefined) return undefined;
  const byName = countriesNamed(last);
  if (byName) return { countries: byName };
  if (parts.length < 2) return undefined;
  // "ON M5H 1A1", "AZ 85018", "CA": a code, perhaps followed by a postal code.
  const code = /^([A-Z]{2,3})(?:\s+[A-Z0-9][A-Z0-9 -]{2,9})?$/.exec(last)?.[1];
  if (code === undefined) return undefined;
  if (code.length === 3) {
    const a2 = countries.alpha3ToAlpha2(code);
    return a2 ? { countries: [a2] } : undefined;
  }
  const out: string[] = [];
  if (code in US_STATES) out.push('US');
  if (code in CA_PROVINCES) out.push('CA');
  if (isCountryCode(code) && !out.includes(code)) out.push(code);
  return out.length > 0 ? { countries: out } : undefined;
}

/** The country of a free-text country answer: a code ("CA", "CAN") or a name ("Canada"). */
export function countryOfAnswer(text: string): string | undefined {
  const t = text.trim();
  if (/^[A-Za-z]{2}$/.test(t) && isCountryCode(t.toUpperCase())) return t.toUpperCase();
  if (/^[A-Z]{3}$/.test(t)) return countries.alpha3ToAlpha2(t) ?? undefined;
  const byName = countriesNamed(t);
  return byName?.length === 1 ? byName[0] : undefined;
}

/**
 * ISO 3166-1 alpha-2 for a country field written as alpha-2 ("UK" too), alpha-3 or an English country name
 * (never a state: "Georgia" is the country); undefined when unknown.
 */
export function countryCode(value: string | undefined | null): string | undefined {
  const v = value?.trim();
  if (!v || v.length > 80) return undefined;
  if (/^[A-Za-z]{2}$/.test(v)) {
    const upper = v.toUpperCase();
    if (upper === 'UK') return 'GB';
    return isCountryCode(upper) ? upper : undefined;
  }
  if (/^[A-Za-z]{3}$/.test(v)) {
    const alpha2 = countries.alpha3ToAlpha2(v.toUpperCase());
    if (alpha2) return alpha2;
  }
  return nameIndex().countries.get(placeKey(v))?.[0];
}

/** The country's English name for explanations ("South Korea"), or the code when the runtime has none. */
export function countryLabel(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** US state and territory codes, Canadian province and territory codes → their country ("OR" → US). */
export function regionCountry(code: string): string | undefined {
  const upper = code.toUpperCase();
  if (upper in US_STATES || US_TERRITORIES.includes(upper)) return 'US';
  if (upper in CA_PROVINCES) return 'CA';
  return undefined;
}

type LocaleWithZones = Intl.Locale & { timeZones?: string[]; getTimeZones?: () => string[] };

/** The IANA zones CLDR lists for a region (`[]` when the runtime cannot say). */
function regionZones(code: string): string[] {
  try {
    const locale = new Intl.Locale(`und-${code}`) as LocaleWithZones;
    return locale.getTimeZones?.() ?? locale.timeZones ?? [];
  } catch {
    return [];
  }
}

const canonical = new Map<string, string | undefined>();

/** The runtime's canonical id of a zone (America/Montreal → America/Toronto); `undefined` when unknown. */
export function canonicalZone(zone: string): string | undefined {
  if (canonical.has(zone)) return canonical.get(zone);
  let id: string | undefined;
  try {
    id = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    id = undefined;
  }
  if (canonical.size > 1000) canonical.clear();
  canonical.set(zone, id);
  return id;
}

let zoneIndex: Map<string, string[]> | undefined;

/** The countries that use a time zone (Asia/Shanghai → CN); `[]` for zones of no country (UTC, Etc/GMT+5). */
export function zoneCountries(zone: string): string[] {
  if (!zoneIndex) {
    zoneIndex = new Map();
    for (const code of Object.keys(countries.getAlpha2Codes())) {
      for (const z of regionZones(code)) {
        const id = canonicalZone(z) ?? z;
        const list = zoneIndex.get(id);
        if (!list) zoneIndex.set(id, [code]);
        else if (!list.includes(code)) list.push(code);
      }
    }
  }
  const id = canonicalZone(zone);
  return id ? (zoneIndex.get(id) ?? []) : [];
}

const sameClockMemo = new Map<string, string | null>();

/**
 * A zone of `country` that keeps the same clock as `zone` through the whole year of `now` (the UTC offset
 * at noon on the 1st and 15th of every month), or `undefined` when none does.
 */
export function sameClockZone(zone: string, country: string, now: Date): string | undefined {
  const year = now.getUTCFullYear();
  const key = `${zone}|${country}|${year}`;
  const memo = sameClockMemo.get(key);
  if (memo !== undefined) return memo ?? undefined;
  const instants: number[] = [];
  for (let month = 0; month < 12; month++)
    for (const day of [1, 15]) instants.push(Date.UTC(year, month, day, 12));
  const id = canonicalZone(zone);
  let found: string | undefined;
  if (id) {
    const offsets = instants.map((ms) => utcOffsetMinutes(ms, id));
    found = regionZones(country).find((z) => {
      const other = canonicalZone(z);
      return other !== undefined && instants.every((ms, i) => utcOffsetMinutes(ms, other) === offsets[i]);
    });
  }
  if (sameClockMemo.size > 1000) sameClockMemo.clear();
  sameClockMemo.set(key, found ?? null);
  return found;
}
