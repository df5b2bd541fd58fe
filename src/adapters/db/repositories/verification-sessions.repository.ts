// Verification sessions: one row per link sent to a candidate. The link's token is never stored, only its
// sha256; the plan, consent and trace location are kept here, the result in the subject's bundle.
import type { Executor } from '../database.ts';
import { parseJsonObject, parseJsonText, toJsonText } from '../json.ts';
import type { AuditActor, JsonObject } from '../records.ts';
import type { VerificationSessionsTable } from '../tables.ts';
import { heldSubjectIds } from './privacy.repository.ts';

/**
 * `sent` → `opened` (the link was followed) → `consented` → `challenged` (plan issued) → `completed`
 * (trace stored and analysed); `declined` and `expired` end it too.
 */
export const VERIFICATION_STATUSES = [
  'sent',
  'opened',
  'consented',
  'challenged',
  'completed',
  'declined',
  'expired',
] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** Statuses after which the link no longer works. */
export const FINISHED_STATUSES: ReadonlySet<VerificationStatus> = new Set([
  'completed',
  'declined',
  'expired',
]);

export type VerificationConsent = {
  at: string;
  ip: string;
  userAgent: string;
  textVersion: string;
};

export type VerificationSessionRecord = {
  id: string;
  subjectId: string;
  kind: string;
  tokenSha256: string;
  status: VerificationStatus;
  createdAt: string;
  createdBy: AuditActor;
  expiresAt: string;
  openedAt: string | null;
  consent: VerificationConsent | null;
  /** The ChallengePlan issued (JSON). */
  plan: JsonObject | null;
  challengedAt: string | null;
  traceKey: string | null;
  traceBytes: number | null;
  finishedAt: string | null;
  /** The last connecting address. */
  ip: string | null;
  userAgent: string | null;
  /** When the stored trace is deleted. */
  retainUntil: string | null;
};

export function verificationRowToRecord(row: VerificationSessionsTable): VerificationSessionRecord {
  return {
    id: row.id,
    subjectId: row.subject_id,
    kind: row.kind,
    tokenSha256: row.token_sha256,
    status: row.status as VerificationStatus,
    createdAt: row.created_at,
    createdBy: parseJsonText<AuditActor>(row.created_by),
    expiresAt: row.expires_at,
    openedAt: row.opened_at,
    consent: row.consent === null ? null : parseJsonText<VerificationConsent>(row.consent),
    plan: parseJsonObject(row.plan),
    challengedAt: row.challenged_at,
    traceKey: row.trace_key,
    traceBytes: row.trace_bytes === null ? null : Number(row.trace_bytes),
    finishedAt: row.finished_at,
    ip: row.ip,
    userAgent: row.user_agent,
    retainUntil: row.retain_until,
  };
}

export type NewVerificationSession = Pick<
  VerificationSessionRecord,
  'id' | 'subjectId' | 'kind' | 'tokenSha256' | 'createdAt' | 'createdBy' | 'expiresAt'
>;

export async function insertVerificationSession(db: Executor, s: NewVerificationSession): Promise<void> {
  await db
    .insertInto('verification_sessions')
    .values({
      id: s.id,
      subject_id: s.subjectId,
      kind: s.kind,
      token_sha256: s.tokenSha256,
      status: 'sent',
      created_at: s.createdAt,
      created_by: toJsonText(s.createdBy),
      expires_at: s.expiresAt,
      opened_at: null,
      consent: null,
      plan: null,
      challenged_at: null,
      trace_key: null,
      trace_bytes: null,
      finished_at: null,
      ip: null,
      user_agent: null,
      retain_until: null,
    })
    .execute();
}

export async function findVerificationByTokenSha(
  db: Executor,
  tokenSha256: string,
): Promise<VerificationSessionRecord | null> {
  const row = await db
    .selectFrom('verification_sessions')
    .selectAll()
    .where('token_sha256', '=', tokenSha256)
    .executeTakeFirst();
  return row ? verificationRowToRecord(row) : null;
}

export async function findVerificationSession(
  db: Executor,
  id: string,
): Promise<VerificationSessionRecord | null> {
  const row = await db
    .selectFrom('verification_sessions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? verificationRowToRecord(row) : null;
}

/** A subject's sessions, newest first. */
export async function listSubjectVerifications(
  db: Executor,
  subjectId: string,
): Promise<VerificationSessionRecord[]> {
  const rows = await db
    .selectFrom('verification_sessions')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(verificationRowToRecord);
}

/** Unfinished sessions whose link has expired (at most `limit`). */
export async function listOverdueVerifications(
  db: Executor,
  now: string,
  limit: number,
): Promise<VerificationSessionRecord[]> {
  const rows = await db
    .selectFrom('verification_sessions')
    .selectAll()
    .where('status', 'in', ['sent', 'opened', 'consented', 'challenged'])
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(verificationRowToRecord);
}

/** Sessions whose stored trace is past its retention. */
export async function listExpiredVerificationTraces(
  db: Executor,
  now: string,
  limit: number,
): Promise<VerificationSessionRecord[]> {
  const rows = await db
    .selectFrom('verification_sessions')
    .selectAll()
    .where('trace_key', 'is not', null)
    .where('retain_until', '<=', now)
    // A subject under legal hold keeps everything (migration 20261210).
    .where('subject_id', 'not in', heldSubjectIds(db))
    .orderBy('retain_until')
    .limit(limit)
    .execute();
  return rows.map(verificationRowToRecord);
}

export type VerificationUpdate = Partial<
  Pick<
    VerificationSessionRecord,
    | 'status'
    | 'openedAt'
    | 'consent'
    | 'plan'
    | 'challengedAt'
    | 'traceKey'
    | 'traceBytes'
    | 'finishedAt'
    | 'ip'
    | 'userAgent'
    | 'retainUntil'
  >
>;

export async function updateVerificationSession(
  db: Executor,
  id: string,
  change: VerificationUpdate,
): Promise<void> {
  const set: Partial<VerificationSessionsTable> = {};
  if (change.status !== undefined) set.status = change.status;
  if (change.openedAt !== undefined) set.opened_at = change.openedAt;
  if (change.consent !== undefined) set.consent = change.consent === null ? null : toJsonText(change.consent);
  if (change.plan !== undefined) set.plan = change.plan === null ? null : toJsonText(change.plan);
  if (change.challengedAt !== undefined) set.challenged_at = change.challengedAt;
  if (change.traceKey !== undefined) set.trace_key = change.traceKey;
  if (change.traceBytes !== undefined) set.trace_bytes = change.traceBytes;
  if (change.finishedAt !== undefined) set.finished_at = change.finishedAt;
  if (change.ip !== undefined) set.ip = change.ip;
  if (change.userAgent !== undefined) set.user_agent = change.userAgent;
  if (change.retainUntil !== undefined) set.retain_until = change.retainUntil;
  if (Object.keys(set).length === 0) return;
  await db.updateTable('verification_sessions').set(set).where('id', '=', id).execute();
}
