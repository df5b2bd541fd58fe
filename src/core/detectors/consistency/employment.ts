// consistency.employment — the work history disagrees with itself: the same employer (names compared after
// folding case, accents, punctuation and legal suffixes such as Inc, Ltd, LLC, Corp, GmbH) has start or end
// dates more than two months apart, or titles that share no word, in two different sources (resume,
// application, interview, reference, document); or two jobs at different employers in the same source overlap by
// more than three months while neither is marked part-time, contract, freelance or similar. Conservative: people do hold side
// jobs and round dates, so the explanation names the employer, sources and values for a person to ask about.
import type { CaseBundle } from '../../bundle/schema.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';

const def = requireSignal('consistency.employment');

/** Months apart that still count as the same date (people round to the quarter). */
export const DATE_TOLERANCE_MONTHS = 2;
/** Overlap of two full-time jobs that is more than a hand-over. */
export const OVERLAP_MONTHS = 3;

const LEGAL_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'llp',
  'lp',
  'corp',
  'corporation',
  'co',
  'company',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'sarl',
  'srl',
  'bv',
  'nv',
  'pty',
  'pvt',
  'oy',
  'ab',
  'as',
  'kk',
]);

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/&/g, ' and ');

/** An organisation's name for comparison: "Acme, Inc." = "ACME Inc" = "Acme". */
export function normalizeOrganisation(name: string): string {
  const words = fold(name)
    .replace(/\./g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  while (words.length > 1 && LEGAL_SUFFIXES.has(words.at(-1) ?? '')) words.pop();
  if (words[0] === 'the' && words.length > 1) words.shift();
  return words.join(' ');
}

const TITLE_ABBREVIATIONS: Record<string, string> = {
  sr: 'senior',
  jr: 'junior',
  eng: 'engineer',
  engr: 'engineer',
  dev: 'developer',
  mgr: 'manager',
  swe: 'software engineer',
  sde: 'software engineer',
  programmer: 'developer',
};
const TITLE_FILLER = new Set([
  'of',
  'and',
  'the',
  'a',
  'i',
  'ii',
  'iii',
  'iv',
  'senior',
  'junior',
  'lead',
  'staff',
]);

function titleWords(title: string): Set<string> {
  const words = fold(title)
    .replace(/\./g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .flatMap((w) => (TITLE_ABBREVIATIONS[w] ?? w).split(' '))
    .filter((w) => !TITLE_FILLER.has(w));
  return new Set(words);
}

/** Titles disagree when, seniority and abbreviations aside, they share no word ("Backend Developer" vs "Accountant"). */
export function titlesDiffer(a: string, b: string): boolean {
  const wa = titleWords(a);
  const wb = titleWords(b);
  if (wa.size === 0 || wb.size === 0) return false;
  for (const w of wa) if (wb.has(w)) return false;
  return true;
}

/** A YYYY-MM(-DD) date as a month number. */
export function monthIndex(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})/.exec(date);
  if (!m) return undefined;
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

const NOT_FULL_TIME =
  /\b(part[- ]?time|contract(or)?|freelanc\w*|consult\w*|self[- ]?employed|volunteer\w*|intern(ship)?|advis\w*|board|founder|co-?founder|owner|moonlight\w*|side project|adjunct|teaching assistant|tutor)\b/i;

type Job = NonNullable<CaseBundle['employment']>[number] & { index: number; org: string };

const source = (j: { source?: string | undefined }) => j.source ?? 'unspecified source';
const dateText = (d: string | null | undefined) => (d === null ? 'present' : (d ?? 'not given'));

type Dated = {
  start?: string | null | undefined;
  end?: string | null | undefined;
  source?: string | undefined;
};

/**
 * How two sources' start and end dates for the same job or school differ by more than the tolerance (or one
 * says it still runs while the other gives an end), worded "start 2019-04 in the resume but 2020-01 in the …".
 */
export function datesApart(a: Dated, b: Dated): string[] {
  const out: string[] = [];
  for (const field of ['start', 'end'] as const) {
    const va = a[field];
    const vb = b[field];
    if (va === undefined || vb === undefined) continue;
    const ma = va === null ? undefined : monthIndex(va);
    const mb = vb === null ? undefined : monthIndex(vb);
    const apart =
      va === null || vb === null
        ? va !== vb // one says it still runs, the other gives an end
        : ma !== undefined && mb !== undefined && Math.abs(ma - mb) > DATE_TOLERANCE_MONTHS;
    if (apart)
      out.push(`${field} ${dateText(va)} in the ${source(a)} but ${dateText(vb)} in the ${source(b)}`);
  }
  return out;
}

export type EmploymentConflict = {
  kind: 'dates' | 'title' | 'overlap';
  employer: string;
  entries: number[];
  text: string;
};

export function employmentConflicts(bundle: CaseBundle, now: Date): EmploymentConflict[] {
  const jobs: Job[] = (bundle.employment ?? []).flatMap((e, index) =>
    e.employer?.trim() ? [{ ...e, index, org: normalizeOrganisation(e.employer) }] : [],
  );
  const out: EmploymentConflict[] = [];
  // The same employer in two sources.
  for (let i = 0; i < jobs.length; i++) {
    for (let k = i + 1; k < jobs.length; k++) {
      const a = jobs[i] as Job;
      const b = jobs[k] as Job;
      if (a.org !== b.org || a.org === '' || (a.source ?? '') === (b.source ?? '')) continue;
      const employer = a.employer ?? '';
      const dates = datesApart(a, b);
      if (dates.length > 0)
        out.push({
          kind: 'dates',
          employer,
          entries: [a.index, b.index],
          text: `${employer}: ${dates.join(', ')}`,
        });
      if (a.title && b.title && titlesDiffer(a.title, b.title))
        out.push({
          kind: 'title',
          employer,
          entries: [a.index, b.index],
          text: `${employer}: title "${a.title}" in the ${source(a)} but "${b.title}" in the ${source(b)}`,
        });
    }
  }
  // Two full-time jobs at different employers at once.
  const nowMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const spans = jobs.flatMap((j) => {
    const start = j.start ? monthIndex(j.start) : undefined;
    const end = j.end === null ? nowMonth : j.end ? monthIndex(j.end) : undefined;
    if (start === undefined || end === undefined || end < start) return [];
    if (NOT_FULL_TIME.test(`${j.title ?? ''} ${j.employer ?? ''}`)) return [];
    return [{ j, start, end }];
  });
  const seen = new Set<string>();
  for (let i = 0; i < spans.length; i++) {
    for (let k = i + 1; k < spans.length; k++) {
      const a = spans[i] as (typeof spans)[number];
      const b = spans[k] as (typeof spans)[number];
      // Within one account of the history: the same job told twice in two sources is not an overlap.
      if (a.j.org === b.j.org || (a.j.source ?? '') !== (b.j.source ?? '')) continue;
      const key = [a.j.org, b.j.org].sort().join('|');
      if (seen.has(key)) continue;
      const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
      if (overlap <= OVERLAP_MONTHS) continue;
      seen.add(key);
      out.push({
        kind: 'overlap',
        employer: `${a.j.employer} / ${b.j.employer}`,
        entries: [a.j.index, b.j.index],
        text: `${a.j.employer} (${dateText(a.j.start)} to ${dateText(a.j.end)}, ${source(a.j)}) and ${b.j.employer} (${dateText(b.j.start)} to ${dateText(b.j.end)}, ${source(b.j)}) overlap by ${overlap} months, neither marked part-time or contract`,
      });
    }
  }
  return out;
}

export const employment: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const withEmployer = (bundle.employment ?? []).filter((e) => e.employer?.trim());
    if (withEmployer.length < 2) return notEvaluated('fewer than two employment entries to compare');
    const conflicts = employmentConflicts(bundle, ctx.now);
    if (conflicts.length === 0) return nothing();
    const evidence = [...new Set(conflicts.flatMap((c) => c.entries))]
      .sort((a, b) => a - b)
      .map((i) => `employment[${i}]`);
    return found(
      fire(
        def,
        def.defaultSeverity,
        evidence,
        { count: conflicts.length, conflicts },
        { detail: conflicts.map((c) => c.text).join('; ') },
      ),
    );
  },
};
