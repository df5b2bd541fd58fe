import { describe, expect, it } from 'vitest';
import { countryToIso } from './country.ts';
import { epochToMs, text, toIsoUtc } from './fields.ts';

describe('toIsoUtc', () => {
  it.each([
    ['2024-05-01T09:30:00.123Z', '2024-05-01T09:30:00.123Z'],
    ['2019-10-18T04:45:48.0729893-05:00', '2019-10-18T09:45:48.072Z'],
    ['2022-06-22 18:18:29.015', '2022-06-22T18:18:29.015Z'],
    ['2024-08-15 15:05:09.154000000', '2024-08-15T15:05:09.154Z'],
    ['2024-05-01T09:30:00+0530', '2024-05-01T04:00:00.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['2024/05/01 09:30:00', '2024-05-01T09:30:00.000Z'],
    ['Wed, 01 May 2024 09:30:00 GMT', '2024-05-01T09:30:00.000Z'],
    ['1714555800', '2024-05-01T09:30:00.000Z'],
    [1714555800123, '2024-05-01T09:30:00.123Z'],
    [1593695305123456, '2020-07-02T13:08:25.123Z'],
  ])('%s → %s', (input, expected) => {
    expect(toIsoUtc(input)).toBe(expected);
  });

  it.each([
    ['05/01/2024'],
    ['redacted'],
    ['2024-13-01T00:00:00Z'],
    ['2024-02-30'],
    [''],
    [null],
    [true],
    ['1969-12-31'],
  ])('refuses %s rather than guess', (input) => {
    expect(toIsoUtc(input)).toBeUndefined();
  });

  it('tells epoch units apart by size', () => {
    expect(epochToMs(1_714_555_800)).toBe(1_714_555_800_000);
    expect(epochToMs(1_714_555_800_000_000_000)).toBe(1_714_555_800_000);
  });
});

describe('text', () => {
  it('trims and drops empty and "null" values', () => {
    expect(text('  a b ')).toBe('a b');
    expect(text('NULL')).toBeUndefined();
    expect(text(' ')).toBeUndefined();
    expect(text(7)).toBe('7');
  });
});

describe('countryToIso', () => {
  it.each([
    ['United States', 'US'],
    ['Russia', 'RU'],
    ['Canada', 'CA'],
    ['South Korea', 'KR'],
    ['North Korea', 'KP'],
    ["Korea, Democratic People's Republic of", 'KP'],
    ['Viet Nam', 'VN'],
    ['Congo Republic', 'CG'],
    ['DR Congo', 'CD'],
    ['Hong Kong', 'HK'],
    ['Myanmar (Burma)', 'MM'],
    ['Türkiye', 'TR'],
    ['St. Kitts & Nevis', 'KN'],
    ['Côte d’Ivoire', 'CI'],
    ['de', 'DE'],
    ['USA', 'US'],
    ['UK', 'GB'],
  ])('%s → %s', (name, code) => {
    expect(countryToIso(name)).toBe(code);
  });

  it('leaves unknown names and codes unknown', () => {
    expect(countryToIso('Atlantis')).toBeUndefined();
    expect(countryToIso('ZZ')).toBeUndefined();
    expect(countryToIso('Unknown')).toBeUndefined();
    expect(countryToIso('')).toBeUndefined();
  });
});
