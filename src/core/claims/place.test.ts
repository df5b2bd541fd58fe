import { describe, expect, it } from 'vitest';
import { countryCode } from '../places/places.ts';
import { readPlace, sameCity } from './place.ts';

describe('countryCode', () => {
  it.each([
    ['CA', 'CA'],
    ['kr', 'KR'],
    ['KOR', 'KR'],
    ['Canada', 'CA'],
    ['South Korea', 'KR'],
    ['United States', 'US'],
    ['USA', 'US'],
    ['UK', 'GB'],
    ['Côte d’Ivoire', 'CI'],
    ['Republic of Korea', 'KR'],
  ])('%s → %s', (input, code) => {
    expect(countryCode(input)).toBe(code);
  });

  it.each(['Canadian', 'XX', 'Atlantis', '', 'a'.repeat(500)])('%s is not a country', (input) => {
    expect(countryCode(input)).toBeUndefined();
  });
});

describe('readPlace', () => {
  it.each<[unknown, ReturnType<typeof readPlace>]>([
    ['Toronto, ON, Canada', { text: 'Toronto, ON, Canada', city: 'Toronto', country: 'CA' }],
    ['Toronto, ON', { text: 'Toronto, ON', city: 'Toronto', country: 'CA' }],
    ['Portland, OR', { text: 'Portland, OR', city: 'Portland', country: 'US' }],
    // CA is California and Canada, IN Indiana and India: only the city is kept.
    ['San Francisco, CA', { text: 'San Francisco, CA', city: 'San Francisco' }],
    ['Indianapolis, IN', { text: 'Indianapolis, IN', city: 'Indianapolis' }],
    ['Toronto, ON, CA', { text: 'Toronto, ON, CA', city: 'Toronto', country: 'CA' }],
    ['Seoul, KR', { text: 'Seoul, KR', city: 'Seoul', country: 'KR' }],
    ['Seoul, South Korea', { text: 'Seoul, South Korea', city: 'Seoul', country: 'KR' }],
    ['Canada', { text: 'Canada', country: 'CA' }],
    ['Austin, Texas', { text: 'Austin, Texas', city: 'Austin', country: 'US' }],
    ['Winnipeg, Manitoba', { text: 'Winnipeg, Manitoba', city: 'Winnipeg', country: 'CA' }],
    // Georgia the country, not the state, when written as a country name.
    ['Tbilisi, Georgia', { text: 'Tbilisi, Georgia', city: 'Tbilisi', country: 'GE' }],
    ['Lagos', { text: 'Lagos', city: 'Lagos' }],
    ['Remote', undefined],
    ['  ', undefined],
    [42, undefined],
    [
      { city: 'Toronto', region: 'ON', country: 'CA' },
      { text: 'Toronto, ON, CA', city: 'Toronto', country: 'CA' },
    ],
    [{ country: 'KR' }, { text: 'KR', country: 'KR' }],
    [{}, undefined],
  ])('%j', (input, place) => {
    expect(readPlace(input)).toEqual(place);
  });
});

describe('sameCity', () => {
  it('folds accents, case and "Greater"', () => {
    expect(sameCity('Montréal', 'MONTREAL')).toBe(true);
    expect(sameCity('Greater Toronto', 'Toronto')).toBe(true);
    expect(sameCity('Toronto', 'Ottawa')).toBe(false);
  });
});
