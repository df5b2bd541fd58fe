import { describe, expect, it } from 'vitest';
import { formatMrzResult, mrzLines, mrzVerdict, parseMrz } from './mrz.ts';

const UTO_TD3 = [
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
];
const CAN_TD3 = [
  'P<CANMARTIN<<SARAH<<<<<<<<<<<<<<<<<<<<<<<<<<',
  'ZE000509<9CAN8501019F2301147<<<<<<<<<<<<<<08',
];
const NOW = new Date('2026-06-01T00:00:00Z');

describe('parseMrz', () => {
  it('reads the ICAO TD3 specimen: check digits pass, UTO is no country, fields in full', () => {
    expect(parseMrz(UTO_TD3, { now: NOW })).toEqual({
      lines: UTO_TD3,
      format: 'TD3',
      supported: true,
      valid: false,
      checkDigitsValid: true,
      issuingStateValid: false,
      nationalityValid: false,
      specimen: true,
      fields: {
        documentCode: 'P',
        issuingState: 'UTO',
        documentNumber: 'L898902C3',
        lastName: 'ERIKSSON',
        firstName: 'ANNA MARIA',
        nationality: 'UTO',
        birthDate: '1974-08-12',
        sex: 'F',
        expirationDate: '2012-04-15',
        personalNumber: 'ZE184226B',
        optional1: null,
        optional2: null,
      },
      problems: [
        { field: 'issuingState', message: 'Issuing state: invalid state code: UTO' },
        { field: 'nationality', message: 'Nationality: invalid state code: UTO' },
      ],
    });
  });

  it('a real-country specimen is valid', () => {
    const r = parseMrz(CAN_TD3, { now: NOW });
    expect(r).toMatchObject({
      valid: true,
      checkDigitsValid: true,
      issuingStateValid: true,
      specimen: false,
      problems: [],
    });
    expect(r.fields).toMatchObject({
      birthDate: '1985-01-01',
      expirationDate: '2023-01-14',
      lastName: 'MARTIN',
    });
  });

  it('resolves the century: births never in the future, expiries within 50 years of now', () => {
    // ICAO 9303 7-3-1 check digits, computed here independently of the library.
    const digit = (s: string) =>
      String(
        [...s].reduce((sum, c, i) => {
          const v = c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
          return sum + v * [7, 3, 1][i % 3]!;
        }, 0) % 10,
      );
    const line2 = (birth: string, expiry: string) => {
      const doc = `ZE000509<${digit('ZE000509<')}`;
      const b = `${birth}${digit(birth)}`;
      const e = `${expiry}${digit(expiry)}`;
      const personal = `${'<'.repeat(14)}0`;
      return `${doc}CAN${b}F${e}${personal}${digit(doc + b + e + personal)}`;
    };
    const l = [CAN_TD3[0]!, line2('250101', '700101')];
    expect(line2('850101', '230114')).toBe(CAN_TD3[1]);
    expect(parseMrz(l, { now: NOW }).valid).toBe(true);
    expect(parseMrz(l, { now: NOW }).fields.birthDate).toBe('2025-01-01');
    expect(parseMrz(l, { now: new Date('2024-01-01T00:00:00Z') }).fields.birthDate).toBe('1925-01-01');
    expect(parseMrz(l, { now: NOW }).fields.expirationDate).toBe('2070-01-01');
    expect(parseMrz(l, { now: new Date('2019-01-01T00:00:00Z') }).fields.expirationDate).toBe('1970-01-01');
  });

  it('reports a failing check digit as such, separately from the state code', () => {
    const tampered = [CAN_TD3[0]!, CAN_TD3[1]!.replace('8501019', '8501029')];
    const r = parseMrz(tampered, { now: NOW });
    expect(r).toMatchObject({ valid: false, checkDigitsValid: false, issuingStateValid: true });
    expect(r.problems.map((p) => p.field)).toEqual(['birthDateCheckDigit', 'compositeCheckDigit']);
  });

  it('accepts one string with newlines, spaces and lower case', () => {
    expect(mrzLines(` ${UTO_TD3[0]!.toLowerCase()} \r\n\n ${UTO_TD3[1]} `)).toEqual(UTO_TD3);
    expect(parseMrz(UTO_TD3.join('\n'), { now: NOW }).checkDigitsValid).toBe(true);
  });

  it('refuses hostile or empty input with a clear message, without throwing', () => {
    expect(parseMrz([], { now: NOW }).problems).toEqual([{ field: 'format', message: 'no MRZ lines given' }]);
    expect(parseMrz(['A'.repeat(1_000_000)], { now: NOW }).problems[0]?.message).toBe(
      'an MRZ line has at most 44 characters, got 1000000',
    );
    const weird = parseMrz(['P<CAN\u0000MARTIN', '"; DROP TABLE x'], { now: NOW });
    expect(weird.valid).toBe(false);
    expect(weird.format).toBe(null);
  });

  it('checks visas too: the UTO specimen passes its check digits but names no real state', () => {
    const mrvb = parseMrz(['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'L8988901C4XXX4009078F9612109<<<<<<<<'], {
      now: NOW,
    });
    expect(mrvb).toMatchObject({
      format: 'MRVB',
      supported: true,
      valid: false,
      checkDigitsValid: true,
      specimen: true,
    });
    expect(mrzVerdict(mrvb)).toBe('invalid');
  });
});

describe('formatMrzResult', () => {
  it('shows the verdict, the separate checks, the fields and the problems', () => {
    const text = formatMrzResult(parseMrz(UTO_TD3, { now: NOW }));
    expect(text.split('\n').slice(0, 3)).toEqual([
      'MRZ invalid (ICAO specimen: UTO is not a country)',
      '  format        TD3 (passport, 2 × 44)',
      '  checks        check digits pass, issuing state FAIL, nationality FAIL',
    ]);
    expect(text).toContain('  birth date    1974-08-12\n');
    expect(text).toContain('  problem       Issuing state: invalid state code: UTO\n');
  });
});
