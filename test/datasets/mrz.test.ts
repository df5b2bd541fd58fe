// Our MRZ reading against published vectors (ICAO 9303 "UTO" examples, EU PRADO and national specimens) as
// transcribed in /work/shared/datasets/mrz. Where we differ from the source library, the test says why.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMrz } from '../../src/intel/documents/mrz.ts';

type Case = {
  test?: string;
  source_file: string;
  mrz: string | string[];
  expected_format?: string;
  expected_valid?: boolean;
  expected_fields?: Record<string, string | null>;
  expected_fields_partial?: Record<string, string | null>;
  expected_detail_errors?: string[];
  expected_invalid_detail_count?: number;
  expected_error?: string;
};

const DIR = '/work/shared/datasets/mrz';
const load = (name: string) =>
  (JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8')) as { cases: Case[] }).cases;
const cheminfo = load('cheminfo_mrz_parse_cases.json');
const arg0s = load('arg0s1080_mrz_specimens.json');
const NOW = new Date('2026-06-01T00:00:00Z');
const lines = (c: Case) => (typeof c.mrz === 'string' ? [c.mrz] : c.mrz);

// Our fields are a subset of cheminfo/mrz's, with dates as YYYY-MM-DD and sex as M/F/X.
const COMPARED = ['documentCode', 'documentNumber', 'lastName', 'firstName', 'personalNumber'] as const;
const SEX: Record<string, string> = { male: 'M', female: 'F', nonspecified: 'X' };

describe('cheminfo/mrz parse cases', () => {
  it('has the cases we expect to compare', () => {
    expect(cheminfo.length).toBe(34);
    expect(cheminfo.filter((c) => c.expected_valid !== undefined).length).toBe(26);
  });

  for (const c of cheminfo.filter((x) => x.expected_valid !== undefined)) {
    it(`${c.source_file.replace(/^.*\//, '')}: ${c.test}`, () => {
      const r = parseMrz(lines(c), { now: NOW });
      expect(r.valid).toBe(c.expected_valid);
      expect(r.format).toBe(c.expected_format);
      for (const e of c.expected_detail_errors ?? []) {
        expect(r.problems.map((p) => p.message).some((m) => m.endsWith(e))).toBe(true);
      }
      if (c.expected_invalid_detail_count !== undefined) {
        expect(r.problems.length).toBe(c.expected_invalid_detail_count);
      }
      const fields = { ...c.expected_fields, ...c.expected_fields_partial };
      for (const k of COMPARED) {
        // cheminfo/mrz gives "" for an empty name or personal number where we give null.
        if (k in fields)
          expect(r.fields[k]).toBe(fields[k] === '' && k === 'personalNumber' ? null : fields[k]);
      }
      // Dates: the same day, with the century resolved (cheminfo keeps YYMMDD).
      if (fields.birthDate) expect(r.fields.birthDate?.slice(2).replace(/-/g, '')).toBe(fields.birthDate);
      if (fields.expirationDate) {
        expect(r.fields.expirationDate?.slice(2).replace(/-/g, '')).toBe(fields.expirationDate);
      }
      if (fields.sex) expect(r.fields.sex).toBe(SEX[fields.sex]);
      // Difference: cheminfo/mrz blanks an unknown state code (null); we keep what the document says
      // ("UTO") so it can be shown and compared, and report issuingStateValid: false instead.
      if (fields.issuingState === null) {
        expect(r.issuingStateValid).toBe(false);
        expect(r.fields.issuingState).toBe(lines(c)[0]!.slice(2, 5).replace(/<+$/, ''));
      } else if (fields.issuingState) {
        expect(r.fields.issuingState).toBe(fields.issuingState);
      }
    });
  }

  it('UTO specimens pass every check digit but fail the state code: reported separately', () => {
    const uto = cheminfo.filter((c) => c.test === 'Utopia example');
    expect(uto.length).toBe(3);
    for (const c of uto) {
      const r = parseMrz(lines(c), { now: NOW });
      expect(r).toMatchObject({
        valid: false,
        checkDigitsValid: true,
        issuingStateValid: false,
        specimen: true,
      });
    }
  });

  it('bad line counts and lengths are refused with a message naming the problem', () => {
    const errors = cheminfo.filter((c) => c.expected_error !== undefined);
    expect(errors.length).toBe(2);
    const [four, long] = errors.map((c) => parseMrz(lines(c), { now: NOW }));
    // Difference: we refuse before calling the library and word it ourselves.
    expect(four).toMatchObject({
      format: null,
      valid: false,
      problems: [{ field: 'format', message: 'an MRZ has 1 to 3 lines, got 4' }],
    });
    expect(long?.format).toBe(null);
    expect(long?.problems[0]?.message).toContain('First line of input must have 30 (TD1), 36');
  });

  it('the OCR-confused inputs (falseMRZ) are not silently corrected: they fail', () => {
    // cheminfo's autocorrect option is for OCR; a typed or bundled MRZ is checked as given.
    const confused = cheminfo.filter((c) => c.test?.startsWith('Use autocorrect'));
    expect(confused.length).toBe(6);
    for (const c of confused) {
      const other = (c as { other_inputs?: { falseMRZ?: string[]; MRZko?: string } }).other_inputs;
      const bad = other?.falseMRZ ?? (other?.MRZko ? [other.MRZko] : undefined);
      expect(bad).toBeDefined();
      expect(parseMrz(bad!, { now: NOW }).valid).toBe(false);
      expect(parseMrz(lines(c), { now: NOW }).checkDigitsValid).toBe(true);
    }
  });
});

describe('Arg0s1080/mrz specimens', () => {
  it('the one case the source asserts (id_card_bad) is invalid, with what is wrong', () => {
    const asserted = arg0s.filter((c) => c.expected_valid !== undefined);
    expect(asserted.map((c) => c.source_file)).toEqual(['examples/mrz_checker_samples/id_card_bad.py']);
    const r = parseMrz(lines(asserted[0]!), { now: NOW });
    expect(r.valid).toBe(asserted[0]!.expected_valid);
    expect(r.checkDigitsValid).toBe(false);
    expect(r.issuingStateValid).toBe(false);
    expect(r.problems.map((p) => p.message)).toContain(
      'Document number check digit: invalid check digit: 0. Must be 4',
    );
  });

  it('national ID and passport specimens with real country codes read as valid', () => {
    for (const name of [
      'id_card_esp',
      'id_card_lie',
      'id_card_lva',
      'id_card_mco',
      'id_card_swe',
      'passport_can',
      'passport_cze',
    ]) {
      const c = arg0s.find((x) => x.source_file.endsWith(`/${name}.py`))!;
      expect([name, parseMrz(lines(c), { now: NOW }).valid]).toEqual([name, true]);
    }
  });

  it('specimens with fictional states: check digits pass, the state code does not (ASU)', () => {
    const asu = parseMrz(lines(arg0s.find((x) => x.source_file.endsWith('/passport_asu.py'))!), { now: NOW });
    expect(asu).toMatchObject({ valid: false, checkDigitsValid: true, issuingStateValid: false });
    expect(asu.fields.issuingState).toBe('ASU');
  });

  it('the INP specimen has a wrong expiry check digit (the source only prints its result)', () => {
    // XX000000<0FRA1901012F16073021...: 160730 has check digit 3 under 7-3-1, the specimen prints 2.
    const inp = parseMrz(lines(arg0s.find((x) => x.source_file.endsWith('/passport_inp.py'))!), { now: NOW });
    expect(inp.checkDigitsValid).toBe(false);
    expect(inp.problems.map((p) => p.message)).toContain(
      'Expiration date check digit: invalid check digit: 2. Must be 3',
    );
  });

  it('visas (MRV-A, MRV-B): every specimen check digit passes; fictional and withdrawn state codes fail', () => {
    const visas = arg0s.filter((c) => c.source_file.includes('visa_'));
    expect(visas.length).toBe(8);
    const verdicts = visas.map((c) => {
      const r = parseMrz(lines(c), { now: NOW });
      expect(r.supported).toBe(true);
      expect(r.format).toBe(c.source_file.includes('mrva') ? 'MRVA' : 'MRVB');
      expect(r.checkDigitsValid).toBe(true);
      return `${r.lines[1]!.slice(10, 13)} ${r.valid}`;
    });
    // BOS is the withdrawn code for Bosnia and Herzegovina (the source's own correction is BIH); UTO is Utopia.
    expect(verdicts).toEqual([
      'CAN true',
      'GBR true',
      'XXX false',
      'BOS false',
      'BIH true',
      'UTO false',
      'PAK true',
      'XXX false',
    ]);
  });

  it('reads the visa fields: names, number, dates with centuries, optional data', () => {
    const usa = arg0s.find((c) => c.source_file.endsWith('/visa_mrva_usa.py'))!;
    expect(parseMrz(lines(usa), { now: NOW }).fields).toMatchObject({
      documentCode: 'VN',
      issuingState: 'USA',
      lastName: 'TRAVELER',
      firstName: 'HAPPY',
      documentNumber: '123456789',
      nationality: 'CAN',
      birthDate: '1966-12-12',
      sex: 'M',
      expirationDate: '2014-07-28',
      optional1: 'B3XLC000FD142955',
    });
    const broken = lines(usa).map((l, i) => (i === 1 ? `${l.slice(0, 9)}1${l.slice(10)}` : l));
    const r = parseMrz(broken, { now: NOW });
    expect(r.valid).toBe(false);
    expect(r.problems.map((p) => p.message)).toEqual([
      'Document number check digit: invalid check digit: 1. Must be 7',
    ]);
  });
});
