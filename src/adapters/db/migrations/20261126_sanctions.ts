// Frozen: sanctions list snapshots (which import is active, what it contained, the diff from the previous one)
// and investigators' dismissals of list matches as "not this person". Kysely<any>, no application code.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current DB type.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('sanctions_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lists', 'text', (c) => c.notNull())
    .addColumn('diff', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('sanctions_snapshots_status_idx')
    .on('sanctions_snapshots')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('match_dismissals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
    .addColumn('signal', 'text', (c) => c.notNull())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('entry_version', 'text', (c) => c.notNull())
    .addColumn('matched_name', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('dismissed_by', 'text', (c) => c.notNull())
    .addColumn('dismissed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('match_dismissals_subject_idx')
    .on('match_dismissals')
    .column('subject_id')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('match_dismissals').execute();
  await db.schema.dropTable('sanctions_snapshots').execute();
}
