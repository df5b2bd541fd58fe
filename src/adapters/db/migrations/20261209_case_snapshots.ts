// Frozen: case snapshots — an immutable copy of one subject's evidence, latest assessment, screenings, case
// state, timeline and stored-file hashes, with a SHA-256 manifest. Rows are never updated: a trigger refuses
// UPDATE in both dialects (deletion stays possible for retention under the privacy rules).
// Kysely<any>, no app code; portable types only.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current DB type.
type AnyDb = Kysely<any>;

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('case_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('manifest', 'text', (c) => c.notNull())
    .addColumn('manifest_hash', 'text', (c) => c.notNull())
    .addColumn('bundle', 'text', (c) => c.notNull())
    .addColumn('assessment', 'text', (c) => c.notNull())
    .addColumn('screenings', 'text', (c) => c.notNull())
    .addColumn('case_state', 'text', (c) => c.notNull())
    .addColumn('timeline', 'text', (c) => c.notNull())
    .addColumn('files', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_snapshots_subject_idx')
    .on('case_snapshots')
    .columns(['subject_id', 'created_at'])
    .execute();
  if (isPostgres(db)) {
    await sql`create function case_snapshots_refuse_update() returns trigger language plpgsql as $$
      begin raise exception 'case snapshots are immutable'; end $$`.execute(db);
    await sql`create trigger case_snapshots_no_update before update on case_snapshots
      for each row execute function case_snapshots_refuse_update()`.execute(db);
  } else {
    await sql`create trigger case_snapshots_no_update before update on case_snapshots
      begin select raise(abort, 'case snapshots are immutable'); end`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('case_snapshots').ifExists().execute();
  if (isPostgres(db)) await sql`drop function if exists case_snapshots_refuse_update()`.execute(db);
}
