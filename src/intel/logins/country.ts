// Country names as identity providers write them ("United States", "Russia", "Congo Republic") → ISO 3166-1
// alpha-2. Names come from i18n-iso-countries (with its aliases) and the runtime's CLDR region names
// (Intl.DisplayNames); a few GeoIP spellings neither knows are listed below.
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';

const require = createRequire(import.meta.url);

/** GeoIP/MaxMind-style spellings (as Okta writes them) that neither source above knows. */
const GEOIP_SPELLINGS: Record<string, string> = {
  'congo republic': 'CG',
  'dr congo': 'CD',
  'hashemite kingdom of jordan': 'JO',
  'republic of lithuania': 'LT',
  'republic of moldova': 'MD',
  burma: 'MM',
  swaziland: 'SZ',
  macedonia: 'MK',
  'east timor': 'TL',
  'cabo verde': 'CV',
  'federated states of micronesia': 'FM',
  'viet nam': 'VN',
  'lao peoples democratic republic': 'LA',
  'syrian arab republic': 'SY',
  'iran islamic republic of': 'IR',
  'korea democratic peoples republic of': 'KP',
  'democratic peoples republic of korea': 'KP',
  dprk: 'KP',
  'bonaire sint eustatius and saba': 'BQ',
  'saint martin': 'MF',
  aland: 'AX',
  'vatican city': 'VA',
};

function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bst\.?\s/g, 'saint ')
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/^the /, '')
    .trim();
}

let index: Map<string, string> | undefined;
/** Answers per input text: logs repeat a few hundred country spellings millions of times. */
const memo = new Map<string, string | undefined>();
const MEMO_LIMIT = 10_000;

function buildIndex(): Map<string, string> {
  countries.registerLocale(require('i18n-iso-countries/langs/en.json'));
  const map = new Map<string, string>();
  const add = (name: string | undefined, code: string) => {
    if (name === undefined) return;
    const key = normalizeName(name);
    if (key !== '' && !map.has(key)) map.set(key, code);
    const bare = key.replace(/ \(.*\)$/, '');
    if (bare !== key && !map.has(bare)) map.set(bare, code);
  };
  const all = countries.getNames('en', { select: 'all' });
  for (const [code, names] of Object.entries(all)) for (const name of names) add(name, code);
  const long = new Intl.DisplayNames(['en'], { type: 'region' });
  const short = new Intl.DisplayNames(['en'], { type: 'region', style: 'short' });
  for (const code of Object.keys(all)) {
    add(long.of(code), code);
    add(short.of(code), code);
    // "Myanmar (Burma)", "Hong Kong SAR China" → also without the qualifier.
    add(long.of(code)?.replace(/\s*\(.*\)$/, ''), code);
    add(long.of(code)?.replace(/ SAR China$/, ''), code);
  }
  for (const [name, code] of Object.entries(GEOIP_SPELLINGS)) add(name, code);
  return map;
}

/**
 * ISO 3166-1 alpha-2 code for a country name or code as a provider wrote it; undefined when unknown.
 * Accepts alpha-2 ("us"), alpha-3 ("USA") and English names with the usual variants.
 */
export function countryToIso(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (memo.has(value)) return memo.get(value);
  const code = lookUp(value);
  if (memo.size < MEMO_LIMIT) memo.set(value, code);
  return code;
}

function lookUp(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  index ??= buildIndex();
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const upper = trimmed.toUpperCase();
    if (upper === 'UK') return 'GB';
    return countries.isValid(upper) || upper === 'XK' ? upper : undefined;
  }
  if (/^[A-Za-z]{3}$/.test(trimmed)) {
    const alpha2 = countries.alpha3ToAlpha2(trimmed.toUpperCase());
    if (alpha2 !== undefined) return alpha2;
  }
  return index.get(normalizeName(trimmed));
}
