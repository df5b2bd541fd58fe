// documents.mrz-mismatch — the machine-readable lines of a document disagree with its printed fields
// (name, date of birth, number, expiry, sex, nationality), with the application (subject name and
// date of birth) or with the name on the resume (`resume.contact.name`; compared transliteration- and
// order-aware with consistency/names.ts as well, and a declared alias is explained, not counted). Conservative: names are compared order-insensitively as words after upper-casing,
// folding accents and ICAO transliterations (Ä→AE or A, ß→SS, ...); one name may leave out words of the
// other (middle names), the MRZ may truncate a long name, and a name in a non-Latin script is not
// compared at all. Dates are compared without the century, which the MRZ does not carry.
import countries from 'i18n-iso-countries';
import type { Detector } from '../../types.ts';
import { compareNames } from '../consistency/names.ts';
import { resumeName } from '../contact/candidate-contact.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { type MrzResult, parseMrz } from './mrz-read.ts';

const def = requireSignal('documents.mrz-mismatch');

// ICAO 9303 part 3 transliterations that differ from simply dropping the accent.
const ICAO_TRANSLIT: [RegExp, string][] = [
  [/Ä/g, 'AE'],
  [/Ö/g, 'OE'],
  [/Ü/g, 'UE'],
  [/ß/g, 'SS'],
  [/Å/g, 'AA'],
  [/Æ/g, 'AE'],
  [/Ø/g, 'OE'],
  [/Œ/g, 'OE'],
  [/Þ/g, 'TH'],
  [/Ð/g, 'D'],
  [/Ł/g, 'L'],
  [/Ñ/g, 'NXX'],
];

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '');
}

function words(s: string): string[] {
  return s.split(/[^A-Z]+/).filter((w) => w !== '');
}

/** The ways a printed name may appear in an MRZ, each as a list of words (upper case A-Z only). */
export function nameVariants(name: string): string[][] {
  const upper = name.replace(/ß/g, 'SS').toUpperCase();
  let icao = upper;
  for (const [re, to] of ICAO_TRANSLIT) icao = icao.replace(re, to);
  const variants = new Set<string>();
  for (const base of [fold(upper).replace(/Ł/g, 'L').replace(/Ø/g, 'O'), fold(icao)]) {
    variants.add(base.replace(/[-'’]/g, ' ')); // Kim Min-jun → MIN JUN
    variants.add(base.replace(/[-'’]/g, '')); // → MINJUN
  }
  return [...variants].map(words).filter((w) => w.length > 0);
}

/** Whether a name has letters the MRZ alphabet could hold at all (a Hangul or Cyrillic name cannot be compared). */
export function isLatinName(name: string): boolean {
  const letters = [...name].filter((c) => /\p{L}/u.test(c));
  return letters.length > 0 && letters.every((c) => /\p{Script=Latin}/u.test(c));
}

/** Whether every word of `small` is a word of `big`, or two adjacent words of `big` run together (MINJUN = MIN JUN). */
function covers(big: string[], small: string[], truncatedLast: string | undefined): boolean {
  const used = big.map(() => false);
  for (const w of small) {
    let at = big.findIndex((p, i) => !used[i] && p === w);
    if (at < 0 && truncatedLast === w) at = big.findIndex((p, i) => !used[i] && p.startsWith(w));
    if (at >= 0) {
      used[at] = true;
      continue;
    }
    const pair = big.findIndex(
      (p, i) => i + 1 < big.length && !used[i] && !used[i + 1] && p + big[i + 1] === w,
    );
    if (pair < 0) return false;
    used[pair] = true;
    used[pair + 1] = true;
  }
  return true;
}

/**
 * Whether a printed or claimed name agrees with the MRZ name: every word of one appears in the other
 * (order-insensitive), in any transliteration variant. `truncated` when the MRZ name field is full,
 * so its last word may be cut.
 */
export function namesAgree(mrzWords: string[], name: string, truncated = false): boolean {
  const last = truncated ? mrzWords.at(-1) : undefined;
  return nameVariants(name).some((v) => covers(v, mrzWords, last) || covers(mrzWords, v, undefined));
}

function mrzNameWords(r: MrzResult): string[] {
  return words(`${r.fields.lastName ?? ''} ${r.fields.firstName ?? ''}`);
}

/** The name field runs to the end of its line with no filler: it may have been cut. */
function nameTruncated(r: MrzResult): boolean {
  const line = r.format === 'TD1' ? r.lines[2] : r.lines[0];
  return line !== undefined && !line.endsWith('<');
}

function alpha2(mrzState: string | null): string | undefined {
  if (!mrzState) return undefined;
  if (mrzState === 'D') return 'DE';
  return countries.alpha3ToAlpha2(mrzState) ?? undefined;
}

const sixDigits = (iso: string) => iso.slice(2, 10); // YY-MM-DD of YYYY-MM-DD
const docNumber = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
function sexLetter(s: string): string | undefined {
  const c = s.trim().toUpperCase()[0];
  return c === 'M' || c === 'F' ? c : undefined;
}

export type MrzDisagreement = { field: string; mrz: string; other: string; source: string };

/** The disagreements between one parsed MRZ and the printed fields and the application. */
export function compareMrz(
  r: MrzResult,
  printed: {
    name?: string;
    dateOfBirth?: string;
    number?: string;
    expiry?: string;
    nationality?: string;
    sex?: string;
  },
  subject: { name?: string; dateOfBirth?: string },
): MrzDisagreement[] {
  const out: MrzDisagreement[] = [];
  const f = r.fields;
  const mrzWords = mrzNameWords(r);
  const mrzName = mrzWords.join(' ');
  const truncated = nameTruncated(r);
  const names: [string | undefined, string][] = [
    [printed.name, 'printed fields'],
    [subject.name, 'the application'],
  ];
  for (const [name, source] of names) {
    if (!name || mrzWords.length === 0 || !isLatinName(name)) continue;
    if (!namesAgree(mrzWords, name, truncated))
      out.push({ field: 'name', mrz: mrzName, other: name, source });
  }
  const dobs: [string | undefined, string][] = [
    [printed.dateOfBirth, 'printed fields'],
    [subject.dateOfBirth, 'the application'],
  ];
  for (const [dob, source] of dobs) {
    if (dob && f.birthDate && sixDigits(dob) !== sixDigits(f.birthDate)) {
      out.push({ field: 'date of birth', mrz: f.birthDate, other: dob, source });
    }
  }
  if (printed.number && f.documentNumber && docNumber(printed.number) !== docNumber(f.documentNumber)) {
    out.push({ field: 'number', mrz: f.documentNumber, other: printed.number, source: 'printed fields' });
  }
  if (printed.expiry && f.expirationDate && sixDigits(printed.expiry) !== sixDigits(f.expirationDate)) {
    out.push({ field: 'expiry', mrz: f.expirationDate, other: printed.expiry, source: 'printed fields' });
  }
  const nat = alpha2(f.nationality);
  if (printed.nationality && nat && printed.nationality.toUpperCase() !== nat) {
    out.push({
      field: 'nationality',
      mrz: f.nationality ?? '',
      other: printed.nationality,
      source: 'printed fields',
    });
  }
  const printedSex = printed.sex ? sexLetter(printed.sex) : undefined;
  if (printedSex && (f.sex === 'M' || f.sex === 'F') && printedSex !== f.sex) {
    out.push({ field: 'sex', mrz: f.sex, other: printed.sex ?? '', source: 'printed fields' });
  }
  return out;
}

/**
 * The MRZ name against the name on the resume. Agrees when the words agree as for the application, or when
 * the name comparison of consistency.identity finds the same name or an explained variant (another
 * romanisation, a name in Hangul or Chinese, a declared alias); a name that cannot be compared is left out.
 */
export function compareMrzWithResume(
  r: MrzResult,
  name: string,
  aliases: readonly string[] = [],
): { disagreement?: MrzDisagreement; variant?: { resume: string; mrz: string; reason: string } } {
  const mrzWords = mrzNameWords(r);
  if (mrzWords.length === 0) return {};
  const mrzName = mrzWords.join(' ');
  if (isLatinName(name) && namesAgree(mrzWords, name, nameTruncated(r))) return {};
  const c = compareNames(mrzName, name, aliases);
  if (c.verdict === 'same') return {};
  if (c.verdict === 'variant') return { variant: { resume: name, mrz: mrzName, reason: c.reason } };
  if (c.verdict === 'uncomparable' || !isLatinName(name)) return {};
  return { disagreement: { field: 'name', mrz: mrzName, other: name, source: 'the resume' } };
}

export const mrzMismatch: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const docs = bundle.documents ?? [];
    let compared = 0;
    const evidence: string[] = [];
    const mismatches: (MrzDisagreement & { document: string })[] = [];
    let firstKind: string | undefined;
    const onResume = resumeName(bundle);
    const variants: { resume: string; mrz: string; reason: string; document: string }[] = [];
    docs.forEach((d, i) => {
      if (!d.mrz || d.mrz.length === 0) return;
      const r = parseMrz(d.mrz, { now: ctx.now });
      // Only what was read from a well-formed MRZ is compared; broken lines are documents.mrz-invalid.
      if (!r.supported || r.format === null || !r.checkDigitsValid) return;
      compared++;
      const diffs = compareMrz(r, d.fields ?? {}, {
        name: bundle.subject.name,
        dateOfBirth: bundle.subject.dateOfBirth,
      });
      if (onResume) {
        const c = compareMrzWithResume(r, onResume, bundle.subject.aliases ?? []);
        if (c.disagreement) diffs.push(c.disagreement);
        if (c.variant) variants.push({ ...c.variant, document: `documents[${i}]` });
      }
      if (diffs.length === 0) return;
      evidence.push(`documents[${i}].mrz`);
      if (diffs.some((m) => m.source === 'printed fields')) evidence.push(`documents[${i}].fields`);
      if (diffs.some((m) => m.source === 'the application')) evidence.push('subject');
      if (diffs.some((m) => m.source === 'the resume')) evidence.push('resume.contact.name');
      firstKind ??= d.kind ?? 'document';
      for (const m of diffs) mismatches.push({ ...m, document: `documents[${i}]` });
    });
    if (compared === 0) return notEvaluated('no document with readable machine-readable lines');
    if (mismatches.length === 0) return nothing();
    const sources = [...new Set(mismatches.map((m) => m.source))];
    const detail = mismatches
      .map((m) => `${m.field} is ${m.mrz} in the MRZ but ${m.other} in ${m.source}`)
      .join('; ');
    return found(
      fire(
        def,
        'high',
        [...new Set(evidence)],
        {
          count: mismatches.length,
          mismatches,
          ...(variants.length > 0 ? { explainedVariants: variants } : {}),
        },
        { document: (firstKind ?? 'document').replace(/_/g, ' '), other: sources.join(' and '), detail },
      ),
    );
  },
};
