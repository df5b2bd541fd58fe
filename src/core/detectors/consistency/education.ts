// consistency.education — the education history disagrees with itself: the same institution (names compared
// after folding case, accents, punctuation and "The") has a degree of another level or subject, or dates more
// than two months apart, in two different sources (resume, application, interview, reference, document); or a
// reference at the institution (`references[].organization`) has the outcome `contradicts`. An entry from a
// reference or document that contradicts the candidate's own account is named as such.
import type { CaseBundle } from '../../bundle/schema.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { datesApart, normalizeOrganisation } from './employment.ts';

const def = requireSignal('consistency.education');

type Entry = NonNullable<CaseBundle['education']>[number] & { index: number; org: string };

const INSTITUTION_ABBREVIATIONS: [RegExp, string][] = [
  [/\buniv\b\.?/g, 'university'],
  [/\binst\b\.?/g, 'institute'],
  [/\btech\b\.?/g, 'technology'],
];

/** An institution's name for comparison: "The Univ. of Toronto" = "University of Toronto". */
export function normalizeInstitution(name: string): string {
  let s = name.toLowerCase();
  for (const [re, to] of INSTITUTION_ABBREVIATIONS) s = s.replace(re, to);
  return normalizeOrganisation(s);
}

type Level = 'doctorate' | 'master' | 'bachelor' | 'associate' | 'diploma' | 'secondary';

const LEVELS: [RegExp, Level][] = [
  [/\b(ph\.?\s?d|doctor(ate)?|d\.?phil|ed\.?d)\b/i, 'doctorate'],
  [/\b(master'?s?|m\.?\s?sc?|m\.?\s?eng|m\.?\s?a|mba|m\.?\s?phil|ms|meng|llm)\b/i, 'master'],
  [
    /\b(bachelor'?s?|b\.?\s?sc?|b\.?\s?eng|b\.?\s?a|b\.?\s?tech|bs|beng|btech|llb|undergraduate)\b/i,
    'bachelor',
  ],
  [/\b(associate'?s?|a\.?\s?a\.?s?)\b/i, 'associate'],
  [/\b(diploma|certificate)\b/i, 'diploma'],
  [/\b(high school|secondary)\b/i, 'secondary'],
];

/** The level a degree names, when it names one. */
export function degreeLevel(degree: string): Level | undefined {
  for (const [re, level] of LEVELS) if (re.test(degree)) return level;
  return undefined;
}

const SUBJECT_FILLER = new Set([
  'of',
  'in',
  'and',
  'the',
  'science',
  'sciences',
  'arts',
  'art',
  'degree',
  'honours',
  'honors',
  'hons',
]);

function subjectWords(degree: string): Set<string> {
  let s = degree.toLowerCase();
  for (const [re] of LEVELS) s = s.replace(new RegExp(re.source, 'gi'), ' ');
  s = s.replace(/\bcs\b/g, 'computer science').replace(/\bcomp\b\.?/g, 'computer');
  return new Set(
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '' && !SUBJECT_FILLER.has(w)),
  );
}

/** Degrees disagree when their levels differ, or both name a subject and the subjects share no word. */
export function degreesDiffer(a: string, b: string): boolean {
  const la = degreeLevel(a);
  const lb = degreeLevel(b);
  if (la && lb && la !== lb) return true;
  const wa = subjectWords(a);
  const wb = subjectWords(b);
  if (wa.size === 0 || wb.size === 0) return false;
  for (const w of wa) if (wb.has(w)) return false;
  return true;
}

const source = (e: Entry) => e.source ?? 'unspecified source';
const THIRD_PARTY = new Set(['reference', 'document']);

export type EducationConflict = {
  kind: 'degree' | 'dates' | 'reference';
  institution: string;
  entries: string[];
  text: string;
};

export function educationConflicts(bundle: CaseBundle): EducationConflict[] {
  const entries: Entry[] = (bundle.education ?? []).flatMap((e, index) =>
    e.institution?.trim() ? [{ ...e, index, org: normalizeInstitution(e.institution) }] : [],
  );
  const out: EducationConflict[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let k = i + 1; k < entries.length; k++) {
      let a = entries[i] as Entry;
      let b = entries[k] as Entry;
      if (a.org !== b.org || a.org === '' || (a.source ?? '') === (b.source ?? '')) continue;
      // Say the third party's version last: "... but X according to the reference".
      if (THIRD_PARTY.has(a.source ?? '') && !THIRD_PARTY.has(b.source ?? '')) [a, b] = [b, a];
      const institution = a.institution ?? '';
      const ids = [`education[${a.index}]`, `education[${b.index}]`];
      if (a.degree && b.degree && degreesDiffer(a.degree, b.degree))
        out.push({
          kind: 'degree',
          institution,
          entries: ids,
          text: `${institution}: degree "${a.degree}" in the ${source(a)} but "${b.degree}" in the ${source(b)}`,
        });
      const dates = datesApart(a, b);
      if (dates.length > 0)
        out.push({ kind: 'dates', institution, entries: ids, text: `${institution}: ${dates.join(', ')}` });
    }
  }
  // A reference at a claimed institution contradicts the claim.
  (bundle.references ?? []).forEach((r, i) => {
    if (r.outcome !== 'contradicts' || !r.organization?.trim()) return;
    const org = normalizeInstitution(r.organization);
    const claimed = entries.find((e) => e.org === org);
    if (!claimed) return;
    out.push({
      kind: 'reference',
      institution: claimed.institution ?? '',
      entries: [`education[${claimed.index}]`, `references[${i}]`],
      text: `${claimed.institution}: a contact there (${r.name ?? r.relationship ?? 'reference'}) contradicts the claimed ${claimed.degree ?? 'education'}${r.notes ? ` ("${r.notes}")` : ''}`,
    });
  });
  return out;
}

export const education: Detector = {
  signal: def.id,
  detect(bundle) {
    const claimed = (bundle.education ?? []).filter((e) => e.institution?.trim());
    const contradicting = (bundle.references ?? []).some(
      (r) => r.outcome === 'contradicts' && r.organization,
    );
    if (claimed.length < 2 && !(claimed.length === 1 && contradicting))
      return notEvaluated('fewer than two education entries (or a reference check) to compare');
    const conflicts = educationConflicts(bundle);
    if (conflicts.length === 0) return nothing();
    return found(
      fire(
        def,
        def.defaultSeverity,
        [...new Set(conflicts.flatMap((c) => c.entries))],
        { count: conflicts.length, conflicts },
        { detail: conflicts.map((c) => c.text).join('; ') },
      ),
    );
  },
};
