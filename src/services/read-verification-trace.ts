// A completed session over time for a reviewer: the stored trace (gzip, encrypted) decrypted, checked again
// with core's trace schema and reduced by core's `traceSeries` to head yaw/pitch, face score and hand count
// per moment, with the step windows. Every read is audited (`verification.trace-viewed`).
import { gunzipSync } from 'node:zlib';
import { appendAudit } from '../adapters/db/audit.ts';
import { findVerificationSession } from '../adapters/db/repositories/verification-sessions.repository.ts';
import { EncryptedFileError } from '../adapters/storage/encrypted-file-store.ts';
import { DomainError, isDomainError } from '../core/errors.ts';
import { parseLivenessTrace } from '../core/liveness/trace-schema.ts';
import { DEFAULT_SERIES_POINTS, type TraceSeries, traceSeries } from '../core/liveness/trace-series.ts';
import type { LivenessTrace } from '../core/liveness/types.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { documentStore } from './internal/documents.ts';
import { recordAccess } from './internal/privacy.ts';

export const MAX_SERIES_POINTS = 2000;

export async function readVerificationTrace(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  sessionId: string,
  maxPoints: number = DEFAULT_SERIES_POINTS,
): Promise<TraceSeries> {
  authorize(actor, 'subjects:read');
  if (!Number.isInteger(maxPoints) || maxPoints < 2 || maxPoints > MAX_SERIES_POINTS)
    throw new DomainError('validation', `points must be a whole number from 2 to ${MAX_SERIES_POINTS}`, [
      { path: 'points', message: `expected 2..${MAX_SERIES_POINTS}, got ${maxPoints}` },
    ]);
  const session = await findVerificationSession(app.database.db, sessionId);
  // Another subject's session is not found here, like any other resource of another subject.
  if (session === null || session.subjectId !== subjectId) throw notFound('Verification session', sessionId);
  if (session.traceKey === null)
    throw new DomainError(
      'not_found',
      session.status === 'completed'
        ? `The trace of session ${sessionId} was deleted when its retention period ended (${session.retainUntil?.slice(0, 10) ?? 'date unknown'}); the verdict remains in the subject's record`
        : `Session ${sessionId} has no trace: the candidate has not finished it (status ${session.status})`,
    );
  let stored: Uint8Array;
  try {
    stored = await documentStore(app).get(session.traceKey);
  } catch (error) {
    if (error instanceof EncryptedFileError)
      throw new DomainError('conflict', `The trace of session ${sessionId} cannot be read: ${error.message}`);
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(gunzipSync(stored).toString('utf8'));
  } catch {
    throw new DomainError('conflict', `The stored trace of session ${sessionId} is damaged (not gzip JSON)`);
  }
  let trace: LivenessTrace;
  try {
    trace = parseLivenessTrace(body);
  } catch (error) {
    // Checked when it was stored: failing now means the stored file no longer fits this version's schema.
    if (!isDomainError(error)) throw error;
    throw new DomainError(
      'conflict',
      `The stored trace of session ${sessionId} does not fit the current trace format: ${error.message}`,
      error.problems,
    );
  }
  const series = traceSeries(trace, maxPoints);
  await inTransaction(app, async (trx) => {
    await appendAudit(trx, {
      at: app.clock.now().toISOString(),
      actor: toAuditActor(actor),
      action: 'verification.trace-viewed',
      targetType: 'subject',
      targetId: subjectId,
      data: { sessionId, frames: series.frames, points: series.points.length },
    });
  });
  await recordAccess(app, actor, subjectId, 'verification.trace-viewed', sessionId);
  return series;
}
