// Microsoft Entra ID sign-ins → LoginEvent: the Graph `signIn` resource (API, admin-center JSON download),
// Azure diagnostic-settings / Event Hub records (`{time, category, properties: signIn}`), and the admin
// center's CSV download.
// https://learn.microsoft.com/graph/api/resources/signin
import { countryToIso } from './country.ts';
import {
  accountOf,
  bool,
  clip,
  compact,
  ipOf,
  isObject,
  type JsonObject,
  num,
  recordHash,
  sha1,
  text,
  toIsoUtc,
  UNHASHABLE,
} from './fields.ts';
import { type LoginEvent, type LoginOutcome, type NormalizeResult, notASignIn } from './model.ts';
import { outcomeFromText, type RowReader } from './normalize-generic.ts';

/** Diagnostic categories that record a person signing in. Service principals and managed identities are apps. */
const USER_CATEGORIES = new Set(['SignInLogs', 'NonInteractiveUserSignInLogs', 'ADFSSignInLogs']);
// Log Analytics table names map onto these after dropping the `AAD` prefix (`AADNonInteractiveUserSignInLogs`).
const APP_CATEGORIES = new Set([
  'ServicePrincipalSignInLogs',
  'ManagedIdentitySignInLogs',
  'MicrosoftServicePrincipalSignInLogs',
]);

/**
 * Error codes that interrupt a sign-in for a further step (MFA, keep-me-signed-in, device or password
 * prompts) rather than refuse it: a challenge, not a failure.
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */
const INTERRUPT_CODES = new Set([
  50055, 50072, 50074, 50076, 50079, 50097, 50125, 50140, 50158, 50199, 81010,
]);

export function entraOutcome(errorCode: number | undefined): LoginOutcome {
  if (errorCode === undefined) return 'unknown';
  if (errorCode === 0) return 'success';
  return INTERRUPT_CODES.has(errorCode) ? 'challenge' : 'failure';
}

const RISK_WORDS = new Set(['low', 'medium', 'high']);

function deviceOf(detail: JsonObject | undefined): string | undefined {
  if (detail === undefined) return undefined;
  const parts = [text(detail.displayName), text(detail.operatingSystem), text(detail.browser)].filter(
    (p) => p !== undefined,
  );
  return parts.length === 0 ? undefined : parts.join(' · ');
}

/** The first of the names that is set: Graph writes `ipAddress`, Log Analytics (Sentinel) `IPAddress`. */
function first(obj: JsonObject, ...names: string[]): unknown {
  for (const name of names) if (obj[name] !== undefined && obj[name] !== null) return obj[name];
  return undefined;
}

/** An object, or JSON text of one (Log Analytics exports dynamic columns as text). */
function objectOf(value: unknown): JsonObject | undefined {
  if (isObject(value)) return value;
  if (typeof value !== 'string' || !value.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Log Analytics names the tables `SigninLogs`, `AADNonInteractiveUserSignInLogs`…; diagnostics drop the prefix. */
function categoryOf(obj: JsonObject, props: JsonObject): string | undefined {
  const raw = text(first(obj, 'category', 'Category')) ?? text(first(props, 'Category', 'Type'));
  if (raw === undefined) return undefined;
  const name = raw.replace(/^AAD/, '');
  return /^signinlogs$/i.test(name) ? 'SignInLogs' : name;
}

/**
 * One Entra sign-in record → a LoginEvent. Application sign-ins (service principals, managed identities) and
 * other categories (`AuditLogs`…) are skipped (`skip: true`); a record without a time is broken. Accepts the Graph
 * `signIn` object (API and admin-center JSON download), the diagnostic-settings / Event Hub record that
 * wraps it in `properties`, and Log Analytics (Sentinel) `SigninLogs` rows with PascalCase columns.
 */
export function normalizeEntraSignIn(obj: unknown): NormalizeResult {
  if (!isObject(obj)) return { ok: false, reason: 'not a JSON object' };
  const wrapped = isObject(obj.properties);
  const props: JsonObject = wrapped ? (obj.properties as JsonObject) : obj;
  const category = categoryOf(obj, props);
  if (category !== undefined && APP_CATEGORIES.has(category)) {
    return notASignIn(`Entra ${category} record: an application's sign-in, not a person's`);
  }
  if (category !== undefined && !USER_CATEGORIES.has(category)) {
    const operation = text(first(obj, 'operationName', 'OperationName'));
    return notASignIn(
      `Entra ${clip(category)} record is not a sign-in${operation === undefined ? '' : ` (operation ${clip(operation)})`}`,
    );
  }
  const rawTime = first(props, 'createdDateTime', 'CreatedDateTime', 'TimeGenerated') ?? obj.time;
  const upn = first(props, 'userPrincipalName', 'UserPrincipalName');
  if (!wrapped && rawTime === undefined && upn === undefined) {
    return { ok: false, reason: 'not an Entra sign-in (no createdDateTime or userPrincipalName)' };
  }
  if (rawTime === undefined) return { ok: false, reason: 'Entra sign-in without a time (createdDateTime)' };
  const at = toIsoUtc(rawTime);
  if (at === undefined) return { ok: false, reason: `unreadable time ${JSON.stringify(rawTime)}` };

  const eventId =
    text(first(props, 'id', 'Id')) ??
    text(first(props, 'originalRequestId', 'OriginalRequestId')) ??
    recordHash(obj);
  if (eventId === undefined) return { ok: false, reason: UNHASHABLE };
  const location = objectOf(first(props, 'location', 'LocationDetails'));
  const coordinates = objectOf(location?.geoCoordinates);
  const status = objectOf(first(props, 'status', 'Status'));
  const errorCode = num(status?.errorCode) ?? num(first(obj, 'resultType', 'ResultType'));
  const risk = text(first(props, 'riskLevelDuringSignIn', 'RiskLevelDuringSignIn'))?.toLowerCase();
  const reported = compact({
    country: countryToIso(
      text(location?.countryOrRegion) ??
        (wrapped || typeof obj.location === 'string' ? text(obj.location) : undefined),
    ),
    region: text(location?.state),
    city: text(location?.city),
    lat: num(coordinates?.latitude),
    lon: num(coordinates?.longitude),
    asn: num(first(props, 'autonomousSystemNumber', 'AutonomousSystemNumber')),
    risk: risk !== undefined && RISK_WORDS.has(risk) ? risk : undefined,
  });
  const interactive = bool(first(props, 'isInteractive', 'IsInteractive'));
  const event: LoginEvent = compact({
    source: 'entra',
    eventId,
    at,
    account: accountOf(upn ?? (wrapped ? obj.identity : undefined)),
    accountName: text(first(props, 'userDisplayName', 'UserDisplayName')),
    ip: ipOf(first(props, 'ipAddress', 'IPAddress') ?? obj.callerIpAddress),
    outcome:
      errorCode === undefined
        ? outcomeFromText(
            first(obj, 'resultType', 'ResultType') ?? first(obj, 'resultSignature', 'ResultSignature'),
          )
        : entraOutcome(errorCode),
    eventType: category ?? (interactive === false ? 'nonInteractiveSignIn' : 'signIn'),
    app:
      text(first(props, 'appDisplayName', 'AppDisplayName')) ??
      text(first(props, 'resourceDisplayName', 'ResourceDisplayName')),
    userAgent: text(first(props, 'userAgent', 'UserAgent')),
    device: deviceOf(objectOf(first(props, 'deviceDetail', 'DeviceDetail'))),
    sessionId: text(first(props, 'sessionId', 'SessionId')),
    reported: Object.keys(reported).length === 0 ? undefined : reported,
  });
  return { ok: true, events: [event] };
}

function cell(row: Record<string, string>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = text(row[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** `City, State, CC` (any part may be missing) → its parts; the last part is the country. */
function splitLocation(location: string | undefined): { city?: string; region?: string; country?: string } {
  if (location === undefined) return {};
  const parts = location
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const country = countryToIso(parts.pop());
  const region = parts.pop();
  const city = parts.length > 0 ? parts.join(', ') : undefined;
  return compact({ city, region, country });
}

/** The admin center writes `M/D/YYYY, h:mm:ss AM` in some versions; month first (en-US). */
function entraCsvTime(value: string): string | undefined {
  const iso = toIsoUtc(value);
  if (iso !== undefined) return iso;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?$/i.exec(
    value.trim(),
  );
  if (us === null) return undefined;
  const [, month, day, year, h, minute, second = '00', meridiem] = us;
  let hour = Number(h);
  if (meridiem !== undefined) hour = (hour % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
  return toIsoUtc(
    `${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}T${String(hour).padStart(2, '0')}:${minute}:${second}Z`,
  );
}

function csvOutcome(status: string | undefined, errorCode: number | undefined): LoginOutcome {
  if (errorCode !== undefined) return entraOutcome(errorCode);
  if (status?.toLowerCase() === 'interrupted') return 'challenge';
  return outcomeFromText(status);
}

/**
 * One row of the Entra admin center's sign-in CSV download (interactive or non-interactive user sign-ins:
 * `Date (UTC)`, `Request ID`, `User`, `Username`, `IP address`, `Location`, `Status`, `Sign-in error code`…).
 */
export function normalizeEntraCsvRow(reader: RowReader): NormalizeResult {
  if (reader.kind !== 'row') return { ok: false, reason: 'not a CSV row' };
  const row = reader.row;
  if (cell(row, 'Service principal ID') !== undefined && cell(row, 'Username') === undefined) {
    return notASignIn("an application's sign-in (service principal), not a person's");
  }
  const rawTime = cell(row, 'Date (UTC)', 'Date');
  if (rawTime === undefined) return { ok: false, reason: 'no time in "Date (UTC)"' };
  const at = entraCsvTime(rawTime);
  if (at === undefined)
    return { ok: false, reason: `unreadable time ${JSON.stringify(rawTime)} in "Date (UTC)"` };
  const location = splitLocation(cell(row, 'Location'));
  const asn = num(cell(row, 'Autonomous system number'));
  const reported = compact({ ...location, asn });
  const device = [cell(row, 'Operating System'), cell(row, 'Browser')]
    .filter((p) => p !== undefined)
    .join(' · ');
  const event: LoginEvent = compact({
    source: 'entra',
    eventId: cell(row, 'Request ID') ?? sha1(JSON.stringify(row)),
    at,
    account: accountOf(cell(row, 'Username', 'Sign-in identifier')),
    accountName: cell(row, 'User'),
    ip: ipOf(cell(row, 'IP address')),
    outcome: csvOutcome(cell(row, 'Status'), num(cell(row, 'Sign-in error code'))),
    eventType: 'signIn',
    app: cell(row, 'Application', 'Resource'),
    userAgent: cell(row, 'User agent'),
    device: device === '' ? undefined : device,
    sessionId: cell(row, 'Session ID'),
    reported: Object.keys(reported).length === 0 ? undefined : reported,
  });
  return { ok: true, events: [event] };
}
