// The candidate's browser sends a few keyframes (JPEG snapshots of the camera) while the challenge runs, each
// with its moment in the trace (`t`, ms since the trace started) and step. The server keeps them encrypted in
// the file store (retention like the trace) and, when the trace arrives, re-analyses them with its own face
// models and checks the trace against them (src/services/submit-verification-trace.ts). Checked before
// storing: only while the challenge runs, at most 12 per attempt (10 minutes) and 48 per session, JPEG read from the content, at most
// 512 KiB and 1280 × 1280 pixels read from the header (nothing decoded). Audited `verification.keyframe-uploaded`.
import { createHash } from 'node:crypto';
import { appendAudit } from '../adapters/db/audit.ts';
import {
  countVerificationKeyframes,
  insertVerificationKeyframe,
  listVerificationKeyframes,
} from '../adapters/db/repositories/verification-keyframes.repository.ts';
import { DomainError } from '../core/errors.ts';
import { SUBMISSION_TIMING } from '../core/liveness/submission-timing.ts';
import type { ChallengePlan } from '../core/liveness/types.ts';
import { measureImage, sniffDocument } from '../intel/documents/sniff.ts';
import { type AppContext, inTransaction } from './context.ts';
import { documentStore } from './internal/documents.ts';
import { loadRetentionPolicy } from './internal/privacy.ts';
import {
  type CandidateRequest,
  candidateActor,
  reloadLiveSession,
  resolveCandidateSession,
} from './internal/verifications.ts';
import { readBounded } from './upload-document.ts';

const DAY_MS = 86_400_000;

export const KEYFRAME_LIMITS = {
  maxBytes: 512 * 1024,
  maxSide: 1280,
  /** Per attempt: pictures received within `attemptMs` (the page sends one per step, at most 8). */
  perAttempt: 12,
  attemptMs: SUBMISSION_TIMING.maxIdleMs,
  /** Over the whole session, reloads and fresh plans included. */
  perSession: 48,
  /** Traces last at most 10 minutes (core's trace schema). */
  maxT: 600_000,
} as const;

export type KeyframeInput = {
  /** `t` from the query: whole milliseconds since the trace started. */
  t: string | undefined;
  /** `step` from the query: a step id of the plan, or empty. */
  step: string | undefined;
  body: AsyncIterable<Uint8Array> | Uint8Array;
  declaredBytes?: number | undefined;
};

export function keyframeStorageKey(sessionId: string, unique: string): string {
  return `vkey-${`${sessionId}-${unique}`.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 128);
}

function invalid(path: string, message: string): DomainError {
  return new DomainError('validation', message, [{ path, message }]);
}

function notChallenged(): DomainError {
  return new DomainError(
    'invalid_transition',
    'Pictures are taken only while the challenge runs: start the challenge first.',
  );
}

function parseT(value: string | undefined): number {
  if (value === undefined || !/^\d{1,7}$/.test(value) || Number(value) > KEYFRAME_LIMITS.maxT)
    throw invalid('t', `t must be whole milliseconds since the trace started, 0 to ${KEYFRAME_LIMITS.maxT}`);
  return Number(value);
}

function tooLarge(): DomainError {
  return new DomainError(
    'payload_too_large',
    `A keyframe may be at most ${KEYFRAME_LIMITS.maxBytes / 1024} KiB (a JPEG of at most ${KEYFRAME_LIMITS.maxSide} × ${KEYFRAME_LIMITS.maxSide} pixels).`,
  );
}

export async function uploadVerificationKeyframe(
  app: AppContext,
  request: CandidateRequest,
  input: KeyframeInput,
): Promise<{ index: number }> {
  const first = await resolveCandidateSession(app, request.token);
  if (first.status !== 'challenged' || first.plan === null) throw notChallenged();
  const t = parseT(input.t);
  const plan = first.plan as unknown as ChallengePlan;
  const stepId = input.step === undefined || input.step === '' ? null : input.step;
  if (stepId !== null && !plan.steps.some((s) => s.id === stepId))
    throw invalid('step', 'step must be the id of a step of the challenge, or empty');
  if (input.declaredBytes !== undefined && input.declaredBytes > KEYFRAME_LIMITS.maxBytes) throw tooLarge();
  const bytes = await readBounded(input.body, KEYFRAME_LIMITS.maxBytes).catch((error: unknown) => {
    throw error instanceof DomainError && error.code === 'payload_too_large' ? tooLarge() : error;
  });
  if (bytes.length === 0) throw invalid('file', 'The keyframe is empty: send a JPEG image as the body');
  const sniffed = await sniffDocument(bytes).catch((error: unknown) => {
    if (error instanceof DomainError)
      throw invalid('file', `A keyframe must be a JPEG image: ${error.message}`);
    throw error;
  });
  if (sniffed.mediaType !== 'image/jpeg')
    throw invalid('file', `A keyframe must be a JPEG image; this is ${sniffed.label}`);
  const max = KEYFRAME_LIMITS.maxSide;
  const size = await measureImage(bytes, sniffed, { maxPixels: max * max });
  const width = size.width ?? 0;
  const height = size.height ?? 0;
  if (width > max || height > max)
    throw invalid('file', `The keyframe is ${width} × ${height} pixels; at most ${max} × ${max}`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const id = app.ids.newId();
  const key = keyframeStorageKey(first.id, id);
  const store = documentStore(app);
  await store.put(key, bytes);
  try {
    return await inTransaction(app, async (trx) => {
      const session = await reloadLiveSession(app, trx, first.id);
      if (session.status !== 'challenged') throw notChallenged();
      const index = await countVerificationKeyframes(trx, session.id);
      if (index >= KEYFRAME_LIMITS.perSession)
        throw new DomainError(
          'conflict',
          `This session already has ${KEYFRAME_LIMITS.perSession} pictures, the most it keeps.`,
        );
      const now = app.clock.now();
      const since = now.getTime() - KEYFRAME_LIMITS.attemptMs;
      const recent = (await listVerificationKeyframes(trx, session.id)).filter(
        (k) => Date.parse(k.createdAt) >= since,
      ).length;
      if (recent >= KEYFRAME_LIMITS.perAttempt)
        throw new DomainError(
          'conflict',
          `This attempt already sent ${KEYFRAME_LIMITS.perAttempt} pictures, the most one attempt keeps.`,
        );
      const at = now.toISOString();
      // Face data: the biometric retention (Settings → Privacy), counted from the verification.
      const days = (await loadRetentionPolicy(trx, app.config)).biometrics;
      const retainUntil = new Date(now.getTime() + days * DAY_MS).toISOString();
      await insertVerificationKeyframe(trx, {
        id,
        sessionId: session.id,
        index,
        t,
        stepId,
        storageKey: key,
        bytes: bytes.length,
        sha256,
        width,
        height,
        createdAt: at,
        retainUntil,
      });
      await appendAudit(trx, {
        at,
        actor: candidateActor(session),
        action: 'verification.keyframe-uploaded',
        targetType: 'subject',
        targetId: session.subjectId,
        data: {
          sessionId: session.id,
          index,
          t,
          stepId,
          bytes: bytes.length,
          width,
          height,
          sha256,
        },
      });
      return { index };
    });
  } catch (error) {
    await store.delete(key);
    throw error;
  }
}
