// Shared by the verification-session services: the link token (random, only its sha256 stored), the view of
// a session, the bundle item a session keeps up to date (`verifications[]`, found by sessionId), the consent
// text, resolving a candidate's token (404 unknown, 410 used up or expired) and expiring a session.
import { createHash, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { Transaction } from 'kysely';
import { appendAudit } from '../../adapters/db/audit.ts';
import { lockForTransaction } from '../../adapters/db/database.ts';
import type { AuditActor, JsonObject } from '../../adapters/db/records.ts';
import { findSubject, updateSubjectBundle } from '../../adapters/db/repositories/subjects.repository.ts';
import {
  FINISHED_STATUSES,
  findVerificationByTokenSha,
  findVerificationSession,
  updateVerificationSession,
  type VerificationSessionRecord,
  type VerificationStatus,
} from '../../adapters/db/repositories/verification-sessions.repository.ts';
import type { DB } from '../../adapters/db/tables.ts';
import type { CaseBundle } from '../../core/bundle/schema.ts';
import { validateBundle } from '../../core/bundle/validate.ts';
import { DomainError } from '../../core/errors.ts';
import { inLateTraceGrace } from '../../core/liveness/submission-timing.ts';
import { type AppContext, inTransaction, SYSTEM_ACTOR, toAuditActor } from '../context.ts';
import { assessWithinPopulation, recordAssessment } from './assessing.ts';

export const VERIFICATION_KIND = 'liveness';
/** Document kinds whose photo is the ID photo the live face is matched with (DOCUMENT_KINDS values). */
export const IDENTITY_DOCUMENT_KINDS: ReadonlySet<string> = new Set([
  'passport',
  'national_id',
  'drivers_license',
  'work_permit',
]);
export const CONSENT_TEXT_VERSION = 'liveness-consent-3';
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Who acts through a verification link: the candidate, known only by the session. */
export type CandidateRequest = {
  /** The token from the link. */
  token: string;
  /** The connecting address ('unknown' when there is no socket). */
  ip: string;
  userAgent: string;
};

/**
 * The connecting address for the bundle item (`verifications[].ip`, which consistency.location reads), only
 * when it is an IP address (in-process requests have none).
 */
export function itemIp(request: Pick<CandidateRequest, 'ip'>): { ip?: string } {
  const ip = request.ip.startsWith('::ffff:') ? request.ip.slice(7) : request.ip;
  return isIP(ip) === 0 ? {} : { ip };
}

export function newVerificationToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashVerificationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function verificationLink(app: AppContext, token: string): string {
  return `${app.config.publicUrl}/verify/${token}`;
}

export function candidateActor(session: { id: string }): AuditActor {
  return { kind: 'anonymous', id: `verification:${session.id}`, name: 'Candidate (verification link)' };
}

export function organizationName(app: AppContext): string {
  const configured = app.config.verifications.organizationName;
  if (configured !== undefined && configured !== '') return configured;
  try {
    return new URL(app.config.publicUrl).hostname;
  } catch {
    return 'the organisation';
  }
}

/** What the candidate reads before anything is captured (the version is recorded with the consent). */
export type ConsentText = {
  version: string;
  organization: string;
  purpose: string;
  captured: string[];
  notCaptured: string[];
  retentionDays: number;
  whoSees: string;
};

/** `retentionDays`: the biometric retention of the organisation (Settings → Privacy). */
export function consentText(app: AppContext, retentionDays: number): ConsentText {
  const organization = organizationName(app);
  return {
    version: CONSENT_TEXT_VERSION,
    organization,
    purpose: `${organization} asks you to confirm that you are a real person, present in front of your camera, and the person who applied. This protects you and the organisation against people who apply in someone else's name.`,
    captured: [
      "Your camera's name and its resolution and frame rate",
      'Measurements your browser takes from each video frame: where your face and hands are, how your head is turned, whether your eyes are open, face-model scores and a numeric face signature',
      "A summary of that face signature, compared with other applicants' to make sure one person is not applying under several names; deleted with the measurements",
      'Whether you performed each requested movement (turn, look up, blink, smile, cover half your face, pass a finger or pen across it, screen colour flash) and when',
      'One still picture from your camera during each movement (about eight in all), so the results can be checked on our side',
      'If you choose to add it: a photo of your identity document, whose machine-readable lines and face photo are read and compared with your live face',
      'The network address you connect from and your browser name',
    ],
    notCaptured: [
      'No video or sound is recorded or uploaded: the analysis runs in your browser and only the measurements and the still pictures above are sent',
    ],
    retentionDays,
    whoSees: `The recruiters and investigators of ${organization} who handle your application, and its administrators. Every view and change is recorded in an audit log.`,
  };
}

export type VerificationView = {
  id: string;
  subjectId: string;
  kind: string;
  status: VerificationStatus;
  createdAt: string;
  /** The sender's name. */
  createdBy: string;
  expiresAt: string;
  openedAt: string | null;
  consentedAt: string | null;
  challengedAt: string | null;
  finishedAt: string | null;
  /** The last connecting address of the candidate. */
  ip: string | null;
  userAgent: string | null;
  /** Whether the submitted trace is stored (encrypted). */
  hasTrace: boolean;
  retainUntil: string | null;
};

export function toVerificationView(s: VerificationSessionRecord): VerificationView {
  return {
    id: s.id,
    subjectId: s.subjectId,
    kind: s.kind,
    status: s.status,
    createdAt: s.createdAt,
    createdBy: s.createdBy.name,
    expiresAt: s.expiresAt,
    openedAt: s.openedAt,
    consentedAt: s.consent?.at ?? null,
    challengedAt: s.challengedAt,
    finishedAt: s.finishedAt,
    ip: s.ip,
    userAgent: s.userAgent,
    hasTrace: s.traceKey !== null,
    retainUntil: s.retainUntil,
  };
}

/** A fresh key per submission, so a refused concurrent submission never removes the accepted one's file. */
export function traceStorageKey(sessionId: string, unique: string): string {
  return `vtrace-${`${sessionId}-${unique}`.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 128);
}

type VerificationItem = Record<string, unknown>;

/** The bundle with the session's `verifications[]` item patched (appended again if a bundle replace dropped it). */
export function withVerificationItem(
  bundle: CaseBundle,
  session: Pick<VerificationSessionRecord, 'id' | 'kind' | 'createdAt' | 'expiresAt'>,
  patch: VerificationItem,
): { bundle: CaseBundle; index: number } {
  const items = [...((bundle.verifications ?? []) as VerificationItem[])];
  let index = items.findIndex((v) => v.sessionId === session.id);
  const base: VerificationItem =
    index >= 0
      ? (items[index] as VerificationItem)
      : {
          kind: session.kind,
          sessionId: session.id,
          status: 'sent',
          at: session.createdAt,
          sentAt: session.createdAt,
          expiresAt: session.expiresAt,
          // The bundle schema requires the key; null until the trace is analysed.
          result: null,
        };
  if (index < 0) index = items.length;
  items[index] = { ...base, ...patch };
  return { bundle: { ...bundle, verifications: items } as CaseBundle, index };
}

/**
 * Writes the session's bundle item (validated), audits `action` and re-assesses the subject, in the caller's
 * transaction.
 */
export async function writeVerificationItem(
  app: AppContext,
  trx: Transaction<DB>,
  session: VerificationSessionRecord,
  who: AuditActor,
  patch: VerificationItem,
  audit: { action: string; data: JsonObject },
): Promise<number> {
  const subject = await findSubject(trx, session.subjectId);
  if (!subject) throw new DomainError('not_found', 'The subject of this verification no longer exists');
  const { bundle, index } = withVerificationItem(subject.bundle, session, patch);
  const checked = validateBundle(bundle);
  if (!checked.ok)
    throw new DomainError(
      'validation',
      'The verification item would make the bundle invalid; nothing was stored',
      checked.problems,
    );
  const at = app.clock.now().toISOString();
  await updateSubjectBundle(trx, checked.bundle, at);
  await appendAudit(trx, {
    at,
    actor: who,
    action: audit.action,
    targetType: 'subject',
    targetId: session.subjectId,
    data: { sessionId: session.id, path: `verifications[${index}]`, ...audit.data },
  });
  const assessment = (await assessWithinPopulation(app, trx, [checked.bundle])).get(session.subjectId);
  if (assessment) await recordAssessment(app, trx, who, session.subjectId, assessment, 'evidence');
  return index;
}

/**
 * The face embedding of the most recent identity document that has one (`documents[].faceEmbedding`, from the
 * same face model as the live embeddings), for the ID-photo match; undefined when none is on file.
 */
export function idPhotoEmbedding(bundle: CaseBundle): number[] | undefined {
  const docs = (bundle.documents ?? []) as Record<string, unknown>[];
  for (let i = docs.length - 1; i >= 0; i--) {
    const doc = docs[i];
    const embedding = doc?.faceEmbedding;
    if (
      typeof doc?.kind === 'string' &&
      IDENTITY_DOCUMENT_KINDS.has(doc.kind) &&
      Array.isArray(embedding) &&
      embedding.length >= 8 &&
      embedding.every((x) => typeof x === 'number' && Number.isFinite(x))
    )
      return embedding as number[];
  }
  return undefined;
}

/** Serialises changes to one session (PostgreSQL; SQLite writers are serial already). */
export async function lockVerification(trx: Transaction<DB>, sessionId: string): Promise<void> {
  await lockForTransaction(trx, `gatecheck:verification:${sessionId}`);
}

/** Past `expiresAt` and unfinished — except a session challenged before then, for the late-trace grace. */
export function isOverdue(session: VerificationSessionRecord, now: Date): boolean {
  return (
    !FINISHED_STATUSES.has(session.status) &&
    Date.parse(session.expiresAt) <= now.getTime() &&
    !(session.status === 'challenged' && inLateTraceGrace(session, now))
  );
}

/** Marks an unfinished, overdue session expired (bundle item, audit, re-assessment); false if it was not. */
export async function expireVerification(app: AppContext, sessionId: string): Promise<boolean> {
  return inTransaction(app, async (trx) => {
    await lockVerification(trx, sessionId);
    const session = await findVerificationSession(trx, sessionId);
    const now = app.clock.now();
    if (session === null || !isOverdue(session, now)) return false;
    const at = now.toISOString();
    await updateVerificationSession(trx, session.id, { status: 'expired', finishedAt: at });
    await writeVerificationItem(
      app,
      trx,
      session,
      toAuditActor(SYSTEM_ACTOR),
      { status: 'expired', expiredAt: at },
      { action: 'verification.expired', data: { expiresAt: session.expiresAt, lastStatus: session.status } },
    );
    return true;
  });
}

const GONE_MESSAGES: Partial<Record<VerificationStatus, string>> = {
  completed: 'This verification link has already been used. Thank you, there is nothing more to do.',
  declined: 'You declined this verification; the link no longer works.',
  expired: 'This verification link has expired. Ask the person who sent it for a new one.',
};

function gone(status: VerificationStatus): DomainError {
  return new DomainError(
    'gone',
    GONE_MESSAGES[status] ?? 'This verification link no longer works. Ask for a new one.',
  );
}

export function notAValidLink(): DomainError {
  return new DomainError('not_found', 'This verification link is not valid. Check that it was copied whole.');
}

/**
 * The live session behind a candidate's token: 404 for an unknown token, 410 (plain message) once it is
 * completed, declined or expired. An overdue session is expired here (audited) before the 410.
 */
export async function resolveCandidateSession(
  app: AppContext,
  token: string,
): Promise<VerificationSessionRecord> {
  if (!TOKEN_PATTERN.test(token)) throw notAValidLink();
  const session = await findVerificationByTokenSha(app.database.db, hashVerificationToken(token));
  if (session === null) throw notAValidLink();
  if (FINISHED_STATUSES.has(session.status)) throw gone(session.status);
  if (isOverdue(session, app.clock.now())) {
    await expireVerification(app, session.id);
    throw gone('expired');
  }
  return session;
}

/** Inside a transaction: the session again, locked, still live (a concurrent request may have finished it). */
export async function reloadLiveSession(
  app: AppContext,
  trx: Transaction<DB>,
  id: string,
): Promise<VerificationSessionRecord> {
  await lockVerification(trx, id);
  const session = await findVerificationSession(trx, id);
  if (session === null) throw notAValidLink();
  if (FINISHED_STATUSES.has(session.status)) throw gone(session.status);
  if (isOverdue(session, app.clock.now())) throw gone('expired');
  return session;
}

/** Candidate-supplied text fields, bounded. */
export function clip(text: string | undefined, max: number): string {
  return (text ?? '').replace(/[\p{Cc}]/gu, '').slice(0, max);
}
