// MRZ reading for the CLI, API and (later) OCR: the parser itself is pure and lives in core
// (src/core/detectors/documents/mrz-read.ts, over the `mrz` package) so detectors can use it too; this
// module is the entry point for everything outside core and words a result for people.
import type { MrzResult } from '../../core/detectors/documents/mrz-read.ts';

export type { MrzFields, MrzFormat, MrzProblem, MrzResult } from '../../core/detectors/documents/mrz-read.ts';
export { mrzLines, parseMrz } from '../../core/detectors/documents/mrz-read.ts';

const FORMAT_NAMES: Record<string, string> = {
  TD1: 'TD1 (ID card, 3 × 30)',
  TD2: 'TD2 (ID card, 2 × 36)',
  TD3: 'TD3 (passport, 2 × 44)',
  MRVA: 'MRV-A (visa, 2 × 44)',
  MRVB: 'MRV-B (visa, 2 × 36)',
  FRENCH_NATIONAL_ID: 'French national ID (2 × 36)',
  FRENCH_DRIVING_LICENSE: 'French driving licence (1 × 30)',
  SWISS_DRIVING_LICENSE: 'Swiss driving licence (9 + 30 + 30)',
};

const yesNo = (ok: boolean) => (ok ? 'pass' : 'FAIL');

/** The verdict in one word: valid, invalid, or not checked (a format recognised but not read). */
export function mrzVerdict(r: MrzResult): 'valid' | 'invalid' | 'not checked' {
  if (!r.supported) return 'not checked';
  return r.valid ? 'valid' : 'invalid';
}

/** A parse result as lines of text (no colours). */
export function formatMrzResult(r: MrzResult): string {
  const out = [`MRZ ${mrzVerdict(r)}${r.specimen ? ' (ICAO specimen: UTO is not a country)' : ''}`];
  out.push(`  format        ${r.format ? (FORMAT_NAMES[r.format] ?? r.format) : 'unknown'}`);
  if (r.supported && r.format !== null) {
    out.push(
      `  checks        check digits ${yesNo(r.checkDigitsValid)}, issuing state ${yesNo(r.issuingStateValid)}, nationality ${yesNo(r.nationalityValid)}`,
    );
    const f = r.fields;
    const rows: [string, string | null][] = [
      ['document code', f.documentCode],
      ['issuing state', f.issuingState],
      ['number', f.documentNumber],
      ['last name', f.lastName],
      ['first name', f.firstName],
      ['nationality', f.nationality],
      ['birth date', f.birthDate],
      ['sex', f.sex],
      ['expiry', f.expirationDate],
      ['personal no.', f.personalNumber],
      ['optional 1', f.optional1],
      ['optional 2', f.optional2],
    ];
    for (const [label, value] of rows) if (value !== null) out.push(`  ${label.padEnd(13)} ${value}`);
  }
  for (const p of r.problems) out.push(`  problem       ${p.message}`);
  return `${out.join('\n')}\n`;
}
