// The organisation view of sign-ins: addresses that several subjects sign in from (allow-listed ones
// left out; people declared as one household marked so), then the subjects whose latest assessment
// carries a network signal or the IP part of consistency.location.
import {
  countLoginTotals,
  listAddressDetails,
  listLatestAssessmentsWithSignals,
  listSharedEgress,
} from '../adapters/db/repositories/login-events.repository.ts';
import { findSubject } from '../adapters/db/repositories/subjects.repository.ts';
import type { CaseBundle } from '../core/bundle/schema.ts';
import type { DetailedAssessment } from '../core/types.ts';
import { type Actor, type AppContext, authorize } from './context.ts';
import { createIpCache, readyIpLookup } from './internal/logins.ts';

export const MAX_SHARED_EGRESS = 200;
export const MAX_ANOMALIES = 500;
const ANOMALY_PREFIXES = ['network.', 'consistency.location'] as const;

export type SharedEgress = {
  ip: string;
  country: string | null;
  city: string | null;
  kind: string | null;
  provider: string | null;
  org: string | null;
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
  anomalies: NetworkAnomaly[];
  counts: { events: number; subjects: number; unmatchedAccounts: number };
};

function isAnomalySignal(id: string): boolean {
  return id.startsWith('network.') || id === 'consistency.location';
}

/** Subjects that declare each other as household (either side is enough). */
function householdPairs(bundles: ReadonlyMap<string, CaseBundle>): (a: string, b: string) => boolean {
  const linked = new Set<string>();
  for (const [id, bundle] of bundles) {
    for (const member of bundle.subject.household ?? []) {
      if (typeof member.subjectId !== 'string') continue;
      linked.add(`${id}\u0000${member.subjectId}`);
      linked.add(`${member.subjectId}\u0000${id}`);
    }
  }
  return (a, b) => linked.has(`${a}\u0000${b}`);
}

export async function getNetworkOverview(app: AppContext, actor: Actor): Promise<NetworkOverview> {
  authorize(actor, 'subjects:read');
  const db = app.database.db;
  const [shared, counts, anomalyRows] = await Promise.all([
    listSharedEgress(db, { limit: MAX_SHARED_EGRESS }),
    countLoginTotals(db),
    listLatestAssessmentsWithSignals(db, ANOMALY_PREFIXES, { limit: MAX_ANOMALIES }),
  ]);
  // Addresses allow-listed after their events were stored are left out too.
  const place = createIpCache(await readyIpLookup(app));
  const candidates = shared.filter((row) => place(row.ip)?.allowListed === undefined);
  const details = await listAddressDetails(
    db,
    candidates.map((r) => r.ip),
  );
  const subjectIds = new Set<string>();
  for (const d of details.values()) for (const id of d.subjects) subjectIds.add(id);
  const bundles = new Map<string, CaseBundle>();
  const names = new Map<string, string | null>();
  for (const id of subjectIds) {
    const subject = await findSubject(db, id);
    if (!subject) continue;
    bundles.set(id, subject.bundle);
    names.set(id, subject.name);
  }
  const sameHousehold = householdPairs(bundles);
  const sharedEgress: SharedEgress[] = candidates.flatMap((row) => {
    const d = details.get(row.ip);
    if (!d || d.subjects.length < 2) return [];
    const fresh = place(row.ip);
    return [
      {
        ip: row.ip,
        country: d.country ?? fresh?.country ?? null,
        city: d.city ?? fresh?.city ?? null,
        kind: fresh?.kind ?? d.kind,
        provider: fresh ? (fresh.provider ?? null) : d.provider,
        org: d.org ?? fresh?.org ?? null,
        events: row.events,
        firstAt: row.firstAt,
        lastAt: row.lastAt,
        subjects: d.subjects.map((id) => ({
          id,
          name: names.get(id) ?? null,
          household: d.subjects.some((other) => other !== id && sameHousehold(id, other)),
        })),
      },
    ];
  });
  const anomalies: NetworkAnomaly[] = anomalyRows.flatMap((row) => {
    const assessment = JSON.parse(row.result) as DetailedAssessment;
    const signals = assessment.signals
      .filter((s) => isAnomalySignal(s.id))
      .map((s) => ({ id: s.id, severity: s.severity, explanation: s.explanation }));
    if (signals.length === 0) return [];
    return [{ subjectId: row.subjectId, name: row.name, band: row.band, score: row.score, signals }];
  });
  return { sharedEgress, anomalies, counts };
}
