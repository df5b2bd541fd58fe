// The candidate consents: the time, connecting address, browser and the consent text's version are recorded
// on the session and the bundle item (status `consented`), audited `verification.consented`. Consenting
// again returns the recorded consent.
import {
  updateVerificationSession,
  type VerificationConsent,
} from '../adapters/db/repositories/verification-sessions.repository.ts';
import { DomainError } from '../core/errors.ts';
import { type AppContext, inTransaction } from './context.ts';
import {
  type CandidateRequest,
  CONSENT_TEXT_VERSION,
  candidateActor,
  clip,
  itemIp,
  reloadLiveSession,
  resolveCandidateSession,
  writeVerificationItem,
} from './internal/verifications.ts';
import { MAX_USER_AGENT } from './open-verification.ts';

export async function recordVerificationConsent(
  app: AppContext,
  request: CandidateRequest,
  input: { textVersion?: string | undefined } = {},
): Promise<{ consent: VerificationConsent }> {
  const first = await resolveCandidateSession(app, request.token);
  if (first.consent !== null) return { consent: first.consent };
  if (input.textVersion !== undefined && input.textVersion !== CONSENT_TEXT_VERSION)
    throw new DomainError(
      'conflict',
      'The consent text changed since the page was loaded; reload the page and read it again.',
      [{ path: 'textVersion', message: `expected ${CONSENT_TEXT_VERSION}` }],
    );
  return inTransaction(app, async (trx) => {
    const session = await reloadLiveSession(app, trx, first.id);
    if (session.consent !== null) return { consent: session.consent };
    const at = app.clock.now().toISOString();
    const consent: VerificationConsent = {
      at,
      ip: request.ip,
      userAgent: clip(request.userAgent, MAX_USER_AGENT),
      textVersion: CONSENT_TEXT_VERSION,
    };
    await updateVerificationSession(trx, session.id, {
      status: 'consented',
      consent,
      openedAt: session.openedAt ?? at,
      ip: request.ip,
      userAgent: consent.userAgent,
    });
    await writeVerificationItem(
      app,
      trx,
      session,
      candidateActor(session),
      { status: 'consented', consentedAt: at, ...itemIp(request) },
      { action: 'verification.consented', data: { textVersion: consent.textVersion } },
    );
    return { consent };
  });
}
