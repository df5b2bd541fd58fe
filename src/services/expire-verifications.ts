// Expiry: sessions past expiresAt that were not finished become `expired` (session and bundle item, audited
// `verification.expired`, re-assessed; liveness.declined reads it), and stored traces past their retention
// are deleted (audited `verification.trace-deleted`). The server runs it at start and every hour; reading a
// session (the link, the list) expires it too. Safe to run from several processes.
// Keyframes are kept as long as their session's trace (an unfinished session's for the retention period from
// their upload) and deleted with it (audited `verification.keyframes-deleted`). So is the live face summary
// on the bundle item (`verifications[i].faceEmbedding`, biometric data): removed in the same transaction.
import type { Transaction } from 'kysely';
import { appendAudit } from '../adapters/db/audit.ts';
import { findSubject, updateSubjectBundle } from '../adapters/db/repositories/subjects.repository.ts';
import {
  listSessionsWithExpiredKeyframes,
  listVerificationKeyframes,
  markKeyframesDeleted,
} from '../adapters/db/repositories/verification-keyframes.repository.ts';
import {
  findVerificationSession,
  listExpiredVerificationTraces,
  listOverdueVerifications,
  updateVerificationSession,
} from '../adapters/db/repositories/verification-sessions.repository.ts';
import type { DB } from '../adapters/db/tables.ts';
import type { CaseBundle } from '../core/bundle/schema.ts';
import { type AppContext, inTransaction, SYSTEM_ACTOR, toAuditActor } from './context.ts';
import { documentStore } from './internal/documents.ts';
import { type PeriodicTask, startPeriodic } from './internal/periodic.ts';
import { expireVerification, lockVerification } from './internal/verifications.ts';

const BATCH = 100;
export const VERIFICATION_EXPIRY_INTERVAL_MS = 60 * 60 * 1000;

export type ExpireResult = {
  expired: string[];
  tracesDeleted: string[];
  /** Sessions whose keyframes were deleted. */
  keyframesDeleted: string[];
  failed: { sessionId: string; error: string }[];
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function expireVerifications(app: AppContext): Promise<ExpireResult> {
  const result: ExpireResult = { expired: [], tracesDeleted: [], keyframesDeleted: [], failed: [] };
  const tried = new Set<string>();
  for (;;) {
    const now = app.clock.now().toISOString();
    const batch = (await listOverdueVerifications(app.database.db, now, BATCH)).filter(
      (s) => !tried.has(s.id),
    );
    if (batch.length === 0) break;
    for (const s of batch) {
      tried.add(s.id);
      try {
        if (await expireVerification(app, s.id)) result.expired.push(s.id);
      } catch (error) {
        result.failed.push({ sessionId: s.id, error: message(error) });
      }
    }
  }
  const store = documentStore(app);
  const now = app.clock.now().toISOString();
  for (const s of await listExpiredVerificationTraces(app.database.db, now, 10 * BATCH)) {
    try {
      const deleted = await inTransaction(app, async (trx) => {
        await lockVerification(trx, s.id);
        const current = await findVerificationSession(trx, s.id);
        if (current?.traceKey == null) return false;
        await store.delete(current.traceKey);
        await updateVerificationSession(trx, s.id, { traceKey: null });
        if ((await deleteKeyframes(app, trx, s.id, s.subjectId)) > 0) result.keyframesDeleted.push(s.id);
        const faceEmbeddingDeleted = await deleteLiveFace(app, trx, s.subjectId, s.id);
        await appendAudit(trx, {
          at: app.clock.now().toISOString(),
          actor: toAuditActor(SYSTEM_ACTOR),
          action: 'verification.trace-deleted',
          targetType: 'subject',
          targetId: s.subjectId,
          data: { sessionId: s.id, reason: 'retention', retainUntil: s.retainUntil, faceEmbeddingDeleted },
        });
        return true;
      });
      if (deleted) result.tracesDeleted.push(s.id);
    } catch (error) {
      result.failed.push({ sessionId: s.id, error: message(error) });
    }
  }
  for (const sessionId of await listSessionsWithExpiredKeyframes(app.database.db, now, 10 * BATCH)) {
    try {
      const deleted = await inTransaction(app, async (trx) => {
        await lockVerification(trx, sessionId);
        const session = await findVerificationSession(trx, sessionId);
        return session === null ? 0 : deleteKeyframes(app, trx, sessionId, session.subjectId, now);
      });
      if (deleted > 0 && !result.keyframesDeleted.includes(sessionId))
        result.keyframesDeleted.push(sessionId);
    } catch (error) {
      result.failed.push({ sessionId, error: message(error) });
    }
  }
  return result;
}

/** Removes the session's live face embedding from the subject's bundle item; whether there was one. */
async function deleteLiveFace(
  app: AppContext,
  trx: Transaction<DB>,
  subjectId: string,
  sessionId: string,
): Promise<boolean> {
  const subject = await findSubject(trx, subjectId);
  const items = (subject?.bundle.verifications ?? []) as Record<string, unknown>[];
  if (!subject || !items.some((v) => v.sessionId === sessionId && 'faceEmbedding' in v)) return false;
  const verifications = items.map((v) => {
    if (v.sessionId !== sessionId || !('faceEmbedding' in v)) return v;
    const { faceEmbedding: _removed, ...rest } = v;
    return rest;
  });
  await updateSubjectBundle(
    trx,
    { ...subject.bundle, verifications } as CaseBundle,
    app.clock.now().toISOString(),
  );
  return true;
}

/**
 * Deletes the session's stored keyframes (only those past `dueBy` when given: otherwise all, with the trace),
 * in the caller's transaction; audited. Returns how many.
 */
async function deleteKeyframes(
  app: AppContext,
  trx: Transaction<DB>,
  sessionId: string,
  subjectId: string,
  dueBy?: string,
): Promise<number> {
  const keyframes = (await listVerificationKeyframes(trx, sessionId)).filter(
    (k) => dueBy === undefined || k.retainUntil <= dueBy,
  );
  if (keyframes.length === 0) return 0;
  const store = documentStore(app);
  for (const k of keyframes) if (k.storageKey !== null) await store.delete(k.storageKey);
  const at = app.clock.now().toISOString();
  await markKeyframesDeleted(
    trx,
    keyframes.map((k) => k.id),
    at,
  );
  await appendAudit(trx, {
    at,
    actor: toAuditActor(SYSTEM_ACTOR),
    action: 'verification.keyframes-deleted',
    targetType: 'subject',
    targetId: subjectId,
    data: { sessionId, reason: 'retention', count: keyframes.length, indexes: keyframes.map((k) => k.index) },
  });
  return keyframes.length;
}

export type ExpiryTimer = PeriodicTask;

/** Runs the expiry now and every hour in the background (the timer does not keep the process alive). */
export function startVerificationExpiry(
  app: AppContext,
  options: {
    intervalMs?: number;
    onError?: (error: unknown) => void;
    onChanged?: (result: ExpireResult) => void;
  } = {},
): ExpiryTimer {
  return startPeriodic(
    async () => {
      const result = await expireVerifications(app);
      if (
        result.expired.length > 0 ||
        result.tracesDeleted.length > 0 ||
        result.keyframesDeleted.length > 0 ||
        result.failed.length > 0
      )
        options.onChanged?.(result);
    },
    options.intervalMs ?? VERIFICATION_EXPIRY_INTERVAL_MS,
    options.onError,
  );
}
