// A subject's interview recordings, newest first, with their analysis summaries (viewer role).
import { listInterviewRecordings } from '../adapters/db/repositories/interview-recordings.repository.ts';
import { subjectExists } from '../adapters/db/repositories/subjects.repository.ts';
import { type Actor, type AppContext, authorize, notFound } from './context.ts';
import { type RecordingView, toRecordingView } from './internal/recordings.ts';

export async function listRecordings(
  app: AppContext,
  actor: Actor,
  subjectId: string,
): Promise<RecordingView[]> {
  authorize(actor, 'subjects:read');
  const db = app.database.db;
  if (!(await subjectExists(db, subjectId))) throw notFound('Subject', subjectId);
  return (await listInterviewRecordings(db, subjectId)).map(toRecordingView);
}
