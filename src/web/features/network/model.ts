// The sign-in and network shapes the UI reads (a subject's sign-ins, the organisation overview, log
// imports, IP lookups, the IP data sources), defensive readers that turn whatever JSON arrives into them,
// and the plain words and colours for network kinds and network signals. Pure; no React.
import {
  type AllowListed,
  type IpPlaceFields,
  type IpView,
  NETWORK_KINDS,
  type NetworkKind,
} from '../../../core/intel/ip.ts';
import type { Band, Severity } from '../../api/types.ts';

export type { AllowListed, NetworkKind };

export type Outcome = 'success' | 'failure' | 'challenge' | 'unknown';

/** One stored sign-in of a subject, enriched with where the address is and what network it belongs to. */
export type LoginItem = {
  id: string;
  at: string;
  account: string | null;
  ip: string | null;
  outcome: Outcome;
  eventType: string | null;
  app: string | null;
  source: string | null;
  networkKind: NetworkKind;
  sessionId: string | null;
  sessionMinutes: number | null;
  userAgent: string | null;
  device: string | null;
} & IpPlaceFields;

/** Sign-ins grouped by place (same coordinates), for the map. */
export type LoginPlace = {
  lat: number;
  lon: number;
  city: string | null;
  region: string | null;
  country: string | null;
  accuracyKm: number | null;
  count: number;
  kinds: Partial<Record<NetworkKind, number>>;
  ips: string[];
  firstAt: string | null;
  lastAt: string | null;
};

export type SubjectLogins = { items: LoginItem[]; total: number; truncated: boolean; places: LoginPlace[] };

export type TravelPoint = {
  ip: string | null;
  at: string;
  city: string | null;
  country: string | null;
  lat: number;
  lon: number;
};

/** Two sign-ins too far apart for the time between them (from the impossible-travel signal's data). */
export type TravelPair = { from: TravelPoint; to: TravelPoint; km: number; hours: number; kmh: number };

/** `GET /ip/{address}`. */
export type IpInfoView = IpView;

export type IpDatabase = {
  id: string;
  title: string;
  licence: string | null;
  url: string | null;
  attribution: string | null;
  builtAt: string | null;
};

export type IpRangeList = {
  name: string;
  kind: string;
  provider: string | null;
  label: string | null;
  entries: number;
  importedAt: string | null;
};

/** `GET /intel/ip`: the shipped databases and the imported range lists. */
export type IpIntel = { databases: IpDatabase[]; lists: IpRangeList[] };

export type UnmatchedAccount = {
  account: string;
  events: number;
  firstAt: string | null;
  lastAt: string | null;
  sources: string[];
};

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

export type LoginImport = {
  id: string;
  fileName: string | null;
  format: string | null;
  status: ImportStatus;
  createdAt: string | null;
  finishedAt: string | null;
  jobId: string | null;
  progress: { bytesRead: number; totalBytes: number | null };
  counts: {
    read: number;
    imported: number;
    duplicates: number;
    malformed: number;
    /** Records read fine that are not a person's sign-in (other kinds of events). */
    skipped: number;
    matched: number;
    unmatched: number;
  };
  problems: { line: number | null; message: string }[];
  /** Why records were skipped, most frequent first (the server keeps the top 20). */
  skippedReasons: { reason: string; count: number }[];
  unmatchedAccounts: UnmatchedAccount[];
  error: string | null;
};

export type SharedEgress = {
  ip: string;
  country: string | null;
  city: string | null;
  kind: NetworkKind;
  provider: string | null;
  org: string | null;
  events: number;
  firstAt: string | null;
  lastAt: string | null;
  subjects: { id: string; name: string | null; household: boolean }[];
};

export type NetworkAnomaly = {
  subjectId: string;
  name: string | null;
  band: Band | null;
  score: number | null;
  signals: { id: string; severity: Severity; explanation: string }[];
};

export type NetworkOverview = {
  sharedEgress: SharedEgress[];
  /** The policy turns network.shared-egress off: nothing is listed as shared. */
  sharedEgressDisabled: boolean;
  anomalies: NetworkAnomaly[];
  counts: { events: number; subjects: number; unmatchedAccounts: number };
};

// ----------------------------------------------------------------------------------------- primitives

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return null;
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function itemsOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return records(value);
  if (isRecord(value)) return records(value.items);
  return [];
}

const KIND_SET: ReadonlySet<string> = new Set(NETWORK_KINDS);

export function readKind(value: unknown): NetworkKind {
  return typeof value === 'string' && KIND_SET.has(value) ? (value as NetworkKind) : 'unknown';
}

function readOutcome(value: unknown): Outcome {
  const s = typeof value === 'string' ? value.toLowerCase() : '';
  if (s === 'success' || s === 'failure' || s === 'challenge') return s;
  return 'unknown';
}

/** `{list,label}`, or `true` from a stored event that only knows it was on some allow-list. */
function readAllowListed(value: unknown): AllowListed | null {
  if (value === true) return { list: '', label: 'your allow-list' };
  if (!isRecord(value)) return null;
  const list = str(value.list) ?? '';
  return { list, label: str(value.label) ?? (list || 'your allow-list') };
}

/** The place-and-network fields a sign-in and an IP lookup share. */
function readPlaceFields(value: Record<string, unknown>): IpPlaceFields {
  return {
    country: str(value.country),
    region: str(value.region),
    city: str(value.city),
    lat: num(value.lat),
    lon: num(value.lon),
    accuracyKm: num(value.accuracyKm),
    asn: num(value.asn),
    org: str(value.org),
    provider: str(value.provider),
    allowListed: readAllowListed(value.allowListed),
  };
}

const SEVERITIES: ReadonlySet<string> = new Set(['low', 'medium', 'high', 'critical']);
const BANDS: ReadonlySet<string> = new Set(['low', 'elevated', 'high', 'critical']);

// -------------------------------------------------------------------------------------------- readers

export function readLoginItem(value: unknown, index = 0): LoginItem | null {
  if (!isRecord(value)) return null;
  const at = str(value.at);
  if (!at) return null;
  return {
    id: str(value.id) ?? str(value.eventId) ?? `${at}#${index}`,
    at,
    account: str(value.account),
    ip: str(value.ip),
    outcome: readOutcome(value.outcome),
    eventType: str(value.eventType),
    app: str(value.app),
    source: str(value.source),
    ...readPlaceFields(value),
    networkKind: readKind(value.networkKind ?? value.kind),
    sessionId: str(value.sessionId),
    sessionMinutes: num(value.sessionMinutes),
    userAgent: str(value.userAgent),
    device: str(value.device),
  };
}

function readPlace(value: unknown): LoginPlace | null {
  if (!isRecord(value)) return null;
  const lat = num(value.lat);
  const lon = num(value.lon);
  if (lat === null || lon === null) return null;
  const kinds: Partial<Record<NetworkKind, number>> = {};
  if (isRecord(value.kinds)) {
    for (const [k, n] of Object.entries(value.kinds)) {
      const count = num(n);
      if (count !== null && count > 0) kinds[readKind(k)] = (kinds[readKind(k)] ?? 0) + count;
    }
  }
  return {
    lat,
    lon,
    city: str(value.city),
    region: str(value.region),
    country: str(value.country),
    accuracyKm: num(value.accuracyKm),
    count: num(value.count) ?? 1,
    kinds,
    ips: strings(value.ips),
    firstAt: str(value.firstAt),
    lastAt: str(value.lastAt),
  };
}

/** Groups sign-ins by coordinates, for when the server sent items without places. */
export function placesFromItems(items: LoginItem[]): LoginPlace[] {
  const byKey = new Map<string, LoginPlace>();
  for (const item of items) {
    if (item.lat === null || item.lon === null) continue;
    const key = `${item.lat.toFixed(3)},${item.lon.toFixed(3)}`;
    let place = byKey.get(key);
    if (!place) {
      place = {
        lat: item.lat,
        lon: item.lon,
        city: item.city,
        region: item.region,
        country: item.country,
        accuracyKm: item.accuracyKm,
        count: 0,
        kinds: {},
        ips: [],
        firstAt: item.at,
        lastAt: item.at,
      };
      byKey.set(key, place);
    }
    place.count += 1;
    place.kinds[item.networkKind] = (place.kinds[item.networkKind] ?? 0) + 1;
    if (item.ip && !place.ips.includes(item.ip)) place.ips.push(item.ip);
    if (place.firstAt === null || item.at < place.firstAt) place.firstAt = item.at;
    if (place.lastAt === null || item.at > place.lastAt) place.lastAt = item.at;
  }
  return [...byKey.values()];
}

/** `GET /subjects/{id}/logins`. */
export function readSubjectLogins(value: unknown): SubjectLogins {
  const body = isRecord(value) ? value : {};
  const items = itemsOf(value)
    .map((v, i) => readLoginItem(v, i))
    .filter((i): i is LoginItem => i !== null);
  const places = Array.isArray(body.places)
    ? body.places.map(readPlace).filter((p): p is LoginPlace => p !== null)
    : placesFromItems(items);
  return {
    items,
    total: num(body.total) ?? items.length,
    truncated: body.truncated === true,
    places,
  };
}

/** How many distinct addresses of a case bundle's own sign-ins the UI places with `GET /ip/{address}`. */
export const BUNDLE_IP_LOOKUPS = 100;

/** The distinct addresses of a bundle's `logins[]`, at most BUNDLE_IP_LOOKUPS, in order of appearance. */
export function bundleLoginIps(logins: readonly unknown[] | undefined): string[] {
  const out = new Set<string>();
  for (const l of logins ?? []) {
    if (out.size >= BUNDLE_IP_LOOKUPS) break;
    const ip = isRecord(l) ? str(l.ip) : null;
    // Only what can be an IPv4/IPv6 address is worth a lookup.
    if (ip && ip.length <= 45 && /^[0-9a-f:.]+$/i.test(ip)) out.add(ip);
  }
  return [...out];
}

/**
 * A case bundle's own `logins[]` (written by an HR or security tool, not imported from a log) as sign-in
 * items: what the entry says wins, the rest comes from the IP lookup of its address. Entries that repeat a
 * stored sign-in (same time and address) are left out.
 */
export function bundleLoginItems(
  logins: readonly unknown[] | undefined,
  infos: ReadonlyMap<string, IpInfoView>,
  stored: readonly LoginItem[] = [],
): LoginItem[] {
  const seen = new Set(stored.map((i) => `${Date.parse(i.at)}|${i.ip ?? ''}`));
  const out: LoginItem[] = [];
  (logins ?? []).forEach((raw, index) => {
    if (!isRecord(raw)) return;
    const item = readLoginItem({ ...raw, id: `bundle-${index}` }, index);
    if (!item) return;
    if (seen.has(`${Date.parse(item.at)}|${item.ip ?? ''}`)) return;
    const info = item.ip ? infos.get(item.ip) : undefined;
    if (info) {
      // The lookup places the entry unless the entry has its own coordinates or names another country.
      const own = item.lat !== null && item.lon !== null;
      if (!own && (item.country === null || item.country === info.country)) {
        item.country = info.country;
        item.region ??= info.region;
        item.city ??= info.city;
        item.lat = info.lat;
        item.lon = info.lon;
        item.accuracyKm ??= info.accuracyKm;
      }
      item.asn ??= info.asn;
      item.org ??= info.org;
      item.provider ??= info.provider;
      if (raw.networkKind === undefined) item.networkKind = info.kind;
      item.allowListed ??= info.allowListed;
    }
    item.source ??= 'bundle';
    out.push(item);
  });
  return out;
}

/** Places from the server plus places of extra sign-ins, merged when they are the same spot. */
export function mergePlaces(places: readonly LoginPlace[], extra: readonly LoginItem[]): LoginPlace[] {
  const key = (lat: number, lon: number) => `${lat.toFixed(1)},${lon.toFixed(1)}`;
  const out = places.map((p) => ({ ...p, kinds: { ...p.kinds }, ips: [...p.ips] }));
  const byKey = new Map(out.map((p) => [key(p.lat, p.lon), p]));
  for (const add of placesFromItems([...extra])) {
    const into = byKey.get(key(add.lat, add.lon));
    if (!into) {
      out.push(add);
      byKey.set(key(add.lat, add.lon), add);
      continue;
    }
    into.count += add.count;
    for (const [k, n] of Object.entries(add.kinds) as [NetworkKind, number][])
      into.kinds[k] = (into.kinds[k] ?? 0) + n;
    for (const ip of add.ips) if (!into.ips.includes(ip)) into.ips.push(ip);
    if (add.firstAt && (!into.firstAt || add.firstAt < into.firstAt)) into.firstAt = add.firstAt;
    if (add.lastAt && (!into.lastAt || add.lastAt > into.lastAt)) into.lastAt = add.lastAt;
  }
  return out;
}

function readTravelPoint(value: unknown): TravelPoint | null {
  if (!isRecord(value)) return null;
  const lat = num(value.lat);
  const lon = num(value.lon);
  const at = str(value.at);
  if (lat === null || lon === null || !at) return null;
  return { ip: str(value.ip), at, city: str(value.city), country: str(value.country), lat, lon };
}

/** The impossible-travel pairs of a signal's `data.pairs`; malformed pairs are dropped. */
export function readTravelPairs(data: unknown): TravelPair[] {
  if (!isRecord(data)) return [];
  const out: TravelPair[] = [];
  for (const p of records(data.pairs)) {
    const from = readTravelPoint(p.from);
    const to = readTravelPoint(p.to);
    if (!from || !to) continue;
    out.push({ from, to, km: num(p.km) ?? 0, hours: num(p.hours) ?? 0, kmh: num(p.kmh) ?? 0 });
  }
  return out;
}

/** All impossible-travel pairs among an assessment's signals. */
export function travelPairsOf(signals: { id: string; data?: Record<string, unknown> }[]): TravelPair[] {
  return signals.filter((s) => s.id === 'network.impossible-travel').flatMap((s) => readTravelPairs(s.data));
}

export function readIpInfo(value: unknown): IpInfoView | null {
  if (!isRecord(value)) return null;
  const ip = str(value.ip);
  if (!ip) return null;
  return {
    ip,
    ...readPlaceFields(value),
    kind: readKind(value.kind),
    sources: strings(value.sources),
  };
}

export function readIpIntel(value: unknown): IpIntel {
  const body = isRecord(value) ? value : {};
  const databases: IpDatabase[] = [];
  for (const d of records(body.databases)) {
    const id = str(d.id);
    if (!id) continue;
    databases.push({
      id,
      title: str(d.title) ?? id,
      licence: str(d.licence) ?? str(d.license),
      url: str(d.url),
      attribution: str(d.attribution),
      builtAt: str(d.builtAt),
    });
  }
  const lists: IpRangeList[] = [];
  for (const l of records(body.lists)) {
    const name = str(l.name);
    if (!name) continue;
    lists.push({
      name,
      kind: str(l.kind) ?? 'unknown',
      provider: str(l.provider),
      label: str(l.label),
      entries: num(l.entries) ?? 0,
      importedAt: str(l.importedAt),
    });
  }
  return { databases, lists };
}

function readUnmatched(value: unknown): UnmatchedAccount | null {
  if (!isRecord(value)) return null;
  const account = str(value.account);
  if (!account) return null;
  return {
    account,
    events: num(value.events) ?? 0,
    firstAt: str(value.firstAt),
    lastAt: str(value.lastAt),
    sources: strings(value.sources),
  };
}

export function readUnmatchedAccounts(value: unknown): UnmatchedAccount[] {
  return itemsOf(value)
    .map(readUnmatched)
    .filter((a): a is UnmatchedAccount => a !== null);
}

const IMPORT_STATUSES: ReadonlySet<string> = new Set(['queued', 'running', 'done', 'failed']);

export function readLoginImport(value: unknown): LoginImport | null {
  if (!isRecord(value)) return null;
  const id = str(value.id) ?? str(value.importId);
  if (!id) return null;
  const progress = isRecord(value.progress) ? value.progress : {};
  const counts = isRecord(value.counts) ? value.counts : {};
  const status = str(value.status) ?? 'queued';
  return {
    id,
    fileName: str(value.fileName),
    format: str(value.format),
    status: IMPORT_STATUSES.has(status) ? (status as ImportStatus) : 'running',
    createdAt: str(value.createdAt),
    finishedAt: str(value.finishedAt),
    jobId: str(value.jobId),
    progress: { bytesRead: num(progress.bytesRead) ?? 0, totalBytes: num(progress.totalBytes) },
    counts: {
      read: num(counts.read) ?? 0,
      imported: num(counts.imported) ?? 0,
      duplicates: num(counts.duplicates) ?? 0,
      malformed: num(counts.malformed) ?? 0,
      skipped: num(counts.skipped) ?? 0,
      matched: num(counts.matched) ?? 0,
      unmatched: num(counts.unmatched) ?? 0,
    },
    problems: records(value.problems)
      .map((p) => ({ line: num(p.line), message: str(p.message) ?? '' }))
      .filter((p) => p.message !== ''),
    skippedReasons: records(value.skippedReasons)
      .map((r) => ({ reason: str(r.reason) ?? '', count: num(r.count) ?? 0 }))
      .filter((r) => r.reason !== '' && r.count > 0),
    unmatchedAccounts: records(value.unmatchedAccounts)
      .map(readUnmatched)
      .filter((a): a is UnmatchedAccount => a !== null),
    error: str(value.error),
  };
}

export function readLoginImports(value: unknown): LoginImport[] {
  return itemsOf(value)
    .map(readLoginImport)
    .filter((i): i is LoginImport => i !== null);
}

export function isImportFinished(imp: LoginImport): boolean {
  return imp.status === 'done' || imp.status === 'failed';
}

/** Percent of the file read so far, or null when the size is unknown. */
export function importPercent(imp: LoginImport): number | null {
  if (isImportFinished(imp)) return 100;
  const total = imp.progress.totalBytes;
  if (!total || total <= 0) return null;
  return Math.min(100, Math.round((imp.progress.bytesRead / total) * 100));
}

export function readNetworkOverview(value: unknown): NetworkOverview {
  const body = isRecord(value) ? value : {};
  const sharedEgress: SharedEgress[] = [];
  for (const e of records(body.sharedEgress)) {
    const ip = str(e.ip);
    if (!ip) continue;
    sharedEgress.push({
      ip,
      country: str(e.country),
      city: str(e.city),
      kind: readKind(e.kind),
      provider: str(e.provider),
      org: str(e.org),
      events: num(e.events) ?? 0,
      firstAt: str(e.firstAt),
      lastAt: str(e.lastAt),
      subjects: records(e.subjects)
        .map((s) => ({ id: str(s.id) ?? '', name: str(s.name), household: s.household === true }))
        .filter((s) => s.id !== ''),
    });
  }
  const anomalies: NetworkAnomaly[] = [];
  for (const a of records(body.anomalies)) {
    const subjectId = str(a.subjectId);
    if (!subjectId) continue;
    const band = str(a.band);
    anomalies.push({
      subjectId,
      name: str(a.name),
      band: band && BANDS.has(band) ? (band as Band) : null,
      score: num(a.score),
      signals: records(a.signals)
        .map((s) => {
          const severity = str(s.severity) ?? 'low';
          return {
            id: str(s.id) ?? '',
            severity: (SEVERITIES.has(severity) ? severity : 'low') as Severity,
            explanation: str(s.explanation) ?? '',
          };
        })
        .filter((s) => s.id !== ''),
    });
  }
  const counts = isRecord(body.counts) ? body.counts : {};
  return {
    sharedEgress,
    sharedEgressDisabled: body.sharedEgressDisabled === true,
    anomalies,
    counts: {
      events: num(counts.events) ?? 0,
      subjects: num(counts.subjects) ?? 0,
      unmatchedAccounts: num(counts.unmatchedAccounts) ?? 0,
    },
  };
}

// ---------------------------------------------------------------------------------------------- words

/** What the map and timeline colour by: a network kind, or the organisation's own allow-listed network. */
export type DisplayKind = NetworkKind | 'allowed';

export const KIND_LABELS: Record<DisplayKind, string> = {
  isp: 'Home or office internet',
  mobile: 'Mobile network',
  hosting: 'Hosting / data centre',
  vpn: 'VPN',
  proxy: 'Proxy',
  relay: 'Privacy relay',
  tor: 'Tor',
  unknown: 'Unknown network',
  allowed: 'Your own network (allow-listed)',
};

/** One plain sentence per kind, for a recruiter. */
export const KIND_HELP: Record<DisplayKind, string> = {
  isp: 'An ordinary internet provider for homes and offices: usually where the person really is.',
  mobile: 'A phone carrier’s network: the place shown is often only the region.',
  hosting:
    'A server in a data centre, not a home: used to hide where someone is or to work through a remote computer.',
  vpn: 'Hides the real location: the address belongs to the VPN service, not to where the person sits.',
  proxy: 'Passes traffic on for someone else, so the real location stays hidden.',
  relay: 'A privacy relay (such as iCloud Private Relay): hides the address but keeps the rough region.',
  tor: 'The Tor anonymity network: hides both who and where the person is.',
  unknown: 'Nothing is known about this address (for example a private or unlisted one).',
  allowed:
    'On your organisation’s allow-list (such as the company VPN or an office): never counts against anyone.',
};

/** Badge words: short enough for a table cell. */
export const KIND_BADGE_LABELS: Record<DisplayKind, string> = {
  isp: 'Home / office',
  mobile: 'Mobile',
  hosting: 'Data centre',
  vpn: 'VPN',
  proxy: 'Proxy',
  relay: 'Privacy relay',
  tor: 'Tor',
  unknown: 'Unknown',
  allowed: 'Allow-listed',
};

/** A few words per kind, for tables ("VPN — hides the real location"). */
export const KIND_SHORT: Record<DisplayKind, string> = {
  isp: 'usually where the person is',
  mobile: 'phone network, place is approximate',
  hosting: 'a data centre, not a home',
  vpn: 'hides the real location',
  proxy: 'hides the real location',
  relay: 'hides the address, keeps the region',
  tor: 'hides who and where',
  unknown: 'nothing known about it',
  allowed: 'your own network, never counts',
};

/** Colours: calm for ordinary networks, warm warning colours for networks that hide the location. */
export const KIND_COLORS: Record<DisplayKind, string> = {
  isp: '#1c7ed6',
  mobile: '#0c8599',
  relay: '#f59f00',
  hosting: '#f76707',
  proxy: '#e64980',
  vpn: '#e03131',
  tor: '#862e9c',
  unknown: '#5c5f66',
  allowed: '#adb5bd',
};

/** Mantine colour names for badges, matching KIND_COLORS. */
export const KIND_BADGE_COLORS: Record<DisplayKind, string> = {
  isp: 'blue',
  mobile: 'cyan',
  relay: 'yellow',
  hosting: 'orange',
  proxy: 'pink',
  vpn: 'red',
  tor: 'grape',
  unknown: 'dark',
  allowed: 'gray',
};

/** Kinds that hide the real location, worst first. */
const WARNING_ORDER: NetworkKind[] = ['tor', 'vpn', 'proxy', 'hosting', 'relay'];

export function isWarningKind(kind: DisplayKind): boolean {
  return (WARNING_ORDER as string[]).includes(kind);
}

export function displayKind(kind: NetworkKind, allowListed: AllowListed | null | boolean): DisplayKind {
  return allowListed ? 'allowed' : kind;
}

/** "VPN — hides the real location…" / "VPN (Astrill VPN) — …" */
export function describeKind(kind: DisplayKind, provider?: string | null): string {
  const label = provider && kind !== 'allowed' ? `${KIND_LABELS[kind]} (${provider})` : KIND_LABELS[kind];
  const help = KIND_HELP[kind];
  return `${label} — ${help.charAt(0).toLowerCase()}${help.slice(1)}`;
}

/** "VPN (Astrill VPN)", "Home or office internet (Rogers)": the kind, and who runs the network when known. */
export function kindWithOperator(kind: DisplayKind, provider: string | null, org: string | null): string {
  const operator = provider || org;
  return operator ? `${KIND_LABELS[kind]} (${operator})` : KIND_LABELS[kind];
}

/**
 * The one kind a map dot shows for a place: grey when every address there is allow-listed, else the
 * worst location-hiding kind seen there, else the most common ordinary kind.
 */
export function placeDisplayKind(place: LoginPlace, allowListedIps: ReadonlySet<string>): DisplayKind {
  if (place.ips.length > 0 && place.ips.every((ip) => allowListedIps.has(ip))) return 'allowed';
  for (const kind of WARNING_ORDER) if ((place.kinds[kind] ?? 0) > 0) return kind;
  let best: NetworkKind = 'unknown';
  let bestCount = 0;
  for (const kind of ['isp', 'mobile', 'unknown'] as const) {
    const n = place.kinds[kind] ?? 0;
    if (n > bestCount) {
      best = kind;
      bestCount = n;
    }
  }
  return best;
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  success: 'Signed in',
  failure: 'Failed',
  challenge: 'Asked for a second factor',
  unknown: 'Unknown',
};

/** Plain words for the network terms a recruiter meets on these pages. */
export const TERMS = {
  egress:
    'An egress IP is the public internet address a network shows to the outside world; people on the same home, office or VPN server share it.',
  impossibleTravel:
    'Impossible travel: two sign-ins so far apart, so close in time, that nobody could have travelled between them — one of them hides the real location, or two people share the account.',
  vpn: 'A VPN hides the real location: websites see the VPN company’s address instead of the person’s own.',
  hosting:
    'A hosting network is a data centre, not a home: sign-ins from one often mean a remote computer or a hidden location.',
  tor: 'Tor is an anonymity network that hides both who and where someone is.',
} as const;

/** One plain sentence per network signal, shown beside its explanation. */
export const NETWORK_SIGNAL_HELP: Record<string, string> = {
  'network.impossible-travel': TERMS.impossibleTravel,
  'network.multi-country': 'Sign-ins came from several countries in a short time.',
  'network.location-mismatch':
    'Most sign-ins come from a country other than the one the person says they live in.',
  'network.anonymizer':
    'Sign-ins went through a VPN, proxy, Tor or data centre that hides the real location.',
  'network.high-risk-country':
    'Sign-ins came from North Korea, or from China or Russia while the person says they live elsewhere.',
  'network.shared-egress': `Another person signs in from the same internet address. ${TERMS.egress}`,
  'network.always-on':
    'Sessions stay open for a day or more, or a mouse-jiggler keeps the computer awake: typical of laptop farms.',
  'network.input-latency':
    'Typing and mouse input arrive far slower than the claimed location allows: someone may be controlling the computer from far away.',
  'network.remote-access':
    'Remote-control software or hardware (such as an IP-KVM) is on the work computer: someone elsewhere may be using it.',
};

export function isNetworkSignal(id: string): boolean {
  return id.startsWith('network.');
}

/** Where the sign-in log formats come from, in a sentence each (for the import panel). */
export const FORMAT_OPTIONS: { value: string; label: string; help: string }[] = [
  {
    value: 'auto',
    label: 'Auto-detect',
    help: 'Gatecheck looks at the file and picks the format. Choose one below if it guesses wrong.',
  },
  {
    value: 'okta',
    label: 'Okta System Log',
    help: 'Events from the Okta System Log API (GET /api/v1/logs) or a SIEM export of them: a JSON array, or one event per line.',
  },
  {
    value: 'entra',
    label: 'Microsoft Entra ID (JSON)',
    help: 'Entra admin center → Sign-in logs → Download → JSON, or the Microsoft Graph auditLogs/signIns API, or Azure diagnostic settings (SignInLogs).',
  },
  {
    value: 'entra-csv',
    label: 'Microsoft Entra ID (CSV)',
    help: 'Entra admin center → Monitoring → Sign-in logs → Download → CSV (the interactive sign-ins file).',
  },
  {
    value: 'google',
    label: 'Google Workspace login audit',
    help: 'Admin Reports API activities.list with applicationName=login (JSON), as one response or one activity per line.',
  },
  {
    value: 'csv',
    label: 'Generic CSV',
    help: 'Any CSV with a header row. Gatecheck recognises columns such as time, account/email and ip; map them below if it does not.',
  },
  {
    value: 'ndjson',
    label: 'Generic NDJSON',
    help: 'One JSON object per line with at least a time, an account and an IP address. Dotted paths (client.ip) reach into objects.',
  },
];

/** The generic-format fields a user may map to their own column names. */
export const MAPPING_FIELDS: { key: string; label: string; required?: boolean }[] = [
  { key: 'at', label: 'Time', required: true },
  { key: 'account', label: 'Account or email', required: true },
  { key: 'ip', label: 'IP address' },
  { key: 'outcome', label: 'Outcome (success / failure)' },
  { key: 'eventId', label: 'Event id' },
  { key: 'userAgent', label: 'User agent' },
  { key: 'app', label: 'Application' },
  { key: 'sessionId', label: 'Session id' },
  { key: 'sessionMinutes', label: 'Session length (minutes)' },
  { key: 'country', label: 'Country' },
];

/** The mapping JSON for the upload, or undefined when nothing was filled in. Requires `at` and `account`. */
export function buildMapping(values: Record<string, string>): {
  mapping?: Record<string, string>;
  error?: string;
} {
  const mapping: Record<string, string> = {};
  for (const { key } of MAPPING_FIELDS) {
    const v = values[key]?.trim();
    if (v) mapping[key] = v;
  }
  if (Object.keys(mapping).length === 0) return {};
  const missing = MAPPING_FIELDS.filter((f) => f.required && !mapping[f.key]).map((f) => f.label);
  if (missing.length > 0) return { error: `Also name the column for: ${missing.join(', ')}.` };
  return { mapping };
}

/** "Toronto, Ontario, Canada" from whatever parts are known. */
export function placeLabel(
  p: { city?: string | null; region?: string | null; country?: string | null },
  countryName: (code: string) => string = (c) => c,
): string {
  // DB-IP names districts in brackets ("Toronto (Old Toronto)"): the city alone reads better.
  const city = p.city ? p.city.replace(/\s*\([^)]*\)\s*$/, '') : null;
  const parts = [city, p.region, p.country ? countryName(p.country) : null].filter(
    (x): x is string => typeof x === 'string' && x !== '',
  );
  // The region repeats the city for city-states and capitals ("Singapore, Singapore").
  const unique = parts.filter((x, i) => parts.indexOf(x) === i);
  return unique.length > 0 ? unique.join(', ') : 'Unknown place';
}

/** "1,234 km in 0.9 h ≈ 1,370 km/h". */
export function describeTravel(pair: TravelPair): string {
  const km = Math.round(pair.km).toLocaleString('en');
  const hours =
    pair.hours < 1 ? `${Math.max(1, Math.round(pair.hours * 60))} min` : `${pair.hours.toFixed(1)} h`;
  return `${km} km in ${hours} ≈ ${Math.round(pair.kmh).toLocaleString('en')} km/h`;
}
