// Frozen: uploaded interview recordings (MP4, WebM, MOV). The video is encrypted under <dataDir>/files/ at
// `storage_key`; the row keeps what is known about it, the analysis summary, retention and deletion.
// Kysely<any>, no app code; portable types only.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current DB type.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('interview_recordings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id'))
    .addColumn('interview_index', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('retain_until', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text')
    .addColumn('error', 'text')
    .addColumn('analysis', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_reason', 'text')
    .execute();
  await db.schema
    .createIndex('interview_recordings_subject_idx')
    .on('interview_recordings')
    .columns(['subject_id', 'uploaded_at'])
    .execute();
  await db.schema
    .createIndex('interview_recordings_retain_idx')
    .on('interview_recordings')
    .columns(['retain_until'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('interview_recordings').ifExists().execute();
}
