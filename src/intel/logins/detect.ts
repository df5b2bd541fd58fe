// Which provider wrote a record or a CSV header, for `--format auto`.
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import { field, isObject, type JsonObject, text } from './fields.ts';
import { isGzip } from './input.ts';
import {
  DEFAULT_MAX_RECORD_BYTES,
  JsonDocumentSplitter,
  LineSplitter,
  type RawRecord,
} from './json-splitter.ts';
import type { LoginFormat } from './model.ts';

/** Headers that only the Entra admin center's sign-in CSV download has (all must be present). */
export const ENTRA_CSV_SIGNATURE = ['Date (UTC)', 'Request ID', 'IP address', 'Username'];

function normalizeHeader(header: string): string {
  return header.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function formatForCsvHeader(headers: readonly string[]): 'entra-csv' | 'csv' {
  const present = new Set(headers.map(normalizeHeader));
  return ENTRA_CSV_SIGNATURE.every((h) => present.has(normalizeHeader(h))) ? 'entra-csv' : 'csv';
}

function isOkta(obj: JsonObject): boolean {
  const eventType = text(field(obj, 'eventType'));
  if (eventType === undefined) return false;
  return (
    field(obj, 'published') !== undefined ||
    field(obj, 'uuid') !== undefined ||
    field(obj, 'legacyEventType') !== undefined ||
    isObject(field(obj, 'actor'))
  );
}

function isEntra(obj: JsonObject): boolean {
  const category = text(obj.category ?? obj.Category ?? obj.Type);
  if (category !== undefined && /SignInLogs$/i.test(category)) return true;
  if (text(obj.operationName ?? obj.OperationName) === 'Sign-in activity') return true;
  const props = isObject(obj.properties) ? obj.properties : obj;
  const time = props.createdDateTime ?? props.CreatedDateTime;
  return (
    time !== undefined &&
    (props.userPrincipalName !== undefined ||
      props.UserPrincipalName !== undefined ||
      props.ipAddress !== undefined ||
      props.IPAddress !== undefined ||
      isObject(props.status))
  );
}

function isGoogle(obj: JsonObject): boolean {
  const kind = text(obj.kind);
  if (kind?.startsWith('admin#reports#activit')) return true;
  return isObject(obj.id) && obj.id.applicationName !== undefined;
}

/** The provider format of one parsed JSON record; `ndjson` (generic, needs a mapping) when none fits. */
export function detectRecordFormat(obj: JsonObject): LoginFormat {
  if (isOkta(obj)) return 'okta';
  if (isGoogle(obj)) return 'google';
  if (isEntra(obj)) return 'entra';
  return 'ndjson';
}

function firstRecord(head: string): JsonObject | undefined {
  const bytes = Buffer.from(head, 'utf8');
  const out: RawRecord[] = [];
  const trimmed = head.trimStart();
  const splitter =
    trimmed.startsWith('{') && /^\{[^\n]*\}\s*\r?\n/.test(trimmed)
      ? new LineSplitter(DEFAULT_MAX_RECORD_BYTES)
      : new JsonDocumentSplitter(DEFAULT_MAX_RECORD_BYTES);
  splitter.push(bytes, out);
  splitter.end(out);
  for (const raw of out) {
    if (!('text' in raw)) continue;
    try {
      const parsed: unknown = JSON.parse(raw.text);
      const candidates = Array.isArray(parsed) ? parsed : [parsed];
      for (const candidate of candidates) {
        if (!isObject(candidate)) continue;
        for (const key of ['value', 'items', 'records']) {
          const inner = candidate[key];
          if (Array.isArray(inner) && isObject(inner[0])) return inner[0];
        }
        const events = isObject(candidate.data) ? candidate.data.events : undefined;
        if (Array.isArray(events) && isObject(events[0])) return events[0];
        return candidate;
      }
    } catch {
      // a malformed first record: try the next one
    }
  }
  return undefined;
}

function csvHeaderLine(head: string): string[] {
  const line = head.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    line.split(d).length > line.split(best).length ? d : best,
  );
  return line.split(delimiter).map((h) => h.replace(/^"|"$/g, ''));
}

/**
 * The format of a log from its first bytes (plain or gzip; a few KB are enough, 64 KB is plenty): `okta`,
 * `entra`, `google` or `ndjson` for JSON, `entra-csv` or `csv` for CSV; undefined when the bytes hold no
 * record yet (empty, or a first record longer than what was given).
 */
export function detectLoginFormat(firstBytes: Uint8Array | string): LoginFormat | undefined {
  let bytes = typeof firstBytes === 'string' ? Buffer.from(firstBytes, 'utf8') : Buffer.from(firstBytes);
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch {
      return undefined;
    }
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  let head: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) head = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff)
    head = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else head = bytes.toString('utf8');
  const start = head.trimStart();
  if (start === '') return undefined;
  if (start[0] !== '{' && start[0] !== '[') return formatForCsvHeader(csvHeaderLine(start));
  const record = firstRecord(start);
  return record === undefined ? undefined : detectRecordFormat(record);
}
