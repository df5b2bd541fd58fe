// First start: no users and no default password. The server prints a one-time setup token; whoever
// holds it creates the first admin, and the token is gone.
import { hashPassword, randomToken, safeEqual, sha256Hex } from '../adapters/crypto/secrets.ts';
import { appendAudit } from '../adapters/db/audit.ts';
import { lockForTransaction } from '../adapters/db/database.ts';
import { consumeSetting, getSetting, putSetting } from '../adapters/db/repositories/settings.repository.ts';
import { countUsers, insertUser } from '../adapters/db/repositories/users.repository.ts';
import { DomainError } from '../core/errors.ts';
import { type AppContext, inTransaction, SYSTEM_ACTOR, toAuditActor } from './context.ts';
import { type NewSession, openSession } from './internal/sessions.ts';
import {
  checkEmail,
  checkName,
  checkPassword,
  throwIfProblems,
  toUserView,
  type UserView,
} from './internal/users.ts';

const SETUP_TOKEN_SETTING = 'setup.token_hash';
const SETUP_LOCK = 'gatecheck:setup';

export async function getSetupState(app: AppContext): Promise<{ needsSetup: boolean }> {
  return { needsSetup: (await countUsers(app.database.db)) === 0 };
}

/**
 * While no user exists, issues a fresh one-time setup token (only its hash is stored) for the operator
 * to read from the console; returns null once set up. Each call replaces the previous token.
 */
export async function issueSetupToken(app: AppContext): Promise<{ token: string } | null> {
  return inTransaction(app, async (trx) => {
    await lockForTransaction(trx, SETUP_LOCK);
    if ((await countUsers(trx)) > 0) return null;
    const token = randomToken('gcs_', 24);
    const at = app.clock.now().toISOString();
    await putSetting(trx, SETUP_TOKEN_SETTING, sha256Hex(token), at);
    await appendAudit(trx, {
      at,
      actor: toAuditActor(SYSTEM_ACTOR),
      action: 'setup.token_issued',
      targetType: 'setup',
    });
    return { token };
  });
}

export type CompleteSetupInput = {
  token: string;
  email: string;
  name: string;
  password: string;
  ip?: string | null;
};

/** Creates the first admin with the setup token and signs them in. Works once. */
export async function completeSetup(
  app: AppContext,
  input: CompleteSetupInput,
): Promise<{ user: UserView; session: NewSession }> {
  const problems: { path: string; message: string }[] = [];
  checkEmail(input.email, problems);
  checkName(input.name, problems);
  checkPassword(input.password, problems);
  throwIfProblems(problems, 'The first admin account is not valid');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(app, async (trx) => {
    await lockForTransaction(trx, SETUP_LOCK);
    if ((await countUsers(trx)) > 0)
      throw new DomainError('setup_done', 'Gatecheck is already set up; sign in instead');
    const storedHash = await getSetting(trx, SETUP_TOKEN_SETTING);
    const givenHash = sha256Hex(typeof input.token === 'string' ? input.token.trim() : '');
    if (typeof storedHash !== 'string' || !safeEqual(storedHash, givenHash)) {
      throw new DomainError(
        'forbidden',
        'The setup token is not valid; use the token printed in the server log at start (restart to get a new one)',
      );
    }
    // Consume it in this transaction: a concurrent attempt with the same token finds it gone.
    if (!(await consumeSetting(trx, SETUP_TOKEN_SETTING, storedHash))) {
      throw new DomainError('setup_done', 'Gatecheck is already set up; sign in instead');
    }
    const at = app.clock.now().toISOString();
    const user = await insertUser(trx, {
      id: app.ids.newId(),
      email: input.email,
      name: input.name.trim(),
      role: 'admin',
      passwordHash,
      at,
    });
    const actor = { kind: 'user' as const, id: user.id, name: user.name };
    await appendAudit(trx, {
      at,
      actor,
      action: 'setup.completed',
      targetType: 'user',
      targetId: user.id,
      data: { email: user.email },
    });
    await appendAudit(trx, {
      at,
      actor,
      action: 'user.created',
      targetType: 'user',
      targetId: user.id,
      data: { email: user.email, role: user.role },
    });
    const session = await openSession(app, trx, user.id, input.ip ?? null);
    return { user: toUserView(user), session };
  });
}
