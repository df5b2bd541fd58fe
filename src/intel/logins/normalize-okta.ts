// Okta System Log event (API `/api/v1/logs`, Event Hook `data.events[]`, SIEM exports) → LoginEvent.
// https://developer.okta.com/docs/reference/api/system-log/#logevent-object
// Top-level keys are also accepted lower-cased (Panther's exports); nested keys are as Okta writes them.
import { countryToIso } from './country.ts';
import {
  accountOf,
  clip,
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

/**
 * Event types that record a person's client connecting: sign-in, session start/end, authentication steps,
 * app SSO and the sign-on policy evaluation. Admin actions, support impersonation and system events are not.
 */
const SIGN_IN_TYPES = new Set([
  'user.session.start',
  'user.session.end',
  'user.session.access_admin_app',
  'policy.evaluate_sign_on',
]);
const SIGN_IN_PREFIXES = ['user.authentication.'];

export function isOktaSignInType(eventType: string): boolean {
  return SIGN_IN_TYPES.has(eventType) || SIGN_IN_PREFIXES.some((p) => eventType.startsWith(p));
}

function outcomeOf(result: string | undefined): LoginOutcome {
  switch (result?.toUpperCase()) {
    case 'SUCCESS':
    case 'ALLOW':
      return 'success';
    case 'FAILURE':
    case 'DENY':
      return 'failure';
    case 'CHALLENGE':
      return 'challenge';
    default:
      return 'unknown';
  }
}

/**
 * `debugData.risk` is text like `{reasons=Anomalous Device, level=MEDIUM}`, and `logOnlySecurityData` JSON
 * text with `"risk":{"level":"LOW"}`; the level is what we keep.
 */
function riskOf(debugData: JsonObject): string | undefined {
  const risk = text(debugData.risk);
  if (risk !== undefined) {
    const level = /level=([A-Za-z]+)/.exec(risk)?.[1];
    return (level ?? risk).toLowerCase();
  }
  const securityData = text(debugData.logOnlySecurityData);
  const level =
    securityData === undefined
      ? undefined
      : /"risk"\s*:\s*\{[^}]*"level"\s*:\s*"([A-Za-z]+)"/.exec(securityData)?.[1];
  if (level !== undefined) return level.toLowerCase();
  return text(debugData.threatSuspected) === 'true' ? 'threat suspected' : undefined;
}

function appOf(targets: unknown): string | undefined {
  if (!Array.isArray(targets)) return undefined;
  for (const target of targets) {
    const t = asObject(target);
    if (t.type === 'AppInstance') return text(t.displayName);
  }
  return undefined;
}

function known(value: unknown): string | undefined {
  const t = text(value);
  return t === undefined || (t.length === 7 && t.toLowerCase() === 'unknown') ? undefined : t;
}

const EMPTY: JsonObject = Object.freeze({});

/** The value as an object, or an empty one: lets every field below be read as `asObject(x).name`. */
function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : EMPTY;
}

function reportedOf(geo: JsonObject, security: JsonObject, debugData: JsonObject): LoginEvent['reported'] {
  // Properties are set one by one (not through a helper) so each read and write site stays monomorphic:
  // this runs once per event on imports of millions.
  const reported: NonNullable<LoginEvent['reported']> = {};
  const country = countryToIso(text(geo.country));
  if (country !== undefined) reported.country = country;
  const region = text(geo.state);
  if (region !== undefined) reported.region = region;
  const city = text(geo.city);
  if (city !== undefined) reported.city = city;
  const geolocation = asObject(geo.geolocation);
  const lat = num(geolocation.lat);
  const lon = num(geolocation.lon);
  if (lat !== undefined && lon !== undefined) {
    reported.lat = lat;
    reported.lon = lon;
  }
  const asn = num(security.asNumber);
  if (asn !== undefined) reported.asn = asn;
  const org = text(security.asOrg) ?? text(security.isp);
  if (org !== undefined) reported.org = org;
  if (typeof security.isProxy === 'boolean') reported.isProxy = security.isProxy;
  const risk = riskOf(debugData);
  if (risk !== undefined) reported.risk = risk;
  for (const _ in reported) return reported;
  return undefined;
}

function deviceOf(client: JsonObject, userAgent: JsonObject): string | undefined {
  let device = known(client.device) ?? '';
  for (const part of [known(userAgent.os), known(userAgent.browser)]) {
    if (part !== undefined) device = device === '' ? part : `${device} · ${part}`;
  }
  return device === '' ? undefined : device;
}

/**
 * One Okta System Log event → a LoginEvent. Events of other types are skipped (`skip: true`, "Okta event
 * type X is not a sign-in"); a record without an eventType, or a sign-in event without a readable time, is
 * broken.
 * `raw` (the record's text) only serves the fallback event id; without it the parsed object is hashed.
 */
export function normalizeOktaEvent(record: unknown, raw?: string): NormalizeResult {
  if (!isObject(record)) return { ok: false, reason: 'not a JSON object' };
  const eventType = text(record.eventType ?? record.eventtype);
  if (eventType === undefined) return { ok: false, reason: 'not an Okta System Log event (no eventType)' };
  if (!isOktaSignInType(eventType)) return notASignIn(`Okta event type ${clip(eventType)} is not a sign-in`);
  const published = record.published ?? record.p_event_time;
  if (published === undefined) {
    return { ok: false, reason: `Okta ${eventType} event without a time (published)` };
  }
  const at = toIsoUtc(published);
  if (at === undefined) return { ok: false, reason: `unreadable time ${JSON.stringify(published)}` };

  const eventId = text(record.uuid) ?? (raw === undefined ? recordHash(record) : sha1(raw));
  if (eventId === undefined) return { ok: false, reason: UNHASHABLE };
  const actor = asObject(record.actor);
  const client = asObject(record.client);
  const userAgent = asObject(client.userAgent);
  const security = asObject(record.securityContext ?? record.securitycontext);
  const debugData = asObject(asObject(record.debugContext ?? record.debugcontext).debugData);
  const authentication = asObject(record.authenticationContext ?? record.authenticationcontext);
  const account = accountOf(actor.alternateId);
  const event: LoginEvent = {
    source: 'okta',
    eventId,
    at,
    account: account === 'unknown' ? '' : account,
    outcome: outcomeOf(text(asObject(record.outcome).result)),
    eventType,
  };
  const accountName = known(actor.displayName);
  if (accountName !== undefined) event.accountName = accountName;
  const ip = ipOf(client.ipAddress);
  if (ip !== undefined) event.ip = ip;
  const app = appOf(record.target);
  if (app !== undefined) event.app = app;
  const rawUserAgent = text(userAgent.rawUserAgent);
  if (rawUserAgent !== undefined) event.userAgent = rawUserAgent;
  const device = deviceOf(client, userAgent);
  if (device !== undefined) event.device = device;
  const sessionId = known(authentication.externalSessionId);
  if (sessionId !== undefined) event.sessionId = sessionId;
  const reported = reportedOf(asObject(client.geographicalContext), security, debugData);
  if (reported !== undefined) event.reported = reported;
  return { ok: true, events: [event] };
}
