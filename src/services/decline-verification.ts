// The candidate declines: the session ends (status `declined` on the session and the bundle item, which
// liveness.declined reads), audited `verification.declined`, re-assessed. The link stops working.
import { updateVerificationSession } from '../adapters/db/repositories/verification-sessions.repository.ts';
import { type AppContext, inTransaction } from './context.ts';
import {
  type CandidateRequest,
  candidateActor,
  itemIp,
  reloadLiveSession,
  resolveCandidateSession,
  writeVerificationItem,
} from './internal/verifications.ts';

export async function declineVerification(
  app: AppContext,
  request: CandidateRequest,
): Promise<{ sessionId: string; status: 'declined'; declinedAt: string }> {
  const first = await resolveCandidateSession(app, request.token);
  return inTransaction(app, async (trx) => {
    const session = await reloadLiveSession(app, trx, first.id);
    const at = app.clock.now().toISOString();
    await updateVerificationSession(trx, session.id, {
      status: 'declined',
      finishedAt: at,
      ip: request.ip,
    });
    await writeVerificationItem(
      app,
      trx,
      session,
      candidateActor(session),
      { status: 'declined', at, declinedAt: at, ...itemIp(request) },
      { action: 'verification.declined', data: { lastStatus: session.status } },
    );
    return { sessionId: session.id, status: 'declined' as const, declinedAt: at };
  });
}
