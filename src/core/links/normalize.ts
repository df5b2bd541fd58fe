// Normalised identifiers, so the same email, phone, address, bank account, wallet, device or address on the
// internet written two ways compares equal — and two different ones do not. Every function takes what a
// person or a system typed and returns a canonical key, or null when the value is not usable (too short,
// malformed, fails its checksum). Pure: no I/O; the libraries used ship their data in the package.
import { electronicFormatIBAN, validateIBAN } from 'ibantools';
import ipaddr from 'ipaddr.js';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import WAValidator from 'multicoin-address-validator';

const MAX_INPUT = 1000;

// ---------------------------------------------------------------------------------------------- email

/** Gmail ignores dots in the local part; googlemail.com is the same mailbox. */
const GMAIL = new Set(['gmail.com', 'googlemail.com']);
/** Providers that deliver "name+tag@" to "name@" (sub-addressing). */
const PLUS_TAG_PROVIDERS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'protonmail.com',
  'proton.me',
  'pm.me',
  'fastmail.com',
  'fastmail.fm',
  'zoho.com',
  'yandex.com',
  'yandex.ru',
  'gmx.com',
  'gmx.net',
  'mail.com',
  'tutanota.com',
  'hey.com',
]);

/**
 * An email address in canonical form: lower case; for Gmail/Googlemail dots and +tags removed (and the
 * domain read as gmail.com); +tags removed for the providers that deliver them to the same mailbox.
 * Other domains keep their local part as written (lower case): "+" may be a real part of the address there.
 */
export function normalizeEmail(input: string | null | undefined): string | null {
  const email = input
    ?.trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  if (!email || email.length > 320) return null;
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return null;
  let local = email.slice(0, at);
  let domain = normalizeDomain(email.slice(at + 1));
  if (!domain?.includes('.') || /\s/.test(local)) return null;
  if (!domain) return null;
  if (PLUS_TAG_PROVIDERS.has(domain)) local = local.split('+')[0]!;
  if (GMAIL.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
  }
  if (!local) return null;
  return `${local}@${domain}`;
}

// ---------------------------------------------------------------------------------------------- phone

/**
 * A phone number in E.164 (+14165550134), read with libphonenumber's full metadata. A number without a
 * country code is read in `defaultCountry` (ISO alpha-2); "00" is read as the international prefix.
 * Not a valid number for its range → null.
 */
export function normalizePhone(input: string | null | undefined, defaultCountry?: string): string | null {
  const phone = input?.trim().replace(/^tel:/i, '');
  if (!phone || phone.length > 64) return null;
  const cc = defaultCountry && /^[a-z]{2}$/i.test(defaultCountry) ? defaultCountry.toUpperCase() : undefined;
  try {
    const parsed = parsePhoneNumberFromString(
      phone.replace(/^00(?=[1-9])/, '+'),
      cc ? { defaultCountry: cc as CountryCode } : undefined,
    );
    return parsed?.isValid() ? parsed.number : null;
  } catch {
    return null;
  }
}

// --------------------------------------------------------------------------------------------- wallet

export type WalletKey = { chain: 'eth' | 'trx' | 'btc' | 'ltc' | 'xmr'; address: string };

const B58 = '1-9A-HJ-NP-Za-km-z';
const WALLET_FORMATS: { pattern: RegExp; chain: WalletKey['chain']; fold: boolean }[] = [
  // EVM addresses: the mixed case is only a checksum (EIP-55), so the key is lower case.
  { pattern: /^0x[0-9a-f]{40}$/i, chain: 'eth', fold: true },
  { pattern: new RegExp(`^T[${B58}]{33}$`), chain: 'trx', fold: false },
  { pattern: new RegExp(`^[13][${B58}]{25,34}$`), chain: 'btc', fold: false },
  // Bech32 is case-insensitive (all lower or all upper); the key is lower case.
  { pattern: /^bc1[02-9ac-hj-np-z]{11,71}$/i, chain: 'btc', fold: true },
  { pattern: new RegExp(`^[LM][${B58}]{26,33}$`), chain: 'ltc', fold: false },
  { pattern: /^ltc1[02-9ac-hj-np-z]{11,71}$/i, chain: 'ltc', fold: true },
  { pattern: new RegExp(`^[48][0-9AB][${B58}]{93}$`), chain: 'xmr', fold: false },
];

/**
 * A crypto wallet address with its chain, validated per chain (checksums via multicoin-address-validator):
 * Ethereum/EVM, Tron, Bitcoin (legacy and bech32), Litecoin, Monero. Accepts payment URIs
 * ("bitcoin:bc1…?amount=1"). Anything that does not validate → null.
 */
export function normalizeWallet(input: string | null | undefined): WalletKey | null {
  let s = input?.trim();
  if (!s || s.length > 200) return null;
  s = s.replace(/^(bitcoin|litecoin|ethereum|tron|monero):/i, '').replace(/[?@/].*$/, '');
  for (const { pattern, chain, fold } of WALLET_FORMATS) {
    if (!pattern.test(s)) continue;
    // Bech32 and hex must not mix cases; the validator checks EIP-55 when the case is mixed.
    if (/^(bc1|ltc1)/i.test(s) && s !== s.toLowerCase() && s !== s.toUpperCase()) return null;
    let valid = false;
    try {
      valid = WAValidator.validate(chain === 'eth' || /^(bc1|ltc1)/i.test(s) ? s.toLowerCase() : s, chain);
      if (valid && chain === 'eth' && /[a-f]/.test(s) && /[A-F]/.test(s))
        valid = WAValidator.validate(s, 'eth');
    } catch {
      valid = false;
    }
    if (valid) return { chain, address: fold ? s.toLowerCase() : s };
  }
  return null;
}

// ------------------------------------------------------------------------------------------------- ip

/**
 * An IP address in canonical form (IPv4 dotted quad; IPv6 compressed, lower case); IPv4-mapped IPv6
 * (::ffff:1.2.3.4) unwrapped to IPv4. A zone id or port is not an address → null.
 */
export function normalizeIp(input: string | null | undefined): string | null {
  const s = input?.trim();
  if (!s || s.length > 64) return null;
  if (!ipaddr.isValid(s)) return null;
  // ipaddr accepts shorthand like "10.1" as IPv4; only the four-part dotted form counts here.
  if (!s.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(s)) return null;
  try {
    return ipaddr.process(s).toString();
  } catch {
    return null;
  }
}

/** Whether an address is public unicast (not private, loopback, link-local, CGNAT, reserved, multicast). */
export function isPublicIp(input: string | null | undefined): boolean {
  const ip = normalizeIp(input);
  if (!ip) return false;
  return ipaddr.parse(ip).range() === 'unicast';
}

// --------------------------------------------------------------------------------------------- domain

/**
 * A domain name: lower case, no trailing dot, internationalised names in punycode (xn--). Accepts a URL
 * or "host:port" and keeps the host. Not a host name → null.
 */
export function normalizeDomain(input: string | null | undefined): string | null {
  let s = input?.trim();
  if (!s || s.length > 300) return null;
  s = s
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .replace(/^[^@]*@/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '');
  if (!s || /\s/.test(s)) return null;
  let host: string;
  try {
    host = new URL(`http://${s}/`).hostname;
  } catch {
    return null;
  }
  if (!host || host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host)) return null;
  host = host.replace(/\.$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host) || host.split('.').some((l) => !l || l.length > 63)) {
    return null;
  }
  return host;
}

// --------------------------------------------------------------------------------------------- github

/** github.com paths that are not accounts. */
const GITHUB_RESERVED = new Set([
  'about',
  'apps',
  'collections',
  'contact',
  'explore',
  'features',
  'issues',
  'join',
  'login',
  'marketplace',
  'new',
  'notifications',
  'orgs',
  'pricing',
  'pulls',
  'search',
  'settings',
  'site',
  'sponsors',
  'topics',
  'trending',
  'users',
]);

/**
 * A GitHub account name, lower case, from "https://github.com/Name/repo", "github.com/name", "@Name" or
 * "name". GitHub's rules: letters, digits and single hyphens, 1–39 characters, no hyphen at either end.
 */
export function normalizeGithub(input: string | null | undefined): string | null {
  let s = input?.trim();
  if (!s || s.length > 300) return null;
  const url = /^(?:[a-z]+:\/\/)?(?:www\.)?github\.com\/([^/?#\s]+)/i.exec(s);
  if (url) s = url[1]!;
  else if (/[/.]/.test(s)) return null;
  s = s.replace(/^@/, '').toLowerCase();
  if (!/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/.test(s)) return null;
  if (GITHUB_RESERVED.has(s)) return null;
  return s;
}

// --------------------------------------------------------------------------------------------- device

/** Names that come out of the box on countless machines: they tell nobody apart. */
const GENERIC_DEVICE_NAMES = new Set([
  'localhost',
  'localhost.localdomain',
  'ubuntu',
  'debian',
  'kali',
  'raspberrypi',
  'desktop',
  'laptop',
  'pc',
  'computer',
  'admin',
  'administrator',
  'user',
  'user-pc',
  'admin-pc',
  'macbook',
  'macbook-pro',
  'macbook-air',
  'imac',
  'mac',
  'iphone',
  'ipad',
  'android',
  'windows',
  'unknown',
  'none',
  'n/a',
  'default',
  'to be filled by o.e.m.',
  'default string',
  'system serial number',
  '0',
  '123456789',
]);

/**
 * A device identifier (host name, serial number, device id): trimmed, case-folded, inner whitespace
 * collapsed; a fully-qualified host name keeps only its first label ("DESKTOP-7QK2.corp.example" and
 * "desktop-7qk2" are one machine). Factory defaults and generic names ("localhost", "MacBook-Pro",
 * "To be filled by O.E.M.") and values under 4 characters → null.
 */
export function normalizeDevice(input: string | null | undefined): string | null {
  let s = input?.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!s || s.length > 200) return null;
  if (GENERIC_DEVICE_NAMES.has(s)) return null;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(s) && !/^\d+(\.\d+)+$/.test(s)) s = s.split('.')[0]!;
  if (s.length < 4 || GENERIC_DEVICE_NAMES.has(s) || /^(.)\1+$/.test(s)) return null;
  return s;
}

// ----------------------------------------------------------------------------------------------- bank

export type BankKey = { kind: 'iban' | 'ca' | 'us' | 'other'; key: string; country?: string };

export type BankInput = {
  iban?: string;
  bic?: string;
  swift?: string;
  accountNumber?: string;
  account?: string;
  routingNumber?: string;
  routing?: string;
  aba?: string;
  transit?: string;
  institution?: string;
  country?: string;
  [k: string]: unknown;
};

/** ABA routing number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function isValidAbaRouting(routing: string): boolean {
  if (!/^\d{9}$/.test(routing) || routing === '000000000') return false;
  const d = [...routing].map(Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0;
}

const digitsOnly = (s: string) => s.replace(/\D/g, '');
const accountDigits = (s: string) => digitsOnly(s).replace(/^0+(?=\d)/, '');
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function ibanKey(raw: string): BankKey | null {
  const iban = electronicFormatIBAN(raw);
  if (!iban || !validateIBAN(iban).valid) return null;
  return { kind: 'iban', key: iban, country: iban.slice(0, 2) };
}

function caKey(transit: string, institution: string, account: string): BankKey | null {
  const a = accountDigits(account);
  if (!/^\d{5}$/.test(transit) || !/^\d{3}$/.test(institution) || a.length < 5 || a.length > 12) return null;
  return { kind: 'ca', key: `${institution}-${transit}-${a}`, country: 'CA' };
}

function usKey(routing: string, account: string): BankKey | null {
  const a = accountDigits(account);
  if (!isValidAbaRouting(routing) || a.length < 4 || a.length > 17) return null;
  return { kind: 'us', key: `${routing}-${a}`, country: 'US' };
}

function otherKey(account: string, bic?: string): BankKey | null {
  const a = account.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (a.length < 6 || /^(.)\1+$/.test(a)) return null;
  const b = bic?.toUpperCase().replace(/\s/g, '');
  const bank = b && /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(b) ? b.slice(0, 8) : undefined;
  const key: BankKey = { kind: 'other', key: bank ? `${bank}:${a}` : a };
  if (bank) key.country = bank.slice(4, 6);
  return key;
}

const LOOKS_IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{8,32}$/;

function bankFromText(text: string, country?: string): BankKey | null {
  const compact = text.toUpperCase().replace(/^IBAN[:\s]*/, '');
  const electronic = compact.replace(/[\s-]/g, '');
  if (LOOKS_IBAN.test(electronic)) return ibanKey(electronic);
  const cc = country?.toUpperCase();
  // "12345-003-1234567": transit, institution, account (Canada, as on a cheque).
  const ca = /^(\d{5})[\s.-]+(\d{3})[\s.-]+(\d{5,12})$/.exec(compact);
  if (ca && cc !== 'US') return caKey(ca[1]!, ca[2]!, ca[3]!);
  // "021000021 123456789" or "routing 021000021 account 123456789".
  const labelled = compact.replace(/\b(ROUTING|ABA|RTN|ACCOUNT|ACCT|NO|NUMBER|#)\b[:.#]*/g, ' ').trim();
  const two = /^(\d{9})[\s/:-]+(\d[\d\s-]{3,20})$/.exec(labelled);
  if (two) {
    const routing = two[1]!;
    // Canadian EFT routing: 0 + institution (3) + transit (5), also nine digits; read so only for Canada.
    if (cc === 'CA')
      return /^0\d{8}$/.test(routing) ? caKey(routing.slice(4), routing.slice(1, 4), two[2]!) : null;
    return usKey(routing, two[2]!);
  }
  return otherKey(compact);
}

/**
 * A bank account as a comparable key:
 * - IBAN (any country) validated with its mod-97 checksum and the country's length and format (ibantools);
 *   an IBAN that fails its checksum → null (a typo, not an account);
 * - Canada: transit (5 digits) + institution (3) + account, from "12345-003-1234567", the EFT form
 *   "000312345 1234567", or { transit, institution, accountNumber };
 * - US: ABA routing number (checksum validated) + account, from "021000021 123456789" or
 *   { routingNumber, accountNumber };
 * - anything else of at least 6 letters/digits: kind "other", upper case, separators removed (prefixed
 *   with the bank's BIC when one is given).
 * Accepts text or an object ({ iban } | { transit, institution, accountNumber } | { routingNumber,
 * accountNumber } | { accountNumber, bic }). Nothing usable → null.
 */
export function normalizeBankAccount(
  input: string | BankInput | null | undefined,
  defaultCountry?: string,
): BankKey | null {
  if (typeof input === 'string') {
    if (input.length > 200 || !input.trim()) return null;
    return bankFromText(input.trim(), defaultCountry);
  }
  if (!input || typeof input !== 'object') return null;
  const country = str(input.country)?.toUpperCase() ?? defaultCountry?.toUpperCase();
  const iban = str(input.iban);
  if (iban) return ibanKey(iban);
  const account = str(input.accountNumber) ?? str(input.account);
  if (!account) return null;
  const transit = str(input.transit);
  const institution = str(input.institution);
  if (transit && institution) return caKey(digitsOnly(transit), digitsOnly(institution), account);
  const routing = str(input.routingNumber) ?? str(input.routing) ?? str(input.aba);
  if (routing) {
    const r = digitsOnly(routing);
    if (country === 'CA' && /^0\d{8}$/.test(r)) return caKey(r.slice(4), r.slice(1, 4), account);
    return usKey(r, account);
  }
  if (LOOKS_IBAN.test(account.toUpperCase().replace(/[\s-]/g, ''))) return ibanKey(account);
  return otherKey(account, str(input.bic) ?? str(input.swift));
}

// -------------------------------------------------------------------------------------------- address

export type AddressInput = {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  [k: string]: unknown;
};

export type AddressKey = {
  /** country|postal code (or city)|street number|street name|unit — equal keys are one dwelling. */
  key: string;
  country?: string;
  /** CA "M5H 1A1", GB "SW1A 2AA", US five-digit ZIP. */
  postalCode?: string;
  /** The ZIP+4 extension when the US ZIP had one (kept, not part of the key). */
  zip4?: string;
  city?: string;
  number: string;
  street: string;
  unit?: string;
  /** As written, whitespace collapsed, for explanations. */
  display: string;
};

const COUNTRY_NAMES: Record<string, string> = {
  ca: 'CA',
  can: 'CA',
  canada: 'CA',
  us: 'US',
  usa: 'US',
  'u s': 'US',
  'u s a': 'US',
  'united states': 'US',
  'united states of america': 'US',
  america: 'US',
  gb: 'GB',
  gbr: 'GB',
  uk: 'GB',
  'u k': 'GB',
  'united kingdom': 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
};

/** USPS Publication 28 street suffixes (and common Canada Post / Royal Mail ones) → standard abbreviation. */
const STREET_TYPES: Record<string, string> = {
  alley: 'aly',
  allee: 'aly',
  ally: 'aly',
  aly: 'aly',
  avenue: 'ave',
  av: 'ave',
  aven: 'ave',
  avenu: 'ave',
  avn: 'ave',
  avnue: 'ave',
  ave: 'ave',
  boulevard: 'blvd',
  boul: 'blvd',
  boulv: 'blvd',
  blvd: 'blvd',
  circle: 'cir',
  circ: 'cir',
  crcl: 'cir',
  cir: 'cir',
  close: 'cl',
  cl: 'cl',
  court: 'ct',
  crt: 'ct',
  ct: 'ct',
  crescent: 'cres',
  cres: 'cres',
  cresc: 'cres',
  crossing: 'xing',
  xing: 'xing',
  drive: 'dr',
  driv: 'dr',
  drv: 'dr',
  dr: 'dr',
  expressway: 'expy',
  expy: 'expy',
  freeway: 'fwy',
  fwy: 'fwy',
  gardens: 'gdns',
  gdns: 'gdns',
  green: 'grn',
  grn: 'grn',
  grove: 'grv',
  grv: 'grv',
  heights: 'hts',
  hts: 'hts',
  highway: 'hwy',
  hiway: 'hwy',
  hway: 'hwy',
  hwy: 'hwy',
  hill: 'hl',
  hl: 'hl',
  lane: 'ln',
  ln: 'ln',
  loop: 'loop',
  manor: 'mnr',
  mnr: 'mnr',
  mews: 'mews',
  parkway: 'pkwy',
  parkwy: 'pkwy',
  pkway: 'pkwy',
  pky: 'pkwy',
  pkwy: 'pkwy',
  place: 'pl',
  pl: 'pl',
  plaza: 'plz',
  plz: 'plz',
  point: 'pt',
  pt: 'pt',
  ridge: 'rdg',
  rdg: 'rdg',
  road: 'rd',
  rd: 'rd',
  row: 'row',
  square: 'sq',
  sqr: 'sq',
  sq: 'sq',
  street: 'st',
  str: 'st',
  strt: 'st',
  st: 'st',
  terrace: 'ter',
  terr: 'ter',
  ter: 'ter',
  trail: 'trl',
  trl: 'trl',
  turnpike: 'tpke',
  tpke: 'tpke',
  view: 'vw',
  vw: 'vw',
  walk: 'walk',
  way: 'way',
  wy: 'way',
};

const DIRECTIONS: Record<string, string> = {
  north: 'n',
  n: 'n',
  south: 's',
  s: 's',
  east: 'e',
  e: 'e',
  west: 'w',
  w: 'w',
  northeast: 'ne',
  'north east': 'ne',
  ne: 'ne',
  northwest: 'nw',
  nw: 'nw',
  southeast: 'se',
  se: 'se',
  southwest: 'sw',
  sw: 'sw',
};

const ORDINALS: Record<string, string> = {
  first: '1st',
  second: '2nd',
  third: '3rd',
  fourth: '4th',
  fifth: '5th',
  sixth: '6th',
  seventh: '7th',
  eighth: '8th',
  ninth: '9th',
  tenth: '10th',
};

/** Unit designators: "Apt 4B", "Suite 200", "#12", "Flat 3", "Unit 5" all name the unit by its id. */
const UNIT_WORDS =
  'apartment|apt|unit|suite|ste|flat|room|rm|floor|fl|level|lvl|building|bldg|lot|space|spc|office|ofc|penthouse|ph|#';
const UNIT_RE = new RegExp(
  `(?:^|\\s)(?:${UNIT_WORDS})\\s*(?:no\\s+|number\\s+)?#?\\s*([a-z0-9]+(?:-[a-z0-9]+)?)(?=\\s|$)`,
);
const UNIT_ONLY_RE = new RegExp(`^(?:${UNIT_WORDS})\\s*(?:no\\s+)?#?\\s*([a-z0-9]+(?:-[a-z0-9]+)?)$`);

const CA_POSTAL = /\b([abceghj-nprstvxy]\d[abceghj-nprstv-z])\s*-?\s*(\d[abceghj-nprstv-z]\d)\b/i;
const GB_POSTAL = /\b([a-z]{1,2}\d[a-z\d]?)\s*(\d[abd-hjlnp-uw-z]{2})\b/i;
const US_ZIP = /\b(\d{5})(?:\s*-\s*(\d{4}))?\b/;

const US_STATES = new Set(
  'al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy pr gu vi as mp'.split(
    ' ',
  ),
);

/** Lower case, accents removed, punctuation to spaces (keeping "#", "-" and "/" inside numbers). */
function clean(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\bp\s*\.?\s*o\s*\.?\s*box\b/g, 'pobox')
    .replace(/[.,;:'"()[\]{}]/g, ' ')
    .replace(/(?<![0-9a-z])-|-(?![0-9a-z])/g, ' ')
    .replace(/#/g, ' # ')
    .replace(/\s+/g, ' ')
    .trim();
}

function countryOf(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const c = clean(s);
  if (COUNTRY_NAMES[c]) return COUNTRY_NAMES[c];
  return /^[a-z]{2}$/.test(c) ? c.toUpperCase() : undefined;
}

type Postal = { country: string; code: string; zip4?: string };

function findPostal(
  text: string,
  country: string | undefined,
  strict = true,
): { postal: Postal; rest: string; atEnd: boolean } | undefined {
  const tryCa = () => {
    const m = CA_POSTAL.exec(text);
    return m ? { postal: { country: 'CA', code: `${m[1]} ${m[2]}`.toUpperCase() }, m } : undefined;
  };
  const tryGb = () => {
    const m = GB_POSTAL.exec(text);
    return m ? { postal: { country: 'GB', code: `${m[1]} ${m[2]}`.toUpperCase() }, m } : undefined;
  };
  const tryUs = () => {
    // The ZIP is the last five-digit group (the first may be a house number).
    const all = [...text.matchAll(new RegExp(US_ZIP.source, 'g'))];
    const m = all.at(-1);
    if (!m) return undefined;
    const postal: Postal = { country: 'US', code: m[1]! };
    if (m[2]) postal.zip4 = m[2];
    return { postal, m };
  };
  const byCountry: Record<string, typeof tryCa> = { CA: tryCa, GB: tryGb, US: tryUs };
  const preferred = country ? byCountry[country] : undefined;
  // A country the address states: only its format. A default (the subject's claimed country): tried first.
  const order =
    preferred && strict ? [preferred] : [preferred, tryCa, tryGb, tryUs].filter((f) => f !== undefined);
  const found = order.map((f) => f()).find((x) => x);
  if (!found) return undefined;
  const { m, postal } = found;
  const end = m.index! + m[0].length;
  return { postal, rest: `${text.slice(0, m.index)} ${text.slice(end)}`, atEnd: end === text.length };
}

function normalizePostal(code: string, country: string | undefined, strict: boolean): Postal | undefined {
  return findPostal(clean(code).replace(/\s+/g, ' '), country, strict)?.postal;
}

type Street = { number: string; street: string; unit?: string };

/** "12-345 Main Street East Apt 4" → number 345, street "main st e", unit 12/4. */
function parseStreet(line: string, extraUnit?: string): Street | undefined {
  let s = clean(line);
  let unit = extraUnit;
  const u = UNIT_RE.exec(s);
  if (u) {
    unit ??= u[1]!;
    s = `${s.slice(0, u.index)} ${s.slice(u.index + u[0].length)}`.trim();
  }
  // "12-345 Main St" / "12/345 Main St": unit 12 at number 345 (Canada, Australia).
  const lead = /^([0-9]+[a-z]?)\s*[-/]\s*([0-9]+[a-z]?)\s+(.*)$/.exec(s);
  let number: string | undefined;
  if (lead) {
    unit ??= lead[1]!;
    number = lead[2]!;
    s = lead[3]!;
  } else {
    const m = /^(pobox\s+)?([0-9]+(?:\s?[a-z](?![a-z]))?)\s+(.*)$/.exec(s);
    if (m) {
      number = m[2]!.replace(/\s/g, '');
      s = m[1] ? `pobox ${m[3]}` : m[3]!;
    } else {
      const box = /^pobox\s+([0-9]+)$/.exec(s);
      if (box) return { number: box[1]!, street: 'pobox', ...(unit ? { unit } : {}) };
      // "Main Street 12" (number after the name).
      const tail = /^(.*\D)\s+([0-9]+[a-z]?)$/.exec(s);
      if (!tail) return undefined;
      number = tail[2]!;
      s = tail[1]!;
    }
  }
  const words = s.split(' ').filter((w) => w && w !== '#');
  if (words.length === 0) return undefined;
  let out = words.map((w) => ORDINALS[w] ?? w);
  // "N W" / "S E" written with dots → "nw" / "se".
  out = out.reduce<string[]>((acc, w) => {
    const prev = acc.at(-1);
    if ((prev === 'n' || prev === 's') && (w === 'e' || w === 'w')) acc[acc.length - 1] = prev + w;
    else acc.push(w);
    return acc;
  }, []);
  // The street ends at its type (plus a directional): what follows on one line is the city and region.
  const end = out.findIndex((w, i) => i >= 1 && STREET_TYPES[w] !== undefined);
  if (end >= 1 && end < out.length - 1) out = out.slice(0, DIRECTIONS[out[end + 1]!] ? end + 2 : end + 1);
  // Leading "St"/"Ste" before a name is Saint ("St Clair Ave").
  if (out.length > 2 && (out[0] === 'st' || out[0] === 'saint' || out[0] === 'ste')) out[0] = 'saint';
  // Directionals at either end (not when they are the whole name: "North Ave").
  const dir = (i: number) => DIRECTIONS[out[i]!];
  if (out.length > 2 && dir(out.length - 1)) out[out.length - 1] = dir(out.length - 1)!;
  if (out.length > 2 && dir(0)) out[0] = dir(0)!;
  // Street type: the last word, or the one before a trailing directional.
  const typeAt =
    out.length > 1 && DIRECTIONS[out.at(-1)!] && out.length > 2 ? out.length - 2 : out.length - 1;
  if (typeAt > 0 && STREET_TYPES[out[typeAt]!]) out[typeAt] = STREET_TYPES[out[typeAt]!]!;
  return { number, street: out.join(' '), ...(unit ? { unit } : {}) };
}

function addressFromParts(parts: AddressInput, defaultCountry?: string): AddressKey | null {
  const line1 = str(parts.line1);
  if (!line1) return null;
  const stated = countryOf(str(parts.country));
  const postalText = str(parts.postalCode);
  const postal = postalText
    ? normalizePostal(postalText, stated ?? countryOf(defaultCountry), stated !== undefined)
    : undefined;
  const country = stated ?? postal?.country ?? countryOf(defaultCountry);
  const line2 = str(parts.line2);
  let extraUnit: string | undefined;
  let streetLine = line1;
  if (line2) {
    const u = UNIT_ONLY_RE.exec(clean(line2)) ?? /^([0-9]+[a-z]?)$/.exec(clean(line2));
    if (u) extraUnit = u[1];
    else if (/^\d/.test(clean(line2)) && !/^\d/.test(clean(line1))) {
      // "Flat 3" / "Rose Court" on line 1 and the street on line 2 (GB).
      const u1 = UNIT_ONLY_RE.exec(clean(line1));
      if (u1) extraUnit = u1[1];
      streetLine = line2;
    }
  }
  const street = parseStreet(streetLine, extraUnit);
  if (!street) return null;
  const city = str(parts.city) ? clean(str(parts.city)!) : undefined;
  const display = [line1, line2, parts.city, parts.region, parts.postalCode, parts.country]
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .join(', ');
  return build(street, country, postal, city, display);
}

function addressFromText(text: string, defaultCountry?: string): AddressKey | null {
  const segments = text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (segments.length === 0) return null;
  let country: string | undefined;
  const last = countryOf(segments.at(-1));
  if (last && segments.length > 1) {
    country = last;
    segments.pop();
  } else {
    // "Toronto ON M5H 1A1 Canada"
    const tail = /\s(canada|usa|united states|united kingdom|uk)$/i.exec(segments.at(-1)!);
    if (tail) {
      country = countryOf(tail[1]);
      segments[segments.length - 1] = segments.at(-1)!.slice(0, tail.index).trim();
    }
  }
  const stated = country !== undefined;
  const guess = country ?? countryOf(defaultCountry);
  // The postal code lives after the street: search the segments after the first.
  let postal: Postal | undefined;
  for (let i = segments.length - 1; i >= 1 && !postal; i--) {
    const hit = findPostal(clean(segments[i]!), guess, stated);
    if (hit) {
      postal = hit.postal;
      segments[i] = hit.rest.trim();
    }
  }
  if (!postal && segments.length === 1) {
    // One line: "123 Main St Springfield IL 62701" — the postal code is at the end.
    const one = clean(segments[0]!);
    const hit = findPostal(one, guess, stated);
    if (hit?.atEnd) {
      postal = hit.postal;
      segments[0] = hit.rest.trim();
    }
  }
  country ??= postal?.country ?? guess;
  // A unit on its own segment before the street ("Flat 3, 10 Downing Street").
  let extraUnit: string | undefined;
  let streetAt = 0;
  const u = UNIT_ONLY_RE.exec(clean(segments[0]!));
  if (u && segments.length > 1) {
    extraUnit = u[1];
    streetAt = 1;
  }
  // A unit on its own segment after the street ("123 Main St, Apt 4, Springfield").
  const after = segments[streetAt + 1] ? UNIT_ONLY_RE.exec(clean(segments[streetAt + 1]!)) : null;
  if (after) extraUnit ??= after[1];
  const street = parseStreet(segments[streetAt]!, extraUnit);
  if (!street) return null;
  const citySegment = segments[streetAt + (after ? 2 : 1)];
  let city = citySegment ? clean(citySegment) : undefined;
  // "Springfield IL" → "springfield" (the state is not needed once there is a ZIP).
  if (city && country === 'US')
    city = city.replace(/\s([a-z]{2})$/, (m, st: string) => (US_STATES.has(st) ? '' : m));
  return build(street, country, postal, city || undefined, text.trim().replace(/\s+/g, ' '));
}

function build(
  street: Street,
  country: string | undefined,
  postal: Postal | undefined,
  city: string | undefined,
  display: string,
): AddressKey | null {
  const place = postal ? postal.code : city ? `city:${city}` : undefined;
  // Without a postal code or a city, "12 Main St" could be anywhere: not an address two people share.
  if (!place) return null;
  const key = [country ?? '', place, street.number, street.street, street.unit ?? ''].join('|');
  const out: AddressKey = { key, number: street.number, street: street.street, display };
  if (country) out.country = country;
  if (postal) out.postalCode = postal.code;
  if (postal?.zip4) out.zip4 = postal.zip4;
  if (city) out.city = city;
  if (street.unit) out.unit = street.unit;
  return out;
}

/**
 * A postal address as a comparable key "country|postal code|street number|street name|unit", from text
 * ("Apt 4, 123 Main Street, Toronto, ON M5H 1A1, Canada") or { line1, line2, city, region, postalCode,
 * country }. Handles CA, US and GB (and similar Western formats): case, punctuation and accents; unit
 * designators (Apt/Unit/Suite/#/Flat, "12-345 Main St"); USPS street-type abbreviations (Street → st,
 * Avenue → ave…) and directionals (North → n); Canadian postal codes ("m5h1a1" → "M5H 1A1"); US ZIP+4
 * (the key uses the five-digit ZIP, the +4 is kept in `zip4`); UK postcodes ("sw1a2aa" → "SW1A 2AA").
 * Without a postal code the city stands in. No street number, or no postal code and no city → null.
 */
export function normalizeAddress(
  input: string | AddressInput | null | undefined,
  defaultCountry?: string,
): AddressKey | null {
  if (typeof input === 'string') {
    if (input.length > MAX_INPUT || !input.trim()) return null;
    return addressFromText(input, defaultCountry);
  }
  if (!input || typeof input !== 'object') return null;
  return addressFromParts(input, defaultCountry);
}
