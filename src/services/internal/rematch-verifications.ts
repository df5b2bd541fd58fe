// The live face is matched with the ID photo when the trace arrives; the photo's face is read by a job that
// may finish later (the candidate sends the photo, then does the challenge while it is being read). So when
// an identity document's face is read, the subject's completed sessions whose trace is still stored are
// matched again with the latest ID photo (core's analyzeTrace on the stored trace; only `faceMatch` changes)
// and the subject re-assessed. Audited `verification.face-matched` when the match changed.
import { gunzipSync } from 'node:zlib';
import type { JsonObject } from '../../adapters/db/records.ts';
import { findSubject } from '../../adapters/db/repositories/subjects.repository.ts';
import {
  findVerificationSession,
  listSubjectVerifications,
} from '../../adapters/db/repositories/verification-sessions.repository.ts';
import { analyzeTrace } from '../../core/liveness/analyze-trace.ts';
import { parseLivenessTrace } from '../../core/liveness/trace-schema.ts';
import type { ChallengePlan } from '../../core/liveness/types.ts';
import { type AppContext, inTransaction, SYSTEM_ACTOR, toAuditActor } from '../context.ts';
import { documentStore } from './documents.ts';
import { idPhotoEmbedding, lockVerification, writeVerificationItem } from './verifications.ts';

/** Returns the ids of the sessions whose face match changed. */
export async function rematchVerifications(app: AppContext, subjectId: string): Promise<string[]> {
  const db = app.database.db;
  const sessions = (await listSubjectVerifications(db, subjectId)).filter(
    (s) => s.status === 'completed' && s.traceKey !== null && s.plan !== null,
  );
  if (sessions.length === 0) return [];
  const subject = await findSubject(db, subjectId);
  const idEmbedding = subject ? idPhotoEmbedding(subject.bundle) : undefined;
  if (!subject || !idEmbedding) return [];
  const changed: string[] = [];
  for (const s of sessions) {
    const item = (subject.bundle.verifications ?? []).find(
      (v) => (v as Record<string, unknown>).sessionId === s.id,
    ) as Record<string, unknown> | undefined;
    const result = item?.result as Record<string, unknown> | null | undefined;
    if (!result || typeof result !== 'object') continue;
    const trace = parseLivenessTrace(
      JSON.parse(gunzipSync(await documentStore(app).get(s.traceKey as string)).toString('utf8')),
    );
    const faceMatch = analyzeTrace(s.plan as unknown as ChallengePlan, trace, { idEmbedding }).faceMatch;
    if (JSON.stringify(faceMatch) === JSON.stringify(result.faceMatch ?? null)) continue;
    const done = await inTransaction(app, async (trx) => {
      await lockVerification(trx, s.id);
      const session = await findVerificationSession(trx, s.id);
      if (session === null || session.traceKey === null) return false;
      await writeVerificationItem(
        app,
        trx,
        session,
        toAuditActor(SYSTEM_ACTOR),
        { result: { ...result, faceMatch } as unknown as JsonObject },
        {
          action: 'verification.face-matched',
          data: {
            reason: 'identity document photo read',
            matched: faceMatch?.matched ?? null,
            similarity: faceMatch?.similarity ?? null,
            before: (result.faceMatch as { similarity?: number } | null | undefined)?.similarity ?? null,
          },
        },
      );
      return true;
    });
    if (done) changed.push(s.id);
  }
  return changed;
}
