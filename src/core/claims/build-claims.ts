// The claims table: what each source says about the person, side by side, and whether the sources agree.
// Rows are the name, date of birth, citizenship, location, email, phone, each employer and each school;
// columns the resume, the application, interviews, documents, references and the subject record. Values are
// compared the way the consistency detectors compare them, with their own helpers: names order-, case- and
// transliteration-aware with declared aliases (names.ts; the MRZ's own rules from mrz-mismatch.ts), employers
// with legal suffixes folded and dates within DATE_TOLERANCE_MONTHS (employment.ts), schools and degrees
// (education.ts), emails and phones normalised (contact-keys.ts). A legitimate difference (a married name
// declared as an alias, a transliteration, a middle name) is "explained", never "differ". Pure: no I/O; `now`
// only resolves the century of MRZ dates.
import type { CaseBundle } from '../bundle/schema.ts';
import { degreesDiffer, normalizeInstitution } from '../detectors/consistency/education.ts';
import {
  DATE_TOLERANCE_MONTHS,
  datesApart,
  normalizeOrganisation,
  titlesDiffer,
} from '../detectors/consistency/employment.ts';
import { identityValues } from '../detectors/consistency/identity.ts';
import { compareNames } from '../detectors/consistency/names.ts';
import { phoneInfo } from '../detectors/contact/phone.ts';
import { isLatinName, namesAgree } from '../detectors/documents/mrz-mismatch.ts';
import { type MrzResult, parseMrz } from '../detectors/documents/mrz-read.ts';
import { emailKey, phoneKey } from '../detectors/references/contact-keys.ts';
import { isObject, listText } from '../detectors/util.ts';
import { countryCode, countryLabel } from '../places/places.ts';
import type { Severity, Signal } from '../types.ts';
import { type Place, readPlace, sameCity } from './place.ts';

export const CLAIM_COLUMNS = [
  'resume',
  'application',
  'interview',
  'documents',
  'references',
  'record',
] as const;
export type ClaimColumn = (typeof CLAIM_COLUMNS)[number];

export const CLAIM_COLUMN_LABELS: Record<ClaimColumn, string> = {
  resume: 'Resume',
  application: 'Application',
  interview: 'Interview',
  documents: 'Documents',
  references: 'References',
  record: 'Subject record',
};

export const CLAIM_FIELDS = [
  'name',
  'dateOfBirth',
  'citizenship',
  'location',
  'email',
  'phone',
  'employer',
  'institution',
] as const;
export type ClaimField = (typeof CLAIM_FIELDS)[number];

/** How two values compare: the same, a legitimate difference, a contradiction, or for a person to judge. */
export type ClaimVerdict = 'agree' | 'explained' | 'differ' | 'unclear';
/** A value's or a row's status: the strongest verdict it took part in, or `single` when nothing to compare. */
export type ClaimStatus = ClaimVerdict | 'single';
export const CLAIM_STATUSES = ['differ', 'unclear', 'explained', 'agree', 'single'] as const;

/** What a value was compared with, when the two do not simply agree. */
export type ClaimNote = { verdict: Exclude<ClaimVerdict, 'agree'>; other: string; reason: string };

export type ClaimValue = {
  /** Unique in the row: the evidence path (plus `#n` when one path gives several values). */
  id: string;
  column: ClaimColumn;
  /** The value as the source states it. */
  text: string;
  /** Evidence path into the bundle, e.g. `employment[2]`, `documents[0].mrz`, `resume.contact.emails[0]`. */
  path: string;
  /** Where in the source, in words: "passport · printed", "legal name answer". */
  from: string | null;
  /** More of the value: the employer as written, a reference's notes. */
  detail: string | null;
  status: ClaimStatus;
  notes: ClaimNote[];
};

export type ClaimComparison = { a: string; b: string; verdict: ClaimVerdict; reason: string };
export type ClaimSignal = { id: string; severity: Severity; explanation: string };

export type ClaimRow = {
  id: string;
  field: ClaimField;
  label: string;
  status: ClaimStatus;
  /** One or two sentences in plain words. */
  summary: string;
  values: ClaimValue[];
  comparisons: ClaimComparison[];
  /** Signals of the assessment that concern this row. */
  signals: ClaimSignal[];
};

export type ClaimsTable = {
  columns: { id: ClaimColumn; label: string }[];
  rows: ClaimRow[];
  counts: Record<ClaimStatus, number>;
};

export type BuildClaimsOptions = {
  /** Resolves the century of MRZ dates (the latest one not in the future). */
  now: Date;
  /** The latest assessment's signals, linked to the rows they concern. */
  signals?: readonly Signal[];
};

/** Rows with more values than this compare each with the first only (a hostile bundle stays linear). */
const MAX_PAIRWISE = 30;
/** At most this many values per row are shown. */
const MAX_VALUES = 200;

type Candidate<T> = Omit<ClaimValue, 'status' | 'notes' | 'id'> & { who: string; data: T };
type Outcome = { verdict: ClaimVerdict; reason: string };
type Compare<T> = (a: Candidate<T>, b: Candidate<T>) => Outcome | undefined;

const RANK: Record<ClaimStatus, number> = { single: 0, agree: 1, explained: 2, unclear: 3, differ: 4 };
const stronger = (a: ClaimStatus, b: ClaimStatus): ClaimStatus => (RANK[b] > RANK[a] ? b : a);

const DOCUMENT_WORDS: Record<string, string> = {
  passport: 'passport',
  national_id: 'national ID',
  drivers_license: "driver's licence",
  work_permit: 'work permit',
  diploma: 'diploma',
  other: 'document',
};
const docWord = (kind: string | undefined) => DOCUMENT_WORDS[kind ?? 'other'] ?? 'document';

const COLUMN_WHO: Record<ClaimColumn, string> = {
  resume: 'the resume',
  application: 'the application',
  interview: 'the interview',
  documents: 'a document',
  references: 'a reference',
  record: 'the subject record',
};

function columnOfPath(path: string): ClaimColumn {
  if (path.startsWith('application')) return 'application';
  if (path.startsWith('documents')) return 'documents';
  if (path.startsWith('resume')) return 'resume';
  if (path.startsWith('references')) return 'references';
  if (path.startsWith('interviews')) return 'interview';
  return 'record';
}

function columnOfSource(source: string | undefined): ClaimColumn {
  switch (source) {
    case 'resume':
      return 'resume';
    case 'application':
      return 'application';
    case 'interview':
      return 'interview';
    case 'reference':
      return 'references';
    case 'document':
      return 'documents';
    default:
      return 'record';
  }
}

const answerWords = (key: string) =>
  `${key
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()} answer`;

/** Where in its source an identity value sits, in words. */
function fromWords(path: string, documentKind: string | undefined): string | null {
  if (documentKind) return `${documentKind} · printed`;
  if (path.startsWith('application.answers.')) return answerWords(path.slice('application.answers.'.length));
  if (path.startsWith('resume.contact')) return 'contact details';
  return null;
}

function answers(bundle: CaseBundle): Record<string, unknown> {
  const a = bundle.application?.answers;
  return isObject(a) ? a : {};
}

/** The first non-empty string answer among `keys`. */
function answer(bundle: CaseBundle, keys: readonly string[]): { key: string; value: string } | undefined {
  const a = answers(bundle);
  for (const key of keys) {
    const v = a[key];
    if (typeof v === 'string' && v.trim() !== '' && v.length <= 500) return { key, value: v.trim() };
  }
  return undefined;
}

function resumeContact(bundle: CaseBundle): Record<string, unknown> {
  const contact = bundle.resume?.contact;
  return isObject(contact) ? contact : {};
}

function strings(value: unknown): { text: string; index: number }[] {
  if (!Array.isArray(value)) return [];
  const out: { text: string; index: number }[] = [];
  value.slice(0, MAX_VALUES).forEach((v, index) => {
    if (typeof v === 'string' && v.trim() !== '') out.push({ text: v.trim(), index });
    // Integrations may send { e164 } / { number } / { email } objects (as candidate-contact.ts reads them).
    else if (isObject(v)) {
      const t = [v.e164, v.number, v.email, v.value, v.text].find((x) => typeof x === 'string');
      if (typeof t === 'string' && t.trim() !== '') out.push({ text: t.trim(), index });
    }
  });
  return out;
}

// ---- building a row ------------------------------------------------------------------------------------

function buildRow<T>(
  id: string,
  field: ClaimField,
  label: string,
  candidates: Candidate<T>[],
  compare: Compare<T>,
  options: { sameColumn: boolean },
): ClaimRow | undefined {
  const list = candidates.slice(0, MAX_VALUES);
  if (list.length === 0) return undefined;
  const order = (c: Candidate<T>) => CLAIM_COLUMNS.indexOf(c.column);
  list.sort((a, b) => order(a) - order(b));
  const seen = new Map<string, number>();
  const values: ClaimValue[] = list.map((c) => {
    const n = seen.get(c.path) ?? 0;
    seen.set(c.path, n + 1);
    return {
      id: n === 0 ? c.path : `${c.path}#${n}`,
      column: c.column,
      text: c.text,
      path: c.path,
      from: c.from,
      detail: c.detail,
      status: 'single',
      notes: [],
    };
  });
  const comparisons: ClaimComparison[] = [];
  const pairs: { i: number; k: number; outcome: Outcome }[] = [];
  const pairwise = list.length <= MAX_PAIRWISE;
  for (let i = 0; i < list.length; i++) {
    for (let k = i + 1; k < list.length; k++) {
      if (!pairwise && i > 0) break;
      const a = list[i] as Candidate<T>;
      const b = list[k] as Candidate<T>;
      if (!options.sameColumn && a.column === b.column) continue;
      const outcome = compare(a, b);
      if (!outcome) continue;
      pairs.push({ i, k, outcome });
      comparisons.push({ a: (values[i] as ClaimValue).id, b: (values[k] as ClaimValue).id, ...outcome });
    }
  }
  markValues(values, list, pairs);
  const status = comparisons.reduce<ClaimStatus>((s, c) => stronger(s, c.verdict), 'single');
  return {
    id,
    field,
    label,
    status,
    summary: summarize(status, list, comparisons, values),
    values,
    comparisons,
    signals: [],
  };
}

type Pair = { i: number; k: number; outcome: Outcome };
type NoteDraft = { verdict: ClaimNote['verdict']; reason: string; others: string[] };

/**
 * Each value's status and notes. When most sources agree (one largest group of values linked by "agree"),
 * the odd one out carries the difference and the agreeing values show "agree": three sources saying
 * "Minjun Kim" and a passport in Hangul mark the passport explained, not all four. Without such a majority
 * (two sources that differ) every value takes the strongest verdict it took part in.
 */
function markValues<T>(values: ClaimValue[], list: Candidate<T>[], pairs: Pair[]): void {
  const parent = values.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    return r;
  };
  for (const p of pairs) if (p.outcome.verdict === 'agree') parent[root(p.i)] = root(p.k);
  const sizes = new Map<number, number>();
  for (let i = 0; i < values.length; i++) sizes.set(root(i), (sizes.get(root(i)) ?? 0) + 1);
  const largest = Math.max(...sizes.values());
  const leaders = [...sizes].filter(([, n]) => n === largest);
  const majority = largest >= 2 && leaders.length === 1 ? leaders[0]?.[0] : undefined;
  const inMajority = (i: number) => majority !== undefined && root(i) === majority;
  const drafts = values.map(() => new Map<string, NoteDraft>());
  for (const { i, k, outcome } of pairs) {
    for (const [at, other] of [
      [i, k],
      [k, i],
    ] as const) {
      // A value of the majority answers only for comparisons within it; the odd one out for all of its own.
      if (inMajority(at) && !inMajority(other)) continue;
      const v = values[at] as ClaimValue;
      v.status = stronger(v.status, outcome.verdict);
      if (outcome.verdict === 'agree') continue;
      const m = drafts[at] as Map<string, NoteDraft>;
      const key = `${outcome.verdict}|${outcome.reason}`;
      const draft = m.get(key) ?? { verdict: outcome.verdict, reason: outcome.reason, others: [] };
      const who = (list[other] as Candidate<T>).who;
      if (!draft.others.includes(who)) draft.others.push(who);
      m.set(key, draft);
    }
  }
  values.forEach((v, i) => {
    v.notes = [...(drafts[i] as Map<string, NoteDraft>).values()].map((n) => ({
      verdict: n.verdict,
      other: listText(n.others),
      reason: n.reason,
    }));
  });
}

function summarize<T>(
  status: ClaimStatus,
  list: Candidate<T>[],
  comparisons: ClaimComparison[],
  values: ClaimValue[],
): string {
  const whoOf = (id: string) => list[values.findIndex((v) => v.id === id)]?.who ?? 'a source';
  const columns = [...new Set(list.map((c) => COLUMN_WHO[c.column]))];
  if (status === 'single') {
    return columns.length === 1
      ? `Only ${columns[0]} states this.`
      : `Stated by ${listText(columns)}; nothing to compare.`;
  }
  const shown = comparisons.filter((c) => c.verdict === status);
  const reasons = [...new Set(shown.map((c) => c.reason))];
  const said = `${reasons.slice(0, 2).join('; ')}${reasons.length > 2 ? `; and ${reasons.length - 2} more` : ''}`;
  const who = listText([...new Set(shown.flatMap((c) => [whoOf(c.a), whoOf(c.b)]))]);
  const capital = (t: string) => t.replace(/^./, (c) => c.toUpperCase());
  switch (status) {
    case 'agree': {
      const whos = [...new Set(list.map((c) => c.who))];
      // "a reference" (an entry told by a reference) says nothing more next to a named reference.
      const named = whos.some((w) => w.startsWith('the reference '));
      return capital(`${listText(whos.filter((w) => !(named && w === 'a reference')))} agree.`);
    }
    case 'explained':
      return capital(`${who} differ in an ordinary way, not counted against anyone: ${said}.`);
    case 'unclear':
      return `A person should compare these: ${said}.`;
    default:
      return capital(`${who} disagree: ${said}.`);
  }
}

// ---- names and dates of birth ------------------------------------------------------------------------

type NameData = { name: string; mrz?: { words: string[]; truncated: boolean } };

function mrzNameTruncated(r: MrzResult): boolean {
  const line = r.format === 'TD1' ? r.lines[2] : r.lines[0];
  return line !== undefined && !line.endsWith('<');
}

type ReadMrz = { index: number; kind: string; result: MrzResult };

/** Documents whose MRZ is well-formed with valid check digits (what documents.mrz-mismatch compares). */
function readableMrz(bundle: CaseBundle, now: Date): ReadMrz[] {
  const out: ReadMrz[] = [];
  (bundle.documents ?? []).slice(0, MAX_VALUES).forEach((d, index) => {
    if (!d.mrz || d.mrz.length === 0) return;
    const result = parseMrz(d.mrz, { now });
    if (!result.supported || result.format === null || !result.checkDigitsValid) return;
    out.push({ index, kind: docWord(d.kind), result });
  });
  return out;
}

function nameRow(bundle: CaseBundle, mrz: ReadMrz[]): ClaimRow | undefined {
  const aliases = bundle.subject.aliases ?? [];
  const list: Candidate<NameData>[] = identityValues(bundle).names.map((v) => {
    const column = columnOfPath(v.path);
    const doc = /^documents\[(\d+)\]/.exec(v.path);
    const kind = doc ? docWord(bundle.documents?.[Number(doc[1])]?.kind) : undefined;
    return {
      column,
      text: v.value,
      path: v.path,
      from: fromWords(v.path, kind),
      detail: null,
      who: kind ? `the ${kind} (printed)` : v.source,
      data: { name: v.value },
    };
  });
  for (const m of mrz) {
    const words = `${m.result.fields.lastName ?? ''} ${m.result.fields.firstName ?? ''}`
      .split(/[^A-Z]+/)
      .filter((w) => w !== '');
    if (words.length === 0) continue;
    list.push({
      column: 'documents',
      text: words.join(' '),
      path: `documents[${m.index}].mrz`,
      from: `${m.kind} · machine-readable zone`,
      detail: null,
      who: `the ${m.kind}'s machine-readable zone`,
      data: { name: words.join(' '), mrz: { words, truncated: mrzNameTruncated(m.result) } },
    });
  }
  return buildRow('name', 'name', 'Name', list, (a, b) => compareNameValues(a.data, b.data, aliases), {
    sameColumn: true,
  });
}

function compareNameValues(a: NameData, b: NameData, aliases: readonly string[]): Outcome {
  const mrzSide = a.mrz ? { m: a.mrz, other: b } : b.mrz ? { m: b.mrz, other: a } : undefined;
  if (mrzSide && !mrzSide.other.mrz && isLatinName(mrzSide.other.name)) {
    if (namesAgree(mrzSide.m.words, mrzSide.other.name, mrzSide.m.truncated))
      return { verdict: 'agree', reason: 'the machine-readable zone spells the same name' };
  }
  const c = compareNames(a.name, b.name, aliases);
  switch (c.verdict) {
    case 'same':
      return { verdict: 'agree', reason: c.reason };
    case 'variant':
      return { verdict: 'explained', reason: c.reason };
    case 'uncomparable':
      return { verdict: 'unclear', reason: c.reason };
    default:
      return { verdict: 'differ', reason: c.reason };
  }
}

type DobData = { date: string; mrz: boolean };

function dobRow(bundle: CaseBundle, mrz: ReadMrz[]): ClaimRow | undefined {
  const list: Candidate<DobData>[] = identityValues(bundle).dobs.map((v) => {
    const column = columnOfPath(v.path);
    const doc = /^documents\[(\d+)\]/.exec(v.path);
    const kind = doc ? docWord(bundle.documents?.[Number(doc[1])]?.kind) : undefined;
    return {
      column,
      text: v.value,
      path: v.path,
      from: fromWords(v.path, kind),
      detail: null,
      who: kind ? `the ${kind} (printed)` : v.source,
      data: { date: v.value, mrz: false },
    };
  });
  for (const m of mrz) {
    const date = m.result.fields.birthDate;
    if (!date) continue;
    list.push({
      column: 'documents',
      text: date,
      path: `documents[${m.index}].mrz`,
      from: `${m.kind} · machine-readable zone`,
      detail: null,
      who: `the ${m.kind}'s machine-readable zone`,
      data: { date, mrz: true },
    });
  }
  return buildRow(
    'dateOfBirth',
    'dateOfBirth',
    'Date of birth',
    list,
    (a, b) => {
      // The MRZ has no century: compare YY-MM-DD as documents.mrz-mismatch does.
      const same =
        a.data.mrz || b.data.mrz
          ? a.data.date.slice(2, 10) === b.data.date.slice(2, 10)
          : a.data.date === b.data.date;
      return same
        ? { verdict: 'agree', reason: 'the same date' }
        : { verdict: 'differ', reason: `${a.data.date} vs ${b.data.date}` };
    },
    { sameColumn: true },
  );
}

// ---- citizenship -------------------------------------------------------------------------------------

const CITIZENSHIP_ANSWERS = ['citizenship', 'nationality', 'countryOfCitizenship', 'citizenshipCountry'];

function citizenshipRow(bundle: CaseBundle, mrz: ReadMrz[]): ClaimRow | undefined {
  const list: Candidate<{ code?: string }>[] = [];
  const an = answer(bundle, CITIZENSHIP_ANSWERS);
  if (an) {
    const code = countryCode(an.value);
    list.push({
      column: 'application',
      text: an.value,
      path: `application.answers.${an.key}`,
      from: answerWords(an.key),
      detail: code && code !== an.value.toUpperCase() ? countryLabel(code) : null,
      who: 'the application',
      data: code ? { code } : {},
    });
  }
  (bundle.documents ?? []).slice(0, MAX_VALUES).forEach((d, i) => {
    const nat = d.fields?.nationality;
    if (!nat) return;
    list.push({
      column: 'documents',
      text: nat,
      path: `documents[${i}].fields.nationality`,
      from: `${docWord(d.kind)} · printed`,
      detail: countryLabel(nat),
      who: `the ${docWord(d.kind)} (printed)`,
      data: { code: nat.toUpperCase() },
    });
  });
  for (const m of mrz) {
    const nat = m.result.fields.nationality;
    if (!nat) continue;
    const code = nat === 'D' ? 'DE' : countryCode(nat);
    list.push({
      column: 'documents',
      text: nat,
      path: `documents[${m.index}].mrz`,
      from: `${m.kind} · machine-readable zone`,
      detail: code ? countryLabel(code) : m.result.specimen ? 'specimen (Utopia)' : null,
      who: `the ${m.kind}'s machine-readable zone`,
      data: code ? { code } : {},
    });
  }
  return buildRow(
    'citizenship',
    'citizenship',
    'Citizenship',
    list,
    (a, b) => {
      if (!a.data.code || !b.data.code)
        return {
          verdict: 'unclear',
          reason: `"${a.data.code ? b.text : a.text}" could not be read as a country; a person should compare`,
        };
      if (a.data.code === b.data.code) return { verdict: 'agree', reason: 'the same country' };
      return {
        verdict: 'differ',
        reason: `${countryLabel(a.data.code)} vs ${countryLabel(b.data.code)} (people can hold more than one citizenship: ask)`,
      };
    },
    { sameColumn: true },
  );
}

// ---- location --------------------------------------------------------------------------------------

const LOCATION_ANSWERS = ['location', 'currentLocation', 'residence', 'city', 'address', 'country'];

function locationRow(bundle: CaseBundle): ClaimRow | undefined {
  const list: Candidate<Place>[] = [];
  const claimed = readPlace(bundle.subject.claimedLocation);
  if (claimed)
    list.push({
      column: 'record',
      text: claimed.text,
      path: 'subject.claimedLocation',
      from: 'claimed location',
      detail: null,
      who: 'the subject record',
      data: claimed,
    });
  const fromResume = readPlace(resumeContact(bundle).location);
  if (fromResume)
    list.push({
      column: 'resume',
      text: fromResume.text,
      path: 'resume.contact.location',
      from: 'contact details',
      detail: null,
      who: 'the resume',
      data: fromResume,
    });
  const a = answers(bundle);
  for (const key of LOCATION_ANSWERS) {
    const place = readPlace(a[key]);
    if (!place) continue;
    list.push({
      column: 'application',
      text: place.text,
      path: `application.answers.${key}`,
      from: answerWords(key),
      detail: null,
      who: 'the application',
      data: place,
    });
    break;
  }
  return buildRow('location', 'location', 'Location', list, (x, y) => comparePlaces(x.data, y.data), {
    sameColumn: false,
  });
}

function comparePlaces(a: Place, b: Place): Outcome {
  if (a.country && b.country && a.country !== b.country)
    return { verdict: 'differ', reason: `${countryLabel(a.country)} vs ${countryLabel(b.country)}` };
  if (a.city && b.city) {
    if (sameCity(a.city, b.city)) return { verdict: 'agree', reason: 'the same city' };
    return {
      verdict: 'unclear',
      reason: `${a.city} vs ${b.city}${a.country && b.country ? ', in the same country' : ''}: people move, ask which is current`,
    };
  }
  if (a.country && b.country) return { verdict: 'agree', reason: 'the same country' };
  return { verdict: 'unclear', reason: `"${a.text}" and "${b.text}" cannot be compared automatically` };
}

// ---- email and phone ---------------------------------------------------------------------------------

function emailRow(bundle: CaseBundle): ClaimRow | undefined {
  const list: Candidate<{ key?: string }>[] = [];
  const add = (column: ClaimColumn, text: string, path: string, from: string | null, who: string) => {
    const k = emailKey(text);
    list.push({ column, text, path, from, detail: null, who, data: k ? { key: k.key } : {} });
  };
  if (bundle.subject.email?.trim())
    add('record', bundle.subject.email.trim(), 'subject.email', null, 'the subject record');
  for (const e of strings(resumeContact(bundle).emails))
    add('resume', e.text, `resume.contact.emails[${e.index}]`, 'contact details', 'the resume');
  const an = answer(bundle, ['email', 'emailAddress', 'email_address']);
  if (an)
    add('application', an.value, `application.answers.${an.key}`, answerWords(an.key), 'the application');
  return buildRow(
    'email',
    'email',
    'Email',
    list,
    (a, b) => {
      if (a.data.key && a.data.key === b.data.key) return { verdict: 'agree', reason: 'the same address' };
      return {
        verdict: 'unclear',
        reason: `${a.text} vs ${b.text}: people often use several addresses; confirm which one is theirs`,
      };
    },
    { sameColumn: false },
  );
}

type PhoneData = { key?: string; country?: string; shown: string };

function phoneRow(bundle: CaseBundle): ClaimRow | undefined {
  const claimed = bundle.subject.claimedLocation?.country;
  const list: Candidate<PhoneData>[] = [];
  const add = (column: ClaimColumn, text: string, path: string, from: string | null, who: string) => {
    const k = phoneKey(text, claimed);
    const info = phoneInfo(text.replace(/^00(?=[1-9])/, '+'), claimed);
    const data: PhoneData = { shown: k?.shown ?? text };
    if (k) data.key = k.key;
    if (info?.country) data.country = info.country;
    list.push({
      column,
      text,
      path,
      from,
      detail: info?.country ? `${countryLabel(info.country)} number (${info.typeText})` : null,
      who,
      data,
    });
  };
  if (bundle.subject.phone?.trim())
    add('record', bundle.subject.phone.trim(), 'subject.phone', null, 'the subject record');
  for (const p of strings(resumeContact(bundle).phones))
    add('resume', p.text, `resume.contact.phones[${p.index}]`, 'contact details', 'the resume');
  const an = answer(bundle, ['phone', 'phoneNumber', 'phone_number', 'mobile']);
  if (an)
    add('application', an.value, `application.answers.${an.key}`, answerWords(an.key), 'the application');
  return buildRow(
    'phone',
    'phone',
    'Phone',
    list,
    (a, b) => {
      if (a.data.key && a.data.key === b.data.key) return { verdict: 'agree', reason: 'the same number' };
      if (a.data.country && b.data.country && a.data.country !== b.data.country)
        return {
          verdict: 'differ',
          reason: `${a.data.shown} is a number in ${countryLabel(a.data.country)}, ${b.data.shown} in ${countryLabel(b.data.country)}`,
        };
      return {
        verdict: 'unclear',
        reason: `${a.data.shown} vs ${b.data.shown}: people often have several numbers; confirm which one is theirs`,
      };
    },
    { sameColumn: false },
  );
}

// ---- employers and schools ---------------------------------------------------------------------------

type Dated = {
  start?: string | null | undefined;
  end?: string | null | undefined;
  source?: string | undefined;
};
type HistoryData = {
  dated: Dated;
  title?: string;
  /** A reference at the organisation: its outcome stands for the comparison. */
  reference?: { outcome?: string; who: string; notes?: string };
};

const dateText = (d: string | null | undefined) => (d === null ? 'present' : (d ?? '?'));
function span(d: Dated): string {
  if (d.start === undefined && d.end === undefined) return '';
  if (d.start === undefined) return d.end === null ? 'until now' : `until ${d.end}`;
  if (d.end === undefined) return `from ${d.start}`;
  return `${dateText(d.start)} to ${dateText(d.end)}`;
}

type Reference = NonNullable<CaseBundle['references']>[number];

function referenceCandidate(r: Reference, i: number): Candidate<HistoryData> {
  const name = r.name?.trim();
  const relationship = r.relationship?.trim();
  const who = name && relationship ? `${name} (${relationship})` : (name ?? relationship ?? 'a reference');
  const outcome = r.outcome ?? 'pending';
  return {
    column: 'references',
    text: `${who}: ${outcome}`,
    path: `references[${i}]`,
    from: r.organization ?? null,
    detail: r.notes?.trim() ? r.notes.trim() : null,
    who: name || relationship ? `the reference ${who}` : 'a reference',
    data: {
      dated: { source: 'reference' },
      reference: { outcome, who, ...(r.notes ? { notes: r.notes } : {}) },
    },
  };
}

function compareWithReference(ref: NonNullable<HistoryData['reference']>): Outcome | undefined {
  switch (ref.outcome) {
    case 'contradicts':
      return {
        verdict: 'differ',
        reason: `the reference contradicts the claim${ref.notes ? ` ("${ref.notes.trim()}")` : ''}`,
      };
    case 'verified':
      return { verdict: 'agree', reason: 'the reference confirmed it' };
    case 'unverifiable':
      return { verdict: 'unclear', reason: `the reference ${ref.who} could not be verified` };
    default:
      return undefined; // pending: nothing to compare yet
  }
}

function compareHistory(
  a: Candidate<HistoryData>,
  b: Candidate<HistoryData>,
  differ: (a: string, b: string) => boolean,
  word: string,
): Outcome | undefined {
  if (a.data.reference && b.data.reference) return undefined;
  const ref = a.data.reference ?? b.data.reference;
  if (ref) return compareWithReference(ref);
  const reasons = [...datesApart(a.data.dated, b.data.dated)];
  if (a.data.title && b.data.title && differ(a.data.title, b.data.title))
    reasons.unshift(
      `${word} "${a.data.title}" in the ${a.data.dated.source ?? 'unspecified source'} but "${b.data.title}" in the ${b.data.dated.source ?? 'unspecified source'}`,
    );
  if (reasons.length > 0) return { verdict: 'differ', reason: reasons.join(', ') };
  return {
    verdict: 'agree',
    reason: `the same ${word} and dates (within ${DATE_TOLERANCE_MONTHS} months) where both give them`,
  };
}

function employerRows(bundle: CaseBundle): ClaimRow[] {
  const groups = new Map<string, { label: string; list: Candidate<HistoryData>[] }>();
  (bundle.employment ?? []).slice(0, 1000).forEach((e, i) => {
    const employer = e.employer?.trim();
    if (!employer) return;
    const org = normalizeOrganisation(employer);
    if (org === '') return;
    let g = groups.get(org);
    if (!g) {
      g = { label: employer, list: [] };
      groups.set(org, g);
    }
    const column = columnOfSource(e.source);
    const text = [e.title, span(e)].filter((p) => p).join(', ') || employer;
    g.list.push({
      column,
      text,
      path: `employment[${i}]`,
      from: null,
      detail:
        [employer !== g.label ? `as "${employer}"` : '', e.location ?? ''].filter((p) => p).join(' · ') ||
        null,
      who: column === 'record' ? 'the subject record' : COLUMN_WHO[column],
      data: { dated: e, ...(e.title ? { title: e.title } : {}) },
    });
  });
  (bundle.references ?? []).slice(0, 1000).forEach((r, i) => {
    if (!r.organization?.trim()) return;
    groups.get(normalizeOrganisation(r.organization))?.list.push(referenceCandidate(r, i));
  });
  const rows: ClaimRow[] = [];
  for (const [org, g] of groups) {
    const row = buildRow(
      `employer:${org}`,
      'employer',
      g.label,
      g.list,
      (a, b) => compareHistory(a, b, titlesDiffer, 'title'),
      { sameColumn: false },
    );
    if (row) rows.push(row);
  }
  return rows;
}

function institutionRows(bundle: CaseBundle): ClaimRow[] {
  const groups = new Map<string, { label: string; list: Candidate<HistoryData>[] }>();
  (bundle.education ?? []).slice(0, 1000).forEach((e, i) => {
    const institution = e.institution?.trim();
    if (!institution) return;
    const org = normalizeInstitution(institution);
    if (org === '') return;
    let g = groups.get(org);
    if (!g) {
      g = { label: institution, list: [] };
      groups.set(org, g);
    }
    const column = columnOfSource(e.source);
    g.list.push({
      column,
      text: [e.degree, span(e)].filter((p) => p).join(', ') || institution,
      path: `education[${i}]`,
      from: null,
      detail: institution !== g.label ? `as "${institution}"` : null,
      who: column === 'record' ? 'the subject record' : COLUMN_WHO[column],
      data: { dated: e, ...(e.degree ? { title: e.degree } : {}) },
    });
  });
  (bundle.references ?? []).slice(0, 1000).forEach((r, i) => {
    if (!r.organization?.trim()) return;
    groups.get(normalizeInstitution(r.organization))?.list.push(referenceCandidate(r, i));
  });
  const rows: ClaimRow[] = [];
  for (const [org, g] of groups) {
    const row = buildRow(
      `institution:${org}`,
      'institution',
      g.label,
      g.list,
      (a, b) => compareHistory(a, b, degreesDiffer, 'degree'),
      { sameColumn: false },
    );
    if (row) rows.push(row);
  }
  return rows;
}

// ---- linking signals -----------------------------------------------------------------------------------

/** Which signals can concern which row; the evidence paths decide whether one does. */
const RELEVANT: Record<ClaimField, readonly string[]> = {
  name: ['consistency.identity', 'documents.mrz-mismatch'],
  dateOfBirth: ['consistency.identity', 'documents.mrz-mismatch'],
  citizenship: ['documents.mrz-mismatch'],
  location: ['consistency.location'],
  email: ['contact.disposable-email', 'references.shared-contact'],
  phone: ['contact.voip-phone', 'references.shared-contact', 'consistency.location'],
  employer: [
    'consistency.employment',
    'consistency.anachronism',
    'references.contradicts',
    'references.unverifiable',
    'references.webmail',
  ],
  institution: ['consistency.education', 'references.contradicts', 'references.unverifiable'],
};

/** Fields named in identity / MRZ signal data ("date of birth"), mapped to rows. */
const DATA_FIELDS: Record<string, ClaimField> = {
  name: 'name',
  'date of birth': 'dateOfBirth',
  nationality: 'citizenship',
};

const related = (e: string, p: string) =>
  e === p || p.startsWith(`${e}.`) || p.startsWith(`${e}[`) || e.startsWith(`${p}.`) || e.startsWith(`${p}[`);

function fieldsNamed(signal: Signal): Set<ClaimField> | undefined {
  const data = signal.data;
  if (!data) return undefined;
  const list = Array.isArray(data.differences)
    ? data.differences
    : Array.isArray(data.mismatches)
      ? data.mismatches
      : undefined;
  if (!list) return undefined;
  const out = new Set<ClaimField>();
  for (const d of list) {
    const f = isObject(d) && typeof d.field === 'string' ? DATA_FIELDS[d.field] : undefined;
    if (f) out.add(f);
  }
  return out;
}

function rowSignals(row: ClaimRow, signals: readonly Signal[]): ClaimSignal[] {
  const out: ClaimSignal[] = [];
  for (const s of signals) {
    if (!RELEVANT[row.field].includes(s.id)) continue;
    const named = fieldsNamed(s);
    if (named && !named.has(row.field)) continue;
    const linked =
      (row.field === 'location' && s.id === 'consistency.location') ||
      s.evidence.some((e) => row.values.some((v) => related(e, v.path)));
    if (linked) out.push({ id: s.id, severity: s.severity, explanation: s.explanation });
  }
  return out;
}

// ---- the table -----------------------------------------------------------------------------------------

export function buildClaims(bundle: CaseBundle, options: BuildClaimsOptions): ClaimsTable {
  const mrz = readableMrz(bundle, options.now);
  const rows = [
    nameRow(bundle, mrz),
    dobRow(bundle, mrz),
    citizenshipRow(bundle, mrz),
    locationRow(bundle),
    emailRow(bundle),
    phoneRow(bundle),
    ...employerRows(bundle),
    ...institutionRows(bundle),
  ].filter((r): r is ClaimRow => r !== undefined);
  const signals = options.signals ?? [];
  for (const row of rows) row.signals = rowSignals(row, signals);
  const counts: Record<ClaimStatus, number> = { agree: 0, explained: 0, differ: 0, unclear: 0, single: 0 };
  for (const row of rows) counts[row.status]++;
  return {
    columns: CLAIM_COLUMNS.map((id) => ({ id, label: CLAIM_COLUMN_LABELS[id] })),
    rows,
    counts,
  };
}
