// Sign-in with email and password, sessions, and login rate limiting (per email + IP, shared by every
// API process because it lives in the database).
import { getDummyPasswordHash, sha256Hex, verifyPassword } from '../adapters/crypto/secrets.ts';
import { appendAudit } from '../adapters/db/audit.ts';
import {
  clearLoginFailures,
  countLoginFailures,
  pruneLoginFailures,
  recordLoginFailure,
} from '../adapters/db/repositories/login-failures.repository.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  findSession,
} from '../adapters/db/repositories/sessions.repository.ts';
import {
  findUserById,
  findUserCredentials,
  normaliseEmail,
} from '../adapters/db/repositories/users.repository.ts';
import { DomainError } from '../core/errors.ts';
import { type Actor, type AppContext, inTransaction, toAuditActor } from './context.ts';
import { type NewSession, openSession } from './internal/sessions.ts';
import { toUserView, type UserView, userActor } from './internal/users.ts';

export type LoginInput = { email: string; password: string; ip?: string | null };

export async function login(
  app: AppContext,
  input: LoginInput,
): Promise<{ user: UserView; session: NewSession }> {
  const email = normaliseEmail(typeof input.email === 'string' ? input.email : '');
  const password = typeof input.password === 'string' ? input.password : '';
  const ip = input.ip ?? 'unknown';
  const db = app.database.db;
  const now = app.clock.now();
  const windowStart = new Date(now.getTime() - app.config.login.windowMinutes * 60_000).toISOString();

  if ((await countLoginFailures(db, email, ip, windowStart)) >= app.config.login.maxFailures) {
    throw new DomainError(
      'rate_limited',
      `Too many failed sign-ins for this account from this address; try again in ${app.config.login.windowMinutes} minutes`,
      undefined,
      { retryAfterSeconds: app.config.login.windowMinutes * 60 },
    );
  }

  const found = await findUserCredentials(db, email);
  // Same work whether or not the account exists, so timing does not tell which emails are registered.
  const passwordOk = await verifyPassword(password, found?.passwordHash ?? (await getDummyPasswordHash()));
  const user = found?.user;
  const at = now.toISOString();

  if (!user || !passwordOk || user.disabled) {
    const reason = !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'disabled';
    await inTransaction(app, async (trx) => {
      await recordLoginFailure(trx, { id: app.ids.newId(), email, ip, at });
      await appendAudit(trx, {
        at,
        actor: user
          ? { kind: 'user', id: user.id, name: user.name }
          : { kind: 'anonymous', id: null, name: email },
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: user?.id ?? null,
        data: { email, ip, reason },
      });
    });
    throw new DomainError('unauthenticated', 'The email or password is not correct');
  }

  return inTransaction(app, async (trx) => {
    await clearLoginFailures(trx, email, ip);
    await pruneLoginFailures(trx, windowStart);
    await deleteExpiredSessions(trx, at);
    const session = await openSession(app, trx, user.id, input.ip ?? null);
    await appendAudit(trx, {
      at,
      actor: toAuditActor(userActor(user)),
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      data: { ip },
    });
    return { user: toUserView(user), session };
  });
}

export async function logout(app: AppContext, actor: Actor, sessionToken: string): Promise<void> {
  const sessionId = sha256Hex(sessionToken);
  await inTransaction(app, async (trx) => {
    const session = await findSession(trx, sessionId);
    if (!session) return;
    await deleteSession(trx, sessionId);
    await appendAudit(trx, {
      at: app.clock.now().toISOString(),
      actor: toAuditActor(actor),
      action: 'auth.logout',
      targetType: 'user',
      targetId: session.userId,
    });
  });
}

export type ResolvedSession = {
  user: UserView;
  actor: Actor;
  csrfToken: string;
  expiresAt: string;
};

/** The signed-in user behind a session cookie, or null if unknown, expired or disabled. */
export async function resolveSession(app: AppContext, sessionToken: string): Promise<ResolvedSession | null> {
  if (typeof sessionToken !== 'string' || sessionToken === '') return null;
  const db = app.database.db;
  const session = await findSession(db, sha256Hex(sessionToken));
  if (!session) return null;
  if (session.expiresAt <= app.clock.now().toISOString()) {
    await deleteSession(db, session.id);
    return null;
  }
  const user = await findUserById(db, session.userId);
  if (!user || user.disabled) return null;
  return {
    user: toUserView(user),
    actor: userActor(user),
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}
