// Resume text into fields: contact details, employment, education, technologies with years. The
// entries are shaped like the case bundle's employment[]/education[] with source 'resume', so they can
// be put in a bundle and become evidence. Heuristics read section headings and date ranges; what
// cannot be read is left out rather than guessed.
import { findPhoneNumbersInText } from 'libphonenumber-js/max';

export type ResumeEmployment = {
  employer?: string;
  title?: string;
  start?: string;
  /** null: current ("Present"). */
  end?: string | null;
  location?: string;
  source: 'resume';
};
export type ResumeEducation = {
  institution?: string;
  degree?: string;
  start?: string;
  end?: string | null;
  source: 'resume';
};
export type ResumeLink = { kind: 'github' | 'linkedin' | 'portfolio'; url: string };
export type ResumePhone = { e164: string; country: string | null; text: string };
export type ResumeTechnology = { name: string; years?: number };

export type ParsedResume = {
  name: string | null;
  emails: string[];
  phones: ResumePhone[];
  links: ResumeLink[];
  employment: ResumeEmployment[];
  education: ResumeEducation[];
  technologies: ResumeTechnology[];
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DATE = String.raw`(?:${MONTH}\s*,?\s*\d{4}|\d{4}[-/.]\d{1,2}(?![\d/])|\d{1,2}[/.]\d{4}|(?:19|20)\d{2})`;
const NOW = '(?:present|current|now|today|to date|ongoing)';
const RANGE = new RegExp(
  String.raw`(${DATE})\s*(?:–|—|-|−|~|\bto\b|\buntil\b|\btill\b)\s*(${DATE}|${NOW})`,
  'i',
);

const HEADINGS: Record<string, RegExp> = {
  experience:
    /^(?:professional |work |relevant |employment |career )?(?:experience|work history|employment(?: history)?|career history|positions held)$/i,
  education: /^(?:education|academic background|academic history|education and training|qualifications)$/i,
  skills: /^(?:(?:technical |core |key )?skills|technologies|tech stack|technical proficiencies|tools)$/i,
  other:
    /^(?:summary|profile|about(?: me)?|objective|projects|personal projects|certifications?|languages|references|awards|publications|interests|hobbies|volunteering|contact|links)$/i,
};

const TITLE_WORDS =
  /\b(?:engineer|developer|programmer|manager|lead|architect|consultant|analyst|designer|intern|director|scientist|administrator|specialist|officer|head|cto|ceo|cio|vp|founder|devops|sre|tester|qa|technician|coordinator|associate|contractor|freelancer?|researcher|principal|staff)\b/i;
const DEGREE_WORDS =
  /\b(?:bachelor|master|doctor|ph\.?\s?d|mba|b\.?\s?sc|m\.?\s?sc|b\.?\s?s|m\.?\s?s|b\.?\s?a|m\.?\s?a|b\.?\s?eng|m\.?\s?eng|b\.?\s?tech|m\.?\s?tech|bmath|diploma|associate(?:'s)? degree|certificate|degree|specialist)\b/i;
const SCHOOL_WORDS =
  /\b(?:university|universit[éeä]t?|universidad|universidade|università|college|institute|institut|school|academy|polytechnic|politecnico|hochschule|école|ecole)\b/i;
const COMPANY_SUFFIX = /^(?:inc|llc|ltd|gmbh|co|corp|plc|s\.?a|ag|bv|pty)\.?\b/i;

export function parseResumeText(text: string, options: { defaultCountry?: string } = {}): ParsedResume {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+$/, '').replace(/^\s+/, ''))
    .filter((l) => l !== '');
  const sections = splitSections(lines);
  return {
    name: guessName(lines),
    emails: findEmails(text),
    phones: findPhones(text, options.defaultCountry),
    links: findLinks(text),
    employment: parseEmployment(sections.experience ?? []),
    education: parseEducation(sections.education ?? []),
    technologies: findTechnologies(text, sections.skills ?? []),
  };
}

function headingOf(line: string): string | null {
  const bare = line
    .replace(/[:#*_=\-–—]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (bare.length > 40) return null;
  for (const [name, re] of Object.entries(HEADINGS)) if (re.test(bare)) return name;
  return null;
}

function splitSections(lines: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let current = 'top';
  for (const line of lines) {
    const heading = headingOf(line);
    if (heading !== null) {
      current = heading;
      out[current] ??= [];
      continue;
    }
    const section = out[current] ?? [];
    out[current] = section;
    section.push(line);
  }
  return out;
}

function guessName(lines: readonly string[]): string | null {
  const first = lines[0];
  if (first === undefined || headingOf(first) !== null) return null;
  const words = first.split(/\s+/);
  if (words.length < 2 || words.length > 5 || /[\d@/|:]/.test(first)) return null;
  return first;
}

function findEmails(text: string): string[] {
  const found = text.match(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu) ?? [];
  return [...new Set(found.map((e) => e.toLowerCase()))];
}

function findPhones(text: string, defaultCountry?: string): ResumePhone[] {
  const out = new Map<string, ResumePhone>();
  const found = findPhoneNumbersInText(
    text,
    defaultCountry === undefined ? undefined : { defaultCountry: defaultCountry as never },
  );
  for (const match of found) {
    if (!match.number.isValid()) continue;
    const e164 = match.number.number;
    if (!out.has(e164)) {
      out.set(e164, {
        e164,
        country: match.number.country ?? null,
        text: text.slice(match.startsAt, match.endsAt),
      });
    }
  }
  return [...out.values()];
}

function findLinks(text: string): ResumeLink[] {
  const emailsRemoved = text.replace(/\S+@\S+/g, ' ');
  const raw =
    emailsRemoved.match(
      /\b(?:https?:\/\/)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/[^\s|,;()<>"]*)?/gi,
    ) ?? [];
  const out = new Map<string, ResumeLink>();
  for (const candidate of raw) {
    const explicit = /^https?:\/\//i.test(candidate);
    const url = (explicit ? candidate : `https://${candidate}`).replace(/[.)\]]+$/, '');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    let kind: ResumeLink['kind'];
    if (host === 'github.com' && parsed.pathname.length > 1) kind = 'github';
    else if (host.endsWith('linkedin.com') && /^\/(?:in|pub)\//.test(parsed.pathname)) kind = 'linkedin';
    else if (explicit || /^www\./i.test(candidate) || /\.(?:dev|io|me|site|page|app|tech)$/.test(host))
      kind = 'portfolio';
    else continue;
    const key = `${host}${parsed.pathname.replace(/\/$/, '')}`.toLowerCase();
    if (!out.has(key)) out.set(key, { kind, url: parsed.href.replace(/\/$/, '') });
  }
  return [...out.values()];
}

/** "Jan 2019" → 2019-01, "2019-04" → 2019-04, "03/2018" → 2018-03, "2019" → 2019; null for "present". */
export function resumeDate(token: string): string | null | undefined {
  const t = token.trim().toLowerCase();
  if (new RegExp(`^${NOW}$`, 'i').test(t)) return null;
  let m = /^([a-z]+)\.?\s*,?\s*(\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS.indexOf((m[1] ?? '').slice(0, 3)) + 1;
    return month > 0 ? `${m[2]}-${String(month).padStart(2, '0')}` : undefined;
  }
  m = /^(\d{4})[-/.](\d{1,2})$/.exec(t) ?? null;
  if (m) return monthOk(m[1], m[2]);
  m = /^(\d{1,2})[/.](\d{4})$/.exec(t);
  if (m) return monthOk(m[2], m[1]);
  if (/^\d{4}$/.test(t)) return t;
  return undefined;
}

function monthOk(year: string | undefined, month: string | undefined): string | undefined {
  const n = Number(month);
  return n >= 1 && n <= 12 ? `${year}-${String(n).padStart(2, '0')}` : undefined;
}

const BULLET = /^[-•*▪●◦‣·–]\s*/;

function parseEmployment(lines: readonly string[]): ResumeEmployment[] {
  const entries: ResumeEmployment[] = [];
  let headerStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (BULLET.test(line)) {
      headerStart = i + 1;
      continue;
    }
    const range = RANGE.exec(line);
    if (!range) continue;
    const start = resumeDate(range[1] ?? '');
    const end = resumeDate(range[2] ?? '');
    const rest = cleanParts(line.replace(range[0], ' '));
    const before = lines
      .slice(Math.max(headerStart, i - 2), i)
      .filter((l) => !BULLET.test(l) && l.length < 120);
    const parts = [...before.flatMap(cleanParts), ...rest];
    // Dates first, header after: "June 2015 to May 2017" then "Data Analyst, Acme, Inc.".
    const following = lines[i + 1];
    if (parts.length === 0 && following !== undefined && !BULLET.test(following) && !RANGE.test(following)) {
      parts.push(...cleanParts(following));
      i++;
    }
    const entry: ResumeEmployment = { ...assignParts(parts), source: 'resume' };
    if (typeof start === 'string') entry.start = start;
    if (end !== undefined) entry.end = end;
    const next = lines[i + 1];
    if (entry.location === undefined && next !== undefined && looksLikeLocation(next) && !RANGE.test(next)) {
      entry.location = next;
      i++;
    }
    entries.push(entry);
    headerStart = i + 1;
  }
  return entries;
}

function cleanParts(header: string): string[] {
  return header
    .split(/\s*(?:\||·|•|\t|\s{3,}| — | – | - |\bat\b|@)\s*/)
    .map((p) => p.replace(/^[\s,;:()[\]]+|[\s,;:([\]]+$/g, '').trim())
    .filter((p) => p !== '' && p !== ')');
}

function looksLikeLocation(part: string): boolean {
  if (/^\(?remote\)?$/i.test(part) || /^\(?(?:hybrid|on-?site)\)?$/i.test(part)) return true;
  return (
    /^[\p{L} .'-]{2,40}, [\p{L} .'-]{2,40}$/u.test(part) &&
    !TITLE_WORDS.test(part) &&
    !SCHOOL_WORDS.test(part)
  );
}

function assignParts(parts: string[]): Omit<ResumeEmployment, 'source'> {
  const out: Omit<ResumeEmployment, 'source'> = {};
  const rest: string[] = [];
  for (let part of parts) {
    // "Initech LLC (Remote)": the location in brackets.
    const bracket = /^(.*?)\s*\(([^)]+)\)$/.exec(part);
    if (bracket && looksLikeLocation(bracket[2] ?? '') && out.location === undefined) {
      out.location = (bracket[2] ?? '').replace(/^remote$/i, 'Remote');
      part = bracket[1] ?? '';
    }
    if (out.location === undefined && looksLikeLocation(part)) {
      out.location = part.replace(/^\(|\)$/g, '');
    } else if (out.title === undefined && TITLE_WORDS.test(part)) {
      // "Data Analyst, Acme, Inc.": the title before the first comma, the employer after.
      const [head, ...tail] = part.split(/,\s*/);
      if (tail.length > 0 && TITLE_WORDS.test(head ?? '') && !COMPANY_SUFFIX.test(tail[0] ?? '')) {
        out.title = head;
        rest.push(tail.join(', '));
      } else {
        out.title = part;
      }
    } else if (part !== '') {
      rest.push(part);
    }
  }
  const employer = rest[0];
  if (employer !== undefined) {
    // "Globex Corporation, Austin, TX": the employer before the first comma that is no company suffix.
    const comma = employer.split(/,\s*/);
    if (out.location === undefined && comma.length >= 2 && !COMPANY_SUFFIX.test(comma[1] ?? '')) {
      out.employer = comma[0];
      out.location = comma.slice(1).join(', ');
    } else {
      out.employer = employer;
    }
  }
  return out;
}

function parseEducation(lines: readonly string[]): ResumeEducation[] {
  const entries: ResumeEducation[] = [];
  let current: ResumeEducation | null = null;
  const open = () => {
    current = { source: 'resume' };
    entries.push(current);
    return current;
  };
  for (const line of lines) {
    if (BULLET.test(line)) continue;
    const range = RANGE.exec(line);
    const withoutDates = (range ? line.replace(range[0], ' ') : line).replace(/\s+/g, ' ').trim();
    const parts = cleanParts(withoutDates);
    for (const part of parts) {
      const school = SCHOOL_WORDS.test(part);
      const degree = DEGREE_WORDS.test(part);
      if (school) {
        const entry: ResumeEducation =
          current !== null && (current as ResumeEducation).institution === undefined ? current : open();
        entry.institution = part;
      } else if (degree) {
        const entry: ResumeEducation =
          current !== null && (current as ResumeEducation).degree === undefined ? current : open();
        entry.degree = part;
      }
    }
    const target: ResumeEducation | null = current;
    if (target === null) continue;
    if (range) {
      const start = resumeDate(range[1] ?? '');
      const end = resumeDate(range[2] ?? '');
      if (typeof start === 'string') (target as ResumeEducation).start = start;
      if (end !== undefined) (target as ResumeEducation).end = end;
    } else {
      const year = /\b((?:19|20)\d{2})\b/.exec(line);
      const t = target as ResumeEducation;
      if (year && t.end === undefined) t.end = year[1] as string;
    }
  }
  return entries.filter((e) => e.institution !== undefined || e.degree !== undefined);
}

const YEARS_OF =
  /(\d{1,2}(?:\.\d)?)\+?\s*(?:years?|yrs?)\s+(?:of\s+)?(?:(?:professional\s+|hands-on\s+)?experience\s+(?:with|in)\s+)?([A-Za-z][\w.+#/-]*(?:\.js)?)/gi;
const NAME_YEARS = /([A-Za-z][\w.+#/-]*)\s*(?:\(|:|-|–)\s*(\d{1,2}(?:\.\d)?)\+?\s*(?:years?|yrs?)\)?/gi;
const NOT_TECH =
  /^(?:experience|professional|working|work|industry|the|a|an|in|with|and|of|total|commercial)$/i;

function findTechnologies(text: string, skillLines: readonly string[]): ResumeTechnology[] {
  const out = new Map<string, ResumeTechnology>();
  const add = (name: string, years?: number) => {
    const clean = name.replace(/[.,;:]+$/, '').trim();
    if (clean === '' || NOT_TECH.test(clean) || clean.length > 40) return;
    const key = clean.toLowerCase();
    const known = out.get(key);
    if (known === undefined) out.set(key, years === undefined ? { name: clean } : { name: clean, years });
    else if (years !== undefined && (known.years === undefined || years > known.years)) known.years = years;
  };
  for (const m of text.matchAll(YEARS_OF)) add(m[2] ?? '', Number(m[1]));
  for (const m of text.matchAll(NAME_YEARS)) add(m[1] ?? '', Number(m[2]));
  for (const line of skillLines) {
    const body = line.replace(BULLET, '').replace(/^[\p{L} &/]{2,30}:\s*/u, '');
    for (const item of body.split(/\s*[,;|•·]\s*/)) {
      if (/\d+\+?\s*(?:years?|yrs?)/i.test(item)) continue;
      if (item.split(/\s+/).length <= 3) add(item);
    }
  }
  return [...out.values()];
}
