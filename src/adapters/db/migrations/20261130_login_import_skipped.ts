// Frozen: sign-in imports count the records they skipped because they are not a person's sign-in (other Okta
// event types, Entra service principals, Google account warnings) apart from the unreadable ones, with the most
// frequent reasons and their counts.
// Kysely<any>, no app code; portable types only.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current DB type.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('login_imports')
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // [{reason, count}] (most frequent first), JSON text.
  await db.schema
    .alterTable('login_imports')
    .addColumn('skipped_reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('login_imports').dropColumn('skipped_reasons').execute();
  await db.schema.alterTable('login_imports').dropColumn('skipped').execute();
}
