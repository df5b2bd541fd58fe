// Frozen: subjects whose live-ingested sign-ins (Okta Event Hook, generic webhook) still need re-assessing.
// A delivery records its subjects here in the same transaction as its events, and at most one queued
// `logins-reassess` job works through all of them, so deliveries coalesce and a crash loses nothing.
// Kysely<any>, no app code; portable types only.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current DB type.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('login_reassess_pending')
    .addColumn('subject_id', 'text', (c) => c.primaryKey().references('subjects.id').onDelete('cascade'))
    // Changes each time the subject is recorded again: a job removes only the records it read.
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('login_reassess_pending').ifExists().execute();
}
