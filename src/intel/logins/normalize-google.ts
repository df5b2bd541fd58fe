// Google Workspace Admin SDK Reports API activities (application `login`, and `saml` sign-ins to apps) →
// LoginEvents. One activity may hold several events; each sign-in event becomes one LoginEvent.
// https://developers.google.com/admin-sdk/reports/v1/appendix/activity/login
import {
  accountOf,
  clip,
  compact,
  ipOf,
  isObject,
  type JsonObject,
  recordHash,
  text,
  toIsoUtc,
  UNHASHABLE,
} from './fields.ts';
import { type LoginEvent, type LoginOutcome, type NormalizeResult, notASignIn } from './model.ts';

/** Event names that record a person signing in or out, and what they mean. */
const SIGN_IN_EVENTS: Record<string, LoginOutcome> = {
  login_success: 'success',
  login_failure: 'failure',
  login_challenge: 'challenge',
  login_verification: 'challenge',
  logout: 'success',
  suspicious_login: 'unknown',
  suspicious_login_less_secure_app: 'unknown',
  suspicious_programmatic_login: 'unknown',
};

/** Reports API parameters are `[{name, value|intValue|boolValue|multiValue…}]`; some exports flatten them. */
function parametersOf(event: JsonObject): Map<string, unknown> {
  const params = new Map<string, unknown>();
  const raw = event.parameters;
  if (Array.isArray(raw)) {
    for (const p of raw) {
      if (!isObject(p) || typeof p.name !== 'string') continue;
      const value = p.value ?? p.boolValue ?? p.intValue ?? p.multiValue ?? p.multiIntValue ?? p.messageValue;
      params.set(p.name, value);
    }
  } else if (isObject(raw)) {
    for (const [name, value] of Object.entries(raw)) params.set(name, value);
  }
  return params;
}

function eventsOf(activity: JsonObject): JsonObject[] {
  const events = activity.events;
  if (Array.isArray(events)) return events.filter(isObject);
  if (isObject(events)) return [events];
  // Flattened exports (one event per row: `{id, actor, type, name, parameters}`).
  if (typeof activity.name === 'string') return [activity];
  return [];
}

function riskOf(name: string, params: Map<string, unknown>): string | undefined {
  if (name.startsWith('suspicious_')) return 'suspicious';
  const suspicious = params.get('is_suspicious');
  return suspicious === true || suspicious === 'true' ? 'suspicious' : undefined;
}

/**
 * One Reports API activity → its sign-in events. Other applications' activities and events that are not
 * sign-ins (account warnings, risky actions) are skipped (`skip: true`); an activity without events or a
 * sign-in without a readable time is broken. Times: `id.time`; for suspicious-
 * login warnings the `login_timestamp` parameter (microseconds) when present.
 */
export function normalizeGoogleActivity(obj: unknown): NormalizeResult {
  if (!isObject(obj)) return { ok: false, reason: 'not a JSON object' };
  const id = isObject(obj.id) ? obj.id : {};
  const application = text(id.applicationName);
  if (application !== undefined && application !== 'login' && application !== 'saml') {
    return notASignIn(`Google ${clip(application)} activity is not a sign-in`);
  }
  const events = eventsOf(obj);
  if (events.length === 0) return { ok: false, reason: 'Google activity without events' };
  const actor = isObject(obj.actor) ? obj.actor : {};
  const rawTime = id.time ?? obj.p_event_time;
  const signIns = events.filter((e) => Object.hasOwn(SIGN_IN_EVENTS, (text(e.name) ?? '').toLowerCase()));
  if (signIns.length === 0) {
    const names = clip(events.map((e) => text(e.name) ?? '?').join(', '));
    return notASignIn(`Google ${application ?? 'login'} event ${names} is not a sign-in`);
  }
  const out: LoginEvent[] = [];
  for (const event of signIns) {
    const name = (text(event.name) ?? '').toLowerCase();
    const params = parametersOf(event);
    const loginTimestamp = params.get('login_timestamp');
    const time = name.startsWith('suspicious_') && loginTimestamp !== undefined ? loginTimestamp : rawTime;
    if (time === undefined) return { ok: false, reason: `Google ${name} event without a time (id.time)` };
    const at = toIsoUtc(typeof time === 'string' && /^\d+$/.test(time) ? Number(time) : time);
    if (at === undefined) return { ok: false, reason: `unreadable time ${JSON.stringify(time)}` };
    const uniqueQualifier = text(id.uniqueQualifier);
    const idTime = text(id.time);
    const eventId =
      uniqueQualifier !== undefined && idTime !== undefined
        ? `${uniqueQualifier}:${idTime}:${name}`
        : recordHash(obj, `#${name}`);
    if (eventId === undefined) return { ok: false, reason: UNHASHABLE };
    const affected = text(params.get('affected_email_address'));
    const risk = riskOf(name, params);
    out.push(
      compact({
        source: 'google',
        eventId,
        at,
        account: accountOf(
          name.startsWith('suspicious_') ? (affected ?? actor.email) : (actor.email ?? affected),
        ),
        ip: ipOf(obj.ipAddress),
        outcome: SIGN_IN_EVENTS[name] ?? 'unknown',
        eventType: name,
        app: text(params.get('application_name')),
        reported: risk === undefined ? undefined : { risk },
      }),
    );
  }
  return { ok: true, events: out };
}
