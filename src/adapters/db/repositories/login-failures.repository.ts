import type { Executor } from '../database.ts';

export async function recordLoginFailure(
  db: Executor,
  failure: { id: string; email: string; ip: string; at: string },
): Promise<void> {
  await db.insertInto('login_failures').values(failure).execute();
}

export async function countLoginFailures(
  db: Executor,
  email: string,
  ip: string,
  since: string,
): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('email', '=', email)
    .where('ip', '=', ip)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function clearLoginFailures(db: Executor, email: string, ip: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email', '=', email).where('ip', '=', ip).execute();
}

export async function pruneLoginFailures(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('login_failures').where('at', '<=', before).execute();
}
