// consistency.anachronism — the history claims experience with a technology before it existed:
// - an employment entry whose text (title, description, technologies list…) names a technology first
//   released after the entry ended (by calendar year: the same year never fires, since pre-release and
//   internal use happen), or, when the entry gives no end at all, more than a year after it started
//   (an entry still running, `end: null`, never fires: a current job may pick up new tools);
// - the resume text claims "N years of X" (also "N+ years of experience with X", "X (N years)") where N is
//   more than the time since X's first public release, counted in whole months to `now`.
// Dates come from the table in technologies.ts, each row with its source. "At an employer that did not
// exist yet" needs a founding date the bundle does not carry, so it is not checked.
import type { CaseBundle } from '../../bundle/schema.ts';
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { isObject, quote } from '../util.ts';
import { TECHNOLOGIES, type Technology } from './technologies.ts';

const def = requireSignal('consistency.anachronism');

/** Longest text read from one field; resumes are far shorter. */
const MAX_TEXT = 200_000;
const MAX_SHOWN = 3;

type TermKind = 'free' | 'ambiguous' | 'list';
type Term = { tech: Technology; term: string; kind: TermKind };
type Match = { tech: Technology; kind: TermKind; start: number; end: number; text: string };

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const BEFORE = String.raw`(?<![\p{L}\p{N}_@#+.])`;
const AFTER = String.raw`(?![\p{L}\p{N}_+#]|\.[\p{L}\p{N}])`;

/** All-capital aliases ("AWS", "PHP", "GPT-4") are matched in capitals only. */
const isCapitals = (t: string) => /\p{Lu}/u.test(t) && t === t.toUpperCase();

const TERMS: readonly Term[] = TECHNOLOGIES.flatMap((tech) => [
  ...[tech.name, ...(tech.aliases ?? [])]
    .filter((t) => !(tech.ambiguous ?? []).includes(t) && !(tech.listOnly ?? []).includes(t))
    .map((term): Term => ({ tech, term, kind: 'free' })),
  ...(tech.ambiguous ?? []).map((term): Term => ({ tech, term, kind: 'ambiguous' })),
  ...(tech.listOnly ?? []).map((term): Term => ({ tech, term, kind: 'list' })),
]);

function alternation(terms: readonly Term[]): string {
  const unique = [...new Set(terms.map((t) => t.term))].sort((a, b) => b.length - a.length);
  return `${BEFORE}(?:${unique.map(escapeRegex).join('|')})${AFTER}`;
}

const insensitiveTerms = TERMS.filter((t) => t.kind === 'free' && !isCapitals(t.term));
const exactTerms = TERMS.filter((t) => t.kind === 'ambiguous' || (t.kind === 'free' && isCapitals(t.term)));
const INSENSITIVE = new RegExp(alternation(insensitiveTerms), 'giu');
const EXACT = new RegExp(alternation(exactTerms), 'gu');
const byLowerTerm = new Map(insensitiveTerms.map((t) => [t.term.toLowerCase(), t]));
const byExactTerm = new Map(exactTerms.map((t) => [t.term, t]));
/** List items: every term, compared case-insensitively (a list is explicit enough for "Go" or "Rust"). */
const byListItem = new Map<string, Term>();
for (const t of TERMS) {
  const key = t.term.toLowerCase();
  const had = byListItem.get(key);
  if (!had || (had.kind !== 'free' && t.kind === 'free')) byListItem.set(key, t);
}

/** Words that say a sentence is about software, so an ambiguous name ("Rust", "Swift") means the technology. */
const SOFTWARE_CUE =
  /\b(?:programming|programmer|language|framework|library|libraries|developer|developers|development|engineer|engineering|software|code|coding|codebase|tech stack|frontend|front-end|backend|back-end|full-stack|fullstack|web app|mobile app|apps?|api|apis|sdk|microservices?|devops|database|deployed|deployment|infrastructure|components?|scripts?|scripting|pipelines?)\b/i;
/** Sentences where a name is the ordinary or banking word, whatever else they say. */
const NOT_TECH: Record<string, RegExp> = {
  Swift: /\bSWIFT\b|\bBIC\b|\bMT\d{3}\b|\b(?:[Pp]ayments?|[Bb]anking|[Bb]anks?|[Ww]ire transfers?)\b/,
};

/** Every technology name in a text, longest first where names overlap; ambiguous ones not yet filtered. */
function rawMatches(text: string): Match[] {
  const all: Match[] = [];
  for (const [re, lookup] of [
    [INSENSITIVE, (s: string) => byLowerTerm.get(s.toLowerCase())],
    [EXACT, (s: string) => byExactTerm.get(s)],
  ] as const) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const term = lookup(m[0]);
      if (term)
        all.push({
          tech: term.tech,
          kind: term.kind,
          start: m.index,
          end: m.index + m[0].length,
          text: m[0],
        });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Match[] = [];
  let reached = 0;
  for (const m of all) {
    if (m.start < reached) continue;
    kept.push(m);
    reached = m.end;
  }
  return kept;
}

const SENTENCE_END = /[.!?](?=\s|$)|[\n;•]/g;

/** Bounds of the sentence (or list line) holding a position. */
function sentenceAround(text: string, at: number): { from: number; to: number; sentence: string } {
  let from = 0;
  let to = text.length;
  SENTENCE_END.lastIndex = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    if (m.index < at) from = m.index + 1;
    else {
      to = m.index;
      break;
    }
  }
  return { from, to, sentence: text.slice(from, to) };
}

function inSoftwareContext(m: Match, text: string, matches: readonly Match[]): boolean {
  const { from, to, sentence } = sentenceAround(text, m.start);
  if (NOT_TECH[m.text]?.test(sentence)) return false;
  if (SOFTWARE_CUE.test(sentence)) return true;
  return matches.some((o) => o !== m && o.start >= from && o.end <= to && o.kind === 'free');
}

/** Technologies named in free text: plain names anywhere, ambiguous ones only in a software sentence. */
export function technologiesInText(input: string): Match[] {
  const text = input.slice(0, MAX_TEXT);
  const matches = rawMatches(text);
  return matches.filter((m) => m.kind === 'free' || inSoftwareContext(m, text, matches));
}

const VERSION = /\s+v?\d+(?:\.[\dx]+)*\+?$/i;

/** Technologies of an explicit list ("React, Go, Docker" or an array of names). */
export function technologiesInList(items: readonly string[]): Match[] {
  const out: Match[] = [];
  for (const raw of items) {
    const item = raw.slice(0, 200).trim();
    if (!item) continue;
    const whole =
      byListItem.get(item.toLowerCase()) ?? byListItem.get(item.replace(VERSION, '').toLowerCase());
    if (whole) out.push({ tech: whole.tech, kind: whole.kind, start: 0, end: item.length, text: item });
    else out.push(...rawMatches(item).filter((m) => m.kind !== 'list'));
  }
  return out;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
};
const NUMBER = String.raw`(\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
/** "10+ years of Kubernetes", "8 years experience with React", "five years' hands-on experience in Rust". */
const YEARS_OF = new RegExp(
  String.raw`\b${NUMBER}\s*(?:\+|plus)?\s*(?:full\s+)?(?:years?|yrs?)['’]?\s+(?:of\s+)?(?:(?:professional|commercial|hands-on|hands on|production|industry|working|practical|solid)\s+)?(?:(?:experience|exp\.?)\s+)?(?:(?:with|in|using|on|of|developing with|developing in|programming in|writing|building with)\s+)?`,
  'giu',
);
/** "Kubernetes (10 years)", "React: 8+ years", "Go – 5 yrs". */
const YEARS_AFTER = new RegExp(
  String.raw`^\s*(?:[:(–—-]\s*)${NUMBER}\s*(?:\+|plus)?\s*(?:years?|yrs?)\b`,
  'iu',
);
const HEDGE = /\b(?:almost|nearly|under|less than|up to|not quite)\s*$/i;
const LIST_SEPARATOR = /^\s*(?:,|\/|&|\+|\band\b|\bor\b)\s*/i;

const toNumber = (s: string): number => NUMBER_WORDS[s.toLowerCase()] ?? Number(s);

type YearsClaim = { tech: Technology; years: number; phrase: string };

/** "N years of X" claims in a text, X read only right after the phrase (or N right after X). */
export function yearsClaims(input: string): YearsClaim[] {
  const text = input.slice(0, MAX_TEXT);
  const matches = rawMatches(text).filter((m) => m.kind !== 'list');
  const byStart = new Map(matches.map((m) => [m.start, m]));
  const claims: YearsClaim[] = [];
  const usable = (m: Match) =>
    m.kind === 'free' || !NOT_TECH[m.text]?.test(sentenceAround(text, m.start).sentence);
  YEARS_OF.lastIndex = 0;
  for (const y of text.matchAll(YEARS_OF)) {
    if (HEDGE.test(text.slice(Math.max(0, y.index - 20), y.index))) continue;
    const years = toNumber(y[1] ?? '');
    let at = y.index + y[0].length;
    for (;;) {
      const m = byStart.get(at);
      if (!m) break;
      if (usable(m)) claims.push({ tech: m.tech, years, phrase: text.slice(y.index, m.end) });
      const sep = LIST_SEPARATOR.exec(text.slice(m.end, m.end + 10));
      if (!sep) break;
      at = m.end + sep[0].length;
    }
  }
  for (const m of matches) {
    const after = YEARS_AFTER.exec(text.slice(m.end, m.end + 24));
    if (!after || !usable(m)) continue;
    if (m.kind === 'ambiguous' && !inSoftwareContext(m, text, matches) && !/[:(]/.test(after[0])) continue;
    claims.push({
      tech: m.tech,
      years: toNumber(after[1] ?? ''),
      phrase: text.slice(m.start, m.end + after[0].length),
    });
  }
  return claims;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function releaseText(t: Technology): string {
  const when = t.month ? `${MONTHS[t.month - 1]} ${t.year}` : String(t.year);
  const what = t.release && t.release !== t.name ? `${t.name} (${t.release})` : t.name;
  return `${what} was first released in ${when} (${t.source})`;
}

const releaseDate = (t: Technology) =>
  t.month ? `${t.year}-${String(t.month).padStart(2, '0')}` : String(t.year);

const FREE_FIELDS = [
  'title',
  'description',
  'summary',
  'responsibilities',
  'highlights',
  'achievements',
  'projects',
];
const LIST_FIELDS = ['technologies', 'skills', 'stack', 'tools'];

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function listItems(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[,;|•\n]|\s\/\s/);
  return strings(value);
}

type Finding = Record<string, unknown> & { text: string; path: string };

const yearOf = (d: string) => Number(d.slice(0, 4));

function employmentFindings(bundle: CaseBundle): Finding[] {
  const out: Finding[] = [];
  (bundle.employment ?? []).forEach((entry, i) => {
    if (!isObject(entry)) return;
    const start = typeof entry.start === 'string' ? entry.start : undefined;
    const end = entry.end;
    if (end === null) return; // still running: any technology may have been picked up since
    // The latest year a technology could first appear and still be used in this job.
    const limit = typeof end === 'string' ? yearOf(end) : start ? yearOf(start) + 1 : undefined;
    if (limit === undefined) return;
    const seen = new Set<string>();
    const record = (m: Match, field: string) => {
      if (m.tech.year <= limit || seen.has(m.tech.name)) return;
      seen.add(m.tech.name);
      const employer = entry.employer?.trim() || 'an employer';
      const dates = typeof end === 'string' ? `${start ?? '?'} to ${end}` : `from ${start}, no end given`;
      out.push({
        text: `${releaseText(m.tech)}, but the job at ${employer} (${dates}) lists ${quote(m.text, 40)}`,
        path: `employment[${i}].${field}`,
        technology: m.tech.name,
        released: releaseDate(m.tech),
        source: m.tech.source,
        employer: entry.employer ?? null,
        start: start ?? null,
        end: end ?? null,
        mentioned: m.text,
      });
    };
    for (const field of LIST_FIELDS)
      for (const m of technologiesInList(listItems(entry[field]))) record(m, field);
    for (const field of FREE_FIELDS)
      for (const s of strings(entry[field])) for (const m of technologiesInText(s)) record(m, field);
  });
  return out;
}

function monthsSince(t: Technology, now: Date): number {
  return (now.getUTCFullYear() - t.year) * 12 + now.getUTCMonth() - ((t.month ?? 1) - 1);
}

/** Parsed `resume.technologies` ([{ name, years }], as `gatecheck resume` reads them), when present. */
function parsedClaims(value: unknown): YearsClaim[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): YearsClaim[] => {
    if (!isObject(item) || typeof item.name !== 'string' || typeof item.years !== 'number') return [];
    const years = item.years;
    if (!Number.isFinite(years) || years <= 0) return [];
    const [m] = technologiesInList([item.name]);
    return m ? [{ tech: m.tech, years, phrase: `${item.name}: ${years} years` }] : [];
  });
}

function resumeFindings(text: string, parsed: unknown, now: Date): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const c of [...yearsClaims(text), ...parsedClaims(parsed)]) {
    const possible = monthsSince(c.tech, now) / 12;
    if (c.years <= possible || seen.has(c.tech.name)) continue;
    seen.add(c.tech.name);
    const at = Math.max(0, Math.floor(possible * 10) / 10);
    out.push({
      text: `the resume claims ${quote(c.phrase, 60)}, but ${releaseText(c.tech)}: at most ${at} years by ${now.toISOString().slice(0, 10)}`,
      path: 'resume.text',
      technology: c.tech.name,
      released: releaseDate(c.tech),
      source: c.tech.source,
      claimedYears: c.years,
      possibleYears: at,
      phrase: c.phrase,
    });
  }
  return out;
}

export const anachronism: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const resume = bundle.resume?.text?.trim() ?? '';
    const parsed = bundle.resume?.technologies;
    const entries = bundle.employment ?? [];
    if (entries.length === 0 && !resume && !Array.isArray(parsed))
      return notEvaluated('no employment history or resume text recorded');
    const findings = [...employmentFindings(bundle), ...resumeFindings(resume, parsed, ctx.now)];
    if (findings.length === 0) return nothing();
    const shown = findings.slice(0, MAX_SHOWN).map((f) => f.text);
    const more = findings.length - shown.length;
    const detail = `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
    const evidence = [...new Set(findings.map((f) => f.path))];
    const data = { findings: findings.map(({ text: _t, ...rest }) => rest) };
    return found(fire(def, def.defaultSeverity, evidence, data, { detail }));
  },
};
