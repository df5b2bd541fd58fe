// Reading ICAO 9303 machine-readable zones with the `mrz` package (cheminfo/mrz, MIT): pure, no I/O, so
// detectors use it like wallets.ts uses its address validator. Check-digit validity and state-code
// validity are reported separately: ICAO specimens use "UTO" (Utopia), which passes every check digit
// but is no real country. Visas (MRV-A, MRV-B) are read by mrz-visa.ts: `mrz` 5 does not parse them.
import { parse } from 'mrz';
import { readVisa } from './mrz-visa.ts';

export type MrzFormat =
  | 'TD1'
  | 'TD2'
  | 'TD3'
  | 'MRVA'
  | 'MRVB'
  | 'FRENCH_NATIONAL_ID'
  | 'FRENCH_DRIVING_LICENSE'
  | 'SWISS_DRIVING_LICENSE';

export type MrzProblem = { field: string; message: string };

export type MrzFields = {
  documentCode: string | null;
  issuingState: string | null;
  documentNumber: string | null;
  lastName: string | null;
  firstName: string | null;
  nationality: string | null;
  /** YYYY-MM-DD; the century is the latest one not in the future. */
  birthDate: string | null;
  /** M, F or X (unspecified). */
  sex: 'M' | 'F' | 'X' | null;
  /** YYYY-MM-DD; the century puts it within 50 years of now. */
  expirationDate: string | null;
  personalNumber: string | null;
  optional1: string | null;
  optional2: string | null;
};

export type MrzResult = {
  /** The lines as read (trimmed, upper-cased). */
  lines: string[];
  /** null when the line count or lengths match no known format. */
  format: MrzFormat | null;
  /** false for formats recognised but not checked (visas). */
  supported: boolean;
  /** Structure, characters, check digits and state codes all pass. */
  valid: boolean;
  checkDigitsValid: boolean;
  /** The issuing state is a known ISO 3166 / ICAO code (UTO specimens are not). */
  issuingStateValid: boolean;
  nationalityValid: boolean;
  /** Whether the document is an ICAO specimen (issuing state or nationality UTO). */
  specimen: boolean;
  fields: MrzFields;
  problems: MrzProblem[];
};

const EMPTY_FIELDS: MrzFields = {
  documentCode: null,
  issuingState: null,
  documentNumber: null,
  lastName: null,
  firstName: null,
  nationality: null,
  birthDate: null,
  sex: null,
  expirationDate: null,
  personalNumber: null,
  optional1: null,
  optional2: null,
};

// Longer than any MRZ line (44), short enough that hostile input is refused before parsing.
const MAX_LINE = 100;
const STATE_FIELDS = new Set(['issuingState', 'nationality']);

/** Splits and tidies the input: lines may come as one string with newlines; blank lines are dropped. */
export function mrzLines(input: string | readonly string[]): string[] {
  const raw = typeof input === 'string' ? input.split(/\r?\n/) : input.flatMap((l) => l.split(/\r?\n/));
  return raw.map((l) => l.trim().replace(/\s+/g, '').toUpperCase()).filter((l) => l !== '');
}

function failed(lines: string[], format: MrzFormat | null, message: string, supported = true): MrzResult {
  return {
    lines,
    format,
    supported,
    valid: false,
    checkDigitsValid: false,
    issuingStateValid: false,
    nationalityValid: false,
    specimen: false,
    fields: EMPTY_FIELDS,
    problems: [{ field: 'format', message }],
  };
}

function validDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** YYMMDD → YYYY-MM-DD with the century chosen by `pick`; null when not a calendar day. */
function fullDate(yymmdd: string | null | undefined, pick: (yy: number) => number): string | null {
  if (!yymmdd || !/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const m = Number(yymmdd.slice(2, 4));
  const d = Number(yymmdd.slice(4, 6));
  const y = pick(yy);
  if (!validDay(y, m, d)) return null;
  return `${y}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

function birthCentury(now: Date) {
  const nowYear = now.getUTCFullYear();
  return (yy: number) => (2000 + yy > nowYear ? 1900 + yy : 2000 + yy);
}

function expiryCentury(now: Date) {
  const nowYear = now.getUTCFullYear();
  return (yy: number) => (2000 + yy > nowYear + 50 ? 1900 + yy : 2000 + yy);
}

const SEX: Record<string, 'M' | 'F' | 'X'> = { male: 'M', female: 'F', nonspecified: 'X' };

function text(v: string | null | undefined): string | null {
  return v === undefined || v === null || v === '' ? null : v;
}

function visaResult(line1: string, line2: string, format: 'MRVA' | 'MRVB', now: Date): MrzResult {
  const v = readVisa(line1, line2);
  const problems: MrzProblem[] = v.details
    .filter((d) => !d.valid)
    .map((d) => ({ field: d.field, message: `${d.label}: ${d.error ?? 'invalid'}` }));
  const invalid = (field: string) => v.details.some((d) => d.field === field && !d.valid);
  const birthDate = fullDate(v.birthDate, birthCentury(now));
  const expirationDate = fullDate(v.expirationDate, expiryCentury(now));
  if (birthDate === null && !invalid('birthDate')) {
    problems.push({ field: 'birthDate', message: `Birth date: not a calendar day: ${v.birthDate}` });
  }
  if (expirationDate === null && !invalid('expirationDate')) {
    problems.push({
      field: 'expirationDate',
      message: `Expiration date: not a calendar day: ${v.expirationDate}`,
    });
  }
  const checkDigitsValid = !v.details.some((d) => d.field.endsWith('CheckDigit') && !d.valid);
  return {
    lines: [line1, line2],
    format,
    supported: true,
    valid: problems.length === 0,
    checkDigitsValid,
    issuingStateValid: !invalid('issuingState'),
    nationalityValid: !invalid('nationality'),
    specimen: v.issuingState === 'UTO' || v.nationality === 'UTO',
    fields: {
      documentCode: text(v.documentCode),
      issuingState: text(v.issuingState),
      documentNumber: text(v.documentNumber),
      lastName: text(v.lastName),
      firstName: text(v.firstName),
      nationality: text(v.nationality),
      birthDate,
      sex: v.sex === 'M' || v.sex === 'F' || v.sex === 'X' ? v.sex : null,
      expirationDate,
      personalNumber: null,
      optional1: text(v.optional),
      optional2: null,
    },
    problems,
  };
}

/** Parses and validates one MRZ (2 or 3 lines, or the one-line French driving licence). */
export function parseMrz(input: string | readonly string[], options: { now?: Date } = {}): MrzResult {
  const now = options.now ?? new Date();
  const lines = mrzLines(input);
  if (lines.length === 0) return failed(lines, null, 'no MRZ lines given');
  if (lines.length > 3) return failed(lines, null, `an MRZ has 1 to 3 lines, got ${lines.length}`);
  const long = lines.find((l) => l.length > MAX_LINE);
  if (long) return failed(lines, null, `an MRZ line has at most 44 characters, got ${long.length}`);
  // Visas: document code V, two lines of 44 (MRV-A) or 36 (MRV-B) characters.
  if (lines.length === 2 && lines[0]!.startsWith('V') && lines[0]!.length === lines[1]!.length) {
    const format = lines[0]!.length === 44 ? 'MRVA' : lines[0]!.length === 36 ? 'MRVB' : null;
    if (format) return visaResult(lines[0]!, lines[1]!, format, now);
  }
  let result: ReturnType<typeof parse>;
  try {
    result = parse(lines);
  } catch (error) {
    return failed(lines, null, error instanceof Error ? error.message : String(error));
  }
  const problems: MrzProblem[] = [];
  let checkDigitsValid = true;
  let issuingStateValid = true;
  let nationalityValid = true;
  let specimen = false;
  // Each range also carries the raw characters (not in the library's types).
  const rawState = (field: string): string | undefined => {
    const range = result.details.find((d) => d.field === field)?.ranges[0] as { raw?: string } | undefined;
    return range?.raw?.replace(/<+$/, '');
  };
  for (const d of result.details) {
    const field = d.field ?? d.label;
    if (STATE_FIELDS.has(field) && rawState(field) === 'UTO') specimen = true;
    if (d.valid) continue;
    if (field.endsWith('CheckDigit')) checkDigitsValid = false;
    if (field === 'issuingState') issuingStateValid = false;
    if (field === 'nationality') nationalityValid = false;
    problems.push({ field, message: `${d.label}: ${d.error ?? 'invalid'}` });
  }
  const f = result.fields;
  const fields: MrzFields = {
    documentCode: text(f.documentCode),
    // The library blanks unknown state codes; keep what the document says so it can be shown and compared.
    issuingState: text(f.issuingState) ?? text(rawState('issuingState')),
    documentNumber: text(f.documentNumber ?? result.documentNumber),
    lastName: f.lastName ?? null,
    firstName: f.firstName ?? null,
    nationality: text(f.nationality) ?? text(rawState('nationality')),
    birthDate: fullDate(f.birthDate, birthCentury(now)),
    sex: f.sex ? (SEX[f.sex] ?? null) : null,
    expirationDate: fullDate(f.expirationDate, expiryCentury(now)),
    personalNumber: text(f.personalNumber),
    optional1: text(f.optional1),
    optional2: text(f.optional2),
  };
  return {
    lines,
    format: result.format,
    supported: true,
    valid: result.valid,
    checkDigitsValid,
    issuingStateValid,
    nationalityValid,
    specimen,
    fields,
    problems,
  };
}
