// Reading a place as people write it ("Toronto, ON, Canada", "Seoul, KR", "San Francisco, CA", a claimed
// location object) into a country code and a city, for the claims table. Pure: country names and codes come
// from src/core/places (CLDR region names and i18n-iso-countries), no files read.
// "City, XX" with a US state or Canadian province code is placed in that country ("Portland, OR"), except
// when XX is also a country code: "CA" is California and Canada, "IN" Indiana and India, so for those only
// the city is kept and compared, rather than guessing the country.
import { isObject } from '../detectors/util.ts';
import { countryCode, placeCountries, placeKey, regionCountry } from '../places/places.ts';

export type Place = { text: string; country?: string; city?: string };

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
  const region = parts.length === 2 && /^[A-Za-z]{2}$/.test(last) ? regionCountry(upper) : undefined;
  if (region !== undefined) return countryCode(upper) ? { text, city } : { text, city, country: region };
  // A country name wins ("Tbilisi, Georgia" is Georgia the country); else a state or province name that
  // only one country has ("Austin, Texas", "Winnipeg, Manitoba").
  const named = placeCountries(text)?.countries;
  const country = countryCode(last) ?? (named?.length === 1 ? named[0] : undefined);
  return country ? { text, city, country } : { text, city };
}

const cityKey = (s: string) => placeKey(s).replace(/^(city of|greater) /, '');

/** Whether two city names are the same town ("Montréal" = "Montreal", "Greater Toronto" = "Toronto"). */
export function sameCity(a: string, b: string): boolean {
  return cityKey(a) === cityKey(b);
}
