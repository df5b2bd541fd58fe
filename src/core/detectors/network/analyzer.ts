// The incremental core of the sign-in detectors: one pass over one account's sign-ins, in time order,
// keeping only what the findings need. Memory grows with the distinct countries, anonymising addresses
// (capped) and sessions (capped), never with the number of events, so a stream of millions of events
// can be fed one at a time. The bundle detectors run the same analyzer over `bundle.logins` sorted by time.
import type { NetworkKind } from '../../intel/ip.ts';
import type { NetworkPolicy } from '../../types.ts';
import { haversineKm } from './geo.ts';
import { hidesCountry, isAnonymized, type ResolvedLogin } from './resolve.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Simultaneous sign-ins are timed as one minute apart, so a speed is always a finite number. */
const MIN_TRAVEL_MS = 60_000;

// Caps that keep memory flat. Counts stay exact; only the examples kept for explanations are capped.
const MAX_PAIRS = 10;
const MAX_SAMPLE_IPS = 5;
const MAX_RISK_IPS = 20;
const MAX_INDEXES = 20;
const MAX_NETWORKS = 200;
const MAX_SESSIONS = 4096;
const MAX_LONG_SESSIONS = 10;
/** A session not seen for this long is forgotten (longer than identity providers keep sessions alive). */
const SESSION_IDLE_EVICT_MS = 30 * DAY_MS;
/** Sessions are swept for idleness each time the log's clock moves on by this much. */
const SESSION_SWEEP_MS = DAY_MS;

export type CountryStat = {
  country: string;
  logins: number;
  firstAt: number;
  lastAt: number;
  /** Up to 5 distinct addresses, first seen first. */
  ips: string[];
  /** Evidence: the first sign-ins (up to 20). */
  indexes: number[];
  /** Cities seen (up to 5). */
  cities: string[];
};

export type TravelEnd = {
  index: number;
  ip?: string;
  at: number;
  city?: string;
  country?: string;
  lat: number;
  lon: number;
  accuracyKm: number;
};

export type TravelPair = {
  from: TravelEnd;
  to: TravelEnd;
  /** Great-circle distance between the two coordinates. */
  km: number;
  /** Subtracted from km for the speed: both accuracy radii. */
  marginKm: number;
  hours: number;
  /** (km − marginKm) / hours, with hours at least one minute. */
  kmh: number;
};

export type AnonymizerNetwork = {
  ip: string;
  kind: NetworkKind;
  provider?: string;
  logins: number;
  firstAt: number;
  lastAt: number;
};

export type AnonymizerGroup = {
  kind: NetworkKind;
  provider?: string;
  logins: number;
  ips: string[];
  firstAt: number;
  lastAt: number;
};

export type HighRiskStat = {
  country: string;
  logins: number;
  ips: string[];
  cities: string[];
  firstAt: number;
  lastAt: number;
  indexes: number[];
  /** Sign-ins per network kind, e.g. {isp: 3, hosting: 1}. */
  kinds: Partial<Record<NetworkKind, number>>;
};

export type SessionSpan = {
  sessionId?: string;
  start: number;
  end: number;
  hours: number;
  ip?: string;
  indexes: number[];
  /** How the length is known: the reported session length, or the same session id seen that far apart. */
  basis: 'sessionMinutes' | 'sessionId';
};

export type MultiCountryWindow = {
  start: number;
  end: number;
  /** One entry per country in the window: its latest sign-in inside the window. */
  entries: { country: string; at: number; index: number; ip?: string; city?: string }[];
};

export type LoginFindings = {
  claimedCountry?: string;
  counts: {
    logins: number;
    successful: number;
    withIp: number;
    /** Successful, not allow-listed, with a country. */
    located: number;
    /** Successful, not allow-listed, with coordinates. */
    withCoords: number;
    /** Successful sign-ins whose network kind is known. */
    kindKnown: number;
    allowListed: number;
    /** Successful, located, not allow-listed and not behind a VPN, proxy, Tor or hosting egress. */
    physical: number;
    latencySamples: number;
    /** Sign-ins with a session length or session id. */
    sessionData: number;
  };
  /** Countries of the physical sign-ins, most sign-ins first. */
  countries: CountryStat[];
  /** The window with the most countries, when it reaches the policy's threshold. */
  multiCountry?: MultiCountryWindow;
  travel: {
    /** The fastest pairs (up to 10), in time order. */
    pairs: TravelPair[];
    total: number;
    /** Located sign-ins left out of the comparison because they came through an anonymizer. */
    skippedAnonymized: number;
    skippedAllowListed: number;
  };
  anonymizer: {
    logins: number;
    /** Per address (up to 200 addresses), most sign-ins first. */
    networks: AnonymizerNetwork[];
    /** Per kind and provider, most sign-ins first. */
    groups: AnonymizerGroup[];
    indexes: number[];
  };
  highRisk: HighRiskStat[];
  /** Sessions at least policy.alwaysOnHours long, longest first (up to 10). */
  longSessions: SessionSpan[];
  latency: { samples: number; medianMs?: number; maxMs?: number; slowIndexes: number[] };
};

export type LoginAnalyzer = {
  /** Adds one sign-in; `index` is its position in `bundle.logins` (used for evidence paths). */
  add(login: ResolvedLogin, index: number): void;
  /** The findings so far (does not end the analysis). */
  finish(): LoginFindings;
  /** How many entries the analyzer holds now (for benchmarks and tests of bounded memory). */
  retained(): { countries: number; networks: number; sessions: number; latencyValues: number; pairs: number };
};

type SessionState = { start: number; end: number; startIndex: number; endIndex: number; ip?: string };

function pushCapped<T>(list: T[], value: T, cap: number): void {
  if (list.length < cap) list.push(value);
}

function addDistinct(list: string[], value: string | undefined, cap: number): void {
  if (value === undefined || list.length >= cap || list.includes(value)) return;
  list.push(value);
}

/** Counts a sign-in into a per-country stat (a CountryStat or HighRiskStat), up to `maxIps` addresses. */
function tally(
  stat: Pick<CountryStat, 'logins' | 'firstAt' | 'lastAt' | 'ips' | 'cities' | 'indexes'>,
  l: ResolvedLogin,
  index: number,
  maxIps: number,
): void {
  stat.logins++;
  if (l.at < stat.firstAt) stat.firstAt = l.at;
  if (l.at > stat.lastAt) stat.lastAt = l.at;
  addDistinct(stat.ips, l.ip, maxIps);
  addDistinct(stat.cities, l.city, MAX_SAMPLE_IPS);
  pushCapped(stat.indexes, index, MAX_INDEXES);
}

function travelEnd(l: ResolvedLogin, index: number): TravelEnd {
  const end: TravelEnd = { index, at: l.at, lat: l.lat ?? 0, lon: l.lon ?? 0, accuracyKm: l.accuracyKm };
  if (l.ip !== undefined) end.ip = l.ip;
  if (l.city !== undefined) end.city = l.city;
  if (l.country !== undefined) end.country = l.country;
  return end;
}

/**
 * Creates an analyzer for one account. Feed sign-ins in time order (an out-of-order sign-in is compared
 * with the previous one by the absolute time between them). The analyzer keeps a reference to the last
 * located sign-in: do not change a ResolvedLogin after adding it.
 */
export function createLoginAnalyzer(
  policy: NetworkPolicy,
  options: { claimedCountry?: string } = {},
): LoginAnalyzer {
  const claimed = options.claimedCountry;
  const windowMs = policy.countryWindowDays * DAY_MS;
  const minHoursMs = policy.alwaysOnHours * HOUR_MS;
  const counts: LoginFindings['counts'] = {
    logins: 0,
    successful: 0,
    withIp: 0,
    located: 0,
    withCoords: 0,
    kindKnown: 0,
    allowListed: 0,
    physical: 0,
    latencySamples: 0,
    sessionData: 0,
  };

  const countries = new Map<string, CountryStat>();
  // multi-country: the latest sign-in per country, and the best window so far
  const latest = new Map<
    string,
    { at: number; index: number; ip: string | undefined; city: string | undefined }
  >();
  let lastCountry: string | undefined;
  let best: MultiCountryWindow | undefined;

  // impossible travel
  let prev: ResolvedLogin | undefined;
  let prevIndex = -1;
  const pairs: TravelPair[] = [];
  let pairTotal = 0;
  let skippedAnonymized = 0;
  let skippedAllowListed = 0;

  // anonymizers
  let anonymizedLogins = 0;
  const networks = new Map<string, AnonymizerNetwork>();
  const groups = new Map<string, AnonymizerGroup>();
  const anonymizedIndexes: number[] = [];

  const highRisk = new Map<string, HighRiskStat>();

  // sessions
  const sessions = new Map<string, SessionState>();
  let lastSweepAt = Number.NEGATIVE_INFINITY;
  const longByLength: SessionSpan[] = [];
  let latestAt = Number.NEGATIVE_INFINITY;

  // input latency: a histogram by whole millisecond keeps the median exact in bounded memory
  const latency = new Map<number, number>();
  let maxLatency: number | undefined;
  const slowIndexes: number[] = [];

  const meetsThreshold = (n: number) =>
    n >= policy.minCountries || (claimed !== undefined && n >= policy.minCountriesWithForeign);

  function checkCountryWindow(at: number): void {
    // No window can hold more countries than have been seen at all: nothing left to find.
    if (best && best.entries.length >= latest.size) return;
    const from = at - windowMs;
    let n = 0;
    for (const seen of latest.values()) if (seen.at >= from) n++;
    if (!meetsThreshold(n) || (best && best.entries.length >= n)) return;
    const entries: MultiCountryWindow['entries'] = [];
    let start = at;
    for (const [country, seen] of latest) {
      if (seen.at < from) continue;
      const entry: MultiCountryWindow['entries'][number] = { country, at: seen.at, index: seen.index };
      if (seen.ip !== undefined) entry.ip = seen.ip;
      if (seen.city !== undefined) entry.city = seen.city;
      entries.push(entry);
      if (seen.at < start) start = seen.at;
    }
    entries.sort((a, b) => a.at - b.at);
    best = { start, end: at, entries };
  }

  function addCountry(l: ResolvedLogin, country: string, index: number): void {
    counts.physical++;
    let stat = countries.get(country);
    if (!stat) {
      stat = { country, logins: 0, firstAt: l.at, lastAt: l.at, ips: [], indexes: [], cities: [] };
      countries.set(country, stat);
    }
    tally(stat, l, index, MAX_SAMPLE_IPS);

    const seen = latest.get(country);
    if (seen) {
      seen.at = l.at;
      seen.index = index;
      seen.ip = l.ip;
      seen.city = l.city;
    } else latest.set(country, { at: l.at, index, ip: l.ip, city: l.city });
    // The number of countries in the window only grows when the country changes.
    if (country !== lastCountry) checkCountryWindow(l.at);
    lastCountry = country;
  }

  function addTravel(l: ResolvedLogin, index: number): void {
    const p = prev;
    prev = l;
    const pIndex = prevIndex;
    prevIndex = index;
    if (!p || p.lat === undefined || p.lon === undefined || l.lat === undefined || l.lon === undefined)
      return;
    if (p.ip !== undefined && p.ip === l.ip) return;
    const km = haversineKm(p.lat, p.lon, l.lat, l.lon);
    const marginKm = p.accuracyKm + l.accuracyKm;
    const effective = km - marginKm;
    if (effective < policy.minTravelKm) return;
    const hours = Math.max(Math.abs(l.at - p.at), MIN_TRAVEL_MS) / HOUR_MS;
    const kmh = effective / hours;
    if (kmh <= policy.maxTravelKmh) return;
    pairTotal++;
    const pair: TravelPair = {
      from: travelEnd(p, pIndex),
      to: travelEnd(l, index),
      km,
      marginKm,
      hours: Math.abs(l.at - p.at) / HOUR_MS,
      kmh,
    };
    if (pairs.length < MAX_PAIRS) {
      pairs.push(pair);
      return;
    }
    let slowest = 0;
    for (let i = 1; i < pairs.length; i++) if (pairs[i]!.kmh < pairs[slowest]!.kmh) slowest = i;
    if (pairs[slowest]!.kmh < kmh) pairs[slowest] = pair;
  }

  function addAnonymized(l: ResolvedLogin, index: number): void {
    anonymizedLogins++;
    pushCapped(anonymizedIndexes, index, MAX_INDEXES);
    const key = `${l.kind}|${l.provider ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { kind: l.kind, logins: 0, ips: [], firstAt: l.at, lastAt: l.at };
      if (l.provider !== undefined) group.provider = l.provider;
      groups.set(key, group);
    }
    group.logins++;
    if (l.at < group.firstAt) group.firstAt = l.at;
    if (l.at > group.lastAt) group.lastAt = l.at;
    addDistinct(group.ips, l.ip, MAX_SAMPLE_IPS);
    if (l.ip === undefined) return;
    const net = networks.get(l.ip);
    if (net) {
      net.logins++;
      if (l.at < net.firstAt) net.firstAt = l.at;
      if (l.at > net.lastAt) net.lastAt = l.at;
    } else if (networks.size < MAX_NETWORKS) {
      const entry: AnonymizerNetwork = { ip: l.ip, kind: l.kind, logins: 1, firstAt: l.at, lastAt: l.at };
      if (l.provider !== undefined) entry.provider = l.provider;
      networks.set(l.ip, entry);
    }
  }

  function addHighRisk(l: ResolvedLogin, country: string, index: number): void {
    let stat = highRisk.get(country);
    if (!stat) {
      stat = { country, logins: 0, ips: [], cities: [], firstAt: l.at, lastAt: l.at, indexes: [], kinds: {} };
      highRisk.set(country, stat);
    }
    tally(stat, l, index, MAX_RISK_IPS);
    stat.kinds[l.kind] = (stat.kinds[l.kind] ?? 0) + 1;
  }

  function addSession(l: ResolvedLogin, index: number): void {
    if (l.sessionMinutes !== undefined) {
      counts.sessionData++;
      const ms = l.sessionMinutes * 60_000;
      if (ms >= minHoursMs) {
        const span: SessionSpan = {
          start: l.at,
          end: l.at + ms,
          hours: ms / HOUR_MS,
          indexes: [index],
          basis: 'sessionMinutes',
        };
        if (l.sessionId !== undefined) span.sessionId = l.sessionId;
        if (l.ip !== undefined) span.ip = l.ip;
        keepLongest(longByLength, span);
      }
    } else if (l.sessionId !== undefined) counts.sessionData++;
    if (l.sessionId === undefined) return;
    let s = sessions.get(l.sessionId);
    // A session id seen again proves the session lived that long, unless it was silent for longer than any
    // identity provider keeps a session (then it is treated as a new one, as a sweep would have).
    if (s && l.at - s.end >= SESSION_IDLE_EVICT_MS) {
      forget(l.sessionId, s);
      s = undefined;
    }
    if (s) {
      if (l.at < s.start) {
        s.start = l.at;
        s.startIndex = index;
      }
      if (l.at > s.end) {
        s.end = l.at;
        s.endIndex = index;
        // Most recently seen last: eviction takes the sessions seen longest ago.
        sessions.delete(l.sessionId);
        sessions.set(l.sessionId, s);
      }
      return;
    }
    if (sessions.size >= MAX_SESSIONS || latestAt - lastSweepAt >= SESSION_SWEEP_MS) evictSessions();
    const state: SessionState = { start: l.at, end: l.at, startIndex: index, endIndex: index };
    if (l.ip !== undefined) state.ip = l.ip;
    sessions.set(l.sessionId, state);
  }

  // Keeps the session map bounded: sessions not seen for 30 days are forgotten (swept once per day of log
  // time), then, past the cap, the ones seen longest ago (a forgotten session that already lasted long
  // enough is kept among the long ones). Memory follows the sessions of the last month, not the log's length.
  function forget(id: string, s: SessionState): void {
    if (s.end - s.start >= minHoursMs) keepLongest(longByLength, sessionSpan(id, s));
    sessions.delete(id);
  }

  function evictSessions(): void {
    lastSweepAt = latestAt;
    for (const [id, s] of sessions) if (s.end < latestAt - SESSION_IDLE_EVICT_MS) forget(id, s);
    for (const [id, s] of sessions) {
      if (sessions.size < MAX_SESSIONS / 2) break;
      forget(id, s);
    }
  }

  function addLatency(ms: number, index: number): void {
    counts.latencySamples++;
    const key = Math.round(ms);
    latency.set(key, (latency.get(key) ?? 0) + 1);
    if (maxLatency === undefined || ms > maxLatency) maxLatency = ms;
    if (ms > policy.inputLatencyMaxMs) pushCapped(slowIndexes, index, MAX_INDEXES);
  }

  function add(l: ResolvedLogin, index: number): void {
    counts.logins++;
    if (l.at > latestAt) latestAt = l.at;
    if (l.sessionMinutes !== undefined || l.sessionId !== undefined) addSession(l, index);
    if (l.inputLatencyMs !== undefined) addLatency(l.inputLatencyMs, index);
    if (!l.success) return;
    counts.successful++;
    if (l.ip !== undefined) counts.withIp++;
    if (l.kindKnown) counts.kindKnown++;
    if (l.allowListed !== undefined) {
      // The organisation's own networks never count against anyone.
      counts.allowListed++;
      if (l.lat !== undefined) skippedAllowListed++;
      return;
    }
    const country = l.country;
    if (country !== undefined) {
      counts.located++;
      if (policy.highRiskCountries[country]) addHighRisk(l, country, index);
      if (!hidesCountry(l)) addCountry(l, country, index);
    }
    if (isAnonymized(l)) addAnonymized(l, index);
    if (l.lat !== undefined && l.lon !== undefined) {
      counts.withCoords++;
      // A VPN, proxy, Tor, hosting or relay hop says nothing about where the person is: that is the
      // anonymizer signal's business, so travel is measured between the real places on either side.
      if (isAnonymized(l)) skippedAnonymized++;
      else addTravel(l, index);
    }
  }

  function finish(): LoginFindings {
    const longSessions = [...longByLength];
    for (const [id, s] of sessions) {
      if (s.end - s.start >= minHoursMs) keepLongest(longSessions, sessionSpan(id, s));
    }
    const findings: LoginFindings = {
      counts: { ...counts },
      countries: [...countries.values()]
        .map((c) => ({ ...c, ips: [...c.ips], indexes: [...c.indexes], cities: [...c.cities] }))
        .sort((a, b) => b.logins - a.logins || a.firstAt - b.firstAt),
      travel: {
        pairs: [...pairs].sort((a, b) => a.to.at - b.to.at),
        total: pairTotal,
        skippedAnonymized,
        skippedAllowListed,
      },
      anonymizer: {
        logins: anonymizedLogins,
        networks: [...networks.values()]
          .map((n) => ({ ...n }))
          .sort((a, b) => b.logins - a.logins || a.firstAt - b.firstAt),
        groups: [...groups.values()]
          .map((g) => ({ ...g, ips: [...g.ips] }))
          .sort((a, b) => b.logins - a.logins || a.firstAt - b.firstAt),
        indexes: [...anonymizedIndexes],
      },
      highRisk: [...highRisk.values()]
        .map((h) => ({
          ...h,
          ips: [...h.ips],
          cities: [...h.cities],
          indexes: [...h.indexes],
          kinds: { ...h.kinds },
        }))
        .sort((a, b) => a.firstAt - b.firstAt),
      longSessions: dedupeSessions(longSessions),
      latency: { samples: counts.latencySamples, slowIndexes: [...slowIndexes] },
    };
    if (claimed !== undefined) findings.claimedCountry = claimed;
    if (best) findings.multiCountry = { ...best, entries: best.entries.map((e) => ({ ...e })) };
    const median = medianOf(latency, counts.latencySamples);
    if (median !== undefined) findings.latency.medianMs = median;
    if (maxLatency !== undefined) findings.latency.maxMs = maxLatency;
    return findings;
  }

  function retained() {
    return {
      countries: countries.size,
      networks: networks.size + groups.size,
      sessions: sessions.size + longByLength.length,
      latencyValues: latency.size,
      pairs: pairs.length,
    };
  }

  return { add, finish, retained };
}

function sessionSpan(id: string, s: SessionState): SessionSpan {
  const span: SessionSpan = {
    sessionId: id,
    start: s.start,
    end: s.end,
    hours: (s.end - s.start) / HOUR_MS,
    indexes: s.startIndex === s.endIndex ? [s.startIndex] : [s.startIndex, s.endIndex],
    basis: 'sessionId',
  };
  if (s.ip !== undefined) span.ip = s.ip;
  return span;
}

function keepLongest(list: SessionSpan[], span: SessionSpan): void {
  if (list.length < MAX_LONG_SESSIONS * 2) {
    list.push(span);
    return;
  }
  let shortest = 0;
  for (let i = 1; i < list.length; i++) if (list[i]!.hours < list[shortest]!.hours) shortest = i;
  if (list[shortest]!.hours < span.hours) list[shortest] = span;
}

/** One entry per session id (the longest), longest first, at most 10. */
function dedupeSessions(spans: SessionSpan[]): SessionSpan[] {
  const byId = new Map<string, SessionSpan>();
  const anonymous: SessionSpan[] = [];
  for (const s of spans) {
    if (s.sessionId === undefined) {
      anonymous.push(s);
      continue;
    }
    const seen = byId.get(s.sessionId);
    if (!seen || seen.hours < s.hours) byId.set(s.sessionId, s);
  }
  return [...byId.values(), ...anonymous]
    .sort((a, b) => b.hours - a.hours || a.start - b.start)
    .slice(0, MAX_LONG_SESSIONS)
    .map((s) => ({ ...s, indexes: [...s.indexes] }));
}

function medianOf(histogram: Map<number, number>, n: number): number | undefined {
  if (n === 0) return undefined;
  const keys = [...histogram.keys()].sort((a, b) => a - b);
  const lowRank = Math.floor((n - 1) / 2);
  const highRank = Math.floor(n / 2);
  let seen = 0;
  let low: number | undefined;
  for (const k of keys) {
    seen += histogram.get(k) ?? 0;
    if (low === undefined && seen > lowRank) low = k;
    if (seen > highRank) return ((low ?? k) + k) / 2;
  }
  return low;
}
