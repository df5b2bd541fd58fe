// Retention policy: how long each kind of personal data is kept before the hourly sweep deletes it. Pure: the
// stored value is checked here, the dates are computed from a moment given as a parameter.
import type { ProblemDetail } from '../errors.ts';

export const RETENTION_KINDS = [
  'biometrics',
  'documents',
  'resumes',
  'signIns',
  'changes',
  'closedCases',
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** Days each kind is kept (see RETENTION_TEXT for what each counts from). */
export type RetentionPolicy = Record<RetentionKind, number>;

export const MIN_RETENTION_DAYS = 1;
/** Ten years: a longer period is almost certainly a typing mistake. */
export const MAX_RETENTION_DAYS = 3650;

/** Plain-language name and what the period counts from, for the Settings page and the API description. */
export const RETENTION_TEXT: Readonly<
  Record<RetentionKind, { label: string; from: string; deletes: string }>
> = {
  biometrics: {
    label: 'Face and video data',
    from: 'after the verification or the upload',
    deletes:
      'liveness traces and face snapshots from verification links, interview recordings, and the face measurements read from ID photos',
  },
  documents: {
    label: 'Identity documents',
    from: 'after the upload',
    deletes: 'uploaded ID documents and other files (what was read from them stays in the record)',
  },
  resumes: {
    label: 'Resume files',
    from: 'after the resume was read',
    deletes: 'the stored resume file (what was read from it stays in the record)',
  },
  signIns: {
    label: 'Sign-in logs',
    from: 'after the sign-in',
    deletes: 'imported and received sign-in events',
  },
  changes: {
    label: 'Payroll and account changes',
    from: 'after the change',
    deletes: 'HR and payroll change events and payment records',
  },
  closedCases: {
    label: 'Closed cases',
    from: 'after the case was closed',
    deletes: 'everything stored about the person, as a deletion request would',
  },
};

/** Biometrics short; files and logs a year; a closed case two years (time to answer a claim). */
export function defaultRetentionPolicy(documentDays = 365): RetentionPolicy {
  return {
    biometrics: 30,
    documents: documentDays,
    resumes: documentDays,
    signIns: 365,
    changes: 365,
    closedCases: 730,
  };
}

export type RetentionParse = { ok: true; policy: RetentionPolicy } | { ok: false; problems: ProblemDetail[] };

/**
 * Reads a policy sent by a user or stored in the settings; kinds left out keep `base`. Every problem is reported
 * at once; unknown kinds are refused so a misspelt kind is not silently ignored.
 */
export function parseRetentionPolicy(value: unknown, base: RetentionPolicy): RetentionParse {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problems: [{ path: '', message: 'expected an object of days per kind of data' }] };
  const problems: ProblemDetail[] = [];
  const policy: RetentionPolicy = { ...base };
  for (const [key, days] of Object.entries(value)) {
    if (!(RETENTION_KINDS as readonly string[]).includes(key)) {
      problems.push({
        path: key,
        message: `not a kind of data; expected one of ${RETENTION_KINDS.join(', ')}`,
      });
      continue;
    }
    if (typeof days !== 'number' || !Number.isInteger(days)) {
      problems.push({ path: key, message: `${JSON.stringify(days)} is not a whole number of days` });
      continue;
    }
    if (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
      problems.push({
        path: key,
        message: `${days} days is outside ${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS} (ten years)`,
      });
      continue;
    }
    policy[key as RetentionKind] = days;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, policy };
}

const DAY_MS = 86_400_000;

/** The moment data created at `from` is due for deletion when kept `days`. */
export function retainUntil(from: string | Date, days: number): string {
  const ms = typeof from === 'string' ? Date.parse(from) : from.getTime();
  return new Date(ms + days * DAY_MS).toISOString();
}

/** Data created at or before this moment is past a `days` retention at `now`. */
export function retentionCutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** True when a dated item (ISO 8601) is past its retention; an undated or unreadable date is kept. */
export function isPastRetention(at: unknown, now: Date, days: number): boolean {
  if (typeof at !== 'string') return false;
  const ms = Date.parse(at);
  return Number.isFinite(ms) && ms + days * DAY_MS <= now.getTime();
}
