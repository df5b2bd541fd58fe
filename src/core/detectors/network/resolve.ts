// Where a sign-in came from, in one flat record the network detectors read: the login's own enriched
// fields (from the importer or the identity provider) first, what IntelLookups.ip says about its address
// for anything missing. Lookups are cached per distinct address for the life of one assessment.
import { isCountryCode } from '../../bundle/formats.ts';
import type { Login } from '../../bundle/schema.ts';
import { type IpInfo, type IpLookup, NETWORK_KINDS, type NetworkKind } from '../../intel/ip.ts';

export type ResolvedLogin = {
  /** Milliseconds since the epoch. */
  at: number;
  ip?: string;
  /** Not a failed or challenged attempt (see isSuccessOutcome). */
  success: boolean;
  country?: string;
  region?: string;
  city?: string;
  lat?: number;
  lon?: number;
  /** How far (km) the real place may be from lat/lon; 0 when nobody said. */
  accuracyKm: number;
  /** `unknown` when neither the record nor the lookup could tell. */
  kind: NetworkKind;
  /** Whether anything (record, identity provider or lookup) said what kind of network this is. */
  kindKnown: boolean;
  provider?: string;
  /** The allow-list label when the address is on one of the organisation's lists. */
  allowListed?: string;
  sessionId?: string;
  sessionMinutes?: number;
  inputLatencyMs?: number;
};

/** Kinds whose country says nothing about where the person is (the egress is a server somewhere). */
const HIDING_KINDS: ReadonlySet<NetworkKind> = new Set(['vpn', 'proxy', 'tor', 'hosting']);

/** The country of this sign-in is not the person's: VPN, proxy, Tor or hosting egress. */
export function hidesCountry(login: ResolvedLogin): boolean {
  return HIDING_KINDS.has(login.kind);
}

/** Any anonymizer, including a privacy relay (which keeps the country but not the city). */
export function isAnonymized(login: ResolvedLogin): boolean {
  return login.kind === 'relay' || HIDING_KINDS.has(login.kind);
}

const FAILURE = /^(fail|den(y|ied)|block|reject|challeng|error|invalid|unauthori[sz]|lock|abandon|interrupt)/;

/**
 * Whether an outcome counts as a successful sign-in. Absent, `success`, `allowed` or `unknown` do;
 * failures, denials and unanswered MFA challenges do not (they are often someone else trying).
 */
export function isSuccessOutcome(outcome: string | undefined): boolean {
  if (outcome === undefined) return true;
  return !FAILURE.test(outcome.trim().toLowerCase());
}

const KINDS: ReadonlySet<string> = new Set(NETWORK_KINDS);

function networkKind(value: string | undefined): NetworkKind | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  return KINDS.has(v) ? (v as NetworkKind) : undefined;
}

const validLat = (v: unknown): v is number => typeof v === 'number' && v >= -90 && v <= 90;
const validLon = (v: unknown): v is number => typeof v === 'number' && v >= -180 && v <= 180;
const validCountry = (v: string | undefined): string | undefined =>
  v !== undefined && isCountryCode(v) ? v : undefined;

/** A lookup with a per-address cache (bounded, so a stream of millions of addresses stays flat). */
export type CachedIpLookup = (ip: string) => IpInfo | undefined;

const MAX_CACHED = 100_000;

export function cacheIpLookup(lookup: IpLookup | undefined): CachedIpLookup {
  if (!lookup) return () => undefined;
  const cache = new Map<string, IpInfo | null>();
  return (ip) => {
    const hit = cache.get(ip);
    if (hit !== undefined) return hit ?? undefined;
    const info = lookup.lookup(ip);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(ip, info ?? null);
    return info;
  };
}

/**
 * Resolves one bundle login. The record's own fields win; the lookup fills what is missing. Coordinates
 * travel as a group (lat, lon, accuracy, city, region) and are taken from the lookup only when it agrees
 * with the record on the country, so a place is never stitched from two sources that disagree.
 */
export function resolveLogin(login: Login, lookup: CachedIpLookup): ResolvedLogin {
  const at = Date.parse(login.at);
  const ip = login.ip;
  const ownKind = networkKind(login.networkKind);
  const ownCountry = validCountry(login.country);
  const ownCoords = validLat(login.lat) && validLon(login.lon);
  const needLookup = ip !== undefined && (ownKind === undefined || ownCountry === undefined || !ownCoords);
  const info = needLookup ? lookup(ip) : undefined;

  const country = ownCountry ?? validCountry(info?.country);
  let lat: number | undefined;
  let lon: number | undefined;
  let accuracyKm = 0;
  let city = login.city;
  let region = login.region;
  if (ownCoords) {
    lat = login.lat;
    lon = login.lon;
    accuracyKm = login.accuracyKm ?? 0;
  } else if (
    info &&
    validLat(info.lat) &&
    validLon(info.lon) &&
    (!ownCountry || info.country === ownCountry)
  ) {
    lat = info.lat;
    lon = info.lon;
    accuracyKm = info.accuracyKm ?? 0;
    city ??= info.city;
    region ??= info.region;
  } else if (city === undefined && info?.city && info.country === country) city = info.city;

  // Network kind: the record's, else the lookup's; the identity provider's proxy flag turns a plain ISP or
  // unknown address into a proxy, but never overrides a more specific kind (an Apple relay stays a relay).
  let kind: NetworkKind = ownKind ?? info?.kind ?? 'unknown';
  let kindKnown = ownKind !== undefined || (info !== undefined && info.kind !== 'unknown');
  if (login.isProxy === true) {
    if (kind === 'isp' || kind === 'mobile' || kind === 'unknown') kind = 'proxy';
    kindKnown = true;
  } else if (login.isProxy === false) kindKnown = true;

  let allowListed: string | undefined;
  if (login.allowListed === true) allowListed = info?.allowListed?.label ?? 'allow-listed';
  else if (info?.allowListed) allowListed = info.allowListed.label || info.allowListed.list;

  // Every key present (undefined when unknown): one object shape, so the analyzer's reads stay fast.
  return {
    at,
    ip,
    success: isSuccessOutcome(login.outcome),
    country,
    region: region || undefined,
    city: city || undefined,
    lat,
    lon,
    accuracyKm,
    kind,
    kindKnown,
    provider: login.provider ?? info?.provider,
    allowListed,
    sessionId: login.sessionId || undefined,
    sessionMinutes: typeof login.sessionMinutes === 'number' ? login.sessionMinutes : undefined,
    inputLatencyMs: typeof login.inputLatencyMs === 'number' ? login.inputLatencyMs : undefined,
  };
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * Addresses many unrelated people share by design, never evidence of one shared home: private
 * (RFC 1918), carrier-grade NAT (100.64.0.0/10), loopback, link-local, unspecified, and the IPv6
 * unique-local/link-local ranges (also as IPv4-mapped IPv6).
 */
export function isSharedSpaceAddress(ip: string): boolean {
  let v4 = ip;
  const lower = ip.toLowerCase();
  if (lower.startsWith('::ffff:')) v4 = lower.slice(7);
  const m = IPV4.exec(v4);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (lower === '::1' || lower === '::') return true;
  return /^f[cd][0-9a-f]{0,2}:/.test(lower) || /^fe[89ab][0-9a-f]?:/.test(lower);
}
