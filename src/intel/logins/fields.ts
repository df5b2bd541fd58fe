// Small helpers the normalisers share: reading loosely typed JSON, times → UTC ISO, stable ids.
import { createHash } from 'node:crypto';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A field by name, else the same name lower-cased (Panther and some SIEM exports lower-case Okta's top-level
 * `eventType`, `securityContext`…). Two property reads, so it stays cheap on the hot path.
 */
export function field(obj: unknown, name: string): unknown {
  if (!isObject(obj)) return undefined;
  const exact = obj[name];
  return exact !== undefined ? exact : obj[name.toLowerCase()];
}

/** A field by name in any letter case (for user-written mappings). */
function fieldAnyCase(obj: unknown, name: string): unknown {
  if (!isObject(obj)) return undefined;
  const exact = obj[name];
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key];
  return undefined;
}

/** A dotted path (`client.geographicalContext.city`); each step as in `fieldAnyCase`. A key that itself
 * contains dots (`"user.name"`) is found too. */
export function path(obj: unknown, dotted: string): unknown {
  if (isObject(obj) && obj[dotted] !== undefined) return obj[dotted];
  let current = obj;
  for (const name of dotted.split('.')) {
    current = fieldAnyCase(current, name);
    if (current === undefined) return undefined;
  }
  return current;
}

/** A non-empty trimmed string, or a finite number/boolean written as text; else undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const n = value.length;
    if (n === 0) return undefined;
    const trimmed = value.charCodeAt(0) > 32 && value.charCodeAt(n - 1) > 32 ? value : value.trim();
    if (trimmed === '') return undefined;
    return trimmed.length === 4 && trimmed.toLowerCase() === 'null' ? undefined : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true' || lower === 'yes' || lower === '1') return true;
    if (lower === 'false' || lower === 'no' || lower === '0') return false;
  }
  return undefined;
}

/** A copy without the keys whose value is undefined, so events compare and serialise cleanly. */
export function compact<T extends object>(obj: T): T {
  const out: Partial<T> = {};
  for (const key in obj) if (obj[key] !== undefined) out[key] = obj[key];
  return out as T;
}

export function sha1(value: string): string {
  return createHash('sha1').update(value).digest('hex');
}

/** Why a record without a provider id gets none: it cannot even be serialised to hash. */
/** A name from a record for a message: at most `max` characters (a hostile record can hold megabytes). */
export function clip(value: string, max = 100): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

export const UNHASHABLE = 'record nested too deeply to read; skipped';

/**
 * The fallback event id: SHA-1 of the parsed record as JSON (so NDJSON, arrays and pretty-printing give the same
 * id). Undefined for a record too deeply nested to serialise (hostile input).
 */
export function recordHash(value: unknown, suffix = ''): string | undefined {
  try {
    return sha1(`${JSON.stringify(value)}${suffix}`);
  } catch {
    return undefined;
  }
}

/** Already what we write (`2024-05-01T09:30:00.123Z`): checked, not rebuilt. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASHED_YMD = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?$/;

function fromParts(parts: (string | undefined)[], zone: string | undefined): number | undefined {
  const [y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = parts;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) {
    return undefined;
  }
  const ms = frac === '' ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  let time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day) return undefined;
  if (zone !== undefined && /^[+-]/.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    time -= sign * offset * 60_000;
  }
  return time;
}

/** Epoch seconds, milliseconds, microseconds or nanoseconds, told apart by size. */
export function epochToMs(value: number): number {
  const abs = Math.abs(value);
  if (abs < 1e11) return value * 1000;
  if (abs < 1e14) return value;
  if (abs < 1e17) return value / 1000;
  return value / 1e6;
}

/**
 * A provider time as UTC ISO 8601 (`…Z`); undefined when it cannot be read without guessing.
 * Times without a zone are taken as UTC (every supported export writes UTC); day/month orders other than
 * year-first are refused rather than guessed, except an explicit zone lets the runtime parse RFC 2822 text.
 */
export function toIsoUtc(value: unknown): string | undefined {
  if (typeof value === 'string' && CANONICAL.test(value)) {
    const year = Number(value.slice(0, 4));
    if (year >= 1970 && !Number.isNaN(Date.parse(value))) return value;
  }
  let ms: number | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) ms = epochToMs(value);
  else if (typeof value === 'string') {
    const trimmed = value.trim();
    const iso = ISO_LIKE.exec(trimmed);
    const slashed = iso === null ? SLASHED_YMD.exec(trimmed) : null;
    if (iso !== null) ms = fromParts(iso.slice(1, 8), iso[8]);
    else if (slashed !== null) ms = fromParts(slashed.slice(1, 8), undefined);
    else if (/^-?\d{9,19}(\.\d+)?$/.test(trimmed)) ms = epochToMs(Number(trimmed));
    else if (/\b(GMT|UTC|Z)\b|[+-]\d{4}$/.test(trimmed) && /[a-z]{3}/i.test(trimmed)) {
      const parsed = Date.parse(trimmed);
      ms = Number.isNaN(parsed) ? undefined : parsed;
    }
  }
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  const date = new Date(Math.trunc(ms));
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1970 || year > 9999) return undefined;
  return date.toISOString();
}

/** Lower-cased, trimmed account name ('' when missing). */
export function accountOf(value: unknown): string {
  return text(value)?.toLowerCase() ?? '';
}

/** A textual IP address as given, trimmed; IPv6 lower-cased. Validation is the enricher's job. */
export function ipOf(value: unknown): string | undefined {
  const ip = text(value);
  if (ip === undefined) return undefined;
  return ip.includes(':') && !ip.includes('.') ? ip.toLowerCase() : ip;
}
