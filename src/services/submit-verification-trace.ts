// The candidate's browser returns the trace (per-frame features, no video). It is validated (core's bounded
// zod schema), compressed and encrypted into the file store (kept GATECHECK_DOCUMENT_RETENTION_DAYS), and the
// session ends: the link stops working. The verdict is the server's own: core's `analyzeTrace` recomputes the
// LivenessResult from the stored plan and the trace (a wrong session, nonce, timing or order is an integrity
// problem in the result, not a refusal; the live face is matched against the latest identity document's
// `faceEmbedding` when one is on file), written to the bundle item (status `completed`, at, result, ip).
// Audited `verification.completed` with a summary, re-assessed.
// Keyframes the browser uploaded during the challenge are spot-checked first (outside the transaction): the
// server's own face models (src/intel/faces, loaded on first use, one instance per process) read each one and
// core's `checkKeyframes` compares it with the trace frame nearest its moment (result.keyframes; a
// disagreement is the integrity problem `keyframe_mismatch`). They are then kept as long as the trace.
// The session's live face, summarised as one embedding (the median of the clean frontal ones), is written to
// the bundle item as `faceEmbedding` for links.reused-photo; it is removed with the trace (expire-verifications).
import { gzipSync } from 'node:zlib';
import type { JsonObject } from '../adapters/db/records.ts';
import { findSubject } from '../adapters/db/repositories/subjects.repository.ts';
import {
  listVerificationKeyframes,
  setKeyframesRetainUntil,
  type VerificationKeyframeRecord,
} from '../adapters/db/repositories/verification-keyframes.repository.ts';
import { updateVerificationSession } from '../adapters/db/repositories/verification-sessions.repository.ts';
import { EncryptedFileError } from '../adapters/storage/encrypted-file-store.ts';
import { DomainError } from '../core/errors.ts';
import { analyzeTrace, liveFaceEmbedding } from '../core/liveness/analyze-trace.ts';
import type { KeyframeObservation } from '../core/liveness/keyframes.ts';
import { keyframesOfAttempt, submissionTimingProblems } from '../core/liveness/submission-timing.ts';
import { parseLivenessTrace } from '../core/liveness/trace-schema.ts';
import type { ChallengePlan } from '../core/liveness/types.ts';
import { type AppContext, inTransaction } from './context.ts';
import { documentStore } from './internal/documents.ts';
import { loadRetentionPolicy } from './internal/privacy.ts';
import {
  type CandidateRequest,
  candidateActor,
  idPhotoEmbedding,
  itemIp,
  reloadLiveSession,
  resolveCandidateSession,
  traceStorageKey,
  writeVerificationItem,
} from './internal/verifications.ts';

const DAY_MS = 86_400_000;

/** Reads each stored keyframe with the Node face models (the largest face: pose, box, embedding). */
export async function observeKeyframes(
  app: AppContext,
  keyframes: readonly VerificationKeyframeRecord[],
): Promise<KeyframeObservation[]> {
  if (keyframes.length === 0) return [];
  // Loaded on first use: processes that never check a keyframe do not load the face models.
  const { readLargestFace } = await import('../intel/faces/largest-face.ts');
  const store = documentStore(app);
  const out: KeyframeObservation[] = [];
  for (const k of keyframes) {
    const base = { index: k.index, t: k.t, stepId: k.stepId };
    if (k.storageKey === null) continue;
    try {
      const bytes = await store.get(k.storageKey);
      const { face } = await readLargestFace(bytes, { maxFaces: 2, maxPixels: 1280 * 1280 });
      out.push({ ...base, face: face ? { yaw: face.yaw, box: face.box, embedding: face.embedding } : null });
    } catch (error) {
      if (!(error instanceof DomainError || error instanceof EncryptedFileError)) throw error;
      out.push({ ...base, face: null, unreadable: error.message });
    }
  }
  return out;
}

export type SubmittedTrace = {
  sessionId: string;
  status: 'completed';
  at: string;
  /** Stored trace size, compressed and before encryption. */
  storedBytes: number;
};

export async function submitVerificationTrace(
  app: AppContext,
  request: CandidateRequest,
  body: unknown,
): Promise<SubmittedTrace> {
  const first = await resolveCandidateSession(app, request.token);
  if (first.plan === null)
    throw new DomainError('invalid_transition', 'Start the challenge first: no challenge was issued yet.');
  // Well-formed is all that is refused here; a wrong session, nonce, order or timing is recorded by the
  // analysis as an integrity problem (evidence for the investigator), not hidden by a refusal.
  const trace = parseLivenessTrace(body);
  const stored = await listVerificationKeyframes(app.database.db, first.id);
  const keyframes = await observeKeyframes(app, keyframesOfAttempt(stored, first, trace, app.clock.now()));
  const compressed = gzipSync(Buffer.from(JSON.stringify(trace)));
  const key = traceStorageKey(first.id, app.ids.newId());
  const store = documentStore(app);
  await store.put(key, compressed);
  try {
    return await inTransaction(app, async (trx) => {
      const session = await reloadLiveSession(app, trx, first.id);
      if (session.plan === null)
        throw new DomainError(
          'invalid_transition',
          'Start the challenge first: no challenge was issued yet.',
        );
      const now = app.clock.now();
      const at = now.toISOString();
      const plan = session.plan as unknown as ChallengePlan;
      const subject = await findSubject(trx, session.subjectId);
      const idEmbedding = subject ? idPhotoEmbedding(subject.bundle) : undefined;
      const result = analyzeTrace(plan, trace, { ...(idEmbedding ? { idEmbedding } : {}), keyframes });
      const liveFace = liveFaceEmbedding(plan, trace);
      // Arrival after the link's expiry (within the grace) or at odd times: integrity problems, not a refusal.
      const timing = submissionTimingProblems(session, trace, now);
      if (timing.length > 0)
        result.integrity = { ok: false, problems: [...result.integrity.problems, ...timing] };
      const status = 'completed' as const;
      // Face data: the biometric retention (Settings → Privacy), counted from the verification.
      const days = (await loadRetentionPolicy(trx, app.config)).biometrics;
      const retainUntil = new Date(now.getTime() + days * DAY_MS).toISOString();
      await updateVerificationSession(trx, session.id, {
        status,
        traceKey: key,
        traceBytes: compressed.length,
        finishedAt: at,
        ip: request.ip,
        retainUntil,
      });
      await setKeyframesRetainUntil(trx, session.id, retainUntil);
      await writeVerificationItem(
        app,
        trx,
        session,
        candidateActor(session),
        {
          status,
          at,
          ...itemIp(request),
          result: result as unknown as JsonObject,
          ...(liveFace ? { faceEmbedding: liveFace } : {}),
        },
        {
          action: `verification.${status}`,
          data: {
            frames: trace.frames.length,
            durationMs: trace.durationMs,
            storedBytes: compressed.length,
            integrityOk: result.integrity.ok,
            integrityProblems: result.integrity.problems.map((p) => p.code),
            challengesPassed: result.challenges.filter((c) => c.passed).length,
            challenges: result.challenges.length,
            virtualCamera: result.virtualCamera.flagged,
            findings: result.findings.map((f) => `${f.kind}:${f.code}`),
            keyframes: result.keyframes.length,
            keyframesDisagreeing: result.keyframes.filter((k) => !k.agrees).map((k) => k.index),
          },
        },
      );
      return { sessionId: session.id, status, at, storedBytes: compressed.length };
    });
  } catch (error) {
    await store.delete(key);
    throw error;
  }
}

export { idPhotoEmbedding };
