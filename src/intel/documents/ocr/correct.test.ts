// MRZ post-correction against real vectors (/work/shared/datasets/mrz, see SOURCE.md): the layout table's
// check digits agree with the `mrz` package on every specimen, mrz-fast's error-correction cases come out as
// that library expects, and OCR confusions are undone by field type and check digit, each change explained.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMrz } from '../mrz.ts';
import { correctMrz, pickMrzLines } from './correct.ts';
import { checkDigit, checkResults, layoutFor } from './layout.ts';

const DATASETS = '/work/shared/datasets/mrz';
type Case = {
  mrz: string[] | string;
  expected_lines?: Record<string, string>;
  options?: unknown;
  test?: string;
};
const load = (file: string) => JSON.parse(readFileSync(`${DATASETS}/${file}`, 'utf8')) as { cases: Case[] };
const vectors = [
  ...load('cheminfo_mrz_parse_cases.json').cases,
  ...load('arg0s1080_mrz_specimens.json').cases,
  ...load('mrz_fast_cases.json').cases,
]
  .map((c) => c.mrz)
  .filter((m): m is string[] => Array.isArray(m));

const UTO_TD3 = [
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
];

describe('checkDigit', () => {
  const data = JSON.parse(readFileSync(`${DATASETS}/cheminfo_mrz_check_digits.json`, 'utf8')) as {
    check: { input: string; check_digit: string; valid: boolean }[];
    compute: { input: string; computed?: number; computed_not?: number }[];
  };
  it.each(data.check)('$input → $check_digit ($valid)', ({ input, check_digit, valid }) => {
    expect(String(checkDigit(input)) === check_digit).toBe(valid);
  });
  it.each(data.compute)('computes $input', ({ input, computed, computed_not }) => {
    if (computed !== undefined) expect(checkDigit(input)).toBe(computed);
    if (computed_not !== undefined) expect(checkDigit(input)).not.toBe(computed_not);
  });
});

describe('layout check digits agree with the mrz package', () => {
  const checked = vectors.filter((lines) => {
    const r = parseMrz(lines);
    return r.supported && (r.format === 'TD1' || r.format === 'TD2' || r.format === 'TD3');
  });
  it('covers the ICAO formats in the datasets', () => {
    expect(checked.length).toBeGreaterThanOrEqual(30);
  });
  it.each(checked.map((lines) => [lines.join(' / '), lines] as const))('%s', (_, lines) => {
    const layout = layoutFor(lines.length, lines[0]?.length ?? 0, lines[0]?.[0] ?? '');
    expect(layout?.format).toBe(parseMrz(lines).format);
    const ours = checkResults(layout!, lines).every((c) => c.ok);
    expect(ours).toBe(parseMrz(lines).checkDigitsValid);
  });
  it('visa specimens: MRV-A and MRV-B check digits agree with parseMrz', () => {
    const usa = [
      'VNUSATRAVELER<<HAPPY<<<<<<<<<<<<<<<<<<<<<<<<',
      '1234567897CAN6612120M1407282B3XLC000FD142955',
    ];
    const layout = layoutFor(2, 44, 'V');
    expect(layout?.format).toBe('MRVA');
    expect(checkResults(layout!, usa)).toEqual([
      { name: 'documentNumber', ok: true },
      { name: 'birthDate', ok: true },
      { name: 'expirationDate', ok: true },
    ]);
    expect(parseMrz(usa).checkDigitsValid).toBe(true);
    const gbr = ['VDGBRMUNIR<<FAISAL<<<<<<<<<<<<<<<<<<', 'AD07259817PAK7608151M0611165<<<<<<<<'];
    expect(checkResults(layoutFor(2, 36, 'V')!, gbr).every((c) => c.ok)).toBe(true);
    expect(parseMrz(gbr).checkDigitsValid).toBe(true);
    const broken = [gbr[0]!, gbr[1]!.replace('7608151', '7608152')];
    expect(checkResults(layoutFor(2, 36, 'V')!, broken)).toContainEqual({ name: 'birthDate', ok: false });
    expect(parseMrz(broken).checkDigitsValid).toBe(false);
  });
});

describe('correctMrz', () => {
  it('leaves a clean MRZ alone', () => {
    const r = correctMrz(UTO_TD3);
    expect(r?.lines).toEqual(UTO_TD3);
    expect(r?.corrections).toEqual([]);
    expect(r?.layout?.format).toBe('TD3');
    expect(r?.checks.every((c) => c.ok)).toBe(true);
  });

  it('maps confusions by field type: letters in dates and check digits, digits in state codes and names', () => {
    const read = [
      'P<UT0ERIKSS0N<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<',
      'L898902C36UT07408I2ZF12O4159ZE184226B<<<<<1O',
    ];
    const r = correctMrz(read)!;
    expect(r.lines).toEqual(UTO_TD3);
    expect(r.corrections).toEqual([
      { line: 0, column: 4, from: '0', to: 'O', why: 'issuingState holds letters: 0 read for O' },
      { line: 0, column: 11, from: '0', to: 'O', why: 'name holds letters: 0 read for O' },
      { line: 0, column: 23, from: '1', to: 'I', why: 'name holds letters: 1 read for I' },
      { line: 1, column: 12, from: '0', to: 'O', why: 'nationality holds letters: 0 read for O' },
      { line: 1, column: 17, from: 'I', to: '1', why: 'birthDate holds digits: I read for 1' },
      { line: 1, column: 19, from: 'Z', to: '2', why: 'birthDateCheck holds digits: Z read for 2' },
      { line: 1, column: 23, from: 'O', to: '0', why: 'expirationDate holds digits: O read for 0' },
      { line: 1, column: 43, from: 'O', to: '0', why: 'compositeCheck holds digits: O read for 0' },
    ]);
  });

  it('lets the check digit choose between a letter and a digit in the document number', () => {
    const r = correctMrz([UTO_TD3[0]!, 'L8989O2C36UTO7408122F1204159ZE184226B<<<<<10'])!;
    expect(r.lines).toEqual(UTO_TD3);
    expect(r.corrections).toEqual([
      {
        line: 1,
        column: 5,
        from: 'O',
        to: '0',
        why: 'documentNumber: the documentNumber check digit passes with 0, not O',
      },
    ]);
  });

  it('reads a run of K after a filler in the name as fillers, but keeps a name ending in K', () => {
    const r = correctMrz(['P<UTOERIK<<ANNA<<<<<KK<<<<<<<<<KKK<<<<<<<<<', UTO_TD3[1]!])!;
    expect(r.lines[0]).toBe('P<UTOERIK<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<<<<<');
    expect(r.corrections.filter((c) => c.from === 'K')).toHaveLength(5);
  });

  it('restores fillers the OCR lost or doubled, where the check digits say', () => {
    // One filler lost in the personal-number run: the check digits only pass when it goes back there.
    const short = correctMrz([UTO_TD3[0]!, 'L898902C36UTO7408122F1204159ZE184226B<<<<10'])!;
    expect(short.lines).toEqual(UTO_TD3);
    expect(short.corrections[0]?.why).toBe('line had 43 of 44 characters: a filler run miscounted');
    // The space where fillers were lost in the name: padded at the end, where names end.
    const spaced = correctMrz(['P<UTOERIKSSON<<ANNA<MARIA <<<<<<<<<<', UTO_TD3[1]!])!;
    expect(spaced.lines).toEqual(UTO_TD3);
  });

  it('uses what other readings saw when two swaps would both pass the check digit', () => {
    // X52G81B07 … personal number ZB1990S02: reading S as 5 and B as 8 collide on the check digit.
    const truth = [
      'P<UTOOKONKWO<<ADAEZE<GRACE<<<<<<<<<<<<<<<<<<',
      'X52G81B079UTO9102284F3306150ZB1990S02<<<<<72',
    ];
    const read = [truth[0]!, truth[1]!.replace('S02', '502')];
    const confidence = read.map((l) => [...l].map(() => 95));
    const r = correctMrz(read, { hints: { alternatives: { '1:34': ['S'] }, confidence } })!;
    expect(r.lines).toEqual(truth);
    expect(r.corrections).toHaveLength(1);
    expect(r.corrections[0]).toMatchObject({ line: 1, column: 34, from: '5', to: 'S' });
    expect(r.corrections[0]?.why).toContain('as another reading saw it');
  });

  it('changes nothing when two fixes pass every check digit and neither is better backed', () => {
    const truth = [
      'P<UTOOKONKWO<<ADAEZE<GRACE<<<<<<<<<<<<<<<<<<',
      'X52G81B079UTO9102284F3306150ZB1990S02<<<<<72',
    ];
    // 2 read as Z: Z→2 passes the number's check digit and the composite, and so does 1→I (X5ZG8IB07).
    const read = [truth[0]!, truth[1]!.replace('X52G', 'X5ZG')];
    const r = correctMrz(read)!;
    expect(r.lines).toEqual(read);
    expect(r.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['documentNumber', 'composite']);
    // With another reading that saw 2 there, the fix is backed and made.
    const confidence = read.map((l) => [...l].map(() => 90));
    const backed = correctMrz(read, { hints: { alternatives: { '1:2': ['2'] }, confidence } })!;
    expect(backed.lines).toEqual(truth);
  });

  it('does not fix a failing composite through a field whose own check digit fails', () => {
    // An altered birth date (check digits not updated) and an ambiguous O in the number: nothing is changed
    // to make the composite pass, and the number's two possible fixes are left alone.
    const read = [
      'P<UTOOKONKWO<<ADAEZE<GRACE<<<<<<<<<<<<<<<<<<',
      'X52G81BO79UTO8902284F3306150ZB1990S02<<<<<72',
    ];
    const r = correctMrz(read)!;
    expect(r.lines).toEqual(read);
    expect(r.corrections).toEqual([]);
    expect(r.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([
      'documentNumber',
      'birthDate',
      'composite',
    ]);
  });

  it('picks the MRZ lines out of other text, the lowest block winning', () => {
    const r = correctMrz(['PASSPORT PASSEPORT', 'SURNAME ERIKSSON', ...UTO_TD3, '']);
    expect(r?.lines).toEqual(UTO_TD3);
    expect(pickMrzLines(['SURNAME', ...UTO_TD3])?.start).toBe(1);
  });

  it('finds no MRZ in ordinary text', () => {
    expect(correctMrz(['PASSPORT PASSEPORT UTOPIA', 'SURNAME NOM', 'ERIKSSON'])).toBeNull();
    expect(correctMrz([])).toBeNull();
  });

  it('sizes but does not remap the French national ID (same size as TD2, other layout)', () => {
    const fra = ['IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<', '9409923102854CORINNE<<<<<<<6512068F4'];
    const r = correctMrz(fra)!;
    expect(r.layout).toBeNull();
    expect(r.lines).toEqual(fra);
    expect(parseMrz(r.lines).format).toBe('FRENCH_NATIONAL_ID');
  });

  // mrz-fast's error-correction cases (options.errorCorrection): the same lines come out.
  const fast = load('mrz_fast_cases.json').cases.filter(
    (c) => c.options !== undefined && Array.isArray(c.mrz),
  );
  it.each(fast.map((c) => [c.test ?? '', c] as const))('mrz-fast: %s', (_, c) => {
    const r = correctMrz(c.mrz as string[])!;
    expect(parseMrz(r.lines).checkDigitsValid).toBe(true);
    const want = [
      'P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<',
      'C01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0',
    ];
    expect(r.lines).toEqual(want);
    if (c.expected_lines?.line1) expect(r.lines[0]).toBe(c.expected_lines.line1);
    if (c.expected_lines?.line2) expect(r.lines[1]).toBe(c.expected_lines.line2);
  });
});
