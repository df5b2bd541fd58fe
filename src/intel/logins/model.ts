// What every sign-in log importer produces: one normalised event per identity-provider record,
// before IP enrichment. Importers are pure readers (no database); services store and match them.
import type { IpInfo } from '../../core/intel/ip.ts';

/** File formats `gatecheck logins import --format` accepts. `auto` sniffs the content. */
export const LOGIN_FORMATS = ['okta', 'entra', 'entra-csv', 'google', 'csv', 'ndjson'] as const;
export type LoginFormat = (typeof LOGIN_FORMATS)[number];

/** Which system the event came from. */
export type LoginSource = 'okta' | 'entra' | 'google' | 'generic';

export type LoginOutcome = 'success' | 'failure' | 'challenge' | 'unknown';

export type LoginEvent = {
  source: LoginSource;
  /** The provider's own id (Okta uuid, Entra id, Google id.uniqueQualifier+time); else a hash of the record. */
  eventId: string;
  /** ISO 8601 UTC (`…Z`). */
  at: string;
  /** Login name or email as the provider saw it, lower-cased and trimmed. Empty when the record has none. */
  account: string;
  accountName?: string;
  ip?: string;
  outcome: LoginOutcome;
  /** The provider's event type: `user.session.start`, `login_success`, `signIn`… */
  eventType?: string;
  app?: string;
  userAgent?: string;
  /** Device / OS description as given by the provider. */
  device?: string;
  sessionId?: string;
  sessionMinutes?: number;
  inputLatencyMs?: number;
  /** What the provider itself said about the address (Okta geographicalContext/securityContext, Entra location…). */
  reported?: {
    country?: string;
    region?: string;
    city?: string;
    lat?: number;
    lon?: number;
    asn?: number;
    org?: string;
    isProxy?: boolean;
    /** Provider risk words, e.g. Entra riskLevelDuringSignIn `high`, Google `is_suspicious`. */
    risk?: string;
  };
};

/**
 * One item a reader yields: an event; a well-formed record that is deliberately not a person's sign-in
 * (`skipped`: other Okta event types, Entra service principals, Google account warnings…); or a record that
 * cannot be read (`problem`: bad JSON, no or an unreadable time, too large…). Reading goes on after both.
 */
export type ReadItem =
  | { kind: 'event'; line: number; event: LoginEvent }
  | { kind: 'skipped'; line: number; reason: string }
  | { kind: 'problem'; line: number; message: string };

/** Generic CSV/NDJSON: which column/field holds what. Dotted paths reach into NDJSON objects. */
export type ColumnMapping = {
  at: string;
  account: string;
  ip?: string;
  eventId?: string;
  outcome?: string;
  userAgent?: string;
  app?: string;
  device?: string;
  sessionId?: string;
  sessionMinutes?: string;
  inputLatencyMs?: string;
  country?: string;
  eventType?: string;
};

/** A LoginEvent after IP enrichment: the stored shape, and what becomes a bundle `logins[]` entry. */
export type EnrichedLogin = LoginEvent & { intel?: IpInfo };

/**
 * What a normaliser makes of one provider record: its sign-in events, or why there are none. `skip: true`
 * marks a record that was read fine but is not a person's sign-in (its reason names what it is); without
 * it the record is broken (no time, unreadable time, not the expected kind of record…).
 */
export type NormalizeResult = { ok: true; events: LoginEvent[] } | { ok: false; reason: string; skip?: true };

/** A well-formed record that is not a sign-in: skipped with `reason`, not counted as unreadable. */
export function notASignIn(reason: string): NormalizeResult {
  return { ok: false, reason, skip: true };
}
