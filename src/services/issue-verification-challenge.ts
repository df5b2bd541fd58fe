// The server issues the challenge after consent: a random order and timing and an unpredictable nonce
// (createChallengePlan with crypto randomness), stored on the session. Asking again (a reload) returns the
// same plan — unless it was issued more than SUBMISSION_TIMING.maxIdleMs ago without a trace: a trace that
// late would be flagged as prepared in advance, so a candidate who comes back after a break gets a fresh plan
// (new order, timing and nonce) instead. Audited `verification.challenged` (with `reissued`).
import { randomBytes } from 'node:crypto';
import type { JsonObject } from '../adapters/db/records.ts';
import { updateVerificationSession } from '../adapters/db/repositories/verification-sessions.repository.ts';
import { DomainError } from '../core/errors.ts';
import { SUBMISSION_TIMING } from '../core/liveness/submission-timing.ts';
import { type ChallengePlan, createChallengePlan } from '../core/liveness/types.ts';
import { type AppContext, inTransaction } from './context.ts';
import {
  type CandidateRequest,
  candidateActor,
  itemIp,
  reloadLiveSession,
  resolveCandidateSession,
  writeVerificationItem,
} from './internal/verifications.ts';

const RANDOM_RANGE = 2 ** 48;

/** Uniform in [0, 1) from the operating system's cryptographic generator. */
export function cryptoRandom(): number {
  return randomBytes(6).readUIntBE(0, 6) / RANDOM_RANGE;
}

/** Whether the session's plan is too old to answer without its trace being flagged (see the header). */
function stale(session: { plan: unknown; challengedAt: string | null }, now: Date): boolean {
  if (session.plan === null || session.challengedAt === null) return false;
  return now.getTime() - Date.parse(session.challengedAt) > SUBMISSION_TIMING.maxIdleMs;
}

export async function issueVerificationChallenge(
  app: AppContext,
  request: CandidateRequest,
): Promise<{ plan: ChallengePlan }> {
  const first = await resolveCandidateSession(app, request.token);
  if (first.plan !== null && !stale(first, app.clock.now()))
    return { plan: first.plan as unknown as ChallengePlan };
  if (first.consent === null)
    throw new DomainError(
      'invalid_transition',
      'Consent comes first: read what is captured and agree before the challenge starts.',
    );
  return inTransaction(app, async (trx) => {
    const session = await reloadLiveSession(app, trx, first.id);
    const now = app.clock.now();
    if (session.plan !== null && !stale(session, now))
      return { plan: session.plan as unknown as ChallengePlan };
    const reissued = session.plan !== null;
    const plan = createChallengePlan(cryptoRandom, now, session.id);
    const at = now.toISOString();
    await updateVerificationSession(trx, session.id, {
      status: 'challenged',
      plan: plan as unknown as JsonObject,
      challengedAt: at,
      ip: request.ip,
    });
    await writeVerificationItem(
      app,
      trx,
      session,
      candidateActor(session),
      { status: 'challenged', challengedAt: at, ...itemIp(request) },
      {
        action: 'verification.challenged',
        data: { steps: plan.steps.map((s) => s.kind), reissued },
      },
    );
    return { plan };
  });
}
