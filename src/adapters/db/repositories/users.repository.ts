import type { Role } from '../../../core/auth/roles.ts';
import type { Executor } from '../database.ts';
import type { UserRecord } from '../records.ts';
import type { UsersTable } from '../tables.ts';

export function userRowToUser(row: UsersTable): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    disabled: Number(row.disabled) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type NewUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  at: string;
};

export async function insertUser(db: Executor, user: NewUser): Promise<UserRecord> {
  const row: UsersTable = {
    id: user.id,
    email: normaliseEmail(user.email),
    name: user.name,
    role: user.role,
    password_hash: user.passwordHash,
    disabled: 0,
    created_at: user.at,
    updated_at: user.at,
  };
  await db.insertInto('users').values(row).execute();
  return userRowToUser(row);
}

export async function findUserById(db: Executor, id: string): Promise<UserRecord | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? userRowToUser(row) : null;
}

/** The user and their password hash, for login only. */
export async function findUserCredentials(
  db: Executor,
  email: string,
): Promise<{ user: UserRecord; passwordHash: string } | null> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  return row ? { user: userRowToUser(row), passwordHash: row.password_hash } : null;
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRecord | null> {
  return (await findUserCredentials(db, email))?.user ?? null;
}

export async function listUsers(db: Executor): Promise<UserRecord[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('name').orderBy('email').execute();
  return rows.map(userRowToUser);
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActiveAdmins(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type UserChanges = { name?: string; role?: Role; disabled?: boolean; passwordHash?: string };

export async function updateUser(db: Executor, id: string, changes: UserChanges, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.disabled !== undefined ? { disabled: changes.disabled ? 1 : 0 } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}
