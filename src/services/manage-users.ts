import { hashPassword } from '../adapters/crypto/secrets.ts';
import { appendAudit } from '../adapters/db/audit.ts';
import { lockForTransaction } from '../adapters/db/database.ts';
import type { JsonObject } from '../adapters/db/records.ts';
import { deleteUserSessions } from '../adapters/db/repositories/sessions.repository.ts';
import {
  countActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers as listUserRecords,
  updateUser as updateUserRecord,
} from '../adapters/db/repositories/users.repository.ts';
import type { Role } from '../core/auth/roles.ts';
import { DomainError } from '../core/errors.ts';
import { type Actor, type AppContext, authorize, inTransaction, notFound, toAuditActor } from './context.ts';
import {
  checkEmail,
  checkName,
  checkPassword,
  checkRole,
  throwIfProblems,
  toUserAdminView,
  type UserAdminView,
} from './internal/users.ts';

export type { UserAdminView };

const ADMINS_LOCK = 'gatecheck:admins';

export async function listUsers(app: AppContext, actor: Actor): Promise<{ items: UserAdminView[] }> {
  authorize(actor, 'users:manage');
  return { items: (await listUserRecords(app.database.db)).map(toUserAdminView) };
}

export type CreateUserInput = { email: string; name: string; role: Role; password: string };

export async function createUser(
  app: AppContext,
  actor: Actor,
  input: CreateUserInput,
): Promise<UserAdminView> {
  authorize(actor, 'users:manage');
  const problems: { path: string; message: string }[] = [];
  checkEmail(input.email, problems);
  checkName(input.name, problems);
  checkRole(input.role, problems);
  checkPassword(input.password, problems);
  throwIfProblems(problems, 'The user is not valid');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(app, async (trx) => {
    if (await findUserByEmail(trx, input.email)) {
      throw new DomainError(
        'conflict',
        `A user with the email ${input.email.trim().toLowerCase()} already exists`,
      );
    }
    const at = app.clock.now().toISOString();
    const user = await insertUser(trx, {
      id: app.ids.newId(),
      email: input.email,
      name: input.name.trim(),
      role: input.role,
      passwordHash,
      at,
    });
    await appendAudit(trx, {
      at,
      actor: toAuditActor(actor),
      action: 'user.created',
      targetType: 'user',
      targetId: user.id,
      data: { email: user.email, role: user.role },
    });
    return toUserAdminView(user);
  });
}

export type UpdateUserInput = { name?: string; role?: Role; disabled?: boolean; password?: string };

/** Changes name, role, disabled or password. The last active admin cannot be demoted or disabled. */
export async function updateUser(
  app: AppContext,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
): Promise<UserAdminView> {
  authorize(actor, 'users:manage');
  const problems: { path: string; message: string }[] = [];
  if (input.name !== undefined) checkName(input.name, problems);
  if (input.role !== undefined) checkRole(input.role, problems);
  if (input.password !== undefined) checkPassword(input.password, problems);
  if (input.disabled !== undefined && typeof input.disabled !== 'boolean') {
    problems.push({ path: 'disabled', message: 'expected true or false' });
  }
  throwIfProblems(problems, 'The change is not valid');
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  return inTransaction(app, async (trx) => {
    await lockForTransaction(trx, ADMINS_LOCK);
    const user = await findUserById(trx, id);
    if (!user) throw notFound('User', id);
    const losesAdmin =
      user.role === 'admin' &&
      !user.disabled &&
      ((input.role !== undefined && input.role !== 'admin') || input.disabled === true);
    if (losesAdmin && (await countActiveAdmins(trx)) <= 1) {
      throw new DomainError('conflict', 'This is the last active admin; make someone else an admin first');
    }
    const at = app.clock.now().toISOString();
    await updateUserRecord(
      trx,
      id,
      {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        ...(passwordHash !== undefined ? { passwordHash } : {}),
      },
      at,
    );
    // Disabling or resetting the password signs the user out everywhere.
    if (input.disabled === true || passwordHash !== undefined) await deleteUserSessions(trx, id);
    const changes: JsonObject = {};
    if (input.name !== undefined) changes.name = { from: user.name, to: input.name.trim() };
    if (input.role !== undefined) changes.role = { from: user.role, to: input.role };
    if (input.disabled !== undefined) changes.disabled = { from: user.disabled, to: input.disabled };
    if (passwordHash !== undefined) changes.password = 'changed';
    await appendAudit(trx, {
      at,
      actor: toAuditActor(actor),
      action: 'user.updated',
      targetType: 'user',
      targetId: id,
      data: changes,
    });
    const updated = await findUserById(trx, id);
    if (!updated) throw notFound('User', id);
    return toUserAdminView(updated);
  });
}
