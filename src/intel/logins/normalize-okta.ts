// Okta System Log event (API `/api/v1/logs`, Event Hook `data.events[]`, SIEM exports) → LoginEvent.
// https://developer.okta.com/docs/reference/api/system-log/#logevent-object
import { countryToIso } from './country.ts';
import { accountOf, compact, field, ipOf, isObject, num, sha1, text, toIsoUtc } from './fields.ts';
import type { LoginEvent, LoginOutcome, NormalizeResult } from './model.ts';

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

/** `debugData.risk` is text like `{reasons=Anomalous Device, level=MEDIUM}`; the level is what we keep. */
function riskOf(debugData: unknown): string | undefined {
  const risk = text(field(debugData, 'risk'));
  if (risk !== undefined) {
    const level = /level=([A-Za-z]+)/.exec(risk)?.[1];
    return (level ?? risk).toLowerCase();
  }
  return text(field(debugData, 'threatSuspected')) === 'true' ? 'threat suspected' : undefined;
}

function appOf(targets: unknown): string | undefined {
  if (!Array.isArray(targets)) return undefined;
  for (const target of targets) {
    if (text(field(target, 'type')) === 'AppInstance') return text(field(target, 'displayName'));
  }
  return undefined;
}

function known(value: unknown): string | undefined {
  const t = text(value);
  return t === undefined || t.toLowerCase() === 'unknown' ? undefined : t;
}

/**
 * One Okta System Log event → a LoginEvent, or why it is not a sign-in event.
 * `raw` (the record's text) only serves the fallback event id; without it the parsed object is hashed.
 */
export function normalizeOktaEvent(obj: unknown, raw?: string): NormalizeResult {
  if (!isObject(obj)) return { ok: false, reason: 'not a JSON object' };
  const eventType = text(field(obj, 'eventType'));
  if (eventType === undefined) return { ok: false, reason: 'not an Okta System Log event (no eventType)' };
  if (!isOktaSignInType(eventType)) {
    return { ok: false, reason: `Okta event type ${eventType} is not a sign-in or session event` };
  }
  const published = field(obj, 'published') ?? obj.p_event_time;
  if (published === undefined)
    return { ok: false, reason: `Okta ${eventType} event without a time (published)` };
  const at = toIsoUtc(published);
  if (at === undefined) return { ok: false, reason: `unreadable time ${JSON.stringify(published)}` };

  const actor = field(obj, 'actor');
  const client = field(obj, 'client');
  const geo = field(client, 'geographicalContext');
  const geolocation = field(geo, 'geolocation');
  const security = field(obj, 'securityContext');
  const userAgent = field(client, 'userAgent');
  const debugData = field(field(obj, 'debugContext'), 'debugData');
  const isProxy = field(security, 'isProxy');

  const reported = compact({
    country: countryToIso(text(field(geo, 'country'))),
    region: text(field(geo, 'state')),
    city: text(field(geo, 'city')),
    lat: num(field(geolocation, 'lat')),
    lon: num(field(geolocation, 'lon')),
    asn: num(field(security, 'asNumber')),
    org: text(field(security, 'asOrg')) ?? text(field(security, 'isp')),
    isProxy: typeof isProxy === 'boolean' ? isProxy : undefined,
    risk: riskOf(debugData),
  });
  const device = [
    known(field(client, 'device')),
    known(field(userAgent, 'os')),
    known(field(userAgent, 'browser')),
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
  const event: LoginEvent = compact({
    source: 'okta',
    eventId: text(field(obj, 'uuid')) ?? sha1(raw ?? JSON.stringify(obj)),
    at,
    account: accountOf(field(actor, 'alternateId')),
    accountName: known(field(actor, 'displayName')),
    ip: ipOf(field(client, 'ipAddress')),
    outcome: outcomeOf(text(field(field(obj, 'outcome'), 'result'))),
    eventType,
    app: appOf(field(obj, 'target')),
    userAgent: text(field(userAgent, 'rawUserAgent')),
    device: device === '' ? undefined : device,
    sessionId: known(field(field(obj, 'authenticationContext'), 'externalSessionId')),
    reported: Object.keys(reported).length === 0 ? undefined : reported,
  });
  if (event.account === 'unknown') event.account = '';
  return { ok: true, events: [event] };
}
