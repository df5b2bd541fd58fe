// Generic CSV rows and JSON objects → LoginEvent through a ColumnMapping (given, or guessed from common
// column names). Also used for the generic webhook's `{at, account, ip, …}` events.
import { DomainError } from '../../core/errors.ts';
import { countryToIso } from './country.ts';
import {
  accountOf,
  compact,
  ipOf,
  type JsonObject,
  num,
  path,
  recordHash,
  sha1,
  text,
  toIsoUtc,
  UNHASHABLE,
} from './fields.ts';
import type { ColumnMapping, LoginEvent, LoginOutcome, NormalizeResult } from './model.ts';

/** A CSV row (header → cell) or a parsed JSON object. */
export type RowReader = { kind: 'row'; row: Record<string, string> } | { kind: 'object'; obj: JsonObject };

type Target = keyof ColumnMapping;

/** Names each field is commonly written as (compared without case, spaces or punctuation), best first. */
export const COMMON_NAMES: Record<Target, readonly string[]> = {
  at: [
    'at',
    'timestamp',
    'time',
    'datetime',
    'date (utc)',
    'date',
    'eventtime',
    'event_time',
    'createdDateTime',
    'created_at',
    'created',
    'published',
    'login_time',
    'signin_time',
    'occurred_at',
    'time_generated',
    'ts',
  ],
  account: [
    'account',
    'username',
    'user_name',
    'userPrincipalName',
    'upn',
    'login',
    'email',
    'email_address',
    'user_email',
    'mail',
    'user',
    'actor.alternateId',
    'actor.email',
    'actor',
    'principal',
    'subject',
  ],
  ip: [
    'ip',
    'ip_address',
    'ipaddress',
    'client_ip',
    'client_ip_address',
    'clientip',
    'source_ip',
    'source_ip_address',
    'src_ip',
    'remote_ip',
    'remote_addr',
    'remote_address',
    'caller_ip',
    'caller_ip_address',
    'ipv4',
    'ipv6',
  ],
  eventId: ['eventId', 'event_id', 'id', 'uuid', 'request_id', 'log_id', 'record_id'],
  outcome: ['outcome', 'result', 'status', 'success', 'login_result', 'event_outcome'],
  userAgent: ['userAgent', 'user_agent', 'ua', 'http_user_agent'],
  app: ['app', 'application', 'app_name', 'application_name', 'appDisplayName', 'service'],
  device: ['device', 'device_name', 'operating_system', 'os', 'platform'],
  sessionId: ['sessionId', 'session_id', 'session'],
  sessionMinutes: ['sessionMinutes', 'session_minutes', 'duration_minutes'],
  inputLatencyMs: ['inputLatencyMs', 'input_latency_ms', 'latency_ms'],
  country: ['country', 'country_code', 'countryOrRegion', 'geo_country'],
  eventType: ['eventType', 'event_type', 'event', 'event_name', 'action', 'type', 'activity'],
};

/** Names for an error message: quoted, at most 40 (a hostile header can have thousands). */
export function listNames(names: readonly string[]): string {
  if (names.length === 0) return '(none)';
  const shown = names.slice(0, 40).map((n) => JSON.stringify(n.length > 80 ? `${n.slice(0, 80)}…` : n));
  return names.length > 40 ? `${shown.join(', ')} … and ${names.length - 40} more` : shown.join(', ');
}

/** Lower case without spaces or punctuation, dots kept (`User Email` = `user_email`; `user.name` ≠ `username`). */
function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.]/g, '');
}

/**
 * A mapping from the column (CSV) or field path (JSON) names present, by common names. Throws a validation
 * error naming the names found when no time or no account column can be told.
 */
export function guessMapping(names: readonly string[], kind: 'columns' | 'fields'): ColumnMapping {
  const bySquashed = new Map<string, string>();
  for (const name of names) if (!bySquashed.has(squash(name))) bySquashed.set(squash(name), name);
  const byLastPart = new Map<string, string>();
  for (const name of names) {
    const last = squash(name.split('.').pop() ?? name);
    if (!byLastPart.has(last)) byLastPart.set(last, name);
  }
  const find = (target: Target): string | undefined => {
    for (const candidate of COMMON_NAMES[target]) {
      const hit = bySquashed.get(squash(candidate));
      if (hit !== undefined) return hit;
    }
    if (kind === 'columns') return undefined;
    for (const candidate of COMMON_NAMES[target]) {
      if (candidate.includes('.')) continue;
      const hit = byLastPart.get(squash(candidate));
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
  const at = find('at');
  const account = find('account');
  if (at === undefined || account === undefined) {
    const missing = [
      at === undefined ? `a time (${COMMON_NAMES.at.slice(1, 6).join(', ')}…)` : undefined,
      account === undefined ? `an account (${COMMON_NAMES.account.slice(1, 6).join(', ')}…)` : undefined,
    ].filter((m) => m !== undefined);
    const found = listNames(names);
    throw new DomainError(
      'validation',
      `cannot tell which ${kind === 'columns' ? 'column' : 'field'} holds ${missing.join(' and ')}; the ${kind} are ${found}. Pass a mapping such as {"at":"<${kind === 'columns' ? 'column' : 'field'}>","account":"<${kind === 'columns' ? 'column' : 'field'}>","ip":"<…>"}`,
      [
        ...(at === undefined ? [{ path: 'mapping.at', message: 'no time column found' }] : []),
        ...(account === undefined ? [{ path: 'mapping.account', message: 'no account column found' }] : []),
      ],
    );
  }
  const mapping: ColumnMapping = { at, account };
  for (const target of Object.keys(COMMON_NAMES) as Target[]) {
    if (target === 'at' || target === 'account') continue;
    const hit = find(target);
    if (hit !== undefined && hit !== at && hit !== account) mapping[target] = hit;
  }
  return mapping;
}

/** success / failure / challenge from the words and codes logs use. */
export function outcomeFromText(value: unknown): LoginOutcome {
  if (value === true) return 'success';
  if (value === false) return 'failure';
  const word = text(value)?.toLowerCase();
  if (word === undefined) return 'unknown';
  if (/^(success|succeeded|successful|ok|allow|allowed|pass|passed|true|yes|0|login_success)$/.test(word)) {
    return 'success';
  }
  if (/^(fail|failure|failed|deny|denied|blocked|error|false|no|rejected|login_failure)$/.test(word))
    return 'failure';
  if (/challenge|mfa|interrupt|verification/.test(word)) return 'challenge';
  return 'unknown';
}

function resolveColumns(mapping: ColumnMapping, headers: readonly string[]): ColumnMapping {
  const exact = new Set(headers);
  const bySquashed = new Map(headers.map((h) => [squash(h), h] as const));
  const resolved: Partial<ColumnMapping> = {};
  const missing: string[] = [];
  for (const [target, column] of Object.entries(mapping) as [Target, string | undefined][]) {
    if (column === undefined || column === '') continue;
    const hit = exact.has(column) ? column : bySquashed.get(squash(column));
    if (hit === undefined) missing.push(`${target} → ${JSON.stringify(column)}`);
    else resolved[target] = hit;
  }
  if (missing.length > 0) {
    throw new DomainError(
      'validation',
      `the mapping names columns the file does not have: ${missing.join(', ')}; the columns are ${listNames(headers)}`,
      missing.map((m) => ({ path: `mapping.${m.split(' ')[0]}`, message: 'no such column' })),
    );
  }
  if (resolved.at === undefined || resolved.account === undefined) {
    throw new DomainError('validation', 'a mapping needs at least "at" and "account"');
  }
  return resolved as ColumnMapping;
}

/**
 * A normaliser for rows through `mapping`. For CSV (`columns`) the mapping is checked against the header
 * now (missing columns → validation error); for JSON (`fields`) a missing value is reported per record.
 */
export function createMappedNormalizer(
  mapping: ColumnMapping,
  kind: 'columns' | 'fields',
  headers?: readonly string[],
): (row: RowReader, rawText?: string) => NormalizeResult {
  const columns = kind === 'columns' && headers !== undefined ? resolveColumns(mapping, headers) : mapping;
  return (row, rawText) => {
    const get = (target: Target): unknown => {
      const name = columns[target];
      if (name === undefined) return undefined;
      return row.kind === 'row' ? row.row[name] : path(row.obj, name);
    };
    const rawAt = get('at');
    if (text(rawAt) === undefined) return { ok: false, reason: `no time in ${JSON.stringify(columns.at)}` };
    const at = toIsoUtc(rawAt);
    if (at === undefined) {
      return {
        ok: false,
        reason: `unreadable time ${JSON.stringify(rawAt)} in ${JSON.stringify(columns.at)} (use ISO 8601 such as 2024-05-01T09:30:00Z, or epoch seconds/milliseconds)`,
      };
    }
    const country = text(get('country'));
    const reportedCountry = countryToIso(country);
    const eventId =
      text(get('eventId')) ??
      (rawText !== undefined ? sha1(rawText) : recordHash(row.kind === 'row' ? row.row : row.obj));
    if (eventId === undefined) return { ok: false, reason: UNHASHABLE };
    const event: LoginEvent = compact({
      source: 'generic',
      eventId,
      at,
      account: accountOf(get('account')),
      ip: ipOf(get('ip')),
      outcome: outcomeFromText(get('outcome')),
      eventType: text(get('eventType')),
      app: text(get('app')),
      userAgent: text(get('userAgent')),
      device: text(get('device')),
      sessionId: text(get('sessionId')),
      sessionMinutes: num(get('sessionMinutes')),
      inputLatencyMs: num(get('inputLatencyMs')),
      reported: reportedCountry === undefined ? undefined : { country: reportedCountry },
    });
    return { ok: true, events: [event] };
  };
}

/**
 * One generic event object as the webhook and generic NDJSON carry it: `{at, account, ip?, eventId?,
 * outcome?, userAgent?, app?, device?, sessionId?, sessionMinutes?, inputLatencyMs?, country?, eventType?}`.
 */
export const normalizeGenericEvent = (() => {
  const identity: ColumnMapping = {
    at: 'at',
    account: 'account',
    ip: 'ip',
    eventId: 'eventId',
    outcome: 'outcome',
    userAgent: 'userAgent',
    app: 'app',
    device: 'device',
    sessionId: 'sessionId',
    sessionMinutes: 'sessionMinutes',
    inputLatencyMs: 'inputLatencyMs',
    country: 'country',
    eventType: 'eventType',
  };
  const normalize = createMappedNormalizer(identity, 'fields');
  return (obj: JsonObject): NormalizeResult => normalize({ kind: 'object', obj });
})();
