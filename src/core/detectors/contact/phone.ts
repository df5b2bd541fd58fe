// Phone number facts from libphonenumber's "max" metadata (number types per range, incl. VoIP), kept
// here so consistency.location can reuse the phone's country. Parsing is offline: the metadata ships in
// the package. A number without a country code is read in the claimed country, and says so.
import { type CountryCode, type NumberType, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Types that libphonenumber reports, in words for explanations. */
const TYPE_WORDS: Record<NonNullable<NumberType>, string> = {
  VOIP: 'VoIP',
  MOBILE: 'mobile',
  FIXED_LINE: 'landline',
  FIXED_LINE_OR_MOBILE: 'landline or mobile',
  TOLL_FREE: 'toll-free',
  PREMIUM_RATE: 'premium-rate',
  SHARED_COST: 'shared-cost',
  PERSONAL_NUMBER: 'personal (forwarding) number',
  PAGER: 'pager',
  UAN: 'universal access number',
  VOICEMAIL: 'voicemail',
};

export type PhoneInfo = {
  /** As given. */
  input: string;
  /** E.164, e.g. +447400123456. */
  e164: string;
  /** International format for explanations, e.g. +44 7400 123456. */
  international: string;
  /** ISO country of the number's range; absent for non-geographic codes (+800, +882…). */
  country?: string;
  /** libphonenumber's type; absent when the metadata cannot tell. */
  type?: NumberType;
  /** The type in words ("VoIP", "mobile", "unknown type"). */
  typeText: string;
  /** The number had no country code and was read in `defaultCountry`. */
  assumedCountry?: string;
};

const MAX_INPUT = 64;

/**
 * Parses and validates a phone number; `undefined` when it is not a valid number (too long, not a
 * number, no country code and no usable default country, or not a valid range).
 */
export function phoneInfo(input: string, defaultCountry?: string): PhoneInfo | undefined {
  if (input.length > MAX_INPUT) return undefined;
  const international = input.trim().startsWith('+') || input.trim().startsWith('00');
  const cc = defaultCountry?.toUpperCase() as CountryCode | undefined;
  let parsed: ReturnType<typeof parsePhoneNumberFromString>;
  try {
    parsed = parsePhoneNumberFromString(input, cc ? { defaultCountry: cc } : undefined);
  } catch {
    return undefined;
  }
  if (!parsed?.isValid()) return undefined;
  const type = parsed.getType();
  const info: PhoneInfo = {
    input,
    e164: parsed.number,
    international: parsed.formatInternational(),
    typeText: type ? TYPE_WORDS[type] : 'unknown type',
  };
  if (parsed.country) info.country = parsed.country;
  if (type) info.type = type;
  if (!international && cc) info.assumedCountry = cc;
  return info;
}
