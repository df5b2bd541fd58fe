// The candidate opens the link: what will be captured, why, for how long and who sees it (the consent text),
// and where the session stands. The first opening is recorded (status `opened`, the connecting address on the
// bundle item for consistency.location, audited `verification.opened`).
import { updateVerificationSession } from '../adapters/db/repositories/verification-sessions.repository.ts';
import type { ChallengePlan } from '../core/liveness/types.ts';
import { type AppContext, inTransaction } from './context.ts';
import { loadRetentionPolicy } from './internal/privacy.ts';
import {
  type CandidateRequest,
  type ConsentText,
  candidateActor,
  clip,
  consentText,
  itemIp,
  reloadLiveSession,
  resolveCandidateSession,
  writeVerificationItem,
} from './internal/verifications.ts';

export const MAX_USER_AGENT = 400;

export type CandidateVerificationView = {
  sessionId: string;
  kind: string;
  status: string;
  expiresAt: string;
  consent: ConsentText;
  consented: boolean;
  /** The challenge plan once issued (the same plan every time). */
  plan: ChallengePlan | null;
};

export async function openVerification(
  app: AppContext,
  request: CandidateRequest,
): Promise<CandidateVerificationView> {
  let session = await resolveCandidateSession(app, request.token);
  if (session.status === 'sent') {
    session = await inTransaction(app, async (trx) => {
      const live = await reloadLiveSession(app, trx, session.id);
      if (live.status !== 'sent') return live;
      const at = app.clock.now().toISOString();
      const userAgent = clip(request.userAgent, MAX_USER_AGENT);
      await updateVerificationSession(trx, live.id, {
        status: 'opened',
        openedAt: at,
        ip: request.ip,
        userAgent,
      });
      await writeVerificationItem(
        app,
        trx,
        live,
        candidateActor(live),
        { status: 'opened', openedAt: at, ...itemIp(request) },
        { action: 'verification.opened', data: {} },
      );
      return { ...live, status: 'opened', openedAt: at, ip: request.ip, userAgent };
    });
  }
  return {
    sessionId: session.id,
    kind: session.kind,
    status: session.status,
    expiresAt: session.expiresAt,
    consent: consentText(app, (await loadRetentionPolicy(app.database.db, app.config)).biometrics),
    consented: session.consent !== null,
    plan: (session.plan as ChallengePlan | null) ?? null,
  };
}
