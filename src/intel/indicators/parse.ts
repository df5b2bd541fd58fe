// Reads a file of threat indicators shared by another organisation: a STIX 2.1 bundle (JSON; `indicator`
// objects with STIX patterns, and the cyber-observable objects email-addr, ipv4-addr, ipv6-addr,
// domain-name and url, also inside STIX 2.0-style observed-data) or a CSV with the columns
// type,value,source,description,valid_until (types email-sha256 and phone-sha256 for salted hashes, as
// Gatecheck's hashed export writes them in STIX). The format is sniffed from the content. Values are put in
// normal form; what cannot be used is reported per object or per line and skipped; indicators already
// expired are left out (counted). Input is bounded; nothing here throws on hostile content except
// IndicatorFileError, which names what is wrong with the file as a whole.
import { CsvError } from 'csv-parse';
import { parse as parseCsv } from 'csv-parse/sync';
import { normalizeIndicatorValue } from '../../core/intel/indicator-values.ts';
import {
  hashedIndicatorValue,
  type IndicatorKind,
  isHashableKind,
  isIndicatorKind,
} from '../../core/intel/indicators.ts';
import { PatternError, patternIdentifiers } from './stix-pattern.ts';

export const INDICATOR_FILE_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxIndicators: 100_000,
  maxObjects: 200_000,
  /** Problems listed (all are counted). */
  maxProblems: 100,
  maxText: 1000,
  maxLabels: 20,
};

export type IndicatorFormat = 'stix' | 'csv';

export type ParsedIndicator = {
  kind: IndicatorKind;
  /** Normal form (what is matched). */
  value: string;
  source: string;
  labels: string[];
  description?: string;
  validFrom?: string;
  validUntil?: string;
  stixId?: string;
  /** Shared as a salted hash: `value` is "sha256:<hex>" (email and phone only). */
  hashed?: true;
};

export type IndicatorProblem = { where: string; message: string };

export type ParsedIndicatorFile = {
  format: IndicatorFormat;
  indicators: ParsedIndicator[];
  problems: IndicatorProblem[];
  problemCount: number;
  /** Left out because valid_until had passed, or the STIX object was revoked. */
  expired: number;
  revoked: number;
  /** STIX objects of other types (identity, relationship, malware, …), not used. */
  ignoredObjects: number;
};

export class IndicatorFileError extends Error {
  constructor(
    message: string,
    readonly problems: IndicatorProblem[] = [],
  ) {
    super(message);
    this.name = 'IndicatorFileError';
  }
}

export type ParseOptions = {
  /** "Now", for leaving out expired indicators. */
  now: Date;
  /** The source when the file names none (the STIX identity or the CSV column win). */
  defaultSource: string;
};

const SCO_KINDS: Record<string, IndicatorKind> = {
  'email-addr': 'email',
  'ipv4-addr': 'ip',
  'ipv6-addr': 'ip',
  'domain-name': 'domain',
  url: 'url',
};

const CSV_TYPES: Record<string, IndicatorKind> = {
  email: 'email',
  'email-addr': 'email',
  phone: 'phone',
  'phone-number': 'phone',
  wallet: 'wallet',
  'cryptocurrency-wallet': 'wallet',
  domain: 'domain',
  'domain-name': 'domain',
  github: 'github',
  'github-account': 'github',
  ip: 'ip',
  'ipv4-addr': 'ip',
  'ipv6-addr': 'ip',
  url: 'url',
};

/** CSV types of hashed identifiers (the value is sha256("<salt>:<normal form>") in hex). */
const CSV_HASHED_TYPES: Record<string, IndicatorKind> = {
  'email-sha256': 'email',
  'phone-sha256': 'phone',
};

function decode(content: Uint8Array | string): string {
  if (typeof content === 'string') return content.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    throw new IndicatorFileError('The file is not UTF-8 text (a STIX 2.1 JSON bundle or a CSV is expected)');
  }
}

function sizeOf(content: Uint8Array | string): number {
  return typeof content === 'string' ? content.length : content.byteLength;
}

class Collector {
  readonly indicators = new Map<string, ParsedIndicator>();
  readonly problems: IndicatorProblem[] = [];
  problemCount = 0;
  expired = 0;
  revoked = 0;
  ignoredObjects = 0;

  constructor(readonly options: ParseOptions) {}

  problem(where: string, message: string): void {
    this.problemCount += 1;
    if (this.problems.length < INDICATOR_FILE_LIMITS.maxProblems) this.problems.push({ where, message });
  }

  add(
    where: string,
    kind: IndicatorKind,
    raw: string,
    rest: Omit<ParsedIndicator, 'kind' | 'value' | 'hashed'>,
    hashed = false,
  ): void {
    if (hashed && !isHashableKind(kind)) {
      this.problem(where, `only emails and phones can be shared as hashes, not ${kind}`);
      return;
    }
    const value = hashed ? hashedIndicatorValue(raw) : normalizeIndicatorValue(kind, raw);
    if (value === null) {
      this.problem(
        where,
        hashed
          ? `${JSON.stringify(raw.slice(0, 100))} is not a SHA-256 (64 hexadecimal digits)`
          : `${JSON.stringify(raw.slice(0, 100))} is not a valid ${kind}`,
      );
      return;
    }
    if (rest.validUntil !== undefined && Date.parse(rest.validUntil) <= this.options.now.getTime()) {
      this.expired += 1;
      return;
    }
    const key = `${kind}\u0000${value}\u0000${rest.source}`;
    const existing = this.indicators.get(key);
    if (existing) {
      existing.labels = [...new Set([...existing.labels, ...rest.labels])].slice(
        0,
        INDICATOR_FILE_LIMITS.maxLabels,
      );
      return;
    }
    if (this.indicators.size >= INDICATOR_FILE_LIMITS.maxIndicators)
      throw new IndicatorFileError(
        `The file has more than ${INDICATOR_FILE_LIMITS.maxIndicators} indicators; split it`,
      );
    this.indicators.set(key, { kind, value, ...rest, ...(hashed ? { hashed: true as const } : {}) });
  }

  result(format: IndicatorFormat): ParsedIndicatorFile {
    return {
      format,
      indicators: [...this.indicators.values()],
      problems: this.problems,
      problemCount: this.problemCount,
      expired: this.expired,
      revoked: this.revoked,
      ignoredObjects: this.ignoredObjects,
    };
  }
}

function cleanText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are removed on purpose.
  const text = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return text === '' ? undefined : text.slice(0, INDICATOR_FILE_LIMITS.maxText);
}

/** An ISO timestamp in UTC form, or undefined when absent; throws a message when present but not a date. */
function timestamp(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())
  )
    throw new PatternError(
      `${field} ${JSON.stringify(String(value).slice(0, 40))} is not a date (YYYY-MM-DD or RFC 3339)`,
    );
  const ms = Date.parse(value.trim());
  if (Number.isNaN(ms))
    throw new PatternError(`${field} ${JSON.stringify(value.slice(0, 40))} is not a date`);
  return new Date(ms).toISOString();
}

function labelsOf(obj: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const field of ['labels', 'indicator_types']) {
    const list = obj[field];
    if (!Array.isArray(list)) continue;
    for (const l of list) {
      const text = cleanText(l);
      if (text && !out.includes(text)) out.push(text.slice(0, 100));
    }
  }
  return out.slice(0, INDICATOR_FILE_LIMITS.maxLabels);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseStix(text: string, c: Collector): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new IndicatorFileError(`The file is not valid JSON: ${(error as Error).message}`);
  }
  let objects: unknown[];
  if (isRecord(doc) && doc.type === 'bundle') {
    if (!Array.isArray(doc.objects)) throw new IndicatorFileError('The STIX bundle has no "objects" list');
    objects = doc.objects;
  } else if (isRecord(doc) && typeof doc.type === 'string') objects = [doc];
  else if (Array.isArray(doc)) objects = doc;
  else throw new IndicatorFileError('Expected a STIX 2.1 bundle: {"type": "bundle", "objects": [...]}');
  if (objects.length > INDICATOR_FILE_LIMITS.maxObjects)
    throw new IndicatorFileError(
      `The bundle has more than ${INDICATOR_FILE_LIMITS.maxObjects} objects; split it`,
    );

  const identities = new Map<string, string>();
  for (const obj of objects)
    if (isRecord(obj) && obj.type === 'identity' && typeof obj.id === 'string') {
      const name = cleanText(obj.name);
      if (name) identities.set(obj.id, name.slice(0, 200));
    }
  const sourceOf = (obj: Record<string, unknown>): string =>
    (typeof obj.created_by_ref === 'string' ? identities.get(obj.created_by_ref) : undefined) ??
    c.options.defaultSource;

  const sco = (obj: Record<string, unknown>, where: string, source: string, labels: string[]): void => {
    const kind = SCO_KINDS[String(obj.type)];
    if (!kind) {
      c.ignoredObjects += 1;
      return;
    }
    if (typeof obj.value !== 'string') {
      c.problem(where, `a ${String(obj.type)} object needs a string "value"`);
      return;
    }
    c.add(where, kind, obj.value, { source, labels });
  };

  objects.forEach((obj, index) => {
    const where = `objects[${index}]${isRecord(obj) && typeof obj.id === 'string' ? ` (${obj.id.slice(0, 120)})` : ''}`;
    if (!isRecord(obj) || typeof obj.type !== 'string') {
      c.problem(where, 'not a STIX object (an object with a "type")');
      return;
    }
    if (obj.revoked === true) {
      c.revoked += 1;
      return;
    }
    try {
      if (obj.type === 'indicator') {
        if (obj.pattern_type !== undefined && obj.pattern_type !== 'stix')
          throw new PatternError(
            `pattern_type ${JSON.stringify(String(obj.pattern_type).slice(0, 40))} is not supported (stix)`,
          );
        if (typeof obj.pattern !== 'string') throw new PatternError('an indicator needs a "pattern"');
        const validFrom = timestamp(obj.valid_from, 'valid_from');
        const validUntil = timestamp(obj.valid_until, 'valid_until');
        if (validFrom && validUntil && validUntil <= validFrom)
          throw new PatternError('valid_until is not after valid_from');
        const identifiers = patternIdentifiers(obj.pattern);
        const description = cleanText(obj.description) ?? cleanText(obj.name);
        const rest = {
          source: sourceOf(obj),
          labels: labelsOf(obj),
          ...(description ? { description } : {}),
          ...(validFrom ? { validFrom } : {}),
          ...(validUntil ? { validUntil } : {}),
          ...(typeof obj.id === 'string' && obj.id.length <= 200 ? { stixId: obj.id } : {}),
        };
        for (const id of identifiers) c.add(where, id.kind, id.value, rest, id.hashed === true);
      } else if (obj.type === 'observed-data') {
        // STIX 2.0 carried the observables inside; 2.1 refers to top-level objects (read on their own).
        if (isRecord(obj.objects))
          for (const [key, inner] of Object.entries(obj.objects))
            if (isRecord(inner)) sco(inner, `${where}.objects.${key}`, sourceOf(obj), labelsOf(obj));
      } else sco(obj, where, sourceOf(obj), labelsOf(obj));
    } catch (error) {
      if (error instanceof PatternError) c.problem(where, error.message);
      else throw error;
    }
  });
}

function parseCsvText(text: string, c: Collector): void {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parseCsv(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      comment: '#',
      max_record_size: 64 * 1024,
    });
  } catch (error) {
    if (error instanceof CsvError) throw new IndicatorFileError(`The CSV cannot be read: ${error.message}`);
    throw error;
  }
  if (rows.length === 0)
    throw new IndicatorFileError('The CSV has no rows (header: type,value,source,description,valid_until)');
  const columns = Object.keys(rows[0]!.record);
  if (!columns.includes('type') || !columns.includes('value'))
    throw new IndicatorFileError(
      `The CSV header must name the columns type and value (found: ${columns.slice(0, 10).join(', ')}); optional: source, description, valid_until`,
    );
  for (const { record, info } of rows) {
    const where = `line ${info.lines}`;
    const type = (record.type ?? '').toLowerCase();
    const hashedKind = CSV_HASHED_TYPES[type];
    const kind = hashedKind ?? CSV_TYPES[type] ?? (isIndicatorKind(type) ? type : undefined);
    if (!kind) {
      c.problem(
        where,
        `unknown type ${JSON.stringify(type.slice(0, 40))} (email, phone, wallet, domain, github, ip, url; email-sha256, phone-sha256 for hashed ones)`,
      );
      continue;
    }
    const value = record.value ?? '';
    if (value === '') {
      c.problem(where, 'the value is empty');
      continue;
    }
    let validUntil: string | undefined;
    try {
      validUntil = timestamp(record.valid_until, 'valid_until');
    } catch (error) {
      c.problem(where, (error as Error).message);
      continue;
    }
    const description = cleanText(record.description);
    c.add(
      where,
      kind,
      value,
      {
        source: cleanText(record.source)?.slice(0, 200) ?? c.options.defaultSource,
        labels: [],
        ...(description ? { description } : {}),
        ...(validUntil ? { validUntil } : {}),
      },
      hashedKind !== undefined,
    );
  }
}

/** Whether the content is STIX JSON (starts with { or [) or CSV. */
export function sniffIndicatorFormat(text: string): IndicatorFormat {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'stix' : 'csv';
}

export function parseIndicatorFile(content: Uint8Array | string, options: ParseOptions): ParsedIndicatorFile {
  if (sizeOf(content) > INDICATOR_FILE_LIMITS.maxBytes)
    throw new IndicatorFileError(`The file is larger than ${INDICATOR_FILE_LIMITS.maxBytes} bytes; split it`);
  const text = decode(content);
  if (text.trim() === '') throw new IndicatorFileError('The file is empty');
  const format = sniffIndicatorFormat(text);
  const c = new Collector(options);
  if (format === 'stix') parseStix(text, c);
  else parseCsvText(text, c);
  return c.result(format);
}
