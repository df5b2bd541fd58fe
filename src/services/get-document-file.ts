// One uploaded document of a subject: what it is, its analysis, retention and deletion.
import { type Actor, type AppContext, authorize } from './context.ts';
import { type DocumentFileView, findSubjectFile, toDocumentFileView } from './internal/documents.ts';

export async function getDocumentFile(
  app: AppContext,
  actor: Actor,
  subjectId: string,
  fileId: string,
): Promise<DocumentFileView> {
  authorize(actor, 'subjects:read');
  return toDocumentFileView(await findSubjectFile(app.database.db, subjectId, fileId));
}
