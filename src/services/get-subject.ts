import { type Actor, type AppContext, authorize } from './context.ts';
import { loadSubjectDetail, type SubjectDetail } from './internal/views.ts';

export type { SubjectDetail };

export async function getSubject(app: AppContext, actor: Actor, id: string): Promise<SubjectDetail> {
  authorize(actor, 'subjects:read');
  return loadSubjectDetail(app.database.db, actor, id);
}
