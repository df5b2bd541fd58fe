// Frozen: privacy. A legal hold per subject (their case): while `active` is 1 retention deletes nothing of the
// subject and a deletion request is refused; who set it, when and why are kept with it (changes are audited).
// The subject access log: who viewed which subject's sensitive data (ids and an action word only, no personal
// data), not hash-chained so a page view does not queue behind the audit chain. File deletions: stored files
// whose rows were deleted, removed after the commit and retried by the sweep if that failed.
// Kysely<any>, no app code; portable types only.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current DB type.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('legal_holds')
    .addColumn('subject_id', 'text', (c) => c.primaryKey())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('legal_holds_active_idx').on('legal_holds').columns(['active']).execute();
  await db.schema
    .createTable('subject_access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text')
    .execute();
  await db.schema
    .createIndex('subject_access_log_subject_idx')
    .on('subject_access_log')
    .columns(['subject_id', 'at'])
    .execute();
  await db.schema
    .createTable('file_deletions')
    .addColumn('storage_key', 'text', (c) => c.primaryKey())
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('file_deletions').ifExists().execute();
  await db.schema.dropTable('subject_access_log').ifExists().execute();
  await db.schema.dropTable('legal_holds').ifExists().execute();
}
