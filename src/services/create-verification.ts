// A recruiter sends a subject a live verification: a single-use link `${publicUrl}/verify/<token>` valid
// GATECHECK_VERIFICATION_TTL_HOURS (default 72). The token (32 random bytes, base64url) is returned once and
// never stored, only its sha256. One transaction stores the session, appends the bundle item
// `{kind: 'liveness', sessionId, status: 'sent', sentAt, expiresAt}`, audits `verification.created` and
// re-assesses.

import { findSubject } from '../adapters/db/repositories/subjects.repository.ts';
import {
  findVerificationSession,
  insertVerificationSession,
} from '../adapters/db/repositories/verification-sessions.repository.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import {
  hashVerificationToken,
  newVerificationToken,
  toVerificationView,
  VERIFICATION_KIND,
  type VerificationView,
  verificationLink,
  writeVerificationItem,
} from './internal/verifications.ts';

const HOUR_MS = 3_600_000;

export type CreatedVerification = {
  verification: VerificationView;
  /** The link to send to the candidate; shown once (only a hash of its token is stored). */
  link: string;
  token: string;
};

export async function createVerification(
  app: AppContext,
  actor: Actor,
  subjectId: string,
): Promise<CreatedVerification> {
  authorize(actor, 'subjects:write');
  const token = newVerificationToken();
  const who = toAuditActor(actor);
  const id = app.ids.newId();
  const session = await inTransaction(app, async (trx) => {
    if (!(await findSubject(trx, subjectId))) throw notFound('Subject', subjectId);
    const now = app.clock.now();
    const createdAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + app.config.verifications.ttlHours * HOUR_MS).toISOString();
    await insertVerificationSession(trx, {
      id,
      subjectId,
      kind: VERIFICATION_KIND,
      tokenSha256: hashVerificationToken(token),
      createdAt,
      createdBy: who,
      expiresAt,
    });
    const stored = await findVerificationSession(trx, id);
    if (stored === null) throw notFound('Verification', id);
    await writeVerificationItem(
      app,
      trx,
      stored,
      who,
      { status: 'sent', at: createdAt, sentAt: createdAt, expiresAt },
      { action: 'verification.created', data: { kind: VERIFICATION_KIND, expiresAt } },
    );
    return stored;
  });
  return { verification: toVerificationView(session), link: verificationLink(app, token), token };
}
