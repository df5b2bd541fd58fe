// ICAO 9303 layouts of the machine-readable zone, as far as OCR correction needs them: which column holds
// which kind of character, and which check digit covers which characters. parseMrz (src/intel/documents/
// mrz.ts) stays the judge of validity; this table only guides the choice between OCR readings.

export type LayoutFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';

/**
 * code: document code (letters or filler); state: a 3-letter state code; name: the name field (letters and
 * fillers); alnum: document number or optional data (letters, digits, fillers); date: YYMMDD digits;
 * check: a check digit (a digit, or a filler over an empty field); sex: M, F, X or filler.
 */
export type FieldKind = 'code' | 'state' | 'name' | 'alnum' | 'date' | 'check' | 'sex';

export type FieldSpec = {
  name: string;
  line: number;
  start: number;
  /** exclusive */
  end: number;
  kind: FieldKind;
};

/** A check digit at [line, column] over the listed [line, start, end) ranges. */
export type CheckSpec = { name: string; at: [number, number]; over: [number, number, number][] };

export type MrzLayout = {
  format: LayoutFormat;
  lines: number;
  length: number;
  fields: FieldSpec[];
  checks: CheckSpec[];
};

const f = (name: string, line: number, start: number, end: number, kind: FieldKind): FieldSpec => ({
  name,
  line,
  start,
  end,
  kind,
});

/** Line 1 of TD2, TD3 and both visas: document code, issuing state, name. */
function nameLine(length: number): FieldSpec[] {
  return [
    f('documentCode', 0, 0, 2, 'code'),
    f('issuingState', 0, 2, 5, 'state'),
    f('name', 0, 5, length, 'name'),
  ];
}

/** Line 2 of TD2, TD3 and both visas up to the expiry check digit (columns 0–27). */
const DATA_LINE: FieldSpec[] = [
  f('documentNumber', 1, 0, 9, 'alnum'),
  f('documentNumberCheck', 1, 9, 10, 'check'),
  f('nationality', 1, 10, 13, 'state'),
  f('birthDate', 1, 13, 19, 'date'),
  f('birthDateCheck', 1, 19, 20, 'check'),
  f('sex', 1, 20, 21, 'sex'),
  f('expirationDate', 1, 21, 27, 'date'),
  f('expirationDateCheck', 1, 27, 28, 'check'),
];

const DATA_CHECKS: CheckSpec[] = [
  { name: 'documentNumber', at: [1, 9], over: [[1, 0, 9]] },
  { name: 'birthDate', at: [1, 19], over: [[1, 13, 19]] },
  { name: 'expirationDate', at: [1, 27], over: [[1, 21, 27]] },
];

export const LAYOUTS: Record<LayoutFormat, MrzLayout> = {
  TD3: {
    format: 'TD3',
    lines: 2,
    length: 44,
    fields: [
      ...nameLine(44),
      ...DATA_LINE,
      f('personalNumber', 1, 28, 42, 'alnum'),
      f('personalNumberCheck', 1, 42, 43, 'check'),
      f('compositeCheck', 1, 43, 44, 'check'),
    ],
    checks: [
      ...DATA_CHECKS,
      { name: 'personalNumber', at: [1, 42], over: [[1, 28, 42]] },
      {
        name: 'composite',
        at: [1, 43],
        over: [
          [1, 0, 10],
          [1, 13, 20],
          [1, 21, 43],
        ],
      },
    ],
  },
  MRVA: {
    format: 'MRVA',
    lines: 2,
    length: 44,
    fields: [...nameLine(44), ...DATA_LINE, f('optional', 1, 28, 44, 'alnum')],
    checks: DATA_CHECKS,
  },
  TD2: {
    format: 'TD2',
    lines: 2,
    length: 36,
    fields: [
      ...nameLine(36),
      ...DATA_LINE,
      f('optional', 1, 28, 35, 'alnum'),
      f('compositeCheck', 1, 35, 36, 'check'),
    ],
    checks: [
      ...DATA_CHECKS,
      {
        name: 'composite',
        at: [1, 35],
        over: [
          [1, 0, 10],
          [1, 13, 20],
          [1, 21, 35],
        ],
      },
    ],
  },
  MRVB: {
    format: 'MRVB',
    lines: 2,
    length: 36,
    fields: [...nameLine(36), ...DATA_LINE, f('optional', 1, 28, 36, 'alnum')],
    checks: DATA_CHECKS,
  },
  TD1: {
    format: 'TD1',
    lines: 3,
    length: 30,
    fields: [
      f('documentCode', 0, 0, 2, 'code'),
      f('issuingState', 0, 2, 5, 'state'),
      f('documentNumber', 0, 5, 14, 'alnum'),
      f('documentNumberCheck', 0, 14, 15, 'check'),
      f('optional1', 0, 15, 30, 'alnum'),
      f('birthDate', 1, 0, 6, 'date'),
      f('birthDateCheck', 1, 6, 7, 'check'),
      f('sex', 1, 7, 8, 'sex'),
      f('expirationDate', 1, 8, 14, 'date'),
      f('expirationDateCheck', 1, 14, 15, 'check'),
      f('nationality', 1, 15, 18, 'state'),
      f('optional2', 1, 18, 29, 'alnum'),
      f('compositeCheck', 1, 29, 30, 'check'),
      f('name', 2, 0, 30, 'name'),
    ],
    checks: [
      // The document-number check is special (a long number runs on into optional1): see checkResults.
      { name: 'documentNumber', at: [0, 14], over: [[0, 5, 14]] },
      { name: 'birthDate', at: [1, 6], over: [[1, 0, 6]] },
      { name: 'expirationDate', at: [1, 14], over: [[1, 8, 14]] },
      {
        name: 'composite',
        at: [1, 29],
        over: [
          [0, 5, 30],
          [1, 0, 7],
          [1, 8, 15],
          [1, 18, 29],
        ],
      },
    ],
  },
};

/** ICAO 9303 7-3-1 check digit: digits count as themselves, A–Z as 10–35, the filler `<` as 0. */
export function checkDigit(text: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const value = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : 0;
    sum += value * (weights[i % 3] ?? 1);
  }
  return sum % 10;
}

function slice(lines: readonly string[], [line, start, end]: [number, number, number]): string {
  return (lines[line] ?? '').slice(start, end);
}

/** Whether the check digit `digit` validates `text`; an empty field may carry `<` instead of 0. */
function digitMatches(text: string, digit: string): boolean {
  if (digit === '<') return /^<*$/.test(text);
  if (!/^\d$/.test(digit)) return false;
  return checkDigit(text) === Number(digit);
}

export type CheckResult = { name: string; ok: boolean };

/** Every check digit of the layout, evaluated on `lines` (which must have the layout's shape). */
export function checkResults(layout: MrzLayout, lines: readonly string[]): CheckResult[] {
  return layout.checks.map((check) => {
    const digit = (lines[check.at[0]] ?? '')[check.at[1]] ?? '';
    if (layout.format === 'TD1' && check.name === 'documentNumber') {
      return { name: check.name, ok: td1DocumentNumberOk(lines[0] ?? '') };
    }
    const text = check.over.map((range) => slice(lines, range)).join('');
    return { name: check.name, ok: digitMatches(text, digit) };
  });
}

/**
 * TD1 document number: nine characters and a check digit, or — when the number is longer — nine characters,
 * a filler, the rest of the number in optional1 and its check digit as the last character before the next
 * filler. Issuers differ on whether that filler counts (PRADO BEL-BO-03003 vs BEL-BO-11005); either passes.
 */
function td1DocumentNumberOk(line: string): boolean {
  const digit = line[14] ?? '';
  const number = line.slice(5, 14);
  if (digit !== '<') return digitMatches(number, digit);
  const rest = /^[A-Z0-9]+/.exec(line.slice(15))?.[0] ?? '';
  if (rest.length < 2) return false;
  const tail = rest.slice(0, -1);
  const last = rest.slice(-1);
  return digitMatches(`${number}<${tail}`, last) || digitMatches(`${number}${tail}`, last);
}

/** The layout for lines of these lengths and this first character, or null. */
export function layoutFor(lineCount: number, length: number, firstChar: string): MrzLayout | null {
  if (lineCount === 3 && length === 30) return LAYOUTS.TD1;
  if (lineCount !== 2) return null;
  if (length === 44) return firstChar === 'V' ? LAYOUTS.MRVA : LAYOUTS.TD3;
  if (length === 36) return firstChar === 'V' ? LAYOUTS.MRVB : LAYOUTS.TD2;
  return null;
}
