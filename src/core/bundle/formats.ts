// Format checks for the values a case bundle carries. Pure functions, no I/O.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const ISO_DATETIME_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `YYYY-MM-DD` naming a real calendar day. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  return isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (histories allow partial dates). */
export function isPartialDate(value: string): boolean {
  const m = PARTIAL_DATE.exec(value);
  if (!m) return false;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  return isCalendarDate(Number(m[1]), month, day);
}

/** ISO 8601 date-time with an explicit UTC offset (`Z` or `±hh:mm`). */
export function isIsoDateTimeWithOffset(value: string): boolean {
  const m = ISO_DATETIME_WITH_OFFSET.exec(value);
  if (!m) return false;
  if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 59)) return false;
  if (m[8] !== undefined && (Number(m[8]) > 14 || Number(m[9]) > 59)) return false;
  return true;
}

/** Whether a string has the date-time shape but lacks the offset; used for a sharper error message. */
export function looksLikeDateTimeWithoutOffset(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value);
}

/** Parses a partial date to the first millisecond it covers (UTC). */
export function partialDateStart(value: string): number {
  const m = PARTIAL_DATE.exec(value);
  if (!m) return Number.NaN;
  return Date.UTC(
    Number(m[1]),
    m[2] === undefined ? 0 : Number(m[2]) - 1,
    m[3] === undefined ? 1 : Number(m[3]),
  );
}

/** Parses a partial date to the last millisecond it covers (UTC). */
export function partialDateEnd(value: string): number {
  const m = PARTIAL_DATE.exec(value);
  if (!m) return Number.NaN;
  const year = Number(m[1]);
  if (m[2] === undefined) return Date.UTC(year + 1, 0, 1) - 1;
  const month = Number(m[2]);
  if (m[3] === undefined) return Date.UTC(year, month, 1) - 1;
  return Date.UTC(year, month - 1, Number(m[3]) + 1) - 1;
}

// ISO 3166-1 alpha-2, officially assigned codes plus XK (Kosovo, in common use by lists and IdPs).
const COUNTRY_CODES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
    'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
    'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
    'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
    'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK'
  ).split(' '),
);

export function isCountryCode(value: string): boolean {
  return COUNTRY_CODES.has(value);
}

let currencies: Set<string> | undefined;
/** ISO 4217 code known to the runtime's ICU data. */
export function isCurrencyCode(value: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(value);
}

const timeZoneCache = new Map<string, boolean>();
/** IANA time-zone name (canonical or alias) known to the runtime. */
export function isTimeZone(value: string): boolean {
  const cached = timeZoneCache.get(value);
  if (cached !== undefined) return cached;
  let ok = false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    ok = value.length > 0;
  } catch {
    ok = false;
  }
  timeZoneCache.set(value, ok);
  return ok;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

export function isIpv6(value: string): boolean {
  if (value.length > 45 || !value.includes(':')) return false;
  let text = value;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  let groupsNeeded = 8;
  if (tail.includes('.')) {
    if (!isIpv4(tail)) return false;
    text = `${text.slice(0, lastColon + 1)}0`;
    groupsNeeded = 7;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const group = /^[0-9a-fA-F]{1,4}$/;
  const parts = halves.map((h) => (h === '' ? [] : h.split(':')));
  for (const p of parts) if (!p.every((g) => group.test(g))) return false;
  const count = parts.reduce((n, p) => n + p.length, 0);
  return halves.length === 2 ? count < groupsNeeded : count === groupsNeeded;
}

export function isIpAddress(value: string): boolean {
  return isIpv4(value) || isIpv6(value);
}
