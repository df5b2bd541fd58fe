// readLogins: a sign-in log file (Okta, Entra, Google Workspace, generic CSV/NDJSON; plain or gzip) → a
// stream of normalised events, skipped non-sign-in records and per-record problems. Pure: no database, no
// network; memory stays flat.
import { DomainError } from '../../core/errors.ts';
import { readCsvRecords } from './csv-records.ts';
import { detectRecordFormat, formatForCsvHeader } from './detect.ts';
import { isObject, type JsonObject } from './fields.ts';
import { openText } from './input.ts';
import {
  DEFAULT_MAX_RECORD_BYTES,
  JsonDocumentSplitter,
  LineSplitter,
  type RawRecord,
  type RecordSplitter,
} from './json-splitter.ts';
import type { ColumnMapping, LoginFormat, NormalizeResult, ReadItem } from './model.ts';
import { normalizeEntraCsvRow, normalizeEntraSignIn } from './normalize-entra.ts';
import { createMappedNormalizer, guessMapping, listNames, type RowReader } from './normalize-generic.ts';
import { normalizeGoogleActivity } from './normalize-google.ts';
import { normalizeOktaEvent } from './normalize-okta.ts';

export type ReadLoginsOptions = {
  format: LoginFormat | 'auto';
  /** Generic CSV/NDJSON: which column/field holds what (guessed from common names when absent). */
  mapping?: ColumnMapping;
  /** Progress: raw bytes read so far (compressed bytes for gzip input), after each chunk. */
  onBytes?: (bytesRead: number) => void;
  /** One record larger than this is reported and skipped (default 1 MB). */
  maxRecordBytes?: number;
  /** gzip input may expand to at most this many bytes (default 16 GiB). */
  maxDecompressedBytes?: number;
  /** Called once with the format in use (the detected one for `auto`). */
  onFormat?: (format: LoginFormat) => void;
};

/** How the records of a JSON file are laid out; CSV is its own thing. */
export type Container = 'ndjson' | 'document' | 'csv';

const SNIFF_BYTES = 64 * 1024;

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) return i;
  }
  return -1;
}

/**
 * NDJSON when the first line is a whole JSON object; a JSON document (array, container object, or
 * pretty-printed objects) when it starts with `[` or the first line is not a complete object; else CSV.
 */
export function sniffContainer(head: string): Container | undefined {
  const start = firstNonSpace(head);
  if (start === -1) return undefined;
  const first = head[start];
  if (first === '[') return 'document';
  if (first !== '{') return 'csv';
  const nl = head.indexOf('\n', start);
  if (nl === -1) return 'document';
  const line = head.slice(start, nl).trim();
  if (line.endsWith('}') && line.length > 1) return 'ndjson';
  return 'document';
}

async function* withHead(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Enough of the start to tell the layout: up to the end of the first non-blank line (or 64 KB), so a
 * slowly arriving stream is not held back.
 */
async function readHead(source: AsyncIterator<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const next = await source.next();
    if (next.done) break;
    parts.push(next.value);
    length += next.value.length;
    const head = parts.length === 1 ? next.value : Buffer.concat(parts);
    const start = firstNonSpaceByte(head);
    if (start !== -1 && (head[start] === 0x5b || head.indexOf(0x0a, start) !== -1)) break;
  }
  return Buffer.concat(parts);
}

function firstNonSpaceByte(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) return i;
  }
  return -1;
}

/** Arrays and container objects found inside a record (a line holding a whole page) → their records. */
export function expandRecord(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (!isObject(value)) return [value];
  for (const key of ['value', 'items', 'records'] as const) {
    if (Array.isArray(value[key]) && !looksLikeEvent(value)) return value[key] as unknown[];
  }
  const data = value.data;
  if (isObject(data) && Array.isArray(data.events)) return data.events;
  return [value];
}

function looksLikeEvent(obj: JsonObject): boolean {
  return obj.eventType !== undefined && obj.published !== undefined;
}

type RecordNormalizer = (obj: unknown) => NormalizeResult;

function jsonNormalizer(
  format: LoginFormat,
  mapping: ColumnMapping | undefined,
  first: unknown,
): RecordNormalizer {
  switch (format) {
    case 'okta':
      return (obj) => normalizeOktaEvent(obj);
    case 'entra':
      return (obj) => normalizeEntraSignIn(obj);
    case 'google':
      return (obj) => normalizeGoogleActivity(obj);
    case 'ndjson': {
      const fields = isObject(first) ? flattenKeys(first) : [];
      const normalize = createMappedNormalizer(mapping ?? guessMapping(fields, 'fields'), 'fields');
      return (obj) =>
        isObject(obj) ? normalize(objectReader(obj)) : { ok: false, reason: 'not a JSON object' };
    }
    default:
      throw new DomainError('validation', `format ${format} is not a JSON format`);
  }
}

function objectReader(obj: JsonObject): RowReader {
  return { kind: 'object', obj };
}

/** Dotted paths of an object's leaves (two levels deep), for guessing a mapping and naming what exists. */
export function flattenKeys(obj: JsonObject, prefix = '', depth = 0): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(obj)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (isObject(value) && depth < 2) keys.push(...flattenKeys(value, name, depth + 1));
    else keys.push(name);
  }
  return keys;
}

function parseProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `not valid JSON (${message.length > 160 ? `${message.slice(0, 160)}…` : message})`;
}

/** A record without events: `skipped` when it is deliberately not a sign-in, else a `problem`. */
function notRead(line: number, result: { reason: string; skip?: true }): ReadItem {
  return result.skip === true
    ? { kind: 'skipped', line, reason: result.reason }
    : { kind: 'problem', line, message: result.reason };
}

/**
 * Split → JSON.parse → normalise, synchronously, one chunk at a time; items go to `out`. The first record
 * that is an object settles the format under `auto`.
 */
class JsonRecordReader {
  private format: LoginFormat | undefined;
  private normalize: RecordNormalizer | undefined;
  private readonly raws: RawRecord[] = [];

  constructor(
    private readonly splitter: RecordSplitter,
    private readonly options: ReadLoginsOptions,
  ) {
    this.format = options.format === 'auto' ? undefined : options.format;
  }

  push(chunk: Buffer, out: ReadItem[]): void {
    this.splitter.push(chunk, this.raws);
    this.drain(out);
  }

  end(out: ReadItem[]): void {
    this.splitter.end(this.raws);
    this.drain(out);
  }

  private drain(out: ReadItem[]): void {
    for (const raw of this.raws) this.handle(raw, out);
    this.raws.length = 0;
  }

  private handle(raw: RawRecord, out: ReadItem[]): void {
    if ('problem' in raw) {
      out.push({ kind: 'problem', line: raw.line, message: raw.problem });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.text);
    } catch (error) {
      out.push({ kind: 'problem', line: raw.line, message: parseProblem(error) });
      return;
    }
    for (const record of expandRecord(parsed)) {
      if (!isObject(record)) {
        out.push({ kind: 'problem', line: raw.line, message: 'not a JSON object; skipped' });
        continue;
      }
      let normalize = this.normalize;
      if (normalize === undefined) {
        const format = this.format ?? detectRecordFormat(record);
        this.format = format;
        this.options.onFormat?.(format);
        normalize = jsonNormalizer(format, this.options.mapping, record);
        this.normalize = normalize;
      }
      let result: NormalizeResult;
      try {
        result = normalize(record);
      } catch (error) {
        // A hostile record (nesting too deep to hash, …) costs itself, not the file.
        if (error instanceof DomainError) throw error;
        const message = error instanceof Error ? error.message : String(error);
        out.push({ kind: 'problem', line: raw.line, message: `could not read this record: ${message}` });
        continue;
      }
      if (!result.ok) {
        out.push(notRead(raw.line, result));
        continue;
      }
      for (const event of result.events) out.push({ kind: 'event', line: raw.line, event });
    }
  }
}

async function* readCsv(
  chunks: AsyncIterable<Buffer>,
  options: ReadLoginsOptions,
  maxRecordBytes: number,
): AsyncGenerator<ReadItem> {
  let normalize: ((row: RowReader, rawText: string) => NormalizeResult) | undefined;
  for await (const item of readCsvRecords(chunks, { maxRecordBytes })) {
    if (item.kind === 'problem') {
      yield item;
      continue;
    }
    if (item.kind === 'header') {
      const format = options.format === 'auto' ? formatForCsvHeader(item.headers) : options.format;
      options.onFormat?.(format);
      if (format === 'entra-csv') {
        requireColumns(item.headers, ['Date (UTC)', 'Username']);
        normalize = (row) => normalizeEntraCsvRow(row);
      } else {
        const mapped = createMappedNormalizer(
          options.mapping ?? guessMapping(item.headers, 'columns'),
          'columns',
          item.headers,
        );
        normalize = (row, rawText) => mapped(row, rawText);
      }
      continue;
    }
    if (normalize === undefined) continue;
    const result = normalize({ kind: 'row', row: item.row }, item.text);
    if (!result.ok) {
      yield notRead(item.line, result);
      continue;
    }
    for (const event of result.events) yield { kind: 'event', line: item.line, event };
  }
}

function requireColumns(headers: readonly string[], wanted: readonly string[]): void {
  const missing = wanted.filter((w) => !headers.includes(w));
  if (missing.length === 0) return;
  throw new DomainError(
    'validation',
    `not an Entra sign-in CSV download: no ${missing.map((m) => JSON.stringify(m)).join(' or ')} column; the columns are ${listNames(headers)}`,
  );
}

const JSON_FORMATS: ReadonlySet<string> = new Set(['okta', 'entra', 'google', 'ndjson']);

/**
 * Streams a sign-in log: one `event` per sign-in record, one `skipped` (line + reason) per well-formed record
 * that is not a person's sign-in, one `problem` (line + message) per record that cannot be read; reading
 * always goes on after a bad record. Throws a DomainError only for what stops the
 * whole file: an unknown layout, a mapping naming missing columns, damaged or oversized gzip.
 */
export async function* readLogins(
  input: AsyncIterable<unknown>,
  options: ReadLoginsOptions,
): AsyncGenerator<ReadItem> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const source = openText(input, options)[Symbol.asyncIterator]();
  try {
    const head = await readHead(source);
    const chunks = withHead(head, source);
    const headText = head.toString('utf8', 0, Math.min(head.length, SNIFF_BYTES));
    const container = sniffContainer(headText);
    if (container === undefined) return;
    const wantsCsv = options.format === 'csv' || options.format === 'entra-csv';
    if (wantsCsv || (options.format === 'auto' && container === 'csv')) {
      for await (const item of readCsv(chunks, options, maxRecordBytes)) yield item;
      return;
    }
    if (container === 'csv') {
      const start = headText.slice(firstNonSpace(headText)).split(/\r?\n/, 1)[0]?.slice(0, 60) ?? '';
      throw new DomainError(
        'validation',
        `format ${options.format} expects JSON (NDJSON or a JSON array) but the file starts with ${JSON.stringify(start)}`,
      );
    }
    if (options.format !== 'auto' && !JSON_FORMATS.has(options.format)) {
      throw new DomainError('validation', `unknown login format ${options.format}`);
    }
    const splitter =
      container === 'ndjson' ? new LineSplitter(maxRecordBytes) : new JsonDocumentSplitter(maxRecordBytes);
    const reader = new JsonRecordReader(splitter, options);
    const items: ReadItem[] = [];
    for await (const chunk of chunks) {
      reader.push(chunk, items);
      for (const item of items) yield item;
      items.length = 0;
    }
    reader.end(items);
    for (const item of items) yield item;
  } finally {
    await source.return?.(undefined);
  }
}
