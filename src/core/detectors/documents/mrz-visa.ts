// Machine-readable visas (ICAO 9303 part 7): MRV-A (2 × 44) and MRV-B (2 × 36). The `mrz` library reads the
// other formats but not these, so the layout is read here; the state table is the library's.
//
// Line 1: V, visa type, issuing state (3), name (surname << given names).
// Line 2: number (9) + check, nationality (3), birth date (6) + check, sex, expiry (6) + check, optional data.
// Unlike passports there is no composite check digit.
import { states } from 'mrz';

export type VisaFormat = 'MRVA' | 'MRVB';

export type VisaField = { field: string; label: string; raw: string; valid: boolean; error?: string };

export type VisaReading = {
  documentCode: string;
  issuingState: string;
  lastName: string;
  firstName: string;
  documentNumber: string;
  nationality: string;
  birthDate: string;
  sex: string;
  expirationDate: string;
  optional: string;
  details: VisaField[];
};

const VALUE: Record<string, number> = { '<': 0 };
for (let i = 0; i < 10; i++) VALUE[String(i)] = i;
for (let i = 0; i < 26; i++) VALUE[String.fromCharCode(65 + i)] = 10 + i;

/** The 7-3-1 weighted check digit of ICAO 9303 part 3; null when a character is not allowed. */
export function checkDigit(value: string): number | null {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    const v = VALUE[value[i]!];
    if (v === undefined) return null;
    sum += v * weights[i % 3]!;
  }
  return sum % 10;
}

const stateNames = states as Readonly<Record<string, string>>;

function stateField(field: string, label: string, raw: string): VisaField {
  const code = raw.replace(/<+$/, '');
  const valid = /^[A-Z]{1,3}$/.test(code) && stateNames[code] !== undefined;
  return valid
    ? { field, label, raw, valid }
    : { field, label, raw, valid, error: `invalid state code: ${raw}` };
}

function checked(field: string, label: string, value: string, digit: string): VisaField {
  const expected = checkDigit(value);
  if (expected === null) {
    return { field, label, raw: digit, valid: false, error: `invalid characters in ${value}` };
  }
  return String(expected) === digit
    ? { field, label, raw: digit, valid: true }
    : { field, label, raw: digit, valid: false, error: `invalid check digit: ${digit}. Must be ${expected}` };
}

function dateField(field: string, label: string, raw: string): VisaField {
  const ok = /^\d{6}$/.test(raw) && Number(raw.slice(2, 4)) >= 1 && Number(raw.slice(2, 4)) <= 12;
  const day = Number(raw.slice(4, 6));
  return ok && day >= 1 && day <= 31
    ? { field, label, raw, valid: true }
    : { field, label, raw, valid: false, error: `not a date in YYMMDD form: ${raw}` };
}

function names(raw: string): { lastName: string; firstName: string } {
  const [last = '', ...rest] = raw.replace(/<+$/, '').split('<<');
  return {
    lastName: last.replace(/</g, ' ').trim(),
    firstName: rest.join(' ').replace(/</g, ' ').replace(/\s+/g, ' ').trim(),
  };
}

/** Reads a visa MRZ whose two lines both have 44 (MRV-A) or 36 (MRV-B) characters and start with V. */
export function readVisa(line1: string, line2: string): VisaReading {
  const details: VisaField[] = [];
  const allowed = /^[A-Z0-9<]+$/;
  if (!allowed.test(line1)) {
    details.push({
      field: 'line1',
      label: 'Line 1',
      raw: line1,
      valid: false,
      error: 'characters other than A-Z, 0-9 and <',
    });
  }
  if (!allowed.test(line2)) {
    details.push({
      field: 'line2',
      label: 'Line 2',
      raw: line2,
      valid: false,
      error: 'characters other than A-Z, 0-9 and <',
    });
  }
  const number = line2.slice(0, 9);
  const birth = line2.slice(13, 19);
  const expiry = line2.slice(21, 27);
  const sex = line2.slice(20, 21);
  details.push(stateField('issuingState', 'Issuing state', line1.slice(2, 5)));
  details.push(
    checked('documentNumberCheckDigit', 'Document number check digit', number, line2.slice(9, 10)),
  );
  details.push(stateField('nationality', 'Nationality', line2.slice(10, 13)));
  details.push(dateField('birthDate', 'Birth date', birth));
  details.push(checked('birthDateCheckDigit', 'Birth date check digit', birth, line2.slice(19, 20)));
  details.push(
    /^[MFX<]$/.test(sex)
      ? { field: 'sex', label: 'Sex', raw: sex, valid: true }
      : { field: 'sex', label: 'Sex', raw: sex, valid: false, error: `invalid sex: ${sex}` },
  );
  details.push(dateField('expirationDate', 'Expiration date', expiry));
  details.push(
    checked('expirationDateCheckDigit', 'Expiration date check digit', expiry, line2.slice(27, 28)),
  );
  return {
    documentCode: line1.slice(0, 2).replace(/<+$/, ''),
    issuingState: line1.slice(2, 5).replace(/<+$/, ''),
    ...names(line1.slice(5)),
    documentNumber: number.replace(/<+$/, ''),
    nationality: line2.slice(10, 13).replace(/<+$/, ''),
    birthDate: birth,
    sex: sex === '<' ? 'X' : sex,
    expirationDate: expiry,
    optional: line2.slice(28).replace(/<+$/, ''),
    details,
  };
}
