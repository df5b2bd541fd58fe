// Retention inside a case bundle: sign-ins, change events and payments past their period are removed, and the
// face measurements (`faceEmbedding`) read from ID photos once the biometric period has passed since the photo
// and the last verification. Pure: returns a new bundle and what was removed; undated items are kept.
import type { CaseBundle } from '../bundle/schema.ts';
import { isPastRetention, type RetentionPolicy } from './retention.ts';

export type BundlePruneCounts = { signIns: number; changes: number; payments: number; faceData: number };

export type BundlePrune = { bundle: CaseBundle; removed: BundlePruneCounts; changed: boolean };

export function pruneBundle(
  bundle: CaseBundle,
  now: Date,
  policy: RetentionPolicy,
  /** The last time the subject's face was checked (a verification finished), if ever. */
  lastBiometricAt: string | null,
): BundlePrune {
  const removed: BundlePruneCounts = { signIns: 0, changes: 0, payments: 0, faceData: 0 };
  const next: CaseBundle = { ...bundle };
  const keep = <T extends { at?: unknown }>(
    items: T[] | undefined,
    days: number,
    count: keyof BundlePruneCounts,
  ) => {
    if (items === undefined) return undefined;
    const kept = items.filter((item) => !isPastRetention(item.at, now, days));
    removed[count] += items.length - kept.length;
    return kept;
  };
  if (bundle.logins) next.logins = keep(bundle.logins, policy.signIns, 'signIns');
  if (bundle.changes) next.changes = keep(bundle.changes, policy.changes, 'changes');
  if (bundle.payments) next.payments = keep(bundle.payments, policy.changes, 'payments');
  if (bundle.documents?.some((d) => 'faceEmbedding' in d)) {
    next.documents = bundle.documents.map((doc) => {
      if (!('faceEmbedding' in doc)) return doc;
      const receivedAt = typeof doc.receivedAt === 'string' ? doc.receivedAt : null;
      const latest = [receivedAt, lastBiometricAt]
        .filter((x): x is string => x !== null)
        .sort()
        .at(-1);
      if (latest === undefined || !isPastRetention(latest, now, policy.biometrics)) return doc;
      const { faceEmbedding: _dropped, ...rest } = doc;
      removed.faceData += 1;
      return rest;
    });
  }
  const changed = Object.values(removed).some((n) => n > 0);
  return { bundle: changed ? next : bundle, removed, changed };
}
