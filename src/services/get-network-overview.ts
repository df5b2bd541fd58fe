// The organisation view of sign-ins: addresses that several subjects sign in from, then the subjects whose
// latest assessment carries a network signal or the IP part of consistency.location.
//
// Shared egress follows the detector's rules exactly (network.shared-egress, through its own
// listSharedEgress over the same kind of population the assessments see: stored bundles with their stored
// events). What the detector ignores is not listed: allow-listed addresses, private and carrier-grade-NAT
// space, mobile carriers, Apple Private Relay, Tor, VPN exits and proxies, failed sign-ins, addresses more
// than policy.network.sharedEgressMaxSubjects subjects use (busy gateways), and subjects whose uses are
// further apart than policy.network.sharedEgressWindowDays from everyone else's. A subject whose every
// neighbour on the address is a declared household member is flagged `household` (expected, not counted),
// as the detector's `data.ips[].household` says. When the policy turns network.shared-egress off, nothing
// is listed and `sharedEgressDisabled` says why.
//
// To stay light on a big organisation, only candidate addresses are loaded: those two or more subjects'
// stored events came from (one SQL query) and those in bundles' own logins[], narrowed by the detector's
// address rules before any event is read; then every subject's events on the remaining addresses.
import {
  countLoginTotals,
  listLatestAssessmentsWithSignals,
  listMultiSubjectAddresses,
  listRecentLoginsOnAddresses,
  type StoredLogin,
} from '../adapters/db/repositories/login-events.repository.ts';
import { listAllBundles } from '../adapters/db/repositories/subjects.repository.ts';
import type { CaseBundle } from '../core/bundle/schema.ts';
import { listSharedEgress as listSharedEgressByRules } from '../core/detectors/network/shared-egress.ts';
import type { DetailedAssessment, DetectorContext, Policy } from '../core/types.ts';
import { type Actor, type AppContext, authorize } from './context.ts';
import { loadPolicy } from './internal/assessing.ts';
import {
  createIpCache,
  LOGIN_WINDOW_DAYS,
  LOGINS_PER_SUBJECT,
  readyIpLookup,
  withStoredEvents,
} from './internal/stored-logins.ts';

export const MAX_SHARED_EGRESS = 200;
export const MAX_ANOMALIES = 500;
/** Addresses several subjects' stored events came from that the overview considers (most subjects first). */
export const MAX_CANDIDATE_ADDRESSES = 20_000;
const ANOMALY_PREFIXES = ['network.', 'consistency.location'] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export type SharedEgress = {
  ip: string;
  country: string | null;
  city: string | null;
  kind: string | null;
  provider: string | null;
  org: string | null;
  /** Successful sign-ins on the address by the listed subjects (what the detector counts). */
  events: number;
  firstAt: string;
  lastAt: string;
  subjects: { id: string; name: string | null; household: boolean }[];
};

export type NetworkAnomaly = {
  subjectId: string;
  name: string | null;
  band: string;
  score: number;
  signals: { id: string; severity: string; explanation: string }[];
};

export type NetworkOverview = {
  sharedEgress: SharedEgress[];
  /** The policy turns network.shared-egress off: no address is listed as shared. */
  sharedEgressDisabled: boolean;
  anomalies: NetworkAnomaly[];
  counts: { events: number; subjects: number; unmatchedAccounts: number };
};

function isAnomalySignal(id: string): boolean {
  return id.startsWith('network.') || id === 'consistency.location';
}

/** Subjects that declare each other as household (either side is enough), as the detector reads it. */
function householdPairs(bundles: Iterable<CaseBundle>): (a: string, b: string) => boolean {
  const linked = new Set<string>();
  for (const bundle of bundles) {
    const id = bundle.subject.id;
    for (const member of bundle.subject.household ?? []) {
      if (!member.subjectId) continue;
      linked.add(`${id}\u0000${member.subjectId}`);
      linked.add(`${member.subjectId}\u0000${id}`);
    }
  }
  return (a, b) => linked.has(`${a}\u0000${b}`);
}

/**
 * The candidates the detector's address rules keep (not allow-listed, not private/CGNAT space, not a kind
 * strangers share), asked of the detector itself: two stand-in subjects that each signed in once from
 * every candidate, so only the address verdict decides.
 */
function addressesTheRulesKeep(candidates: readonly string[], ctx: Omit<DetectorContext, 'population'>) {
  if (candidates.length === 0) return [];
  const at = ctx.now.toISOString();
  const logins = candidates.map((ip) => ({ at, ip, outcome: 'success' }));
  const probe = (id: string): CaseBundle => ({
    format: 'gatecheck.case-bundle/v1',
    subject: { id, kind: 'candidate' },
    logins,
  });
  const population = [probe('\u0000probe-a'), probe('\u0000probe-b')];
  return listSharedEgressByRules(population, { ...ctx, population }).map((s) => s.ip);
}

async function sharedEgressOverview(app: AppContext, policy: Policy): Promise<SharedEgress[]> {
  const db = app.database.db;
  const now = app.clock.now();
  const since = new Date(now.getTime() - LOGIN_WINDOW_DAYS * DAY_MS).toISOString();
  const [bundles, fromEvents, lookup] = await Promise.all([
    listAllBundles(db),
    listMultiSubjectAddresses(db, { since, limit: MAX_CANDIDATE_ADDRESSES }),
    readyIpLookup(app),
  ]);
  const base = { now, policy, intel: app.intel };
  const candidates = new Set(fromEvents);
  for (const b of bundles) for (const l of b.logins ?? []) if (typeof l.ip === 'string') candidates.add(l.ip);
  const kept = addressesTheRulesKeep([...candidates], base);
  const stored = await listRecentLoginsOnAddresses(db, {
    since,
    ips: kept,
    excludeSubjectIds: [],
    perSubject: LOGINS_PER_SUBJECT,
  });
  // The most recent stored placement of each address, for when no IP intel is loaded.
  const latest = new Map<string, StoredLogin>();
  for (const events of stored.values()) {
    for (const e of events) {
      if (e.ip === null) continue;
      const seen = latest.get(e.ip);
      if (seen === undefined || e.at > seen.at) latest.set(e.ip, e);
    }
  }
  // Each bundle with the stored events on those addresses added to its logins[] (as assessments add them).
  const place = createIpCache(lookup);
  const population = bundles.map((b) => withStoredEvents(b, stored.get(b.subject.id), place));
  const names = new Map(population.map((b) => [b.subject.id, b.subject.name ?? null]));
  const sameHousehold = householdPairs(population);
  const windowMs = policy.network.sharedEgressWindowDays * DAY_MS;

  const out: SharedEgress[] = [];
  for (const address of listSharedEgressByRules(population, { ...base, population })) {
    // The detector only compares uses within the window of each other: a subject none of whose
    // neighbours signed in from here within it is not sharing anything.
    const uses = address.subjects.map((s) => ({
      ...s,
      first: Date.parse(s.firstAt),
      last: Date.parse(s.lastAt),
    }));
    const subjects = uses.flatMap((u) => {
      const near = uses.filter(
        (o) => o.id !== u.id && u.first - windowMs <= o.last && o.first - windowMs <= u.last,
      );
      if (near.length === 0) return [];
      return [{ use: u, household: near.every((o) => sameHousehold(u.id, o.id)) }];
    });
    if (subjects.length < 2) continue;
    const stale = latest.get(address.ip);
    out.push({
      ip: address.ip,
      country: address.country ?? stale?.country ?? null,
      city: address.city ?? stale?.city ?? null,
      kind: address.kind ?? stale?.networkKind ?? null,
      provider: address.provider ?? stale?.provider ?? null,
      org: address.org ?? stale?.org ?? null,
      events: subjects.reduce((n, s) => n + s.use.logins, 0),
      firstAt: new Date(Math.min(...subjects.map((s) => s.use.first))).toISOString(),
      lastAt: new Date(Math.max(...subjects.map((s) => s.use.last))).toISOString(),
      subjects: subjects.map((s) => ({
        id: s.use.id,
        name: names.get(s.use.id) ?? null,
        household: s.household,
      })),
    });
  }
  return out
    .sort((a, b) => b.subjects.length - a.subjects.length || b.events - a.events || (a.ip < b.ip ? -1 : 1))
    .slice(0, MAX_SHARED_EGRESS);
}

export async function getNetworkOverview(app: AppContext, actor: Actor): Promise<NetworkOverview> {
  authorize(actor, 'subjects:read');
  const db = app.database.db;
  const policy = await loadPolicy(db);
  const sharedEgressDisabled = policy.overrides['network.shared-egress']?.disabled === true;
  const [sharedEgress, counts, anomalyRows] = await Promise.all([
    sharedEgressDisabled ? [] : sharedEgressOverview(app, policy),
    countLoginTotals(db),
    listLatestAssessmentsWithSignals(db, ANOMALY_PREFIXES, { limit: MAX_ANOMALIES }),
  ]);
  const anomalies: NetworkAnomaly[] = anomalyRows.flatMap((row) => {
    const assessment = JSON.parse(row.result) as DetailedAssessment;
    const signals = assessment.signals
      .filter((s) => isAnomalySignal(s.id))
      .map((s) => ({ id: s.id, severity: s.severity, explanation: s.explanation }));
    if (signals.length === 0) return [];
    return [{ subjectId: row.subjectId, name: row.name, band: row.band, score: row.score, signals }];
  });
  return { sharedEgress, sharedEgressDisabled, anomalies, counts };
}
