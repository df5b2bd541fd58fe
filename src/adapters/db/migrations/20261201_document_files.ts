// Frozen: uploaded ID documents and other papers. The file itself is encrypted under <dataDir>/files/ at
// `storage_key` (and its error-level image at `ela_key`); the row keeps what is known about it, the analysis,
// retention and deletion. Kysely<any>, no app code; portable types only.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the current DB type.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('document_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('pages', 'integer')
    .addColumn('storage_key', 'text')
    .addColumn('ela_key', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('retain_until', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text')
    .addColumn('error', 'text')
    .addColumn('analysis', 'text')
    .addColumn('perceptual_hash', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_reason', 'text')
    .addColumn('document_index', 'integer')
    .execute();
  await db.schema
    .createIndex('document_files_subject_idx')
    .on('document_files')
    .columns(['subject_id', 'uploaded_at'])
    .execute();
  // One stored copy of the same bytes per subject (a re-upload returns it); deleted rows do not count.
  await db.schema
    .createIndex('document_files_subject_sha_uq')
    .on('document_files')
    .columns(['subject_id', 'sha256'])
    .unique()
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('document_files_retain_idx')
    .on('document_files')
    .columns(['retain_until'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('document_files').ifExists().execute();
}
