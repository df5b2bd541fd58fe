import { type Actor, type AppContext, authorize } from './context.ts';
import { recordAccess } from './internal/privacy.ts';
import { loadSubjectDetail, type SubjectDetail } from './internal/views.ts';

export type { SubjectDetail };

export async function getSubject(app: AppContext, actor: Actor, id: string): Promise<SubjectDetail> {
  authorize(actor, 'subjects:read');
  const detail = await loadSubjectDetail(app.database.db, actor, id);
  // Opening a person's record is a viewing of their data (the access log; repeated opens within minutes count once).
  await recordAccess(app, actor, id, 'subject.viewed');
  return detail;
}
