// A subject's uploaded documents, newest first (deleted ones too: the row stays as the record of the upload).
import { listDocumentFiles as listFiles } from '../adapters/db/repositories/document-files.repository.ts';
import { subjectExists } from '../adapters/db/repositories/subjects.repository.ts';
import { type Actor, type AppContext, authorize, notFound } from './context.ts';
import { type DocumentFileView, toDocumentFileView } from './internal/documents.ts';

export async function listDocumentFiles(
  app: AppContext,
  actor: Actor,
  subjectId: string,
): Promise<{ files: DocumentFileView[] }> {
  authorize(actor, 'subjects:read');
  const db = app.database.db;
  if (!(await subjectExists(db, subjectId))) throw notFound('Subject', subjectId);
  return { files: (await listFiles(db, subjectId)).map(toDocumentFileView) };
}
