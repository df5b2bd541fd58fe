// One keyframe of a verification session for a reviewer (the picture next to the verdict that quotes it):
// the stored JPEG decrypted. Another subject's session, an unknown index or a keyframe deleted by retention
// is a 404. Every view is audited (`verification.keyframe-viewed`).
import { appendAudit } from '../adapters/db/audit.ts';
import { findVerificationKeyframe } from '../adapters/db/repositories/verification-keyframes.repository.ts';
import { findVerificationSession } from '../adapters/db/repositories/verification-sessions.repository.ts';
import { EncryptedFileError } from '../adapters/storage/encrypted-file-store.ts';
import { DomainError } from '../core/errors.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import { documentStore } from './internal/documents.ts';
import { recordAccess } from './internal/privacy.ts';

export type KeyframeImage = { bytes: Uint8Array; mediaType: 'image/jpeg'; t: number; stepId: string | null };

export async function readVerificationKeyframe(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  sessionId: string,
  index: number,
): Promise<KeyframeImage> {
  authorize(actor, 'subjects:read');
  const db = app.database.db;
  const session = await findVerificationSession(db, sessionId);
  if (session === null || session.subjectId !== subjectId) throw notFound('Verification session', sessionId);
  const keyframe =
    Number.isInteger(index) && index >= 0 ? await findVerificationKeyframe(db, sessionId, index) : null;
  if (keyframe === null) throw new DomainError('not_found', `Session ${sessionId} has no keyframe ${index}`);
  if (keyframe.storageKey === null)
    throw new DomainError(
      'not_found',
      `Keyframe ${index} of session ${sessionId} was deleted when its retention period ended (${keyframe.deletedAt?.slice(0, 10) ?? 'date unknown'})`,
    );
  let bytes: Uint8Array;
  try {
    bytes = await documentStore(app).get(keyframe.storageKey);
  } catch (error) {
    if (error instanceof EncryptedFileError)
      throw new DomainError(
        'conflict',
        `Keyframe ${index} of session ${sessionId} cannot be read: ${error.message}`,
      );
    throw error;
  }
  await inTransaction(app, async (trx) => {
    await appendAudit(trx, {
      at: app.clock.now().toISOString(),
      actor: toAuditActor(actor),
      action: 'verification.keyframe-viewed',
      targetType: 'subject',
      targetId: subjectId,
      data: { sessionId, index, t: keyframe.t, stepId: keyframe.stepId },
    });
  });
  await recordAccess(app, actor, subjectId, 'verification.keyframe-viewed', keyframe.id);
  return { bytes, mediaType: 'image/jpeg', t: keyframe.t, stepId: keyframe.stepId };
}
